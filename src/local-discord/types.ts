/** The local Discord server's public types: what tests, benchmarks and the playground pass in and read back. */

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

/**
 * JSON exchanged with the bot. Deliberately untyped: tests assert on whatever fields the bot sent, and the
 * server echoes bot payloads back the way Discord does, so a precise type would only force casts.
 */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON payloads, read by assertions
export type Json = any;

export interface LocalGuild {
  id: string;
  name: string;
  ownerId: string;
  /** `type` defaults to 0 (guild text). */
  channels: { id: string; name: string; type?: number }[];
  /** The server's language (`preferred_locale`, sent as `guild_locale` on interactions); default `en-US`. */
  preferredLocale?: string;
}

export interface LocalUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, each segment URL-decoded (`%40original` becomes `@original`). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; `undefined` when empty. */
  body: Json;
  /** Whether the request carried `Authorization: Bot <token>` with the right token. */
  authorized: boolean;
  /** Arrival time (ms since epoch). Requests are recorded when answered, so a delayed one is listed late. */
  at: number;
  /** Status the server answered with. */
  status: number;
  /** Whether a {@link FaultRule} shaped this response. */
  faulted: boolean;
  /** Set when the server itself threw while handling the request (answered 500): a bug in this file. */
  error?: string;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** Resolves with the first callback body the bot POSTs for this interaction that Discord accepts. */
  callback: Promise<Json>;
}

export interface FaultRule {
  method?: string;
  /** Tested against {@link RecordedRequest.path}. */
  path: RegExp;
  /** Status to answer with instead of handling the request; omit to only hold a normal response. */
  status?: number;
  /** Response body; defaults to Discord's body for the status. */
  body?: unknown;
  /** For 429: `retry_after` in the body and the `Retry-After` header (default 1). */
  retryAfterSeconds?: number;
  /**
   * Holds the response: called when a matching request arrives, the server answers once the promise it
   * returns settles. Tests release it on an event (and a minimum time, if they need one), never on a guess.
   */
  hold?: () => Promise<unknown>;
  /** How many matching requests to affect, default 1. */
  times?: number;
}

export interface LocalDiscordServerOptions {
  /** Default 0: any free port. */
  port?: number;
  token?: string;
  botUser?: LocalUser;
  /** Defaults to the bot user's id, as for every application created since 2021. */
  applicationId?: string;
  /** Defaults to one guild with one text channel, `#general`. */
  guilds?: LocalGuild[];
  /** The acknowledgement deadline; Discord's is 3 s. `Infinity` disables the check. */
  acknowledgeWithinMs?: number;
  /** `heartbeat_interval` announced in HELLO; Discord's is 41250 ms. */
  heartbeatIntervalMs?: number;
}

export interface InteractionInput {
  type: 2 | 3 | 4 | 5;
  /** For 2 and 4, `type` defaults to 1 (chat input) and `id` to the registered command's id, by name. */
  data: Json;
  guildId?: string;
  channelId?: string;
  user?: LocalUser;
  /** The invoking member's permission bitfield; defaults to {@link MEMBER_PERMISSIONS}. */
  permissions?: string;
  /** The message a component sits on; required for type 3. Pass an entry of `messages()` or any message. */
  message?: Json;
  /** The invoking user's client language (`locale`), e.g. `ru`; defaults to `en-US`. */
  locale?: string;
  /**
   * Deliver by signed HTTP POST to this URL instead of the configured interactions endpoint (as a load
   * balancer in front of several replicas would pick one).
   */
  endpoint?: string;
}

/**
 * A message appearing, changing or going away in a channel: a user's message (from {@link LocalDiscordServer.sendMessage})
 * or the bot's, ephemeral ones included. `message` is the message in its new state, as Discord would show it to
 * the people who can see it; ephemeral messages carry flag 64 and are meant for `interaction_metadata.user`.
 */
export interface ChannelMessageEvent {
  type: 'create' | 'update' | 'delete';
  message: Json;
}

export interface MessageInput {
  content: string;
  guildId?: string;
  channelId?: string;
  author?: LocalUser;
  /** Defaults to the known users written as `<@id>` in `content`. */
  mentions?: LocalUser[];
  mentionEveryone?: boolean;
  webhookId?: string;
}
