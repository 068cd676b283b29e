import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_CHANNELS, SettingsValidationError } from '../src/settings/schema.ts';
import {
  SCHEMA_VERSION,
  SETTINGS_FILE_NAME,
  SettingsStore,
  SettingsStoreError,
} from '../src/settings/store.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const MOD = '200000000000000001';
const OTHER_MOD = '200000000000000002';
const CHANNEL_A = '300000000000000001';
const CHANNEL_B = '300000000000000002';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const storeModuleUrl = pathToFileURL(path.join(repoRoot, 'src/settings/store.ts')).href;

const tempDirs: string[] = [];
const openStores: SettingsStore[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-store-'));
  tempDirs.push(dir);
  return dir;
}

function openStore(dir: string, options?: Parameters<typeof SettingsStore.open>[1]): SettingsStore {
  const store = SettingsStore.open(dir, options);
  openStores.push(store);
  return store;
}

/** Error thrown by `action`, failing the test when it does not throw. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Raw contents of the tables, to show that a rejected change wrote nothing. */
function snapshot(dir: string): unknown {
  const db = new Database(path.join(dir, SETTINGS_FILE_NAME), { readonly: true });
  try {
    return {
      settings: db.prepare('SELECT * FROM guild_settings ORDER BY guild_id, setting').all(),
      history: db.prepare('SELECT * FROM setting_history ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
  for (const dir of tempDirs.splice(0)) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('SettingsStore', () => {
  it('when a guild was never configured, it gets the documented defaults', () => {
    const store = openStore(tempDir());
    expect(store.get(GUILD)).toEqual({
      channels: [],
      mentions: true,
      visibility: 'public',
      results: 3,
      cooldown: 0,
    });
    expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
    expect(store.history(GUILD)).toEqual([]);
  });

  it('when the data directory does not exist, open creates it and the file', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    openStore(dir);
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE_NAME))).toBe(true);
  });

  it('when each setting is set, it round-trips and only that guild changes', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.set(GUILD, MOD, 'mentions', false).mentions).toBe(false);
    expect(store.set(GUILD, MOD, 'visibility', 'ephemeral').visibility).toBe('ephemeral');
    expect(store.set(GUILD, MOD, 'results', 5).results).toBe(5);
    expect(store.set(GUILD, MOD, 'cooldown', 3600).cooldown).toBe(3600);
    expect(store.set(GUILD, MOD, 'channels', [CHANNEL_A, CHANNEL_B, CHANNEL_A]).channels).toEqual([
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
    // The cache agrees with what a fresh read from the file gives.
    expect(openStore(dir).get(GUILD)).toEqual(expected);
  });

  it('when a value is invalid, a SettingsValidationError with a readable message is thrown and nothing changes', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.set(GUILD, MOD, 'results', 4);
    const before = snapshot(dir);
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
      const error = thrown(action);
      expect(error).toBeInstanceOf(SettingsValidationError);
      expect((error as Error).message).toMatch(message);
    }
    expect(snapshot(dir)).toEqual(before);
    expect(store.get(GUILD).results).toBe(4);
  });

  it('when channels are added and removed, the list is idempotent, capped and clearable', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.addChannel(GUILD, MOD, CHANNEL_A);
    expect(store.addChannel(GUILD, MOD, CHANNEL_A).channels).toEqual([CHANNEL_A]);
    expect(store.addChannel(GUILD, MOD, CHANNEL_B).channels).toEqual([CHANNEL_A, CHANNEL_B]);
    expect(store.removeChannel(GUILD, MOD, CHANNEL_A).channels).toEqual([CHANNEL_B]);
    expect(store.removeChannel(GUILD, MOD, CHANNEL_A).channels).toEqual([CHANNEL_B]);
    expect(store.clearChannels(GUILD, MOD).channels).toEqual([]);
    // add A, add B, remove A, clear: the repeated add and remove recorded nothing.
    expect(store.history(GUILD, 100)).toHaveLength(4);

    const many = Array.from({ length: MAX_CHANNELS }, (_, i) => String(400000000000000000n + BigInt(i)));
    for (const id of many) store.addChannel(GUILD, MOD, id);
    const before = snapshot(dir);
    const error = thrown(() => store.addChannel(GUILD, MOD, CHANNEL_A));
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect((error as Error).message).toMatch(`${MAX_CHANNELS} channels`);
    expect(snapshot(dir)).toEqual(before);
    expect(store.get(GUILD).channels).toHaveLength(MAX_CHANNELS);
  });

  it('when settings change, each change is in the history with member, old and new value, newest first', () => {
    const store = openStore(tempDir());
    store.set(GUILD, MOD, 'results', 5);
    store.set(GUILD, OTHER_MOD, 'results', 1);
    store.set(GUILD, OTHER_MOD, 'results', 1); // unchanged: not recorded
    store.addChannel(GUILD, MOD, CHANNEL_A);
    store.set(OTHER_GUILD, MOD, 'cooldown', 10);

    const history = store.history(GUILD);
    expect(
      history.map(({ memberId, setting, oldValue, newValue }) => ({ memberId, setting, oldValue, newValue })),
    ).toEqual([
      { memberId: MOD, setting: 'channels', oldValue: '[]', newValue: `["${CHANNEL_A}"]` },
      { memberId: OTHER_MOD, setting: 'results', oldValue: '5', newValue: '1' },
      { memberId: MOD, setting: 'results', oldValue: '3', newValue: '5' },
    ]);
    for (const change of history) {
      expect(change.guildId).toBe(GUILD);
      expect(new Date(change.at).toISOString()).toBe(change.at);
    }
    expect(store.history(GUILD, 1)).toHaveLength(1);
    expect(store.history(OTHER_GUILD)).toHaveLength(1);
    expect(thrown(() => store.history(GUILD, 0))).toBeInstanceOf(SettingsValidationError);
  });

  it('when a guild is reset, it gets the defaults back and the reset is recorded', () => {
    const store = openStore(tempDir());
    store.set(GUILD, MOD, 'visibility', 'ephemeral');
    store.addChannel(GUILD, MOD, CHANNEL_A);
    const before = store.get(GUILD);
    expect(store.reset(GUILD, OTHER_MOD)).toEqual(DEFAULT_SETTINGS);
    expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
    const [latest] = store.history(GUILD);
    expect(latest?.setting).toBe('reset');
    expect(latest?.memberId).toBe(OTHER_MOD);
    expect(JSON.parse(latest?.oldValue ?? 'null')).toEqual(before);
    expect(JSON.parse(latest?.newValue ?? 'null')).toEqual(DEFAULT_SETTINGS);
    // Nothing left to reset: nothing recorded.
    store.reset(GUILD, OTHER_MOD);
    expect(store.history(GUILD)).toHaveLength(3);
  });

  it('when the store is closed and reopened, settings and history survive', () => {
    const dir = tempDir();
    const first = SettingsStore.open(dir);
    first.set(GUILD, MOD, 'results', 2);
    first.addChannel(GUILD, MOD, CHANNEL_B);
    first.close();
    first.close(); // idempotent

    const second = openStore(dir);
    expect(second.get(GUILD)).toMatchObject({ results: 2, channels: [CHANNEL_B] });
    expect(second.history(GUILD)).toHaveLength(2);
  });

  it('when two stores (shards) share the file, both writes land and each sees the other after its change check', () => {
    const dir = tempDir();
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const now = () => clock;
    const a = openStore(dir, { now });
    const b = openStore(dir, { now });
    expect(a.get(GUILD).results).toBe(3);
    expect(b.get(GUILD).cooldown).toBe(0);

    a.set(GUILD, MOD, 'results', 5);
    // B's write reads the current row inside its transaction, so it builds on A's change, not on its cache.
    expect(b.set(GUILD, OTHER_MOD, 'cooldown', 30)).toMatchObject({ results: 5, cooldown: 30 });

    // Within the check interval A serves its cache (documented rule)...
    expect(a.get(GUILD)).toMatchObject({ results: 5, cooldown: 0 });
    // ...and once the interval has passed, data_version shows B's commit and A reads again.
    clock += 1000;
    expect(a.get(GUILD)).toMatchObject({ results: 5, cooldown: 30 });
    expect(b.get(GUILD)).toMatchObject({ results: 5, cooldown: 30 });

    // refresh() makes another process's change visible at once.
    b.addChannel(GUILD, OTHER_MOD, CHANNEL_A);
    a.refresh();
    expect(a.get(GUILD).channels).toEqual([CHANNEL_A]);

    const history = a.history(GUILD).map(({ memberId, setting }) => `${memberId}:${setting}`);
    expect(history).toEqual([`${OTHER_MOD}:channels`, `${OTHER_MOD}:cooldown`, `${MOD}:results`]);
    expect(b.history(GUILD)).toEqual(a.history(GUILD));
  });

  it('when the check interval is 0, every get sees other processes at once', () => {
    const dir = tempDir();
    const a = openStore(dir, { externalCheckIntervalMs: 0 });
    const b = openStore(dir);
    expect(a.get(GUILD).mentions).toBe(true);
    b.set(GUILD, MOD, 'mentions', false);
    expect(a.get(GUILD).mentions).toBe(false);
  });

  it('when settings are returned, they are frozen so the cache cannot be mutated by callers', () => {
    const store = openStore(tempDir());
    const settings = store.addChannel(GUILD, MOD, CHANNEL_A);
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.channels)).toBe(true);
    expect(Object.isFrozen(store.get(OTHER_GUILD))).toBe(true);
  });

  it('when the bot is removed from a guild, settings are kept and the removal is recorded until it rejoins', () => {
    const store = openStore(tempDir());
    store.set(GUILD, MOD, 'results', 1);
    store.markGuildRemoved(GUILD);
    expect(store.get(GUILD).results).toBe(1);
    expect(store.removedAt(GUILD)).toEqual(expect.any(String));
    expect(store.removedGuilds().map((r) => r.guildId)).toEqual([GUILD]);
    store.markGuildJoined(GUILD);
    expect(store.removedAt(GUILD)).toBeNull();
    expect(store.get(GUILD).results).toBe(1);
  });

  it('when a guild is purged, its settings, history and removal record are deleted', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.set(GUILD, MOD, 'results', 1);
    store.addChannel(GUILD, MOD, CHANNEL_A);
    store.set(OTHER_GUILD, MOD, 'results', 2);
    store.markGuildRemoved(GUILD);
    expect(store.purgeGuild(GUILD)).toEqual({ settings: 2, history: 2 });
    expect(store.get(GUILD)).toEqual(DEFAULT_SETTINGS);
    expect(store.history(GUILD)).toEqual([]);
    expect(store.removedAt(GUILD)).toBeNull();
    expect(openStore(dir).get(GUILD)).toEqual(DEFAULT_SETTINGS);
    expect(store.get(OTHER_GUILD).results).toBe(2);
  });

  it('when a writer process is SIGKILLed mid-burst, the file is intact and holds every acknowledged change', async () => {
    const dir = tempDir();
    openStore(dir).close(); // create the schema before the child starts
    const script = `
      const { SettingsStore } = await import(${JSON.stringify(storeModuleUrl)});
      const store = SettingsStore.open(${JSON.stringify(dir)});
      process.stdout.write('ready\\n');
      for (let i = 0; i < 100000; i++) {
        const guild = String(500000000000000000n + BigInt(i));
        store.set(guild, '${MOD}', 'cooldown', (i % 3600) + 1);
        store.addChannel(guild, '${MOD}', '${CHANNEL_A}');
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

    const raw = new Database(path.join(dir, SETTINGS_FILE_NAME));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = openStore(dir);
    for (const i of acked) {
      const guild = String(500000000000000000n + BigInt(i));
      expect(store.get(guild)).toMatchObject({ cooldown: (i % 3600) + 1, channels: [CHANNEL_A] });
      expect(store.history(guild).map((c) => c.setting)).toEqual(['channels', 'cooldown']);
    }
  });

  it('when the file is garbage, open throws a SettingsStoreError naming the file and what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    const error = thrown(() => SettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/corrupt/);
    expect((error as Error).message).toMatch(/backup/);
  });

  it('when the data directory path is a regular file, open throws a SettingsStoreError naming the path', () => {
    const notADir = path.join(tempDir(), 'data');
    fs.writeFileSync(notADir, 'not a directory');
    const error = thrown(() => SettingsStore.open(notADir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(notADir, SETTINGS_FILE_NAME));
    expect((error as Error).message).toMatch(/writ/);
  });

  it('when the database path is a directory, open throws a SettingsStoreError naming the path', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, SETTINGS_FILE_NAME));
    const error = thrown(() => SettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
  });

  it.skipIf(process.getuid?.() === 0)(
    'when the data directory is not writable (non-root), open throws a SettingsStoreError naming the path',
    () => {
      const dir = tempDir();
      fs.chmodSync(dir, 0o500);
      const error = thrown(() => SettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'when the database file is read-only (non-root), open throws a SettingsStoreError naming the path',
    () => {
      const dir = tempDir();
      openStore(dir).close();
      const file = path.join(dir, SETTINGS_FILE_NAME);
      fs.chmodSync(file, 0o400);
      const error = thrown(() => SettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(file);
    },
  );

  it('when the database has a newer schema version, open refuses with a clear error and does not downgrade', () => {
    const dir = tempDir();
    openStore(dir).close();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)')
      .run(SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    raw.close();

    const error = thrown(() => SettingsStore.open(dir));
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
    openStore(dir).close();
    const raw = new Database(path.join(dir, SETTINGS_FILE_NAME), { readonly: true });
    const versions = raw.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});
