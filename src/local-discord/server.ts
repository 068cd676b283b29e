/**
 * A local Discord: enough of REST API v10 and Gateway v10 (JSON, uncompressed) for the real discord.js v14
 * client to log in, receive interactions and messages, and answer them, all on 127.0.0.1 and in memory.
 *
 * Why a fake server rather than mocked discord.js classes: the bot's real failure modes live in the wire
 * protocol (payload shapes discord.js rejects, interactions acknowledged twice or too late, 429s, dropped
 * gateway connections, Discord's message limits). Running the unmodified client against a server that
 * enforces those rules catches them; mocks would only echo our own assumptions back.
 *
 * The behaviour copied from Discord is limited to what a question-answering bot touches: slash commands,
 * autocomplete, buttons and modals, replies and their edits, mention replies in guild text channels, command
 * registration. Everything else answers 404 and is recorded, so an unexpected call shows up in
 * {@link LocalDiscordServer.requests} instead of hanging.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents, GatewayIntentBits, InteractionType, MessageType } from 'discord.js';
import { HttpServer } from './http.ts';
import { postInteraction } from './http-delivery.ts';
import type { InteractionState, PendingWait, StoredMessage } from './state.ts';
import type {
  ChannelMessageEvent,
  FaultRule,
  InteractionHandle,
  InteractionInput,
  Json,
  LocalDiscordServerOptions,
  MessageInput,
  RecordedRequest,
} from './types.ts';
import { apiMember, apiUser, deferred, MEMBER_PERMISSIONS, mentionedIds, snowflake } from './wire.ts';

export type * from './types.ts';
export { messageUrls, urlError } from './urls.ts';
export { apiUser, DISCORD_LIMITS, MEMBER_PERMISSIONS, snowflake } from './wire.ts';

// ---------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------

/**
 * Discord on 127.0.0.1 for the real discord.js client. Point the client at {@link apiBase}, log in with
 * {@link token}, then drive it with {@link sendInteraction} / {@link sendMessage} and assert on
 * {@link requests}, {@link messages} and interaction callbacks.
 *
 * @example
 * const server = await LocalDiscordServer.start();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiBase } });
 * const ready = once(client, Events.ClientReady); // attach before login: login resolves earlier
 * await client.login(server.token);
 * await ready;
 * const { callback } = server.sendInteraction({ type: 2, data: { name: 'ask' } });
 * expect(await callback).toMatchObject({ type: 4 });
 */
export class LocalDiscordServer extends HttpServer {
  private constructor(http: Server, port: number, options: LocalDiscordServerOptions) {
    super(http, port, options);
  }

  static async start(options: LocalDiscordServerOptions = {}): Promise<LocalDiscordServer> {
    const http = createServer();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return new LocalDiscordServer(http, (http.address() as AddressInfo).port, options);
  }

  /** IDENTIFY and RESUME payloads received, and WebSocket connections accepted, so far. */
  get gatewayStats(): { identifies: number; resumes: number; connections: number } {
    return { ...this.gateway.stats };
  }

