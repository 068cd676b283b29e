/** The discord.js client, with the minimal intents and nothing able to ping by default. */
import { Client, GatewayIntentBits } from 'discord.js';
import type { BotConfig } from '../config.ts';

export function createClient(config: Pick<BotConfig, 'apiBase'>): Client {
  return new Client({
    // No privileged intent: messages that mention the bot carry their content anyway.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    ...(config.apiBase ? { rest: { api: config.apiBase } } : {}),
    allowedMentions: { parse: [], repliedUser: false },
  });
}
