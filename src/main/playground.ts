/**
 * `npm run playground [-- --http]`: starts the playground and prints its URL (`--http`: interactions go to a
 * second bot in HTTP interactions mode, as on several machines); Ctrl-C stops the bot gracefully
 * and removes the temporary data directory. `PORT` picks the page's port (default 5173; a free one
 * when taken), `PLAYGROUND_DATA_DIR` keeps settings in a directory of your choice, and `.env` is
 * read for `CORPUS_DIR`, `BOT_COMMAND` and `LOG_LEVEL` as `npm start` reads it.
 */
import { commands } from '../../commands/registry.ts';
import { ConfigError, readEnvFile } from '../config.ts';
import { startPlayground } from '../playground/start-playground.ts';

const DEFAULT_PORT = 5173;

async function main(): Promise<void> {
  readEnvFile();
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number (0–65535), not "${process.env.PORT}".\n`);
    process.exit(2);
  }
  const dataDir = process.env.PLAYGROUND_DATA_DIR?.trim() || undefined;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground(commands, { port, dataDir, http: process.argv.includes('--http') });
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `The playground could not start: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  }

  if (playground.portTaken !== null)
    process.stdout.write(`Port ${playground.portTaken} is taken; using another.\n`);
  process.stdout.write(
    [
      `Playground: ${playground.url}`,
      `The real bot answers there, in a local Discord on 127.0.0.1: no token, nothing leaves this machine.`,
      dataDir
        ? `Settings are kept in ${dataDir}.`
        : 'Settings live in a temporary directory, removed on exit.',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  const shutdown = () => {
    process.stdout.write('Stopping…\n');
    // A second Ctrl-C does not wait for the bot's in-flight replies.
    process.once('SIGINT', () => process.exit(1));
    playground.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`The playground did not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
