/** The command registry: one list feeds both the interaction router and the deploy script (via their entry points). */
import type { Command } from '../src/bot/context.ts';
import { registrationPayload as payloadFor } from '../src/bot/deploy-commands.ts';
import { admin } from './admin.ts';
import { ask } from './ask.ts';
import { config } from './config.ts';
import { sources } from './sources.ts';

export const commands: readonly Command[] = [ask, sources, config, admin];

/** What `deploy-commands` registers for this registry (tests and benchmarks compare against it). */
export function registrationPayload(command: string, scope: 'guild' | 'global' = 'guild') {
  return payloadFor(commands, command, scope);
}
