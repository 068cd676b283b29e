/**
 * What only the SQLite store (src/settings/store.ts) does: creating its directory and file, shards sharing one
 * file (the change check and `refresh`), a clear error for every way the file or directory can be unusable,
 * refusing a newer schema, and recording its migrations. The contract both backends meet: contract.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStoreError } from '../../src/settings/interface.ts';
import { SCHEMA_VERSION } from '../../src/settings/sqlite-schema.ts';
import { SETTINGS_FILE_NAME, SqliteSettingsStore } from '../../src/settings/store.ts';
import {
  CHANNEL_A,
  cleanUpStores,
  GUILD,
  MOD,
  OTHER_MOD,
  openSqlite,
  tempDir,
  thrown,
} from '../support/settings.ts';

afterEach(cleanUpStores);

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

  it('when the file is garbage, open throws a SettingsStoreError naming the file and what to do', async () => {
    const dir = tempDir();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    const error = await thrown(() => SqliteSettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/corrupt/);
    expect((error as Error).message).toMatch(/backup/);
  });

  it('when the data directory path is a regular file, open throws a SettingsStoreError naming the path', async () => {
    const notADir = path.join(tempDir(), 'data');
    fs.writeFileSync(notADir, 'not a directory');
    const error = await thrown(() => SqliteSettingsStore.open(notADir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(notADir, SETTINGS_FILE_NAME));
    expect((error as Error).message).toMatch(/writ/);
  });

  it('when the database path is a directory, open throws a SettingsStoreError naming the path', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, SETTINGS_FILE_NAME));
    const error = await thrown(() => SqliteSettingsStore.open(dir));
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
  });

  it.skipIf(process.getuid?.() === 0)(
    'when the data directory is not writable (non-root), open throws a SettingsStoreError naming the path',
    async () => {
      const dir = tempDir();
      fs.chmodSync(dir, 0o500);
      const error = await thrown(() => SqliteSettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(path.join(dir, SETTINGS_FILE_NAME));
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'when the database file is read-only (non-root), open throws a SettingsStoreError naming the path',
    async () => {
      const dir = tempDir();
      openSqlite(dir).close();
      const file = path.join(dir, SETTINGS_FILE_NAME);
      fs.chmodSync(file, 0o400);
      const error = await thrown(() => SqliteSettingsStore.open(dir));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(file);
    },
  );

  it('when the database has a newer schema version, open refuses with a clear error and does not downgrade', async () => {
    const dir = tempDir();
    openSqlite(dir).close();
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)')
      .run(SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    raw.close();

    const error = await thrown(() => SqliteSettingsStore.open(dir));
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
