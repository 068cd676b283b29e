/** The command registry: one list feeds both the interaction router and the deploy script. */
import { ask } from './ask.ts';
import { config } from './config.ts';
import { sources } from './sources.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [ask, sources, config];

/** What `deploy-commands` registers: every command, named after `BOT_COMMAND`. */
export function registrationPayload(command: string) {
  return commands.map((definition) => definition.data(command));
}
