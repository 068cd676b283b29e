/**
 * The playground: the real bot, answering in a page that looks like a Discord channel, with no
 * Discord application, no token and nothing leaving the machine.
 *
 * It runs what production runs, pointed at a local Discord: a `LocalDiscordServer` on 127.0.0.1,
 * `deployCommands` registering the command set there, and `startBot` with `DISCORD_API_BASE` set
 * to it, configured by the same `loadBotConfig` as `npm start`. The page only types and clicks;
 * the bridge turns that into the interactions and messages Discord would deliver, and the page
 * renders exactly the messages the bot sent.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from 'discord.js';
import type { Logger } from 'pino';
import { type Bot, startBot } from '../bot/app.ts';
import type { Command } from '../bot/context.ts';
import { deployCommands } from '../bot/deploy-commands.ts';
import { loadBotConfig } from '../config.ts';
import { LocalDiscordServer } from '../local-discord/server.ts';
import { createLogger } from '../log.ts';
import { Bridge } from './bridge.ts';
import { startPageServer } from './page-server.ts';
import { BOT, GUILD, OPERATOR_IDS, PLAYGROUND_TOKEN } from './world.ts';

export interface PlaygroundOptions {
  /** The page's port on 127.0.0.1; 0 for any free one. When taken, a free one is used instead. */
  port?: number;
  /**
   * Where the bot keeps its settings and index cache. By default a fresh temporary directory,
   * deleted by `stop()`, so trying `/csto-config` never touches a real deployment's settings.
   */
  dataDir?: string;
  /** Read for `CORPUS_DIR`, `BOT_COMMAND` and `LOG_LEVEL` (default `warn`), as `npm start` reads them. */
  env?: NodeJS.ProcessEnv;
  /** The bot's logger; by default JSON lines on stderr at `LOG_LEVEL`. */
  logger?: Logger;
  /**
   * Deploy as on several machines: interactions go by signed HTTP POST to a second bot in HTTP interactions
   * mode (`npm run start:http`), while the gateway bot answers mentions only.
   */
  http?: boolean;
}

export interface Playground {
  /** The page: `http://127.0.0.1:PORT/`. */
  url: string;
  /** The port asked for, when it was taken and another was used instead. */
  portTaken: number | null;
  dataDir: string;
  /** Closes the page, stops the bot as `npm start` does on Ctrl-C, and removes a temporary data directory. */
  stop(): Promise<void>;
}

/** Starts the playground with `commands` (the registry, handed over by the entry point as `npm start` does). */
export async function startPlayground(
  commands: readonly Command[],
  options: PlaygroundOptions = {},
): Promise<Playground> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'playground-data-'));
  // Undone in reverse order by stop(), or as far as start-up got when it fails.
  const undo: (() => Promise<void> | void)[] = [];
  if (temporary) undo.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };

  try {
    const discord = await LocalDiscordServer.start({
      token: PLAYGROUND_TOKEN,
      botUser: BOT,
      guilds: [GUILD],
    });
    undo.push(() => discord.close());
    const config = loadBotConfig({
      LOG_LEVEL: 'warn',
      ...(options.env ?? process.env),
      DISCORD_TOKEN: discord.token,
      DISCORD_API_BASE: discord.apiBase,
      DISCORD_GUILD_IDS: GUILD.id,
      DATA_DIR: dataDir,
      // The visitor acting as the moderator is the operator, so /csto-admin can be tried too.
      OWNER_IDS: OPERATOR_IDS,
    });
    await deployCommands(commands, config);
    const logger = options.logger ?? createLogger(config.logLevel);
    const bot = await startBot(commands, config, logger);
    undo.push(() => bot.stop());
    await ready(bot);
    if (options.http) {
      const replica = await startBot(
        commands,
        { ...config, interactionsPort: 0, publicKey: discord.publicKey },
        logger,
        'http',
      );
      undo.push(() => replica.stop());
      await discord.setInteractionsEndpoint(`http://127.0.0.1:${replica.interactionsPort}/interactions`);
    }

    const bridge = new Bridge(discord, config.command, logger);
    undo.push(() => bridge.close());
    const page = await startPageServer(options.port ?? 0, bridge);
    undo.push(() => page.close());
    return { url: page.url, portTaken: page.portTaken, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Interactions can be delivered only once the bot's gateway session is up. */
async function ready(bot: Bot): Promise<void> {
  if (!bot.client.isReady()) await once(bot.client, Events.ClientReady);
}
