/**
 * The running bot: engine, settings, client and handlers wired together. `npm start` and the
 * end-to-end tests both start the bot through `startBot`, so tests drive the production path.
 */
import type { Server } from 'node:http';
import { type Client, Events } from 'discord.js';
import type { Logger } from 'pino';
import { commands } from '../../commands/index.ts';
import type { BotConfig } from '../config.ts';
import { AnswerEngine } from '../search/engine.ts';
import { LiveCorpus } from '../search/live.ts';
import { SettingsStore } from '../settings/store.ts';
import { createClient } from './client.ts';
import type { BotContext } from './context.ts';
import { Cooldowns } from './cooldowns.ts';
import { startHealthServer } from './health.ts';
import { handleMention } from './mentions.ts';
import { BotMetrics } from './metrics.ts';
import { InteractionRouter, logOutcome } from './router.ts';

/** How long `stop` waits for in-flight replies before giving up on them. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface Bot {
  client: Client;
  context: BotContext;
  /** Stops taking work, waits for in-flight replies, disconnects and closes the settings store. */
  stop(): Promise<void>;
}

/**
 * Opens the settings store (throws `SettingsStoreError` naming the file when it is unusable) and
 * the corpus, then logs in (rejects when Discord refuses the token).
 */
export async function startBot(config: BotConfig, logger: Logger): Promise<Bot> {
  const settings = SettingsStore.open(config.dataDir);
  let client: Client | undefined;
  let live: LiveCorpus | undefined;
  let http: Server | undefined;
  try {
    const engine = await AnswerEngine.open({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger });
    logger.info({ ...engine.stats }, 'corpus loaded');
    const metrics = new BotMetrics(() => engine.stats.paragraphs);
    live = new LiveCorpus({
      engine,
      corpusDir: config.corpusDir,
      dataDir: config.dataDir,
      logger,
    });
    live.on('reload', (summary) => metrics.reload(summary));
    client = createClient(config);
    const context: BotContext = {
      engine,
      settings,
      cooldowns: new Cooldowns(),
      command: config.command,
      logger,
      metrics,
      live,
      ownerIds: config.ownerIds,
      startedAt: new Date(),
    };
    if (config.httpPort !== undefined) {
      // Under the ShardingManager, shard N listens on HTTP_PORT + N.
      const port = config.httpPort + (client.shard?.ids[0] ?? 0);
      http = await startHealthServer(port, { client, engine, settings, metrics });
      logger.info({ port }, 'serving /healthz and /metrics');
    }
    const bot = wire(client, context, http);
    await client.login(config.token);
    live.start();
    return bot;
  } catch (error) {
    live?.stop();
    http?.close();
    await client?.destroy();
    settings.close();
    throw error;
  }
}

function wire(client: Client, context: BotContext, http: Server | undefined): Bot {
  const { logger, settings, live, metrics } = context;
  const router = new InteractionRouter(commands, context);
  const inFlight = new Set<Promise<unknown>>();
  let accepting = true;
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  client.on(Events.InteractionCreate, (interaction) => {
    if (accepting) track(router.handle(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (!accepting) return;
    const started = performance.now();
    const fields = { message: message.id, guild: message.guildId, command: 'mention' };
    track(
      handleMention(message, context).then(
        (result) => result && logOutcome(context, fields, started, result),
        (error: unknown) => logOutcome(context, fields, started, 'error', error),
      ),
    );
  });
  client.on(Events.ShardResume, () => metrics.reconnect());
  // Settings are kept when the bot leaves a server (docs/settings.md); only the removal is recorded.
  const recordMembership = (guildId: string, record: (id: string) => void) => {
    try {
      record(guildId);
    } catch (error) {
      logger.warn({ guild: guildId, err: error }, 'could not record joining or leaving a server');
    }
  };
  client.on(Events.GuildDelete, (guild) => recordMembership(guild.id, (id) => settings.markGuildRemoved(id)));
  client.on(Events.GuildCreate, (guild) => recordMembership(guild.id, (id) => settings.markGuildJoined(id)));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.once(Events.ClientReady, (ready) =>
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'),
  );

  return {
    client,
    context,
    async stop() {
      if (!accepting) return;
      accepting = false;
      logger.info({ inFlight: inFlight.size }, 'shutting down');
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
      live.stop();
      http?.close();
      await client.destroy();
      settings.close();
    },
  };
}
