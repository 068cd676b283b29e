/**
 * The Postgres schema of the shared state (settings, history, removals, cooldowns) and its migrations, applied
 * at start by every process. See docs/settings.md ("Postgres").
 */
import type pg from 'pg';
import type { Migration } from './interface.ts';

/**
 * Forward-only steps, applied in order. Append new ones; never edit or reorder shipped ones. Columns mirror the
 * SQLite store's (`store.ts`), so `npm run migrate-settings` copies rows as they are.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'guild settings, change history, guild removals, per-guild revisions',
    sql: `
      CREATE TABLE guild_settings (
        guild_id   text NOT NULL,
        setting    text NOT NULL,
        value      text NOT NULL,
        updated_at text NOT NULL,
        updated_by text NOT NULL,
        PRIMARY KEY (guild_id, setting)
      );
      CREATE TABLE setting_history (
        id        bigserial PRIMARY KEY,
        guild_id  text NOT NULL,
        member_id text NOT NULL,
        setting   text NOT NULL,
        old_value text,
        new_value text,
        at        text NOT NULL
      );
      CREATE INDEX setting_history_guild ON setting_history (guild_id, id);
      CREATE TABLE guild_removals (
        guild_id   text PRIMARY KEY,
        removed_at text NOT NULL
      );
      -- Bumped by every change of a guild, under that row's lock: writers to one guild take turns, and every
      -- process applies a guild's changes in order (an older notification never overwrites a newer state).
      CREATE TABLE guild_revisions (
        guild_id text PRIMARY KEY,
        revision bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'shared cooldowns',
    sql: `
      -- Unlogged: no write-ahead log for a write per answer; a crash empties it, which only ends cooldowns early.
      CREATE UNLOGGED TABLE cooldowns (
        key        text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX cooldowns_expiry ON cooldowns (expires_at);
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant: every process of this bot takes the same transaction-level advisory lock to migrate. */
const MIGRATION_LOCK = 7_411_302;

/**
 * Applies the missing migrations in one transaction, under an advisory lock: processes starting together
 * migrate one at a time, and the later ones find the schema current. Returns the version found, or throws
 * (`newer`) when the database was migrated by a newer release.
 */
export async function migrate(client: pg.ClientBase): Promise<{ found: number; newer: boolean }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version     integer PRIMARY KEY,
      description text NOT NULL,
      applied_at  text NOT NULL
    )`);
    const { rows } = await client.query<{ max: number | null }>(
      'SELECT MAX(version) AS max FROM schema_version',
    );
    const found = rows[0]?.max ?? 0;
    if (found > POSTGRES_SCHEMA_VERSION) {
      await client.query('ROLLBACK');
      return { found, newer: true };
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= found) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.description, new Date().toISOString()],
      );
    }
    await client.query('COMMIT');
    return { found, newer: false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
