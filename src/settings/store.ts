/**
 * SQLite store for per-guild settings, shared safely by several processes (shards). See docs/settings.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  assertHistoryLimit,
  changeFromRow,
  errorCode,
  type GuildRemoval,
  HISTORY_DEFAULT_LIMIT,
  type HistoryRow,
  type Migration,
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
  SettingsValidationError,
  settingsFromRows,
  validateSetting,
  withChannel,
  withSetting,
} from './schema.ts';

export const SETTINGS_FILE_NAME = 'settings.sqlite3';
/** How long opening (and migrating) waits for another process's lock before giving up. */
export const BUSY_TIMEOUT_MS = 5000;
/**
 * How long one write waits for another process's lock. better-sqlite3 waits synchronously, on the
 * event loop every interaction shares, so a write waits briefly and `retryWhileBusy` keeps trying
 * asynchronously.
 */
export const WRITE_WAIT_MS = 50;
/** Default interval of the check for changes committed by other processes (see `get`). */
export const EXTERNAL_CHECK_INTERVAL_MS = 1000;
/** Bound on cached guilds; the oldest entry is dropped beyond it. */
const CACHE_MAX_ENTRIES = 10_000;

/**
 * Forward-only schema migrations, applied in order. Append new steps; never edit or reorder shipped ones.
 * `schema_version` holds one row per applied step.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'guild settings, change history, guild removals',
    sql: `
      CREATE TABLE guild_settings (
        guild_id   TEXT NOT NULL,
        setting    TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (guild_id, setting)
      ) WITHOUT ROWID;
      CREATE TABLE setting_history (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id  TEXT NOT NULL,
        member_id TEXT NOT NULL,
        setting   TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        at        TEXT NOT NULL
      );
      CREATE INDEX setting_history_guild ON setting_history (guild_id, id);
      CREATE TABLE guild_removals (
        guild_id   TEXT PRIMARY KEY,
        removed_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Schema version this build creates and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface SettingsStoreOptions {
  /**
   * Minimum interval between checks for changes committed by other processes (default 1000 ms). 0 checks on
   * every `get`.
   */
  externalCheckIntervalMs?: number;
  /** Clock in epoch milliseconds (tests). Used for the change check interval and for timestamps. */
  now?: () => number;
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function openFailure(file: string, error: unknown): SettingsStoreError {
  if (error instanceof SettingsStoreError) return error;
  const code = errorCode(error);
  const detail = `${errorDetail(error)}${code ? ` [${code}]` : ''}`;
  const dir = path.dirname(file);
  let message: string;
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    message =
      `Settings database ${file} is corrupt or is not a SQLite database (${detail}). ` +
      'Stop every bot process, then restore the file from a backup, or move it aside (together with any ' +
      `${SETTINGS_FILE_NAME}-wal and ${SETTINGS_FILE_NAME}-shm files next to it) to start again with default ` +
      'settings for every server.';
  } else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    message =
      `Settings database ${file} stayed locked by another process for more than ${BUSY_TIMEOUT_MS} ms ` +
      `(${detail}). Check for a stuck bot process using the file, then start again.`;
  } else if (
    ['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH', 'SQLITE_IOERR'].some((prefix) =>
      code.startsWith(prefix),
    ) ||
    ['EACCES', 'EPERM', 'EEXIST', 'ENOTDIR', 'EROFS', 'EISDIR'].includes(code)
  ) {
    message =
      `Cannot open settings database ${file} for reading and writing (${detail}). ` +
      `Check that the data directory ${dir} is a directory (not a file), that the bot's user can create and ` +
      'write files in it, and that the database file itself is a writable regular file; or point DATA_DIR ' +
      'somewhere writable.';
  } else {
    message = `Cannot open settings database ${file} (${detail}).`;
  }
  return new SettingsStoreError(message, file, { cause: error });
}

function operationFailure(file: string, what: string, error: unknown): unknown {
  if (error instanceof SettingsValidationError || error instanceof SettingsStoreError) return error;
  const code = errorCode(error);
  const detail = `${errorDetail(error)}${code ? ` [${code}]` : ''}`;
  let advice = '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    advice = ' Another process holds the database locked; try again.';
  } else if (code.startsWith('SQLITE_FULL')) {
    advice = ' The disk is full.';
  } else if (code.startsWith('SQLITE_READONLY')) {
    advice = ' The file or its directory is not writable.';
  } else if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    advice = ' The file is corrupt: stop the bot and restore it from a backup or move it aside.';
  }
  return new SettingsStoreError(
    `Could not ${what} in settings database ${file} (${detail}).${advice}`,
    file,
    {
      cause: error,
    },
  );
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

