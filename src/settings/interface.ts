/**
 * What every settings store offers (SQLite in `store.ts`, Postgres in `postgres.ts`), and what they share:
 * the change and removal records, and the error a store throws when its database fails. See docs/settings.md.
 */
import type { SettingName } from './schema.ts';

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
