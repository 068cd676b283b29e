/**
 * The contract every SettingsStore meets, run once per backend (SQLite, and Postgres in a throwaway database of
 * the run's cluster): defaults, validation that changes nothing, channels, history, reset, reopening, two
 * processes on one database, frozen results, removal and purge, and no acknowledged change lost to a SIGKILL.
 * What only one backend has is in store.test.ts (SQLite) and postgres.test.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SettingsStore } from '../../src/settings/interface.ts';
import { DEFAULT_SETTINGS, MAX_CHANNELS, SettingsValidationError } from '../../src/settings/schema.ts';
import { SETTINGS_FILE_NAME } from '../../src/settings/store.ts';
import { createDatabase } from '../support/postgres.ts';
import {
  CHANNEL_A,
  CHANNEL_B,
  cleanUpStores,
  GUILD,
  MOD,
  OTHER_GUILD,
  OTHER_MOD,
  openPostgres,
  openSqlite,
  postgresRows,
  tempDir,
  thrown,
} from '../support/settings.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const moduleUrl = (file: string) => pathToFileURL(path.join(repoRoot, file)).href;
const postgresUrl = inject('postgresUrl');

afterEach(cleanUpStores);

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
        open: () => openPostgres(url),
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
