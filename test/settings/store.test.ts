/**
 * The settings store, once per backend (one parameterized suite: SQLite, and Postgres in a throwaway cluster),
 * then what only one backend has: SQLite's file handling, Postgres's notifications, concurrent migrations and
 * outages.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type SettingsStore, SettingsStoreError } from '../../src/settings/interface.ts';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { POSTGRES_SCHEMA_VERSION } from '../../src/settings/postgres-schema.ts';
import { DEFAULT_SETTINGS, MAX_CHANNELS, SettingsValidationError } from '../../src/settings/schema.ts';
import { SCHEMA_VERSION } from '../../src/settings/sqlite-schema.ts';
import { SETTINGS_FILE_NAME, SqliteSettingsStore } from '../../src/settings/store.ts';
import { createDatabase, startCluster } from '../support/postgres.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const MOD = '200000000000000001';
const OTHER_MOD = '200000000000000002';
const CHANNEL_A = '300000000000000001';
const CHANNEL_B = '300000000000000002';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const moduleUrl = (file: string) => pathToFileURL(path.join(repoRoot, file)).href;
const postgresUrl = inject('postgresUrl');

const tempDirs: string[] = [];
const cleanups: (() => unknown)[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-store-'));
  tempDirs.push(dir);
  return dir;
}

function openSqlite(dir: string, options?: Parameters<typeof SqliteSettingsStore.open>[1]) {
  const store = SqliteSettingsStore.open(dir, options);
  cleanups.push(() => store.close());
  return store;
}

/** Error thrown (or rejected) by `action`, failing the test when it succeeds. */
async function thrown(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of tempDirs.splice(0)) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** One empty database of a backend: stores opened on it, and its raw rows. */
interface Place {
  open(): Promise<SettingsStore>;
  /** Raw contents of the settings and history tables, to show that a rejected change wrote nothing. */
  snapshot(): Promise<unknown>;
  /** A script (ES module text) that opens a store on this database as `store`, for a child process. */
  childOpen: string;
  /** Checks the database's own integrity after a crash, where the backend has such a check. */
  checkIntegrity?: () => void;
}

interface Backend {
  name: string;
  skip: boolean;
  place(): Promise<Place>;
}

async function postgresRows(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async place() {
      const dir = tempDir();
      return {
        open: async () => openSqlite(dir),
        async snapshot() {
          const db = new Database(path.join(dir, SETTINGS_FILE_NAME), { readonly: true });
          try {
            return {
              settings: db.prepare('SELECT * FROM guild_settings ORDER BY guild_id, setting').all(),
              history: db.prepare('SELECT * FROM setting_history ORDER BY id').all(),
            };
          } finally {
            db.close();
          }
        },
        checkIntegrity() {
          const raw = new Database(path.join(dir, SETTINGS_FILE_NAME));
          expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
          raw.close();
        },
        childOpen: `
          const { SqliteSettingsStore } = await import(${JSON.stringify(moduleUrl('src/settings/store.ts'))});
          const store = SqliteSettingsStore.open(${JSON.stringify(dir)});`,
      };
    },
  },
  {
    name: 'Postgres',
    skip: postgresUrl === '',
    async place() {
      const url = await createDatabase(postgresUrl);
      return {
        async open() {
          const store = await PostgresSettingsStore.open(url);
          cleanups.push(() => store.close());
          return store;
        },
        async snapshot() {
          return {
            settings: await postgresRows(url, 'SELECT * FROM guild_settings ORDER BY guild_id, setting'),
            history: await postgresRows(url, 'SELECT * FROM setting_history ORDER BY id'),
          };
        },
        childOpen: `
          const { PostgresSettingsStore } = await import(${JSON.stringify(moduleUrl('src/settings/postgres.ts'))});
          const store = await PostgresSettingsStore.open(${JSON.stringify(url)});`,
      };
    },
  },
];