  /**
   * Resolves with the first recorded request, past or future, that matches; rejects after `timeoutMs`, by
   * default just under vitest's 30 s test timeout, so that a request that never comes fails with the last
   * requests listed, and a slow machine is never mistaken for a missing request.
   */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 25_000,
  ): Promise<RecordedRequest> {
    const past = this.requests.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const wait: PendingWait = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waits.delete(wait);
          const seen = this.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).slice(-10);
          reject(
            new Error(
              `waitForRequest: no matching request within ${timeoutMs} ms. ` +
                `Last ${seen.length} of ${this.requests.length} requests: ${seen.join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs),
      };
      this.waits.add(wait);
    });
  }

  /** Registered application commands: `'global'` or a guild id. */
  commands(scope: 'global' | string): Json[] {
    return structuredClone(this.commandScopes.get(scope) ?? []);
  }

  /**
   * Dispatches INTERACTION_CREATE with every field discord.js reads (it drops interactions that lack
   * `entitlements` or `authorizing_integration_owners`). The bot must acknowledge it within
   * `acknowledgeWithinMs` of this call, as on Discord.
   */
  sendInteraction(input: InteractionInput): InteractionHandle {
    const endpoint = input.endpoint ?? this.interactionsEndpoint;
    if (endpoint === null) this.requireSession('sendInteraction');
    const channel = this.resolveChannel(input.guildId, input.channelId);
    const guildId = channel.guild.id;
    const user = this.rememberUser(input.user ?? this.defaultUser);
    const id = snowflake();
    const token = `interaction.${id}.${randomBytes(24).toString('base64url')}`;
    const permissions = input.permissions ?? MEMBER_PERMISSIONS;
    const type = input.type as InteractionType;
    if (type === InteractionType.MessageComponent && !input.message) {
      throw new Error('sendInteraction: a message component interaction (type 3) needs `message`.');
    }
    const message = input.message ? this.adoptMessage(input.message, channel) : null;
    const data = this.interactionData(input, guildId);
    const guildLocale = channel.guild.preferredLocale ?? 'en-US';
    const callback = deferred<Json>();
    const state: InteractionState = {
      id,
      token,
      type,
      commandType: type === InteractionType.ApplicationCommand ? data.type : null,
      user,
      channel,
      createdAt: Date.now(),
      acknowledged: false,
      originalMessageId: null,
      componentMessageId: message?.id ?? null,
      resolveCallback: callback.resolve,
    };
    this.interactions.set(id, state);
    this.interactionsByToken.set(token, state);
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: guildId,
      guild: { id: guildId, locale: guildLocale, features: [] },
      channel_id: channel.channel.id,
      channel: { ...this.apiChannel(channel), permissions },
      member: { ...apiMember(user, this.startedAt), permissions },
      ...(message ? { message } : {}),
      token,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS,
      locale: input.locale ?? 'en-US',
      guild_locale: guildLocale,
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (endpoint === null)
      this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, guildId, () => payload);
    else void this.deliverOverHttp(endpoint, payload, state);
    return { id, token, callback: callback.promise };
  }

  /** The application's public key (64 hex characters): give it to the bot as DISCORD_PUBLIC_KEY. */
  get publicKey(): string {
    return this.interactionSigner.publicKey;
  }

  /** `X-Signature-Ed25519` for a request of this application (tests forge and replay with it). */
  sign(timestamp: string, body: string | Buffer): string {
    return this.interactionSigner.sign(timestamp, body);
  }

  /**
   * Sets the Interactions Endpoint URL, as in the Developer Portal: from then on interactions are POSTed there,
   * signed, instead of arriving over the gateway; null goes back to the gateway. Like Discord, it first checks
   * the endpoint: a signed PING must get PONG, and a badly signed one 401; otherwise it throws and keeps the
   * previous setting.
   */
  async setInteractionsEndpoint(url: string | null): Promise<void> {
    if (url !== null) {
      const ping = {
        id: snowflake(),
        application_id: this.applicationId,
        type: 1,
        token: 'ping',
        version: 1,
      };
      const pong = await postInteraction(url, this.interactionSigner, ping);
      const forged = await postInteraction(url, this.interactionSigner, ping, {
        'x-signature-ed25519': '0'.repeat(128),
        'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
      });
      if (pong.status !== 200 || pong.body?.type !== 1 || forged.status !== 401) {
        throw new Error(
          `setInteractionsEndpoint: ${url} answered a signed PING with ${pong.status} ${JSON.stringify(pong.body)} ` +
            `and a badly signed one with ${forged.status}; Discord requires 200 {"type":1} and 401.`,
        );
      }
    }
    this.interactionsEndpoint = url;
  }

  /**
   * Dispatches MESSAGE_CREATE for a guild text message and returns it. Sessions without the Message Content
   * intent get the content blanked unless the bot is mentioned, exactly as Discord does.
   */
  sendMessage(input: MessageInput): Json {
    this.requireSession('sendMessage');
    const channel = this.resolveChannel(input.guildId, input.channelId);
    const author = input.webhookId
      ? { id: input.webhookId, username: input.author?.username ?? 'Webhook', bot: true }
      : this.rememberUser(input.author ?? this.defaultUser);
    const mentions = input.mentions ?? mentionedIds(input.content).map((id) => this.userOrStub(id));
    const message: Json = {
      ...this.newMessage(channel, apiUser(author), MessageType.Default),
      content: input.content,
      mentions: mentions.map((user) => apiUser(this.rememberUser(user))),
      mention_everyone: input.mentionEveryone ?? false,
      ...(input.webhookId ? { webhook_id: input.webhookId } : { member: apiMember(null, this.startedAt) }),
    };
    this.store.set(message.id, { message, allowedMentions: null, interactionToken: null, deleted: false });
    this.emitMessage('create', message);
    const mentionsBot = mentions.some((user) => user.id === this.botUser.id);
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, channel.guild.id, (session) => {
      if (!(session.intents & GatewayIntentBits.GuildMessages)) return null;
      if (mentionsBot || session.intents & GatewayIntentBits.MessageContent) return structuredClone(message);
      return { ...structuredClone(message), content: '', embeds: [], attachments: [], components: [] };
    });
    return structuredClone(message);
  }

  /**
   * Messages the bot created or edited, in order, each in its latest state plus what the bot asked for but
   * Discord does not echo: `allowed_mentions`, `interaction_token` (for interaction responses), `deleted`.
   * `mentions` lists the users the message pings, i.e. the content's mentions filtered by `allowed_mentions`.
   */
  messages(): Json[] {
    return this.botMessageIds.map((id) => {
      const stored = this.store.get(id) as StoredMessage;
      return structuredClone({
        ...stored.message,
        allowed_mentions: stored.allowedMentions,
        interaction_token: stored.interactionToken,
        deleted: stored.deleted,
      });
    });
  }

  /**
   * Calls `listener` for every message created, edited or deleted from now on, the users' and the bot's, as
   * they happen; returns the function that stops it. This is how a viewer (the playground page) follows a
   * channel without polling {@link messages}. Listeners run synchronously and get their own copy; one that
   * throws fails the request that caused the event, like any other error in this server.
   */
  onMessage(listener: (event: ChannelMessageEvent) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /**
   * Ends the gateway sockets: abruptly by default (the client sees 1006 and RESUMEs about 0.5 s later), or
   * with `code` (4000 also resumes; 1000 makes the client identify afresh). Events dispatched meanwhile are
   * replayed on RESUME, followed by RESUMED.
   */
  dropGateway(options: { code?: number } = {}): void {
    this.gateway.drop(options.code);
  }

  /** Shapes the next `times` REST responses matching `rule` (they are still recorded, `faulted: true`). */
  addFault(rule: FaultRule): void {
    this.faults.push({ rule, remaining: rule.times ?? 1 });
  }

  async close(): Promise<void> {
    for (const wait of this.waits) {
      clearTimeout(wait.timer);
      wait.reject(new Error('waitForRequest: the server was closed'));
    }
    this.waits.clear();
    this.messageListeners.clear();
    await this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
