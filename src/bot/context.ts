/** What every command handler gets: the engine, the guild settings, and the bot's configuration. */
import type { Logger } from 'pino';
import type { AnswerEngine } from '../search/engine.ts';
import type { LiveCorpus } from '../search/live.ts';
import type { SettingsStore } from '../settings/interface.ts';
import type { BurstLimiter, CooldownStore } from './cooldowns.ts';
import type { BotMetrics } from './metrics.ts';

export interface BotContext {
  engine: AnswerEngine;
  settings: SettingsStore;
  cooldowns: CooldownStore;
  /** The built-in per-member floor, under every moderator setting. */
  burst: BurstLimiter;
  /** The base command name (`BOT_COMMAND`); companions are `<command>-sources`, `-config` and `-admin`. */
  command: string;
  logger: Logger;
  metrics: BotMetrics;
  /** Watches the corpus directory; `/<command>-admin reload` asks it directly. */
  live: LiveCorpus;
  /** The only users `/<command>-admin` obeys (`OWNER_IDS`). */
  ownerIds: readonly string[];
  startedAt: Date;
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
    | 'rate-limited'
    | 'not-enabled'
    | 'expired'
    | 'ignored';
  results?: number;
  /** The question, when it matched nothing: logged so corpus editors can add synonyms. */
  unanswered?: string;
}
