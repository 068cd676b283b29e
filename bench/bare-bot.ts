/** The latency baseline: a bare discord.js bot that answers every slash command with "pong". */
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_BASE ?? '' },
});
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) void interaction.reply('pong');
});
client.once(Events.ClientReady, () => process.stderr.write('connected to Discord\n'));
process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
void client.login(process.env.DISCORD_TOKEN);
