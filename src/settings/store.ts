/**
 * SQLite store for per-guild settings, shared safely by several processes (shards). See docs/settings.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  assertHistoryLimit,
  changeFromRow,
  type GuildRemoval,
  HISTORY_DEFAULT_LIMIT,
  type HistoryRow,
  type SettingChange,
  type SettingsStore,
  SettingsStoreError,
} from './interface.ts';
import {
  assertSnowflake,
  DEFAULT_SETTINGS,
  encodeValue,
  type GuildSettings,
  type SettingName,
  settingsFromRows,
  validateSetting,
  withChannel,
  withSetting,
} from './schema.ts';
import { openFailure, operationFailure } from './sqlite-errors.ts';
import { migrate } from './sqlite-schema.ts';

export const SETTINGS_FILE_NAME = 'settings.sqlite3';
/** How long opening (and migrating) waits for another process's lock before giving up. */
export const BUSY_TIMEOUT_MS = 5000;
/**
 * How long one write waits for another process's lock. better-sqlite3 waits synchronously, on the
 * event loop every interaction shares, so a write waits briefly and `retryWhileBusy` keeps trying
 * asynchronously.
 */
const WRITE_WAIT_MS = 50;
/** Default interval of the check for changes committed by other processes (see `get`). */
const EXTERNAL_CHECK_INTERVAL_MS = 1000;
/** Bound on cached guilds; the oldest entry is dropped beyond it. */
const CACHE_MAX_ENTRIES = 10_000;

export interface SettingsStoreOptions {
  /**
   * Minimum interval between checks for changes committed by other processes (default 1000 ms). 0 checks on
   * every `get`.
   */
  externalCheckIntervalMs?: number;
  /** Clock in epoch milliseconds (tests). Used for the change check interval and for timestamps. */
  now?: () => number;
}

interface SettingRow {
  setting: string;
  value: string;
}