describe.each(backends)('$name settings store', ({ skip, place: newPlace }) => {
  it.skipIf(skip)('when a guild was never configured, it gets the documented defaults', async () => {
    const store = await (await newPlace()).open();
    expect(store.get(GUILD)).toEqual({
      channels: [],
      mentions: true,
      visibility: 'public',
      results: 3,
      cooldown: 0,
    });
    expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
    expect(await store.history(GUILD)).toEqual([]);
  });

  it.skipIf(skip)('when each setting is set, it round-trips and only that guild changes', async () => {
    const place = await newPlace();
    const store = await place.open();
    expect((await store.set(GUILD, MOD, 'mentions', false)).mentions).toBe(false);
    expect((await store.set(GUILD, MOD, 'visibility', 'ephemeral')).visibility).toBe('ephemeral');
    expect((await store.set(GUILD, MOD, 'results', 5)).results).toBe(5);
    expect((await store.set(GUILD, MOD, 'cooldown', 3600)).cooldown).toBe(3600);
    expect((await store.set(GUILD, MOD, 'channels', [CHANNEL_A, CHANNEL_B, CHANNEL_A])).channels).toEqual([
      CHANNEL_A,
      CHANNEL_B,
    ]);
    const expected = {
      channels: [CHANNEL_A, CHANNEL_B],
      mentions: false,
      visibility: 'ephemeral',
      results: 5,
      cooldown: 3600,
    };
    expect(store.get(GUILD)).toEqual(expected);
    expect(store.get(OTHER_GUILD)).toEqual(DEFAULT_SETTINGS);
    // What this store serves agrees with what a fresh read of the database gives.
    expect((await place.open()).get(GUILD)).toEqual(expected);
  });

  it.skipIf(skip)(
    'when a value is invalid, a SettingsValidationError with a readable message is thrown and nothing changes',
    async () => {
      const place = await newPlace();
      const store = await place.open();
      await store.set(GUILD, MOD, 'results', 4);
      const before = await place.snapshot();
      const cases: Array<[() => unknown, RegExp]> = [
        [() => store.set(GUILD, MOD, 'results', 0), /1 to 5/],
        [() => store.set(GUILD, MOD, 'results', 6), /1 to 5/],
        [() => store.set(GUILD, MOD, 'results', 2.5), /whole number/],
        [() => store.set(GUILD, MOD, 'cooldown', -1), /0 to 3600/],
        [() => store.set(GUILD, MOD, 'cooldown', 3601), /0 to 3600/],
        [() => store.set(GUILD, MOD, 'visibility', 'loud' as never), /"public" or "ephemeral"/],
        [() => store.set(GUILD, MOD, 'mentions', 'yes' as never), /on or off/],
        [() => store.set(GUILD, MOD, 'channels', ['12345']), /"12345" is not a valid channel id/],
        [() => store.addChannel(GUILD, MOD, '<#300000000000000001>'), /not a valid channel id/],
        [() => store.addChannel(GUILD, MOD, '1'.repeat(21)), /not a valid channel id/],
        [() => store.set('not-a-guild', MOD, 'results', 2), /not a valid server id/],
        [() => store.set(GUILD, 'someone', 'results', 2), /not a valid member id/],
      ];
      for (const [action, message] of cases) {
        const error = await thrown(action);
        expect(error).toBeInstanceOf(SettingsValidationError);
        expect((error as Error).message).toMatch(message);
      }
      expect(await place.snapshot()).toEqual(before);
      expect(store.get(GUILD).results).toBe(4);
    },
  );

  it.skipIf(skip)(
    'when channels are added and removed, the list is idempotent, capped and clearable',
    async () => {
      const place = await newPlace();
      const store = await place.open();
      await store.addChannel(GUILD, MOD, CHANNEL_A);
      expect((await store.addChannel(GUILD, MOD, CHANNEL_A)).channels).toEqual([CHANNEL_A]);
      expect((await store.addChannel(GUILD, MOD, CHANNEL_B)).channels).toEqual([CHANNEL_A, CHANNEL_B]);
      expect((await store.removeChannel(GUILD, MOD, CHANNEL_A)).channels).toEqual([CHANNEL_B]);
      expect((await store.removeChannel(GUILD, MOD, CHANNEL_A)).channels).toEqual([CHANNEL_B]);
      expect((await store.clearChannels(GUILD, MOD)).channels).toEqual([]);
      // add A, add B, remove A, clear: the repeated add and remove recorded nothing.
      expect(await store.history(GUILD, 100)).toHaveLength(4);

      const many = Array.from({ length: MAX_CHANNELS }, (_, i) => String(400000000000000000n + BigInt(i)));
      for (const id of many) await store.addChannel(GUILD, MOD, id);
      const before = await place.snapshot();
      const error = await thrown(() => store.addChannel(GUILD, MOD, CHANNEL_A));
      expect(error).toBeInstanceOf(SettingsValidationError);
      expect((error as Error).message).toMatch(`${MAX_CHANNELS} channels`);
      expect(await place.snapshot()).toEqual(before);
      expect(store.get(GUILD).channels).toHaveLength(MAX_CHANNELS);
    },
  );

  it.skipIf(skip)(
    'when settings change, each change is in the history with member, old and new value, newest first',
    async () => {
      const store = await (await newPlace()).open();
      await store.set(GUILD, MOD, 'results', 5);
      await store.set(GUILD, OTHER_MOD, 'results', 1);
      await store.set(GUILD, OTHER_MOD, 'results', 1); // unchanged: not recorded
      await store.addChannel(GUILD, MOD, CHANNEL_A);
      await store.set(OTHER_GUILD, MOD, 'cooldown', 10);

      const history = await store.history(GUILD);
      expect(
        history.map(({ memberId, setting, oldValue, newValue }) => ({
          memberId,
          setting,
          oldValue,
          newValue,
        })),
      ).toEqual([
        { memberId: MOD, setting: 'channels', oldValue: '[]', newValue: `["${CHANNEL_A}"]` },
        { memberId: OTHER_MOD, setting: 'results', oldValue: '5', newValue: '1' },
        { memberId: MOD, setting: 'results', oldValue: '3', newValue: '5' },
      ]);
      for (const change of history) {
        expect(change.guildId).toBe(GUILD);
        expect(new Date(change.at).toISOString()).toBe(change.at);
      }
      expect(await store.history(GUILD, 1)).toHaveLength(1);
      expect(await store.history(OTHER_GUILD)).toHaveLength(1);
      expect(await thrown(() => store.history(GUILD, 0))).toBeInstanceOf(SettingsValidationError);
    },
  );

  it.skipIf(skip)('when a guild is reset, it gets the defaults back and the reset is recorded', async () => {
    const store = await (await newPlace()).open();
    await store.set(GUILD, MOD, 'visibility', 'ephemeral');
    await store.addChannel(GUILD, MOD, CHANNEL_A);
    const before = store.get(GUILD);
    expect(await store.reset(GUILD, OTHER_MOD)).toEqual(DEFAULT_SETTINGS);
    expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
    const [latest] = await store.history(GUILD);
    expect(latest?.setting).toBe('reset');
    expect(latest?.memberId).toBe(OTHER_MOD);
    expect(JSON.parse(latest?.oldValue ?? 'null')).toEqual(before);
    expect(JSON.parse(latest?.newValue ?? 'null')).toEqual(DEFAULT_SETTINGS);
    // Nothing left to reset: nothing recorded.
    await store.reset(GUILD, OTHER_MOD);
    expect(await store.history(GUILD)).toHaveLength(3);
  });

  it.skipIf(skip)('when the store is closed and reopened, settings and history survive', async () => {
    const place = await newPlace();
    const first = await place.open();
    await first.set(GUILD, MOD, 'results', 2);
    await first.addChannel(GUILD, MOD, CHANNEL_B);
    await first.close();
    await first.close(); // idempotent

    const second = await place.open();
    expect(second.get(GUILD)).toMatchObject({ results: 2, channels: [CHANNEL_B] });
    expect(await second.history(GUILD)).toHaveLength(2);
  });

  it.skipIf(skip)(
    "when two stores (processes) share the database, a write builds on the other store's committed change",
    async () => {
      const place = await newPlace();
      const a = await place.open();
      const b = await place.open();
      expect(a.get(GUILD).results).toBe(3);
      expect(b.get(GUILD).cooldown).toBe(0);
      await a.set(GUILD, MOD, 'results', 5);
      // B's write reads the current row inside its transaction, so it builds on A's change, not on its cache.
      expect(await b.set(GUILD, OTHER_MOD, 'cooldown', 30)).toMatchObject({ results: 5, cooldown: 30 });
      // Concurrent changes of one guild from both stores all land, each recorded once.
      await Promise.all([
        a.addChannel(GUILD, MOD, CHANNEL_A),
        b.addChannel(GUILD, OTHER_MOD, CHANNEL_B),
        a.set(GUILD, MOD, 'mentions', false),
      ]);
      expect((await place.open()).get(GUILD)).toMatchObject({
        results: 5,
        cooldown: 30,
        mentions: false,
        channels: expect.arrayContaining([CHANNEL_A, CHANNEL_B]),
      });
      expect(await a.history(GUILD, 100)).toHaveLength(5);
    },
  );

  it.skipIf(skip)(
    'when settings are returned, they are frozen so the cache cannot be mutated by callers',
    async () => {
      const store = await (await newPlace()).open();
      const settings = await store.addChannel(GUILD, MOD, CHANNEL_A);
      expect(Object.isFrozen(settings)).toBe(true);
      expect(Object.isFrozen(settings.channels)).toBe(true);
      expect(Object.isFrozen(store.get(GUILD).channels)).toBe(true);
      expect(Object.isFrozen(store.get(OTHER_GUILD))).toBe(true);
    },
  );

  it.skipIf(skip)(
    'when the bot is removed from a guild, settings are kept and the removal is recorded until it rejoins',
    async () => {
      const store = await (await newPlace()).open();
      await store.set(GUILD, MOD, 'results', 1);
      await store.markGuildRemoved(GUILD);
      expect(store.get(GUILD).results).toBe(1);
      expect(await store.removedAt(GUILD)).toEqual(expect.any(String));
      expect((await store.removedGuilds()).map((r) => r.guildId)).toEqual([GUILD]);
      await store.markGuildJoined(GUILD);
      expect(await store.removedAt(GUILD)).toBeNull();
      expect(store.get(GUILD).results).toBe(1);
    },
  );

  it.skipIf(skip)(
    'when a guild is purged, its settings, history and removal record are deleted',
    async () => {
      const place = await newPlace();
      const store = await place.open();
      await store.set(GUILD, MOD, 'results', 1);
      await store.addChannel(GUILD, MOD, CHANNEL_A);
      await store.set(OTHER_GUILD, MOD, 'results', 2);
      await store.markGuildRemoved(GUILD);
      expect(await store.purgeGuild(GUILD)).toEqual({ settings: 2, history: 2 });
      expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
      expect(await store.history(GUILD)).toEqual([]);
      expect(await store.removedAt(GUILD)).toBeNull();
      expect((await place.open()).get(GUILD)).toEqual(DEFAULT_SETTINGS);
      expect(store.get(OTHER_GUILD).results).toBe(2);
    },
  );

  it.skipIf(skip)(
    'when a writer process is SIGKILLed mid-burst, the database holds every acknowledged change',
    async () => {
      const place = await newPlace();
      await (await place.open()).close(); // create the schema before the child starts
      const script = `
        ${place.childOpen}
        process.stdout.write('ready\\n');
        for (let i = 0; i < 100000; i++) {
          const guild = String(500000000000000000n + BigInt(i));
          await store.set(guild, '${MOD}', 'cooldown', (i % 3600) + 1);
          await store.addChannel(guild, '${MOD}', '${CHANNEL_A}');
          process.stdout.write('ack ' + i + '\\n');
        }
      `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      const acked: number[] = [];
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
        child.on('close', (code, signal) => resolve(signal ?? code));
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const lines = stdout.split('\n');
        stdout = lines.pop() ?? ''; // a partial line is not an acknowledgement
        for (const line of lines) {
          const match = /^ack (\d+)$/.exec(line);
          if (match) acked.push(Number(match[1]));
        }
        if (acked.length >= 150 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      const ended = await exited;
      expect(ended, stderr).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(150);
      place.checkIntegrity?.();

      const store = await place.open();
      for (const i of acked) {
        const guild = String(500000000000000000n + BigInt(i));
        expect(store.get(guild)).toMatchObject({ cooldown: (i % 3600) + 1, channels: [CHANNEL_A] });
        expect((await store.history(guild)).map((c) => c.setting)).toEqual(['channels', 'cooldown']);
      }
    },
  );
});

describe('SQLite settings store', () => {
  it('when the data directory does not exist, open creates it and the file', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    openSqlite(dir);
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE_NAME))).toBe(true);
  });

  it('when two stores (shards) share the file, each sees the other after its change check', () => {
    const dir = tempDir();
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const now = () => clock;
    const a = openSqlite(dir, { now });
    const b = openSqlite(dir, { now });
    expect(a.get(GUILD).results).toBe(3);
    a.set(GUILD, MOD, 'results', 5);
    b.set(GUILD, OTHER_MOD, 'cooldown', 30);
    // Within the check interval A serves its cache (documented rule)...
    expect(a.get(GUILD)).toMatchObject({ results: 5, cooldown: 0 });
    // ...and once the interval has passed, data_version shows B's commit and A reads again.
    clock += 1000;
    expect(a.get(GUILD)).toMatchObject({ results: 5, cooldown: 30 });

    // refresh() makes another process's change visible at once.
    b.addChannel(GUILD, OTHER_MOD, CHANNEL_A);
    a.refresh();
    expect(a.get(GUILD).channels).toEqual([CHANNEL_A]);
    expect(b.history(GUILD)).toEqual(a.history(GUILD));
  });

  it('when the check interval is 0, every get sees other processes at once', () => {
    const dir = tempDir();
    const a = openSqlite(dir, { externalCheckIntervalMs: 0 });
    const b = openSqlite(dir);
    expect(a.get(GUILD).mentions).toBe(true);
    b.set(GUILD, MOD, 'mentions', false);
    expect(a.get(GUILD).mentions).toBe(false);
  });

  it('when the file is garbage, open throws a SettingsStoreError naming the file and what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    const error = thrownNow(() => SqliteSettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/corrupt/);
    expect((error as Error).message).toMatch(/backup/);
  });

  it('when the data directory path is a regular file, open throws a SettingsStoreError naming the path', () => {
    const notADir = path.join(tempDir(), 'data');
    fs.writeFileSync(notADir, 'not a directory');
    const error = thrownNow(() => SqliteSettingsStore.open(notADir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(notADir, SETTINGS_FILE_NAME));
    expect((error as Error).message).toMatch(/writ/);
  });

  it('when the database path is a directory, open throws a SettingsStoreError naming the path', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, SETTINGS_FILE_NAME));
    const error = thrownNow(() => SqliteSettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
  });

  it.skipIf(process.getuid?.() === 0)(
    'when the data directory is not writable (non-root), open throws a SettingsStoreError naming the path',
    () => {
      const dir = tempDir();
      fs.chmodSync(dir, 0o500);
      const error = thrownNow(() => SqliteSettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'when the database file is read-only (non-root), open throws a SettingsStoreError naming the path',
    () => {
      const dir = tempDir();
      openSqlite(dir).close();
      const file = path.join(dir, SETTINGS_FILE_NAME);
      fs.chmodSync(file, 0o400);
      const error = thrownNow(() => SqliteSettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(file);
    },
  );

  it('when the database has a newer schema version, open refuses with a clear error and does not downgrade', () => {
    const dir = tempDir();
    openSqlite(dir).close();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)')
      .run(SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    raw.close();

    const error = thrownNow(() => SqliteSettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(`schema version ${SCHEMA_VERSION + 1}`);
    expect((error as Error).message).toMatch(/newer/);

    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT MAX(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('when a fresh database is opened, every migration is recorded in schema_version', () => {
    const dir = tempDir();
    openSqlite(dir).close();
    const raw = new Database(path.join(dir, SETTINGS_FILE_NAME), { readonly: true });
    const versions = raw.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});

/** Error thrown synchronously by `action`. */
function thrownNow(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Resolves once `store` serves settings of GUILD that pass `check`, now or after a change it hears of. */
function serves(
  store: PostgresSettingsStore,
  check: (settings: ReturnType<SettingsStore['get']>) => boolean,
) {
  return new Promise<void>((resolve) => {
    if (check(store.get(GUILD))) return resolve();
    const listener = () => {
      if (!check(store.get(GUILD))) return;
      store.off('changed', listener);
      resolve();
    };
    store.on('changed', listener);
  });
}

describe.skipIf(postgresUrl === '')('Postgres settings store', () => {
  const open = async (url: string) => {
    const store = await PostgresSettingsStore.open(url);
    cleanups.push(() => store.close());
    return store;
  };

  it('when another process changes a setting, this one hears of it and serves it without reading', async () => {
    const url = await createDatabase(postgresUrl);
    const a = await open(url);
    const b = await open(url);
    const heard: string[] = [];
    a.on('changed', (guildId) => heard.push(`a:${guildId}`));
    const applied = serves(b, (settings) => settings.results === 1 && settings.channels.length === 1);
    await a.set(GUILD, MOD, 'results', 1);
    await a.addChannel(GUILD, MOD, CHANNEL_A);
    await applied;
    expect(b.get(GUILD)).toMatchObject({ results: 1, channels: [CHANNEL_A] });
    // A store is not told of its own changes as if they came from elsewhere.
    expect(heard).toEqual([]);
  });

  it('when several processes start at once on an empty database, each migration is applied exactly once', async () => {
    const url = await createDatabase(postgresUrl);
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    expect(stores.every((store) => store.isHealthy())).toBe(true);
    const versions = await postgresRows(url, 'SELECT version FROM schema_version ORDER BY version');
    expect(versions).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
  });

  it('when the database has a newer schema version, open refuses with a clear error and does not downgrade', async () => {
    const url = await createDatabase(postgresUrl);
    await (await open(url)).close();
    await postgresRows(
      url,
      `INSERT INTO schema_version VALUES (${POSTGRES_SCHEMA_VERSION + 1}, 'from the future', 'now')`,
    );
    const error = await thrown(() => PostgresSettingsStore.open(url));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toMatch(`schema version ${POSTGRES_SCHEMA_VERSION + 1}`);
    expect((error as Error).message).toMatch(/newer/);
    expect(await postgresRows(url, 'SELECT MAX(version) AS v FROM schema_version')).toEqual([
      { v: POSTGRES_SCHEMA_VERSION + 1 },
    ]);
  });

  it('when the database cannot be reached, open names it, without the password, and says what to check', async () => {
    const error = await thrown(() =>
      PostgresSettingsStore.open('postgres://bot:secret-password@127.0.0.1:1/settings'),
    );
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain('postgres://127.0.0.1:1/settings');
    expect((error as Error).message).toContain('DATABASE_URL');
    expect((error as Error).message).not.toContain('secret-password');
  });

  it('when Postgres restarts, the last settings keep answering, writes fail clearly, and both stores catch up', async () => {
    const cluster = await startCluster();
    cleanups.push(() => cluster.destroy());
    const url = await cluster.createDatabase();
    const a = await open(url);
    const b = await open(url);
    await a.set(GUILD, MOD, 'results', 2);
    await serves(b, (settings) => settings.results === 2);

    const lost = Promise.all(
      [a, b].map((store) => new Promise((resolve) => store.once('disconnected', resolve))),
    );
    await cluster.stop();
    await lost;
    expect(b.isHealthy()).toBe(false);
    expect(b.get(GUILD).results).toBe(2);
    const failure = await thrown(() => a.set(GUILD, MOD, 'results', 4));
    expect(failure).toBeInstanceOf(SettingsStoreError);
    expect((failure as SettingsStoreError).busy).toBe(true);
    expect((failure as Error).message).toMatch(/try again/);

    const back = new Promise((resolve) => b.once('reconnected', resolve));
    await cluster.start();
    await a.set(GUILD, MOD, 'results', 4);
    await back;
    // Heard by notification, or found by the reload that follows every reconnection: either way, served.
    await serves(b, (settings) => settings.results === 4);
    expect(b.isHealthy()).toBe(true);
    expect((await b.history(GUILD)).map((change) => change.newValue)).toEqual(['4', '2']);
  });
});
