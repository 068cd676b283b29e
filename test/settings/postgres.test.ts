/**
 * What only the Postgres store (src/settings/postgres.ts) does, in throwaway databases of the run's cluster (and
 * one cluster of its own for the restart): notifications between processes, concurrent migrations, refusing a
 * newer schema, an unreachable server named without its password, and riding out a restart. The contract both
 * backends meet: contract.test.ts.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type SettingsStore, SettingsStoreError } from '../../src/settings/interface.ts';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { POSTGRES_SCHEMA_VERSION } from '../../src/settings/postgres-schema.ts';
import { createDatabase, startCluster } from '../support/postgres.ts';
import {
  afterThisTest,
  CHANNEL_A,
  cleanUpStores,
  GUILD,
  MOD,
  openPostgres as open,
  postgresRows,
  thrown,
} from '../support/settings.ts';

const postgresUrl = inject('postgresUrl');

afterEach(cleanUpStores);

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
    afterThisTest(() => cluster.destroy());
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
