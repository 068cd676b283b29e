/**
 * The running bot: engine, settings, client and handlers wired together. `npm start` and the
 * end-to-end tests both start the bot through `startBot`, so tests drive the production path.
 */
import type { Server } from 'node:http';
import { type Client, Events } from 'discord.js';
import type { Logger } from 'pino';
import { type BotConfig, ConfigError } from '../config.ts';
import { AnswerEngine } from '../search/engine.ts';
import { LiveCorpus } from '../search/live.ts';
import { openSettingsStore } from '../settings/open.ts';
import { PostgresSettingsStore } from '../settings/postgres.ts';
import { createClient } from './client.ts';
import type { BotContext, Command } from './context.ts';
import { BurstLimiter, Cooldowns } from './cooldowns.ts';
import { startHealthServer } from './health.ts';
import { InteractionsEndpoint } from './interactions-endpoint.ts';
import { handleMention } from './mentions.ts';
import { BotMetrics } from './metrics.ts';
import { PostgresCooldowns } from './postgres-cooldowns.ts';
import { InteractionRouter, logOutcome } from './router.ts';

/** How long `stop` waits for in-flight replies before giving up on them. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface Bot {
  client: Client;
  context: BotContext;
  /** In HTTP mode, the port the interactions endpoint listens on (INTERACTIONS_PORT, or the one chosen for 0). */
  interactionsPort?: number;
  /** Stops taking work, waits for in-flight replies, disconnects and closes the settings store. */
  stop(): Promise<void>;
}

/**
 * How interactions arrive: over the gateway (`npm start`, which also answers mentions), or as signed HTTP
 * POSTs to the interactions endpoint (`npm run start:http`, no gateway connection). Both hand them to the same
 * router and handlers.
 */
export type BotMode = 'gateway' | 'http';

/**
 * Opens the settings store (throws `SettingsStoreError` naming the file when it is unusable) and
 * the corpus, then logs in (rejects when Discord refuses the token), or in HTTP mode starts serving the
 * interactions endpoint on `INTERACTIONS_PORT`. `commands` comes from the entry point (the registry in
 * `commands/registry.ts`): the shell never imports the commands, which depend on it.
 */
export async function startBot(
  commands: readonly Command[],
  config: BotConfig,
  logger: Logger,
  mode: BotMode = 'gateway',
): Promise<Bot> {
  if (mode === 'http' && (config.interactionsPort === undefined || config.publicKey === undefined)) {
    throw new ConfigError(
      'npm run start:http needs INTERACTIONS_PORT (the port Discord POSTs interactions to) and DISCORD_PUBLIC_KEY ' +
        '(Developer Portal → General Information → Public Key); README: "Deploying on several machines"',
    );
  }
  const settings = await openSettingsStore(config, logger);
  let client: Client | undefined;
  let live: LiveCorpus | undefined;
  let http: Server | undefined;
  let endpoint: InteractionsEndpoint | undefined;
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
    endpoint =
      mode === 'http'
        ? new InteractionsEndpoint({ publicKey: config.publicKey as string, logger })
        : undefined;
    client = createClient(config, endpoint?.makeRequest);
    const context: BotContext = {
      engine,
      settings,
      cooldowns:
        settings instanceof PostgresSettingsStore
          ? new PostgresCooldowns(settings.pool, (error) =>
              logger.warn({ err: error }, 'shared cooldown unavailable: answered without it'),
            )
          : new Cooldowns(),
      burst: new BurstLimiter(config.burstAnswers),
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
      http = await startHealthServer(port, config.httpHost, {
        gateway: mode === 'gateway' ? client : null,
        engine,
        settings,
        metrics,
      });
      logger.info({ host: config.httpHost, port }, 'serving /healthz and /metrics');
    }
    const bot = wire(commands, client, context, http, endpoint);
    if (endpoint) {
      client.rest.setToken(config.token);
      const port = config.interactionsPort as number;
      await endpoint.listen(port, (interaction) => deliver(client as Client, interaction));
      bot.interactionsPort = endpoint.port;
      logger.info({ port: endpoint.port }, 'serving the interactions endpoint (POST /interactions)');
    } else {
      await client.login(config.token);
    }
    live.start();
    return bot;
  } catch (error) {
    live?.stop();
    http?.close();
    await endpoint?.close();
    await client?.destroy();
    await settings.close();
    throw error;
  }
}

/**
 * Hands an interaction received over HTTP to discord.js exactly as its gateway handler does with
 * INTERACTION_CREATE: the same action builds the same structures and emits `interactionCreate`, which `wire`
 * routes. The action is internal to discord.js (typed private), hence the cast; this is its only use.
 */
function deliver(client: Client, interaction: Record<string, unknown>): void {
  const { actions } = client as unknown as {
    actions: { InteractionCreate: { handle(data: Record<string, unknown>): void } };
  };
  actions.InteractionCreate.handle(interaction);
}

function wire(
  commands: readonly Command[],
  client: Client,
  context: BotContext,
  http: Server | undefined,
  endpoint: InteractionsEndpoint | undefined,
): Bot {
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
  const recordMembership = (guildId: string, record: (id: string) => unknown) => {
    track(
      Promise.resolve()
        .then(() => record(guildId))
        .catch((error: unknown) =>
          logger.warn({ guild: guildId, err: error }, 'could not record joining or leaving a server'),
        ),
    );
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
      const endpointClosed = endpoint?.close();
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref())]);
      await endpointClosed;
      live.stop();
      http?.close();
      await client.destroy();
      await settings.close();
    },
  };
}
