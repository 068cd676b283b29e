/**
 * `npm run migrate-settings -- --to postgres://…`: copies the SQLite settings of this machine
 * (`DATA_DIR/settings.sqlite3`, or `--from <dir>`) into Postgres: settings, change history and recorded
 * removals, in one transaction. Idempotent: rows already in Postgres are kept as they are (a setting changed
 * there since is never overwritten) and history rows already copied are not copied again, so running it twice
 * changes nothing. Run it before the processes switch to DATABASE_URL: they load every setting when they start.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, parseCommandLine, readCommandLine, UsageError } from '../cli/args.ts';
import { loadSearchConfig, readEnvFile } from '../config.ts';
import type { HistoryRow } from '../settings/interface.ts';
import { PostgresSettingsStore } from '../settings/postgres.ts';
import { describeDatabase } from '../settings/postgres-errors.ts';
import { SETTINGS_FILE_NAME } from '../settings/store.ts';

const USAGE =
  'Usage: npm run migrate-settings -- --to postgres://user:password@host:5432/database [--from DATA_DIR]';

interface SettingRow {
  guild_id: string;
  setting: string;
  value: string;
  updated_at: string;
  updated_by: string;
}
interface RemovalRow {
  guild_id: string;
  removed_at: string;
}

function parseOptions(argv: readonly string[]) {
  const { help, values } = parseCommandLine(argv, { to: { type: 'string' }, from: { type: 'string' } });
  if (help) return 'help';
  if (!values.to || !/^postgres(ql)?:\/\/\S+$/.test(values.to)) {
    throw new UsageError('--to needs the postgres:// URL of the database to copy into');
  }
  return { to: values.to, from: values.from };
}

async function main(): Promise<void> {
  const values = readCommandLine('migrate-settings', USAGE, parseOptions);
  readEnvFile();
  const file = path.resolve(values.from ?? loadSearchConfig().dataDir, SETTINGS_FILE_NAME);
  if (!fs.existsSync(file)) fail(`No settings database at ${file}: nothing to migrate (see --from).`, 1);

  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const settings = sqlite
    .prepare('SELECT * FROM guild_settings ORDER BY guild_id, setting')
    .all() as SettingRow[];
  const history = sqlite.prepare('SELECT * FROM setting_history ORDER BY id').all() as HistoryRow[];
  const removals = sqlite.prepare('SELECT * FROM guild_removals ORDER BY guild_id').all() as RemovalRow[];
  sqlite.close();

  // Opening the store applies the Postgres migrations; the copy then uses its pool.
  const store = await PostgresSettingsStore.open(values.to);
  const client = await store.pool.connect();
  const copied = { settings: 0, history: 0, removals: 0, guilds: new Set<string>() };
  try {
    await client.query('BEGIN');
    for (const row of settings) {
      const { rowCount } = await client.query(
        `INSERT INTO guild_settings (guild_id, setting, value, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guild_id, setting) DO NOTHING`,
        [row.guild_id, row.setting, row.value, row.updated_at, row.updated_by],
      );
      if (rowCount) {
        copied.settings++;
        copied.guilds.add(row.guild_id);
      }
    }
    for (const row of history) {
      const { rowCount } = await client.query(
        `INSERT INTO setting_history (guild_id, member_id, setting, old_value, new_value, at)
         SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (
           SELECT 1 FROM setting_history WHERE guild_id = $1 AND member_id = $2 AND setting = $3
             AND old_value IS NOT DISTINCT FROM $4 AND new_value IS NOT DISTINCT FROM $5 AND at = $6)`,
        [row.guild_id, row.member_id, row.setting, row.old_value, row.new_value, row.at],
      );
      copied.history += rowCount ?? 0;
    }
    for (const row of removals) {
      const { rowCount } = await client.query(
        'INSERT INTO guild_removals (guild_id, removed_at) VALUES ($1, $2) ON CONFLICT (guild_id) DO NOTHING',
        [row.guild_id, row.removed_at],
      );
      copied.removals += rowCount ?? 0;
    }
    // Every process loads the guilds that have a revision; a copied guild gets one (or a newer one).
    for (const guildId of copied.guilds) {
      await client.query(
        `INSERT INTO guild_revisions (guild_id, revision) VALUES ($1, 1)
         ON CONFLICT (guild_id) DO UPDATE SET revision = guild_revisions.revision + 1`,
        [guildId],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    await store.close();
    fail(`Nothing was migrated: ${(error as Error).message}`, 1);
  }
  client.release();
  await store.close();
  process.stdout.write(
    `Migrated ${file} to ${describeDatabase(values.to)}: ${copied.settings} of ${settings.length} settings ` +
      `(${copied.guilds.size} servers), ${copied.history} of ${history.length} history rows, ${copied.removals} of ` +
      `${removals.length} removals copied; the rest were already there.\n`,
  );
}

main().catch((error: unknown) => fail(`migrate-settings: ${(error as Error).message}`, 1));
