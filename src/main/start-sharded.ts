/**
 * `npm run start:sharded`: the bot under discord.js's ShardingManager, one process per shard.
 * The manager builds (or checks) the index cache once, so every shard loads it instead of
 * rebuilding; all shards share the SQLite settings file (WAL, busy timeout). With `HTTP_PORT`,
 * shard N serves /healthz and /metrics on HTTP_PORT + N.
 */
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { exitOnStartupFailure } from '../bot/startup-failure.ts';
import { loadBotConfigOrExit } from '../config.ts';
import { createLogger, releaseLogger } from '../log.ts';
import { AnswerEngine } from '../search/engine.ts';

const SHARD_SCRIPT = fileURLToPath(new URL('./start.ts', import.meta.url));
const SPAWN_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const config = loadBotConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.shardCount === 'auto' && config.apiBase) {
    // discord.js asks discord.com itself for the recommended count, whatever rest.api says.
    logger.fatal(
      'SHARD_COUNT=auto asks Discord itself and cannot be used with DISCORD_API_BASE: give a number',
    );
    process.exit(2);
  }

  const engine = await AnswerEngine.open({
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    logger,
  }).catch((error: unknown) => exitOnStartupFailure(logger, error));
  logger.info({ ...engine.stats }, 'index cache ready for the shards');

  const manager = new ShardingManager(SHARD_SCRIPT, {
    token: config.token,
    totalShards: config.shardCount,
    mode: 'process',
    execArgv: ['--import', 'tsx'],
    // A shard that dies while starting ends the start with one line (below), not a crash loop; once every
    // shard is up, one that dies is started again.
    respawn: false,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: manager.totalShards }, 'shard started');
    shard.on('death', () => {
      if (manager.respawn) logger.warn({ shard: shard.id }, 'shard exited; respawning');
    });
  });

  /** Ends every shard process that is running, without respawning it. */
  const stopShards = () => {
    manager.respawn = false;
    return Promise.all(
      [...manager.shards.values()].map(
        (shard) =>
          new Promise<void>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping every shard');
    await stopShards();
    logger.info('stopped');
    await releaseLogger(logger);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await manager.spawn({ timeout: SPAWN_TIMEOUT_MS });
  } catch (error) {
    // Discord unreachable, the token refused, a shard that died starting: the same one line as npm start.
    stopping = true;
    await stopShards();
    await exitOnStartupFailure(logger, error);
  }
  manager.respawn = true;
  logger.info({ shards: manager.totalShards }, 'all shards started');
}

void main();
