/**
 * `npm run deploy-commands`: registers the command set with a bulk overwrite — to each server in
 * `DISCORD_GUILD_IDS` (instant), or globally when none is given (Discord may take up to an hour
 * to show global changes). Idempotent: running it twice registers the same set.
 */
import { REST, Routes } from 'discord.js';
import { registrationPayload } from '../../commands/index.ts';
import { ConfigError, loadBotConfig, readEnvFile } from '../config.ts';

async function main(): Promise<number> {
  readEnvFile();
  const config = loadBotConfig();
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = registrationPayload(config.command);
  const names = body.map((command) => `/${command.name}`).join(', ');

  if (config.guildIds.length === 0) {
    await rest.put(Routes.applicationCommands(application.id), { body });
    process.stdout.write(`Registered ${body.length} commands globally: ${names}\n`);
    return 0;
  }
  for (const guildId of config.guildIds) {
    await rest.put(Routes.applicationGuildCommands(application.id, guildId), { body });
    process.stdout.write(`Registered ${body.length} commands in server ${guildId}: ${names}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    // Never print the request: it carries the token in its headers.
    const status = (error as { status?: number }).status;
    process.stderr.write(
      `deploy-commands: ${(error as Error).message}${status === 401 ? ' (DISCORD_TOKEN was rejected)' : ''}\n`,
    );
    process.exitCode = 1;
  },
);
