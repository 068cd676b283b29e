/**
 * `npm run purge-settings`: lists the servers the bot was removed from, with their removal dates.
 * `npm run purge-settings -- --guild <id> [--guild <id>…] [--removed-days <n>]`: deletes everything stored about
 * those servers (settings, and the history that names moderators), or about every server removed at least n days
 * ago. Only servers with a recorded removal can be purged. It opens the settings store the way the bot does
 * (`DATABASE_URL`, else `DATA_DIR/settings.sqlite3`), so it can run beside running bots: they see the purge as
 * any other change.
 */
import pino from 'pino';
import { fail, parseCommandLine, readCommandLine, wholeNumber } from '../cli/args.ts';
import { configOrExit, loadSettingsConfig } from '../config.ts';
import { openSettingsStore } from '../settings/open.ts';
import { purgeRemovedGuilds } from '../settings/purge.ts';
import { SettingsValidationError } from '../settings/schema.ts';

const USAGE = [
  'Usage: npm run purge-settings                                     list servers the bot was removed from',
  '       npm run purge-settings -- --guild ID [--guild ID…] [--removed-days N]',
  '                                                                  delete what is stored about them',
].join('\n');

function parseOptions(argv: readonly string[]) {
  const { help, values } = parseCommandLine(argv, {
    guild: { type: 'string', multiple: true },
    'removed-days': { type: 'string' },
  });
  if (help) return 'help';
  const days = values['removed-days'];
  return {
    guildIds: values.guild ?? [],
    ...(days === undefined ? {} : { removedDaysAgo: wholeNumber('--removed-days', days, 0) }),
  };
}

async function main(): Promise<void> {
  const request = readCommandLine('purge-settings', USAGE, parseOptions);
  const config = configOrExit(() => loadSettingsConfig());
  const store = await openSettingsStore(config, pino({ level: 'warn' }, pino.destination(2)));
  try {
    if (request.guildIds.length === 0 && request.removedDaysAgo === undefined) {
      const removals = await store.removedGuilds();
      if (removals.length === 0) process.stdout.write(`No server removal is recorded in ${store.file}.\n`);
      for (const { guildId, removedAt } of removals)
        process.stdout.write(`${guildId} removed ${removedAt}\n`);
      return;
    }
    const purged = await purgeRemovedGuilds(store, request);
    if (purged.length === 0)
      process.stdout.write(`No server matched in ${store.file}: nothing was purged.\n`);
    for (const { guildId, removedAt, settings, history } of purged) {
      process.stdout.write(
        `Purged server ${guildId} (removed ${removedAt}) from ${store.file}: ${settings} settings, ` +
          `${history} history rows.\n`,
      );
    }
  } catch (error) {
    if (error instanceof SettingsValidationError) fail(error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => fail(`purge-settings: ${(error as Error).message}`, 1));
