/**
 * `npm start` (gateway) and `npm run start:http` (`--http`: the interactions endpoint, no gateway): reads the
 * configuration, starts the bot, and shuts it down gracefully on SIGINT/SIGTERM (stop taking work, finish
 * in-flight replies, destroy the client, exit 0).
 * Every startup failure ends with one message that says what to fix — never a crash loop.
 */
import { commands } from '../../commands/registry.ts';
import { startBot } from '../bot/app.ts';
import { exitOnStartupFailure } from '../bot/startup-failure.ts';
import { loadBotConfigOrExit } from '../config.ts';
import { abandonLogger, createLogger, releaseLogger } from '../log.ts';

/** In-flight replies get 10 s (see `Bot.stop`); disconnecting gets the rest. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  const config = loadBotConfigOrExit();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  // Signals are handled from the first moment: one arriving during startup waits for it, then stops.
  const starting = startBot(commands, config, logger, process.argv.includes('--http') ? 'http' : 'gateway');
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'signal received');
    // A shutdown that cannot finish (Discord unreachable mid-reconnect) or a second signal still ends it.
    const force = () => {
      logger.warn('shutdown did not finish in time; exiting');
      abandonLogger(logger);
      process.exit(1);
    };
    setTimeout(force, SHUTDOWN_DEADLINE_MS).unref();
    process.once('SIGINT', force);
    process.once('SIGTERM', force);
    const bot = await starting.catch(() => null);
    await bot?.stop();
    logger.info('stopped');
    await releaseLogger(logger);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await starting.catch((error: unknown) => exitOnStartupFailure(logger, error));
}

void main();