function prepareStatements(db: Database.Database) {
  return {
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    selectGuild: db.prepare<[string], SettingRow>(
      'SELECT setting, value FROM guild_settings WHERE guild_id = ?',
    ),
    upsertSetting: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO guild_settings (guild_id, setting, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, setting) DO UPDATE SET
         value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    deleteGuildSettings: db.prepare<[string]>('DELETE FROM guild_settings WHERE guild_id = ?'),
    insertHistory: db.prepare<[string, string, string, string | null, string | null, string]>(
      `INSERT INTO setting_history (guild_id, member_id, setting, old_value, new_value, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    selectHistory: db.prepare<[string, number], HistoryRow>(
      `SELECT guild_id, member_id, setting, old_value, new_value, at FROM setting_history
       WHERE guild_id = ? ORDER BY id DESC LIMIT ?`,
    ),
    deleteGuildHistory: db.prepare<[string]>('DELETE FROM setting_history WHERE guild_id = ?'),
    upsertRemoval: db.prepare<[string, string]>(
      `INSERT INTO guild_removals (guild_id, removed_at) VALUES (?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET removed_at = excluded.removed_at`,
    ),
    deleteRemoval: db.prepare<[string]>('DELETE FROM guild_removals WHERE guild_id = ?'),
    selectRemoval: db.prepare<[string], { removed_at: string }>(
      'SELECT removed_at FROM guild_removals WHERE guild_id = ?',
    ),
    selectRemovals: db.prepare<[], { guild_id: string; removed_at: string }>(
      'SELECT guild_id, removed_at FROM guild_removals ORDER BY removed_at, guild_id',
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

export class SqliteSettingsStore implements SettingsStore {
  readonly #cache = new Map<string, GuildSettings>();
  readonly #db: Database.Database;
  readonly #statements: Statements;
  readonly #checkIntervalMs: number;
  readonly #now: () => number;
  #lastCheckAt: number;
  #dataVersion: number;
  /** The database file as opened: a change counts only when it lands in this file, where a restart reads. */
  readonly #identity: { dev: number; ino: number };

  private constructor(
    db: Database.Database,
    /** Absolute path of the database file. */
    readonly file: string,
    options: SettingsStoreOptions,
  ) {
    this.#db = db;
    this.#statements = prepareStatements(db);
    this.#checkIntervalMs = Math.max(0, options.externalCheckIntervalMs ?? EXTERNAL_CHECK_INTERVAL_MS);
    this.#now = options.now ?? Date.now;
    this.#lastCheckAt = this.#now();
    this.#dataVersion = this.#statements.dataVersion.get() as number;
    const { dev, ino } = fs.statSync(file);
    this.#identity = { dev, ino };
  }

  /**
   * Opens `<dataDir>/settings.sqlite3`, creating the directory and the file if missing, and applies missing
   * schema migrations. Throws a SettingsStoreError naming the file when it is corrupt, unreadable, unwritable,
   * locked for too long, or written by a newer release.
   */
  static open(dataDir: string, options: SettingsStoreOptions = {}): SqliteSettingsStore {
    const file = path.resolve(dataDir, SETTINGS_FILE_NAME);
    let db: Database.Database | undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      // FULL: a change acknowledged to a moderator survives power loss, not only a process crash.
      db.pragma('synchronous = FULL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw Object.assign(new Error(`integrity check failed: ${String(check)}`), {
          code: 'SQLITE_CORRUPT',
        });
      }
      migrate(db, file);
      db.pragma(`busy_timeout = ${WRITE_WAIT_MS}`);
      return new SqliteSettingsStore(db, file, options);
    } catch (error) {
      try {
        db?.close();
      } catch {
        // The open failure is the error worth reporting.
      }
      throw openFailure(file, error, BUSY_TIMEOUT_MS);
    }
  }

  /**
   * Effective settings of a guild (defaults for a guild never configured), frozen.
   *
   * Served from this process's cache; writes through this store update it. Changes committed by other
   * processes are noticed through `PRAGMA data_version`, checked at most once per `externalCheckIntervalMs`
   * (default 1 s): when it moved, the whole cache is dropped. So another shard's change shows here within about
   * a second; call `refresh()` to see it at once.
   */
  get(guildId: string): GuildSettings {
    this.#checkExternalChanges();
    const cached = this.#cache.get(guildId);
    if (cached !== undefined) return cached;
    assertSnowflake(guildId, 'server id');
    const settings = this.#run(`read the settings of server ${guildId}`, () => this.#readEffective(guildId));
    this.#remember(guildId, settings);
    return settings;
  }

  /** Drops the cache now, so the next `get` of each guild reads the database. */
  refresh(): void {
    this.#cache.clear();
    this.#lastCheckAt = this.#now();
    this.#dataVersion = this.#readDataVersion();
  }

  /**
   * Validates `value`, then writes it and a history row in one transaction. Setting the current value again
   * changes nothing and records nothing. Returns the new effective settings.
   */
  set<K extends SettingName>(
    guildId: string,
    memberId: string,
    setting: K,
    value: GuildSettings[K],
  ): GuildSettings {
    this.#assertIds(guildId, memberId);
    const parsed = validateSetting(setting, value);
    return this.#write(guildId, `change ${setting} for server ${guildId}`, (current) =>
      this.#putSetting(guildId, memberId, setting, current, parsed),
    );
  }

  /** Adds a channel to the allow list; adding one already listed changes nothing. At most MAX_CHANNELS. */
  addChannel(guildId: string, memberId: string, channelId: string): GuildSettings {
    this.#assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.#write(guildId, `add a channel for server ${guildId}`, (current) => {
      return this.#putSetting(
        guildId,
        memberId,
        'channels',
        current,
        withChannel(current.channels, channelId),
      );
    });
  }

  /**
   * Removes a channel from the allow list; removing one not listed changes nothing. Note that removing the
   * last channel leaves the list empty, which means the bot answers in every channel.
   */
  removeChannel(guildId: string, memberId: string, channelId: string): GuildSettings {
    this.#assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.#write(guildId, `remove a channel for server ${guildId}`, (current) => {
      if (!current.channels.includes(channelId)) return current;
      const channels = current.channels.filter((id) => id !== channelId);
      return this.#putSetting(guildId, memberId, 'channels', current, channels);
    });
  }

  /** Empties the allow list: the bot answers in every channel. */
  clearChannels(guildId: string, memberId: string): GuildSettings {
    this.#assertIds(guildId, memberId);
    return this.#write(guildId, `clear the channels of server ${guildId}`, (current) =>
      this.#putSetting(guildId, memberId, 'channels', current, []),
    );
  }

  /**
   * Restores every default, recorded in history as setting 'reset' with the whole previous and default settings
   * as old and new value. A guild with nothing stored is left alone and nothing is recorded.
   */
  reset(guildId: string, memberId: string): GuildSettings {
    this.#assertIds(guildId, memberId);
    return this.#write(guildId, `reset the settings of server ${guildId}`, (current) => {
      const removed = this.#statements.deleteGuildSettings.run(guildId).changes;
      if (removed === 0) return current;
      this.#statements.insertHistory.run(
        guildId,
        memberId,
        'reset',
        encodeValue(current),
        encodeValue(DEFAULT_SETTINGS),
        this.#timestamp(),
      );
      return DEFAULT_SETTINGS;
    });
  }

  /** Changes of a guild, newest first (default 20, at most 1000). */
  history(guildId: string, limit = HISTORY_DEFAULT_LIMIT): SettingChange[] {
    assertSnowflake(guildId, 'server id');
    assertHistoryLimit(limit);
    return this.#run(`read the history of server ${guildId}`, () =>
      this.#statements.selectHistory.all(guildId, limit),
    ).map(changeFromRow);
  }

  /**
   * Records that the bot was removed from a guild. Settings and history are KEPT (removals are often undone:
   * a mistaken kick, a re-invite). Call it only for a real removal: a guild that became unavailable because of
   * an outage (GUILD_DELETE with `unavailable: true`) must not be recorded.
   */
  markGuildRemoved(guildId: string): void {
    assertSnowflake(guildId, 'server id');
    this.#run(`record the removal of server ${guildId}`, () =>
      this.#statements.upsertRemoval.run(guildId, this.#timestamp()),
    );
  }

  /** Records that the bot is (again) in a guild: clears a recorded removal. */
  markGuildJoined(guildId: string): void {
    assertSnowflake(guildId, 'server id');
    this.#run(`record joining server ${guildId}`, () => this.#statements.deleteRemoval.run(guildId));
  }

  /** When the bot was removed from a guild, or null when no removal is recorded. */
  removedAt(guildId: string): string | null {
    assertSnowflake(guildId, 'server id');
    return this.#run(
      'read guild removals',
      () => this.#statements.selectRemoval.get(guildId)?.removed_at ?? null,
    );
  }

  /** Guilds with a recorded removal, oldest removal first: candidates for an explicit purge. */
  removedGuilds(): GuildRemoval[] {
    return this.#run('read guild removals', () =>
      this.#statements.selectRemovals
        .all()
        .map((row) => ({ guildId: row.guild_id, removedAt: row.removed_at })),
    );
  }

  /**
   * Deletes everything stored about a guild, in one transaction: settings, history (which holds member ids) and
   * any recorded removal. Explicit only; nothing calls it automatically. Returns the number of rows deleted.
   */
  purgeGuild(guildId: string): { settings: number; history: number } {
    assertSnowflake(guildId, 'server id');
    const purge = this.#db.transaction(() => {
      const settings = this.#statements.deleteGuildSettings.run(guildId).changes;
      const history = this.#statements.deleteGuildHistory.run(guildId).changes;
      this.#statements.deleteRemoval.run(guildId);
      return { settings, history };
    });
    try {
      return this.#run(`purge server ${guildId}`, () => purge.immediate());
    } finally {
      this.#cache.delete(guildId);
    }
  }

  /** Whether the database answers a read right now: for `/healthz`. */
  isHealthy(): boolean {
    try {
      this.#statements.dataVersion.get();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether the open database is still the file at `file`. SQLite keeps writing to a file deleted or
   * replaced under it (DATA_DIR removed while running), and every change would be lost at the next start.
   */
  isOnDisk(): boolean {
    try {
      const { dev, ino } = fs.statSync(this.file);
      return dev === this.#identity.dev && ino === this.#identity.ino;
    } catch {
      return false;
    }
  }

  /** Closes the database. Idempotent; other methods throw afterwards. */
  close(): void {
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }

  #checkExternalChanges(): void {
    const now = this.#now();
    // Also checks when the clock went backwards.
    if (now >= this.#lastCheckAt && now - this.#lastCheckAt < this.#checkIntervalMs) return;
    this.#lastCheckAt = now;
    const version = this.#readDataVersion();
    if (version !== this.#dataVersion) {
      this.#dataVersion = version;
      this.#cache.clear();
    }
  }

  /** `PRAGMA data_version`: moves whenever another connection commits. */
  #readDataVersion(): number {
    return this.#run('check for changes', () => this.#statements.dataVersion.get() as number);
  }

  #readEffective(guildId: string): GuildSettings {
    return settingsFromRows(this.#statements.selectGuild.all(guildId));
  }

  /** Writes a setting and its history row (caller holds the transaction); returns the new settings. */
  #putSetting<K extends SettingName>(
    guildId: string,
    memberId: string,
    setting: K,
    current: GuildSettings,
    value: GuildSettings[K],
  ): GuildSettings {
    const oldValue = encodeValue(current[setting]);
    const newValue = encodeValue(value);
    if (oldValue === newValue) return current;
    const at = this.#timestamp();
    this.#statements.upsertSetting.run(guildId, setting, newValue, at, memberId);
    this.#statements.insertHistory.run(guildId, memberId, setting, oldValue, newValue, at);
    return withSetting(current, setting, value);
  }

  /**
   * Runs a read-modify-write in an IMMEDIATE transaction: the write lock is taken before reading, so the
   * current value is read from the database (not the cache) and no other process can change it in between.
   */
  #write(guildId: string, what: string, change: (current: GuildSettings) => GuildSettings): GuildSettings {
    const transaction = this.#db.transaction(() => {
      const changed = change(this.#readEffective(guildId));
      // Checked before the commit, so a change that would not survive a restart is rolled back instead.
      if (!this.isOnDisk()) {
        throw new SettingsStoreError(
          `Settings database ${this.file} was deleted or replaced while the bot was running, so a change ` +
            'would be lost at the next start. Nothing was changed. Restore the data directory (or restart the bot ' +
            'to create it again).',
          this.file,
        );
      }
      return changed;
    });
    let settings: GuildSettings;
    try {
      settings = this.#run(what, () => transaction.immediate());
    } catch (error) {
      this.#cache.delete(guildId);
      throw error;
    }
    this.#remember(guildId, settings);
    return settings;
  }

  /** Runs one database operation; a failure becomes a SettingsStoreError that says what failed and why. */
  #run<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw operationFailure(this.file, what, error);
    }
  }

  #remember(guildId: string, settings: GuildSettings): void {
    this.#cache.delete(guildId);
    if (this.#cache.size >= CACHE_MAX_ENTRIES) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(guildId, settings);
  }

  #assertIds(guildId: string, memberId: string): void {
    assertSnowflake(guildId, 'server id');
    assertSnowflake(memberId, 'member id');
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }
}
