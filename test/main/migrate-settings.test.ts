/**
 * `npm run migrate-settings -- --to postgres://…`, as a child process: a server's SQLite settings, history and
 * removals arrive in Postgres and are served from there; running it again changes nothing, and a change made in
 * Postgres since is never overwritten.
 */
import { describe, expect, inject, it } from 'vitest';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { SqliteSettingsStore } from '../../src/settings/store.ts';
import { runScript } from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';
import { createDatabase } from '../support/postgres.ts';

const GUILD = '100000000000000071';
const GONE = '100000000000000072';
const MOD = '200000000000000071';
const CHANNEL = '300000000000000071';
const postgresUrl = inject('postgresUrl');

describe.skipIf(postgresUrl === '')('npm run migrate-settings', () => {
  it('copies settings, history and removals once; a second run changes nothing', async () => {
    const dataDir = tempDir();
    const sqlite = SqliteSettingsStore.open(dataDir);
    sqlite.set(GUILD, MOD, 'results', 5);
    sqlite.addChannel(GUILD, MOD, CHANNEL);
    sqlite.set(GONE, MOD, 'visibility', 'ephemeral');
    sqlite.markGuildRemoved(GONE);
    const sqliteHistory = sqlite.history(GUILD);
    sqlite.close();
    const url = await createDatabase(postgresUrl);

    const first = await runScript(
      'src/main/migrate-settings.ts',
      { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      ['--to', url],
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      '3 of 3 settings (2 servers), 3 of 3 history rows, 1 of 1 removals copied',
    );
    expect(first.stdout).not.toContain('postgres@'); // the URL's user (and any password) is not printed

    const store = await PostgresSettingsStore.open(url);
    try {
      expect(store.get(GUILD)).toMatchObject({ results: 5, channels: [CHANNEL] });
      expect(store.get(GONE).visibility).toBe('ephemeral');
      expect(await store.history(GUILD)).toEqual(sqliteHistory);
      expect(await store.removedAt(GONE)).toEqual(expect.any(String));
      await store.set(GUILD, MOD, 'results', 2); // changed in Postgres after the move
    } finally {
      await store.close();
    }

    const again = await runScript('src/main/migrate-settings.ts', { DATA_DIR: dataDir }, ['--to', url]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      '0 of 3 settings (0 servers), 0 of 3 history rows, 0 of 1 removals copied',
    );
    const after = await PostgresSettingsStore.open(url);
    try {
      expect(after.get(GUILD).results).toBe(2);
      expect(await after.history(GUILD, 100)).toHaveLength(3);
    } finally {
      await after.close();
    }
  });

  it('without --to, or with a URL that is not postgres://, it prints the usage and exits 2', async () => {
    for (const args of [[], ['--to', 'mysql://somewhere/db']]) {
      const run = await runScript('src/main/migrate-settings.ts', { DATA_DIR: tempDir() }, args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: npm run migrate-settings -- --to postgres://');
    }
  });
});
