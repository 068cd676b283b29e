/** The command registry: one list feeds both the interaction router and the deploy script. */
import { admin } from './admin.ts';
import { ask } from './ask.ts';
import { config } from './config.ts';
import { sources } from './sources.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [ask, sources, config, admin];

/**
 * What `deploy-commands` registers, named after `BOT_COMMAND`: in a server, every command; globally,
 * all but the operator-only ones, which stay in the servers of `DISCORD_GUILD_IDS`.
 */
export function registrationPayload(command: string, scope: 'guild' | 'global' = 'guild') {
  return commands
    .filter((definition) => scope === 'guild' || definition.scope !== 'guild')
    .map((definition) => definition.data(command));
}