function migrate(db: Database.Database, file: string): void {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  TEXT NOT NULL
    )`);
    const current =
      (db.prepare('SELECT MAX(version) FROM schema_version').pluck().get() as number | null) ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new SettingsStoreError(
        `Settings database ${file} has schema version ${current}, but this version of the bot only knows up to ` +
          `version ${SCHEMA_VERSION}: it was written by a newer release. Run that newer release, or restore a ` +
          'backup made for this one; the database is not downgraded automatically.',
        file,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
    // A write statement (touching no row) fails now if the file was opened read-only (e.g. file permissions),
    // instead of at a moderator's first change.
    db.prepare('UPDATE schema_version SET version = version WHERE 0').run();
  });
  // IMMEDIATE: take the write lock before reading the version, so concurrent openers migrate one at a time.
  run.immediate();
}

export class SqliteSettingsStore implements SettingsStore {
  private readonly cache = new Map<string, GuildSettings>();
  private readonly statements: Statements;
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private lastCheckAt: number;
  private dataVersion: number;
  /** The database file as opened: a change counts only when it lands in this file, where a restart reads. */
  private readonly identity: { dev: number; ino: number };

  private constructor(
    private readonly db: Database.Database,
    /** Absolute path of the database file. */
    readonly file: string,
    options: SettingsStoreOptions,
  ) {
    this.statements = prepareStatements(db);
    this.checkIntervalMs = Math.max(0, options.externalCheckIntervalMs ?? EXTERNAL_CHECK_INTERVAL_MS);
    this.now = options.now ?? Date.now;
    this.lastCheckAt = this.now();
    this.dataVersion = this.statements.dataVersion.get() as number;
    const { dev, ino } = fs.statSync(file);
    this.identity = { dev, ino };
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
      throw openFailure(file, error);
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
    this.checkExternalChanges();
    const cached = this.cache.get(guildId);
    if (cached !== undefined) return cached;
    assertSnowflake(guildId, 'server id');
    let settings: GuildSettings;
    try {
      settings = this.readEffective(guildId);
    } catch (error) {
      throw operationFailure(this.file, `read the settings of server ${guildId}`, error);
    }
    this.remember(guildId, settings);
    return settings;
  }

  /** Drops the cache now, so the next `get` of each guild reads the database. */
  refresh(): void {
    this.cache.clear();
    this.lastCheckAt = this.now();
    try {
      this.dataVersion = this.statements.dataVersion.get() as number;
    } catch (error) {
      throw operationFailure(this.file, 'check for changes', error);
    }
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
    this.assertIds(guildId, memberId);
    const parsed = validateSetting(setting, value);
    return this.write(guildId, `change ${setting} for server ${guildId}`, (current) =>
      this.putSetting(guildId, memberId, setting, current, parsed),
    );
  }

  /** Adds a channel to the allow list; adding one already listed changes nothing. At most MAX_CHANNELS. */
  addChannel(guildId: string, memberId: string, channelId: string): GuildSettings {
    this.assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.write(guildId, `add a channel for server ${guildId}`, (current) => {
      return this.putSetting(
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
    this.assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.write(guildId, `remove a channel for server ${guildId}`, (current) => {
      if (!current.channels.includes(channelId)) return current;
      const channels = current.channels.filter((id) => id !== channelId);
      return this.putSetting(guildId, memberId, 'channels', current, channels);
    });
  }

  /** Empties the allow list: the bot answers in every channel. */
  clearChannels(guildId: string, memberId: string): GuildSettings {
    this.assertIds(guildId, memberId);
    return this.write(guildId, `clear the channels of server ${guildId}`, (current) =>
      this.putSetting(guildId, memberId, 'channels', current, []),
    );
  }

  /**
   * Restores every default, recorded in history as setting 'reset' with the whole previous and default settings
   * as old and new value. A guild with nothing stored is left alone and nothing is recorded.
   */
  reset(guildId: string, memberId: string): GuildSettings {
    this.assertIds(guildId, memberId);
    return this.write(guildId, `reset the settings of server ${guildId}`, (current) => {
      const removed = this.statements.deleteGuildSettings.run(guildId).changes;
      if (removed === 0) return current;
      this.statements.insertHistory.run(
        guildId,
        memberId,
        'reset',
        encodeValue(current),
        encodeValue(DEFAULT_SETTINGS),
        this.timestamp(),
      );
      return DEFAULT_SETTINGS;
    });
  }

  /** Changes of a guild, newest first (default 20, at most 1000). */
  history(guildId: string, limit = HISTORY_DEFAULT_LIMIT): SettingChange[] {
    assertSnowflake(guildId, 'server id');
    assertHistoryLimit(limit);
    let rows: HistoryRow[];
    try {
      rows = this.statements.selectHistory.all(guildId, limit);
    } catch (error) {
      throw operationFailure(this.file, `read the history of server ${guildId}`, error);
    }
    return rows.map(changeFromRow);
  }

  /**
   * Records that the bot was removed from a guild. Settings and history are KEPT (removals are often undone:
   * a mistaken kick, a re-invite). Call it only for a real removal: a guild that became unavailable because of
   * an outage (GUILD_DELETE with `unavailable: true`) must not be recorded.
   */
  markGuildRemoved(guildId: string): void {
    assertSnowflake(guildId, 'server id');
    this.run(`record the removal of server ${guildId}`, () =>
      this.statements.upsertRemoval.run(guildId, this.timestamp()),
    );
  }

  /** Records that the bot is (again) in a guild: clears a recorded removal. */
  markGuildJoined(guildId: string): void {
    assertSnowflake(guildId, 'server id');
    this.run(`record joining server ${guildId}`, () => this.statements.deleteRemoval.run(guildId));
  }

  /** When the bot was removed from a guild, or null when no removal is recorded. */
  removedAt(guildId: string): string | null {
    assertSnowflake(guildId, 'server id');
    return this.run(
      'read guild removals',
      () => this.statements.selectRemoval.get(guildId)?.removed_at ?? null,
    );
  }

  /** Guilds with a recorded removal, oldest removal first: candidates for an explicit purge. */
  removedGuilds(): GuildRemoval[] {
    return this.run('read guild removals', () =>
      this.statements.selectRemovals
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
    const purge = this.db.transaction(() => {
      const settings = this.statements.deleteGuildSettings.run(guildId).changes;
      const history = this.statements.deleteGuildHistory.run(guildId).changes;
      this.statements.deleteRemoval.run(guildId);
      return { settings, history };
    });
    try {
      return purge.immediate();
    } catch (error) {
      throw operationFailure(this.file, `purge server ${guildId}`, error);
    } finally {
      this.cache.delete(guildId);
    }
  }

  /** Whether the database answers a read right now: for `/healthz`. */
  isHealthy(): boolean {
    try {
      this.statements.dataVersion.get();
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
      return dev === this.identity.dev && ino === this.identity.ino;
    } catch {
      return false;
    }
  }

  /** Closes the database. Idempotent; other methods throw afterwards. */
  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  private checkExternalChanges(): void {
    const now = this.now();
    // Also checks when the clock went backwards.
    if (now >= this.lastCheckAt && now - this.lastCheckAt < this.checkIntervalMs) return;
    this.lastCheckAt = now;
    let version: number;
    try {
      version = this.statements.dataVersion.get() as number;
    } catch (error) {
      throw operationFailure(this.file, 'check for changes', error);
    }
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.cache.clear();
    }
  }

  private readEffective(guildId: string): GuildSettings {
    return settingsFromRows(this.statements.selectGuild.all(guildId));
  }

  /** Writes a setting and its history row (caller holds the transaction); returns the new settings. */
  private putSetting<K extends SettingName>(
    guildId: string,
    memberId: string,
    setting: K,
    current: GuildSettings,
    value: GuildSettings[K],
  ): GuildSettings {
    const oldValue = encodeValue(current[setting]);
    const newValue = encodeValue(value);
    if (oldValue === newValue) return current;
    const at = this.timestamp();
    this.statements.upsertSetting.run(guildId, setting, newValue, at, memberId);
    this.statements.insertHistory.run(guildId, memberId, setting, oldValue, newValue, at);
    return withSetting(current, setting, value);
  }

  /**
   * Runs a read-modify-write in an IMMEDIATE transaction: the write lock is taken before reading, so the
   * current value is read from the database (not the cache) and no other process can change it in between.
   */
  private write(
    guildId: string,
    what: string,
    change: (current: GuildSettings) => GuildSettings,
  ): GuildSettings {
    const transaction = this.db.transaction(() => {
      const changed = change(this.readEffective(guildId));
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
      settings = transaction.immediate();
    } catch (error) {
      this.cache.delete(guildId);
      throw operationFailure(this.file, what, error);
    }
    this.remember(guildId, settings);
    return settings;
  }

  private run<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw operationFailure(this.file, what, error);
    }
  }

  private remember(guildId: string, settings: GuildSettings): void {
    this.cache.delete(guildId);
    if (this.cache.size >= CACHE_MAX_ENTRIES) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(guildId, settings);
  }

  private assertIds(guildId: string, memberId: string): void {
    assertSnowflake(guildId, 'server id');
    assertSnowflake(memberId, 'member id');
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
