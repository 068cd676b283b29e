/**
 * Shared by the settings store suites (test/settings/contract.test.ts, store.test.ts, postgres.test.ts): the
 * ids they play with, stores opened on throwaway databases and closed after each test, and error catchers.
 * Each suite calls `afterEach(cleanUpStores)`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { SqliteSettingsStore } from '../../src/settings/store.ts';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';
export const MOD = '200000000000000001';
export const OTHER_MOD = '200000000000000002';
export const CHANNEL_A = '300000000000000001';
export const CHANNEL_B = '300000000000000002';

const tempDirs: string[] = [];
const cleanups: (() => unknown)[] = [];

/** Runs `cleanup` after the current test (stores closed, clusters destroyed), newest first. */
export function afterThisTest(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** Closes what the test opened and removes its directories (made writable again first). */
export async function cleanUpStores(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of tempDirs.splice(0)) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh directory, removed after the test even if the test made it read-only. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-store-'));
  tempDirs.push(dir);
  return dir;
}

export function openSqlite(dir: string, options?: Parameters<typeof SqliteSettingsStore.open>[1]) {
  const store = SqliteSettingsStore.open(dir, options);
  afterThisTest(() => store.close());
  return store;
}

export async function openPostgres(url: string): Promise<PostgresSettingsStore> {
  const store = await PostgresSettingsStore.open(url);
  afterThisTest(() => store.close());
  return store;
}

/** Error thrown (synchronously or by rejecting) by `action`, failing the test when it succeeds. */
export async function thrown(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The rows `sql` returns from the database at `url` (a connection of its own). */
export async function postgresRows(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
