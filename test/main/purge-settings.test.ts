/**
 * `npm run purge-settings`, as the operator runs it (a child process on DATA_DIR, and on DATABASE_URL when
 * Postgres is available): it lists removed servers, purges those asked for, and refuses the rest, changing nothing.
 */
import { describe, expect, inject, it } from 'vitest';
import type { SettingsStore } from '../../src/settings/interface.ts';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { SqliteSettingsStore } from '../../src/settings/store.ts';
import { runScript } from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';
import { createDatabase } from '../support/postgres.ts';

const GONE = '100000000000000091';
const STAYING = '100000000000000092';
const MOD = '200000000000000091';
const SCRIPT = 'src/main/purge-settings.ts';
const postgresUrl = inject('postgresUrl');

/** Two configured servers, the bot removed from one of them. */
async function seed(store: SettingsStore): Promise<void> {
  for (const guild of [GONE, STAYING]) {
    await store.set(guild, MOD, 'results', 5);
    await store.set(guild, MOD, 'visibility', 'ephemeral');
  }
  await store.markGuildRemoved(GONE);
}

/** The operator's session: list, a refused purge, the purge; then what the store holds. */
async function purgeAsOperator(env: Record<string, string>, open: () => Promise<SettingsStore>) {
  const list = await runScript(SCRIPT, env);
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toMatch(new RegExp(`^${GONE} removed \\d{4}-\\d\\d-\\d\\dT`, 'm'));
  expect(list.stdout).not.toContain(STAYING);

  const refused = await runScript(SCRIPT, env, ['--guild', GONE, '--guild', STAYING]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`No removal is recorded for server ${STAYING}`);
  expect(refused.stderr).toContain('nothing was purged');

  const purged = await runScript(SCRIPT, env, ['--guild', GONE]);
  expect(purged.code, purged.stderr).toBe(0);
  expect(purged.stdout).toContain(`Purged server ${GONE}`);
  expect(purged.stdout).toContain('2 settings, 2 history rows');

  const store = await open();
  try {
    expect(store.get(GONE)).toMatchObject({ results: 3, visibility: 'public' });
    expect(await store.history(GONE)).toEqual([]);
    expect(await store.removedGuilds()).toEqual([]);
    expect(store.get(STAYING)).toMatchObject({ results: 5, visibility: 'ephemeral' });
    expect(await store.history(STAYING)).toHaveLength(2);
  } finally {
    await store.close();
  }

  const again = await runScript(SCRIPT, env);
  expect(again.stdout).toContain('No server removal is recorded');
}

describe('npm run purge-settings', () => {
  it('purges a removed server from the SQLite file, and only it', async () => {
    const dataDir = tempDir();
    const store = SqliteSettingsStore.open(dataDir);
    await seed(store);
    store.close();
    await purgeAsOperator({ DATA_DIR: dataDir, DATABASE_URL: '' }, async () =>
      SqliteSettingsStore.open(dataDir),
    );
  });

  it.skipIf(postgresUrl === '')('purges a removed server from Postgres, and only it', async () => {
    const url = await createDatabase(postgresUrl);
    const store = await PostgresSettingsStore.open(url);
    await seed(store);
    await store.close();
    await purgeAsOperator({ DATA_DIR: tempDir(), DATABASE_URL: url }, () => PostgresSettingsStore.open(url));
  });

  it('says what is wrong with its arguments, and purges nothing', async () => {
    const bad = await runScript(SCRIPT, { DATA_DIR: tempDir() }, ['--removed-days', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--removed-days must be a whole number 0 or more, got "soon"');
    expect(bad.stderr).toContain('Usage: npm run purge-settings');
  });
});
