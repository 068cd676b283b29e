/** What every command handler gets: the engine, the guild settings, and the bot's configuration. */
import type { Logger } from 'pino';
import type { AnswerEngine } from '../search/engine.ts';
import type { SettingsStore } from '../settings/store.ts';
import type { Cooldowns } from './cooldowns.ts';

export interface BotContext {
  engine: AnswerEngine;
  settings: SettingsStore;
  cooldowns: Cooldowns;
  /** The base command name (`BOT_COMMAND`); companions are `<command>-sources` and `<command>-config`. */
  command: string;
  logger: Logger;
}

/** What a handler did, for the one log line per interaction. */
export interface Outcome {
  outcome:
    | 'answered'
    | 'no-results'
    | 'suggested'
    | 'shown'
    | 'updated'
    | 'refused'
    | 'cooldown'
    | 'not-enabled'
    | 'expired'
    | 'ignored';
  results?: number;
}
