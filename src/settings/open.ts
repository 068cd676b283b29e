/**
 * Which settings store a process uses: Postgres when `DATABASE_URL` is set (shared by every process on every
 * machine), otherwise the SQLite file in `DATA_DIR` (one machine). Connection events of the Postgres store are
 * logged here, so both entry points (gateway and HTTP) report them the same way.
 */
import type { Logger } from 'pino';
import type { SettingsStore } from './interface.ts';
import { PostgresSettingsStore } from './postgres.ts';
import { SqliteSettingsStore } from './store.ts';

export async function openSettingsStore(
  config: { dataDir: string; databaseUrl: string | undefined },
  logger: Logger,
): Promise<SettingsStore> {
  if (config.databaseUrl === undefined) return SqliteSettingsStore.open(config.dataDir);
  const store = await PostgresSettingsStore.open(config.databaseUrl);
  logger.info({ database: store.file }, 'settings in Postgres');
  store.on('disconnected', (error) =>
    logger.warn(
      { database: store.file, err: error },
      'settings database connection lost: answering with the last known settings, reconnecting',
    ),
  );
  store.on('reconnected', (downMs) =>
    logger.info({ database: store.file, downMs }, 'settings database reconnected'),
  );
  store.on('changed', (guildId, revision) =>
    logger.info({ guild: guildId, revision }, 'settings changed by another process'),
  );
  return store;
}
