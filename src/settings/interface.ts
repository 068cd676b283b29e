/**
 * What every settings store offers (SQLite in `store.ts`, Postgres in `postgres.ts`), and what they share:
 * the change and removal records, and the error a store throws when its database fails. See docs/settings.md.
 */
import { type GuildSettings, type SettingName, SettingsValidationError } from './schema.ts';

export interface SettingChange {
  guildId: string;
  memberId: string;
  /** The setting changed, or 'reset' for a reset of all settings (values are then whole settings objects). */
  setting: SettingName | 'reset';
  /** JSON text of the previous effective value. */
  oldValue: string | null;
  /** JSON text of the new effective value. */
  newValue: string | null;
  /** ISO 8601 time of the change. */
  at: string;
}

export interface GuildRemoval {
  guildId: string;
  /** ISO 8601 time the bot was removed. */
  removedAt: string;
}

/** The database cannot be opened or written. `message` names the file and says what to do. */
export class SettingsStoreError extends Error {
  override readonly name = 'SettingsStoreError';
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Another process holds the database locked: trying again later can succeed. */
  get busy(): boolean {
    return /^SQLITE_(BUSY|LOCKED)/.test(errorCode(this.cause));
  }
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The error's own message and code, for the end of a message: `database disk image is malformed [SQLITE_CORRUPT]`. */
export function errorDetail(error: unknown): string {
  const code = errorCode(error);
  return `${error instanceof Error ? error.message : String(error)}${code ? ` [${code}]` : ''}`;
}

/** A row of `setting_history`, as both backends store it (the same columns in SQLite and Postgres). */
export interface HistoryRow {
  guild_id: string;
  member_id: string;
  setting: string;
  old_value: string | null;
  new_value: string | null;
  at: string;
}

export function changeFromRow(row: HistoryRow): SettingChange {
  return {
    guildId: row.guild_id,
    memberId: row.member_id,
    // A name this release does not know (written by a newer one) is passed through as stored.
    setting: row.setting as SettingName | 'reset',
    oldValue: row.old_value,
    newValue: row.new_value,
    at: row.at,
  };
}

/** One forward-only schema step of a store: applied in order, recorded in `schema_version`. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** A value, or a promise of it: callers `await` every store method but `get`. */
export type Awaitable<T> = T | Promise<T>;

/** How long `retryWhileBusy` keeps trying by default. */
export const RETRY_BUDGET_MS = 5000;
export const HISTORY_DEFAULT_LIMIT = 20;
export const HISTORY_MAX_LIMIT = 1000;

/**
 * Per-guild settings storage, one interface for both backends: the SQLite file (the default, `store.ts`) and
 * Postgres (`DATABASE_URL`, `postgres.ts`). The SQLite store answers synchronously, the Postgres one over the
 * network, so callers await every method except `get`, which both serve from memory. Both validate the same
 * way (`SettingsValidationError`, nothing changed), write each change and its history row in one transaction,
 * record nothing for a change that changes nothing, and keep settings when the bot leaves a server.
 */
export interface SettingsStore {
  /** Where the settings live, for messages: the database file, or the Postgres server and database. */
  readonly file: string;
  /** Effective settings of a guild (defaults for a guild never configured), frozen. */
  get(guildId: string): GuildSettings;
  set<K extends SettingName>(
    guildId: string,
    memberId: string,
    setting: K,
    value: GuildSettings[K],
  ): Awaitable<GuildSettings>;
  addChannel(guildId: string, memberId: string, channelId: string): Awaitable<GuildSettings>;
  removeChannel(guildId: string, memberId: string, channelId: string): Awaitable<GuildSettings>;
  clearChannels(guildId: string, memberId: string): Awaitable<GuildSettings>;
  reset(guildId: string, memberId: string): Awaitable<GuildSettings>;
  /** Changes of a guild, newest first (default 20, at most 1000). */
  history(guildId: string, limit?: number): Awaitable<SettingChange[]>;
  markGuildRemoved(guildId: string): Awaitable<void>;
  markGuildJoined(guildId: string): Awaitable<void>;
  removedAt(guildId: string): Awaitable<string | null>;
  removedGuilds(): Awaitable<GuildRemoval[]>;
  purgeGuild(guildId: string): Awaitable<{ settings: number; history: number }>;
  /** Whether the database answers right now: for `/healthz`. */
  isHealthy(): boolean;
  /**
   * For a store in a local file: whether that file is still where the next start reads it (not deleted or
   * replaced under the running bot). Absent for stores that are not a local file.
   */
  isOnDisk?(): boolean;
  close(): Awaitable<void>;
}

/** Throws a SettingsValidationError unless `limit` is a whole number from 1 to HISTORY_MAX_LIMIT. */
export function assertHistoryLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_MAX_LIMIT) {
    throw new SettingsValidationError(
      `The history limit must be a whole number from 1 to ${HISTORY_MAX_LIMIT}.`,
    );
  }
}

/**
 * Runs a store operation, retrying while the database is busy (locked by another process, or reconnecting), with
 * asynchronous pauses so the bot keeps answering meanwhile; gives up after `budgetMs`.
 */
export async function retryWhileBusy<T>(
  operation: () => Awaitable<T>,
  budgetMs = RETRY_BUDGET_MS,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof SettingsStoreError && error.busy) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
