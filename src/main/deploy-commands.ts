/** `npm run deploy-commands`: registers the command set (see `src/bot/deploy-commands.ts`) and says where. */
import { commands } from '../../commands/registry.ts';
import { deployCommands } from '../bot/deploy-commands.ts';
import { loadBotConfigOrExit } from '../config.ts';

deployCommands(commands, loadBotConfigOrExit(), (line) => process.stdout.write(`${line}\n`)).catch(
  (error: unknown) => {
    // Never print the request: it carries the token in its headers.
    const status = (error as { status?: number }).status;
    process.stderr.write(
      `deploy-commands: ${(error as Error).message}${status === 401 ? ' (DISCORD_TOKEN was rejected)' : ''}\n`,
    );
    process.exitCode = 1;
  },
);
