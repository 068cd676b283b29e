/**
 * Postgres store for per-guild settings (`DATABASE_URL`), shared by any number of processes on any number of
 * machines. Same interface, validation, messages and rules as the SQLite store; see docs/settings.md
 * ("Postgres") for the design.
 *
 * Reads never touch the network: every process keeps the settings of every configured guild in memory, loaded
 * at start and kept current by LISTEN/NOTIFY (each change's notification carries the guild's new settings and
 * revision). When the connection is lost, the last known settings keep answering while a new connection is
 * tried with backoff; once it is back, everything is reloaded, since notifications sent meanwhile are lost.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
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
import { describeDatabase, openFailure, operationFailure } from './postgres-errors.ts';
import { migrate, POSTGRES_SCHEMA_VERSION } from './postgres-schema.ts';
import {
  assertSnowflake,
  DEFAULT_SETTINGS,
  encodeValue,
  type GuildSettings,
  isSnowflake,
  SETTING_NAMES,
  type SettingName,
  settingsFromRows,
  validateSetting,
  withChannel,
  withSetting,
} from './schema.ts';

/** The LISTEN/NOTIFY channel of settings changes. */
const SETTINGS_CHANNEL = 'csto_settings';
/** Connecting (pool or listener) gives up after this long: a write then fails, and is retried by its caller. */
const CONNECT_TIMEOUT_MS = 3000;
/** The listener's reconnection backoff: from the first to the last delay, doubling, with jitter. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5000;
/** First key of the two-key advisory lock that serialises the writers of one guild (the second is its hash). */
const GUILD_LOCK_SPACE = 7411;

export interface PostgresStoreOptions {
  /** Clock in epoch milliseconds (tests), for timestamps. */
  now?: () => number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

interface StoreEvents {
  /** Another process changed a guild's settings, and this one now serves them. */
  changed: [guildId: string, revision: number];
  /** The listening connection was lost: the last known settings keep answering. */
  disconnected: [error: Error];
  /** Listening again, and every guild reloaded. */
  reconnected: [downMs: number];
}

interface Known {
  revision: number;
  settings: GuildSettings;
}

export class PostgresSettingsStore extends EventEmitter<StoreEvents> implements SettingsStore {
  /** Every configured guild's settings, with the revision they are at. */
  readonly #known = new Map<string, Known>();
  /** Tells this process's own notifications from other processes'. */
  readonly #origin = randomUUID();
  readonly #now: () => number;
  readonly #url: string;
  #listener: pg.Client | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  /** Set after the first load: later loads report what changed while this process was not listening. */
  #loaded = false;
  #closed = false;

  private constructor(
    /** The pool every read and write goes through; `PostgresCooldowns` shares it. */
    readonly pool: pg.Pool,
    url: string,
    /** Server and database, without credentials. */
    readonly file: string,
    options: PostgresStoreOptions,
  ) {
    super();
    this.#url = url;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Connects, applies missing migrations (one process at a time), loads every configured guild and starts
   * listening. Throws a SettingsStoreError naming the database when it cannot be reached or was migrated by a
   * newer release.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresSettingsStore> {
    const location = describeDatabase(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle connection that breaks (the server restarted) is dropped by the pool, and the next query opens
    // a new one; the listener reports the outage. Without a listener this event would end the process.
    pool.on('error', () => undefined);
    const store = new PostgresSettingsStore(pool, url, location, options);
    try {
      const client = await pool.connect();
      let found: { found: number; newer: boolean };
      try {
        found = await migrate(client);
      } finally {
        client.release();
      }
      if (found.newer) {
        throw new SettingsStoreError(
          `Settings database ${location} has schema version ${found.found}, but this version of the bot only ` +
            `knows up to version ${POSTGRES_SCHEMA_VERSION}: it was migrated by a newer release. Run that newer ` +
            'release, or restore a backup made for this one; the database is not downgraded automatically.',
          location,
        );
      }
      await store.#listen();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw openFailure(location, error);
    }
  }

  get(guildId: string): GuildSettings {
    assertSnowflake(guildId, 'server id');
    return this.#known.get(guildId)?.settings ?? DEFAULT_SETTINGS;
  }

  async set<K extends SettingName>(
    guildId: string,
    memberId: string,
    setting: K,
    value: GuildSettings[K],
  ): Promise<GuildSettings> {
    this.#assertIds(guildId, memberId);
    const parsed = validateSetting(setting, value);
    return this.#write(guildId, `change ${setting} for server ${guildId}`, (client, current) =>
      this.#putSetting(client, guildId, memberId, setting, current, parsed),
    );
  }

  async addChannel(guildId: string, memberId: string, channelId: string): Promise<GuildSettings> {
    this.#assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.#putChannels(guildId, memberId, `add a channel for server ${guildId}`, (channels) =>
      withChannel(channels, channelId),
    );
  }

