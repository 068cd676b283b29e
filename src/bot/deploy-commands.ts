/**
 * Registering the command set with a bulk overwrite — in each server of `DISCORD_GUILD_IDS`
 * (instant), or globally when none is given (Discord may take up to an hour to show global
 * changes). Idempotent. The deploy script and the playground both register through here.
 */
import { REST, Routes } from 'discord.js';
import type { BotConfig } from '../config.ts';
import type { Command } from './context.ts';

/**
 * What `deploy-commands` registers, named after `BOT_COMMAND`: in a server, every command; globally,
 * all but the operator-only ones, which stay in the servers of `DISCORD_GUILD_IDS`.
 */
export function registrationPayload(
  commands: readonly Command[],
  command: string,
  scope: 'guild' | 'global' = 'guild',
) {
  return commands
    .filter((definition) => scope === 'guild' || definition.scope !== 'guild')
    .map((definition) => definition.data(command));
}

/**
 * Registers `commands` (the registry, handed over by the entry point) where `config` says; `report` gets one
 * line per registration done.
 */
export async function deployCommands(
  commands: readonly Command[],
  config: Pick<BotConfig, 'token' | 'apiBase' | 'guildIds' | 'command'>,
  report: (line: string) => void = () => {},
): Promise<void> {
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const names = (body: { name: string }[]) => body.map((command) => `/${command.name}`).join(', ');

  if (config.guildIds.length === 0) {
    // Operator-only commands are never registered globally.
    const body = registrationPayload(commands, config.command, 'global');
    await rest.put(Routes.applicationCommands(application.id), { body });
    report(`Registered ${body.length} commands globally: ${names(body)}`);
    return;
  }
  const body = registrationPayload(commands, config.command, 'guild');
  for (const guildId of config.guildIds) {
    await rest.put(Routes.applicationGuildCommands(application.id, guildId), { body });
    report(`Registered ${body.length} commands in server ${guildId}: ${names(body)}`);
  }
}
