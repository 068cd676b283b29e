/**
 * The SQLite schema of the settings file (settings, history, removals) and its migrations, applied when a store
 * opens the file. See docs/settings.md ("Schema and migrations").
 */
import type Database from 'better-sqlite3';
import { type Migration, SettingsStoreError } from './interface.ts';

/**
 * Forward-only schema migrations, applied in order. Append new steps; never edit or reorder shipped ones.
 * `schema_version` holds one row per applied step.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'guild settings, change history, guild removals',
    sql: `
      CREATE TABLE guild_settings (
        guild_id   TEXT NOT NULL,
        setting    TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (guild_id, setting)
      ) WITHOUT ROWID;
      CREATE TABLE setting_history (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id  TEXT NOT NULL,
        member_id TEXT NOT NULL,
        setting   TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        at        TEXT NOT NULL
      );
      CREATE INDEX setting_history_guild ON setting_history (guild_id, id);
      CREATE TABLE guild_removals (
        guild_id   TEXT PRIMARY KEY,
        removed_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Schema version this build creates and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to SCHEMA_VERSION in one IMMEDIATE transaction; throws a SettingsStoreError naming
 * `file` when it was written by a newer release (never downgraded).
 */
export function migrate(db: Database.Database, file: string): void {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  TEXT NOT NULL
    )`);
    const current =
      (db.prepare('SELECT MAX(version) FROM schema_version').pluck().get() as number | null) ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new SettingsStoreError(
        `Settings database ${file} has schema version ${current}, but this version of the bot only knows up to ` +
          `version ${SCHEMA_VERSION}: it was written by a newer release. Run that newer release, or restore a ` +
          'backup made for this one; the database is not downgraded automatically.',
        file,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
    // A write statement (touching no row) fails now if the file was opened read-only (e.g. file permissions),
    // instead of at a moderator's first change.
    db.prepare('UPDATE schema_version SET version = version WHERE 0').run();
  });
  // IMMEDIATE: take the write lock before reading the version, so concurrent openers migrate one at a time.
  run.immediate();
}