  async removeChannel(guildId: string, memberId: string, channelId: string): Promise<GuildSettings> {
    this.#assertIds(guildId, memberId);
    assertSnowflake(channelId, 'channel id');
    return this.#putChannels(guildId, memberId, `remove a channel for server ${guildId}`, (channels) =>
      channels.filter((id) => id !== channelId),
    );
  }

  async clearChannels(guildId: string, memberId: string): Promise<GuildSettings> {
    this.#assertIds(guildId, memberId);
    return this.#putChannels(guildId, memberId, `clear the channels of server ${guildId}`, () => []);
  }

  async reset(guildId: string, memberId: string): Promise<GuildSettings> {
    this.#assertIds(guildId, memberId);
    return this.#write(guildId, `reset the settings of server ${guildId}`, async (client, current) => {
      const removed = await client.query('DELETE FROM guild_settings WHERE guild_id = $1', [guildId]);
      if (removed.rowCount === 0) return null;
      await this.#insertHistory(client, [
        guildId,
        memberId,
        'reset',
        encodeValue(current),
        encodeValue(DEFAULT_SETTINGS),
      ]);
      return DEFAULT_SETTINGS;
    });
  }

  async history(guildId: string, limit = HISTORY_DEFAULT_LIMIT): Promise<SettingChange[]> {
    assertSnowflake(guildId, 'server id');
    assertHistoryLimit(limit);
    const { rows } = await this.#query<HistoryRow>(
      `read the history of server ${guildId}`,
      `SELECT guild_id, member_id, setting, old_value, new_value, at FROM setting_history
       WHERE guild_id = $1 ORDER BY id DESC LIMIT $2`,
      [guildId, limit],
    );
    return rows.map(changeFromRow);
  }

  async markGuildRemoved(guildId: string): Promise<void> {
    assertSnowflake(guildId, 'server id');
    await this.#query(
      `record the removal of server ${guildId}`,
      `INSERT INTO guild_removals (guild_id, removed_at) VALUES ($1, $2)
       ON CONFLICT (guild_id) DO UPDATE SET removed_at = excluded.removed_at`,
      [guildId, this.#timestamp()],
    );
  }

  async markGuildJoined(guildId: string): Promise<void> {
    assertSnowflake(guildId, 'server id');
    await this.#query(`record joining server ${guildId}`, 'DELETE FROM guild_removals WHERE guild_id = $1', [
      guildId,
    ]);
  }

  async removedAt(guildId: string): Promise<string | null> {
    assertSnowflake(guildId, 'server id');
    const { rows } = await this.#query<{ removed_at: string }>(
      'read guild removals',
      'SELECT removed_at FROM guild_removals WHERE guild_id = $1',
      [guildId],
    );
    return rows[0]?.removed_at ?? null;
  }

  async removedGuilds(): Promise<GuildRemoval[]> {
    const { rows } = await this.#query<{ guild_id: string; removed_at: string }>(
      'read guild removals',
      'SELECT guild_id, removed_at FROM guild_removals ORDER BY removed_at, guild_id',
    );
    return rows.map((row) => ({ guildId: row.guild_id, removedAt: row.removed_at }));
  }

  async purgeGuild(guildId: string): Promise<{ settings: number; history: number }> {
    assertSnowflake(guildId, 'server id');
    let counts = { settings: 0, history: 0 };
    await this.#write(guildId, `purge server ${guildId}`, async (client) => {
      const settings = await client.query('DELETE FROM guild_settings WHERE guild_id = $1', [guildId]);
      const history = await client.query('DELETE FROM setting_history WHERE guild_id = $1', [guildId]);
      await client.query('DELETE FROM guild_removals WHERE guild_id = $1', [guildId]);
      counts = { settings: settings.rowCount ?? 0, history: history.rowCount ?? 0 };
      return DEFAULT_SETTINGS;
    });
    return counts;
  }

  /** Listening for changes (so every guild's settings are current); false while reconnecting. */
  isHealthy(): boolean {
    return !this.#closed && this.#listener !== null;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  // ----- reading and listening ---------------------------------------------------------------------------

  /** Connects the listening client, LISTENs, then (re)loads every guild: nothing committed in between is missed. */
  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => this.#onNotification(message.payload));
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the connection to the database ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${SETTINGS_CHANNEL}`);
      this.#listener = client;
      await this.#reload();
    } catch (error) {
      if (this.#listener === client) this.#listener = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) await client.end().catch(() => undefined);
  }

  async #reload(): Promise<void> {
    const { rows } = await this.pool.query<{
      guild_id: string;
      revision: string;
      rows: { setting: string; value: string }[];
    }>(
      `SELECT r.guild_id, r.revision,
              COALESCE(json_agg(json_build_object('setting', s.setting, 'value', s.value))
                       FILTER (WHERE s.setting IS NOT NULL), '[]') AS rows
       FROM guild_revisions r LEFT JOIN guild_settings s ON s.guild_id = r.guild_id
       GROUP BY r.guild_id, r.revision`,
    );
    for (const row of rows) {
      const revision = Number(row.revision);
      if (this.#remember(row.guild_id, revision, settingsFromRows(row.rows)) && this.#loaded) {
        this.emit('changed', row.guild_id, revision);
      }
    }
    this.#loaded = true;
  }

  #onNotification(payload: string | undefined): void {
    let message: { origin?: unknown; guild?: unknown; revision?: unknown; values?: unknown };
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    const { guild, revision, values } = message;
    if (!isSnowflake(guild) || typeof revision !== 'number' || typeof values !== 'object' || !values) return;
    const rows = Object.entries(values)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([setting, value]) => ({ setting, value }));
    if (this.#remember(guild, revision, settingsFromRows(rows)) && message.origin !== this.#origin) {
      this.emit('changed', guild, revision);
    }
  }

  /** Keeps `settings` unless a newer revision of the guild is already known; true when kept. */
  #remember(guildId: string, revision: number, settings: GuildSettings): boolean {
    const known = this.#known.get(guildId);
    if (known && known.revision >= revision) return false;
    this.#known.set(guildId, { revision, settings });
    return true;
  }

  #lost(client: pg.Client, error: Error): void {
    if (client !== this.#listener || this.#closed) return;
    this.#listener = null;
    client.end().catch(() => undefined);
    this.emit('disconnected', error);
    const downSince = this.#now();
    const attempt = (delay: number) => {
      // Jitter, so that many replicas do not all reconnect in the same instant.
      this.#reconnectTimer = setTimeout(
        () => {
          this.#reconnectTimer = null;
          this.#listen().then(
            () => {
              if (!this.#closed) this.emit('reconnected', this.#now() - downSince);
            },
            () => {
              if (!this.#closed) attempt(Math.min(delay * 2, RECONNECT_MAX_MS));
            },
          );
        },
        delay * (0.5 + Math.random() / 2),
      );
      this.#reconnectTimer.unref();
    };
    attempt(RECONNECT_FIRST_MS);
  }

  // ----- writing -----------------------------------------------------------------------------------------

  /**
   * A read-modify-write of one guild in one transaction: the guild's advisory lock is taken before reading, so
   * the current value comes from the database and no other process changes it in between. `change` returns
   * the new settings, or null when nothing changes (nothing is then written or recorded). A change bumps the
   * guild's revision and notifies every process, at commit, with the new settings.
   */
  async #write(
    guildId: string,
    what: string,
    change: (client: pg.PoolClient, current: GuildSettings) => Promise<GuildSettings | null>,
  ): Promise<GuildSettings> {
    const result = await this.#transaction(what, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [GUILD_LOCK_SPACE, guildId]);
      const stored = await client.query<{ setting: string; value: string }>(
        'SELECT setting, value FROM guild_settings WHERE guild_id = $1',
        [guildId],
      );
      const current = settingsFromRows(stored.rows);
      const next = await change(client, current);
      if (next === null) return { settings: current, revision: null };
      const bumped = await client.query<{ revision: string }>(
        `INSERT INTO guild_revisions (guild_id, revision) VALUES ($1, 1)
         ON CONFLICT (guild_id) DO UPDATE SET revision = guild_revisions.revision + 1 RETURNING revision`,
        [guildId],
      );
      const revision = Number(bumped.rows[0]?.revision);
      const values = Object.fromEntries(SETTING_NAMES.map((name) => [name, encodeValue(next[name])]));
      await client.query('SELECT pg_notify($1, $2)', [
        SETTINGS_CHANNEL,
        JSON.stringify({ origin: this.#origin, guild: guildId, revision, values }),
      ]);
      return { settings: next, revision };
    });
    if (result.revision !== null) this.#remember(guildId, result.revision, result.settings);
    return result.settings;
  }

  #putChannels(
    guildId: string,
    memberId: string,
    what: string,
    change: (channels: readonly string[]) => readonly string[],
  ): Promise<GuildSettings> {
    return this.#write(guildId, what, (client, current) =>
      this.#putSetting(client, guildId, memberId, 'channels', current, change(current.channels)),
    );
  }

  /** Writes a setting and its history row (inside `write`); null when the value is already current. */
  async #putSetting<K extends SettingName>(
    client: pg.PoolClient,
    guildId: string,
    memberId: string,
    setting: K,
    current: GuildSettings,
    value: GuildSettings[K],
  ): Promise<GuildSettings | null> {
    const oldValue = encodeValue(current[setting]);
    const newValue = encodeValue(value);
    if (oldValue === newValue) return null;
    const at = this.#timestamp();
    await client.query(
      `INSERT INTO guild_settings (guild_id, setting, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guild_id, setting) DO UPDATE SET
         value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [guildId, setting, newValue, at, memberId],
    );
    await this.#insertHistory(client, [guildId, memberId, setting, oldValue, newValue]);
    return withSetting(current, setting, value);
  }

  async #insertHistory(
    client: pg.PoolClient,
    [guildId, memberId, setting, oldValue, newValue]: [string, string, string, string, string],
  ): Promise<void> {
    await client.query(
      `INSERT INTO setting_history (guild_id, member_id, setting, old_value, new_value, at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [guildId, memberId, setting, oldValue, newValue, this.#timestamp()],
    );
  }

  async #transaction<T>(what: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | undefined;
    let failed = false;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failed = true;
      await client?.query('ROLLBACK').catch(() => undefined);
      throw operationFailure(this.file, what, error, this.#closed);
    } finally {
      // A connection that failed mid-transaction is discarded rather than handed to the next caller.
      client?.release(failed);
    }
  }

  async #query<R extends pg.QueryResultRow>(
    what: string,
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw operationFailure(this.file, what, error, this.#closed);
    }
  }

  #assertIds(guildId: string, memberId: string): void {
    assertSnowflake(guildId, 'server id');
    assertSnowflake(memberId, 'member id');
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }
}
