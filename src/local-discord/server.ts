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
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord.js';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { InteractionSigner, postInteraction } from './http-delivery.ts';

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

// ---------------------------------------------------------------------------------------------------------
// Discord constants
// ---------------------------------------------------------------------------------------------------------

const API_PREFIX = '/api/v10';
const GATEWAY_PATH = '/gateway';
const DISCORD_EPOCH = 1420070400000n;
/** Interaction tokens stay valid this long after the interaction was created. */
const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** What a plain member (and the bot) may do: read and write, no moderation, no Manage Guild. */
export const MEMBER_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak
).toString();

/** Message flags a bot may set when creating a message. */
const CREATE_FLAGS =
  MessageFlags.Ephemeral |
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2;

/**
 * Discord's message limits, checked on every message the bot creates or edits. Written out here on
 * purpose rather than imported from `src/render/limits.ts`: this server plays Discord, the
 * independent judge of the bot's own constants.
 */
const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  choices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
} as const;

/** Letters, digits, `-` and `_`; Discord additionally requires lowercase for chat input commands. */
const COMMAND_NAME = new RegExp(`^[-_\\p{L}\\p{N}]{1,${LIMITS.commandName}}$`, 'u');

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

let lastSnowflake = 0n;

/** A real, strictly increasing snowflake, so discord.js derives sensible creation times from ids. */
export function snowflake(): string {
  const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = fromClock > lastSnowflake ? fromClock : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A user object as Discord's API shows it (for `resolved.users` in interactions, say). */
export function apiUser(user: LocalUser): Json {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: null,
    avatar: null,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

function apiMember(user: LocalUser | null, joinedAt: string): Json {
  return {
    ...(user ? { user: apiUser(user) } : {}),
    nick: null,
    avatar: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

interface ApiResponse {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

function json(body: Json, status = 200): ApiResponse {
  return { status, body };
}

const noContent: ApiResponse = { status: 204 };

/** Discord's error body: a numeric `code` is what discord.js turns into `DiscordAPIError.code`. */
function apiError(status: number, code: number, message: string, extra: Json = {}): ApiResponse {
  return { status, body: { message, code, ...extra } };
}

function httpError(status: number): ApiResponse {
  return apiError(status, 0, `${status}: ${STATUS_CODES[status] ?? 'Error'}`);
}

const unknownMessage = () => apiError(404, 10008, 'Unknown Message');
const unknownChannel = () => apiError(404, 10003, 'Unknown Channel');

interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Discord's 50035 body, whose nested `errors` discord.js flattens into a readable message. */
function invalidFormBody(errors: FieldError[]): ApiResponse {
  const tree: Json = {};
  for (const { path, code, message } of errors) {
    let node = tree;
    for (const key of path) node = node[key] ??= {};
    node._errors ??= [];
    node._errors.push({ code, message });
  }
  return apiError(400, 50035, 'Invalid Form Body', { errors: tree });
}

function tooLong(path: (string | number)[], max: number): FieldError {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function checkLength(errors: FieldError[], path: (string | number)[], value: unknown, max: number): void {
  if ((typeof value === 'string' || Array.isArray(value)) && value.length > max) {
    errors.push(tooLong(path, max));
  }
}

/** Discord's limits on content, embeds and components (`prefix` is `['data']` inside interaction callbacks). */
function validateMessage(payload: Json, prefix: (string | number)[] = []): FieldError[] {
  const errors: FieldError[] = [];
  if (!payload || typeof payload !== 'object') return errors;
  checkLength(errors, [...prefix, 'content'], payload.content, LIMITS.content);
  const embeds: Json[] = Array.isArray(payload.embeds) ? payload.embeds : [];
  checkLength(errors, [...prefix, 'embeds'], embeds, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = [...prefix, 'embeds', i];
    const fields: Json[] = Array.isArray(embed?.fields) ? embed.fields : [];
    checkLength(errors, [...at, 'title'], embed?.title, LIMITS.embedTitle);
    checkLength(errors, [...at, 'description'], embed?.description, LIMITS.embedDescription);
    checkLength(errors, [...at, 'fields'], fields, LIMITS.embedFields);
    checkLength(errors, [...at, 'footer', 'text'], embed?.footer?.text, LIMITS.footerText);
    checkLength(errors, [...at, 'author', 'name'], embed?.author?.name, LIMITS.authorName);
    fields.forEach((field, j) => {
      checkLength(errors, [...at, 'fields', j, 'name'], field?.name, LIMITS.fieldName);
      checkLength(errors, [...at, 'fields', j, 'value'], field?.value, LIMITS.fieldValue);
    });
    const texts = [embed?.title, embed?.description, embed?.footer?.text, embed?.author?.name];
    for (const field of fields) texts.push(field?.name, field?.value);
    for (const text of texts) total += typeof text === 'string' ? text.length : 0;
  });
  if (total > LIMITS.embedTotal) {
    errors.push({
      path: [...prefix, 'embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
  // Components v2 messages have their own, looser layout rules; only classic action rows are checked.
  const isComponentsV2 = (Number(payload.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
  if (!isComponentsV2 && Array.isArray(payload.components)) {
    checkLength(errors, [...prefix, 'components'], payload.components, LIMITS.actionRows);
    payload.components.forEach((row: Json, i: number) => {
      const children: Json[] = Array.isArray(row?.components) ? row.components : [];
      checkLength(errors, [...prefix, 'components', i, 'components'], children, LIMITS.rowComponents);
      children.forEach((child, j) => {
        checkLength(
          errors,
          [...prefix, 'components', i, 'components', j, 'custom_id'],
          child?.custom_id,
          LIMITS.customId,
        );
      });
    });
  }
  return errors;
}

/** Discord refuses to create a message with nothing to show (50006). */
function isEmptyMessage(payload: Json, hasFiles: boolean): boolean {
  const nonEmpty = (value: unknown) =>
    (typeof value === 'string' || Array.isArray(value)) && value.length > 0;
  return !(
    hasFiles ||
    nonEmpty(payload?.content) ||
    nonEmpty(payload?.embeds) ||
    nonEmpty(payload?.components) ||
    nonEmpty(payload?.sticker_ids) ||
    payload?.poll
  );
}

function validateChoices(choices: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(choices)) {
    return [{ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  }
  checkLength(errors, ['data', 'choices'], choices, LIMITS.choices);
  choices.forEach((choice: Json, i) => {
    for (const key of ['name', 'value'] as const) {
      const value = choice?.[key];
      if (key === 'value' && typeof value !== 'string') continue;
      if (typeof value !== 'string' || value.length < 1 || value.length > LIMITS.choiceText) {
        errors.push({
          path: ['data', 'choices', i, key],
          code: 'BASE_TYPE_BAD_LENGTH',
          message: `Must be between 1 and ${LIMITS.choiceText} in length.`,
        });
      }
    }
  });
  return errors;
}

/** Name and description rules for a command and, recursively, its options. */
function validateCommand(command: Json, path: (string | number)[], chatInput: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const name = command?.name;
  if (typeof name !== 'string' || !COMMAND_NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
    errors.push({
      path: [...path, 'name'],
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid (1-${LIMITS.commandName} lowercase letters, digits, - or _).`,
    });
  }
  if (chatInput) {
    const description = command?.description;
    if (
      typeof description !== 'string' ||
      description.length < 1 ||
      description.length > LIMITS.commandDescription
    ) {
      errors.push({
        path: [...path, 'description'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: `Must be between 1 and ${LIMITS.commandDescription} in length.`,
      });
    }
    const options: Json[] = Array.isArray(command?.options) ? command.options : [];
    options.forEach((option, i) => {
      errors.push(...validateCommand(option, [...path, 'options', i], true));
    });
  }
  return errors;
}

/** Discord's naming rules for a command of any type (descriptions and options exist for chat input only). */
function commandErrors(input: Json, path: (string | number)[]): FieldError[] {
  const type = input?.type ?? ApplicationCommandType.ChatInput;
  return validateCommand(input, path, type === ApplicationCommandType.ChatInput);
}

/** User ids written as `<@id>` or `<@!id>`, in order, without duplicates. */
function mentionedIds(content: unknown): string[] {
  if (typeof content !== 'string') return [];
  return [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] as string))];
}

/**
 * The users a message pings: the content's mentions filtered by `allowed_mentions`, plus the author of the
 * replied-to message unless `allowed_mentions` leaves out `replied_user`.
 */
function pingedIds(message: Json, allowedMentions: Json): string[] {
  const ids = mentionedIds(message.content);
  const repliedTo: string | undefined = message.referenced_message?.author?.id;
  if (!allowedMentions) return repliedTo && !ids.includes(repliedTo) ? [...ids, repliedTo] : ids;
  const parseUsers = Array.isArray(allowedMentions.parse) && allowedMentions.parse.includes('users');
  const listed: string[] = Array.isArray(allowedMentions.users) ? allowedMentions.users : [];
  const pinged = ids.filter((id) => parseUsers || listed.includes(id));
  if (repliedTo && allowedMentions.replied_user === true && !pinged.includes(repliedTo)) {
    pinged.push(repliedTo);
  }
  return pinged;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * JSON, or multipart/form-data as discord.js sends it with attachments: the message lives in `payload_json`,
 * files in `files[n]`. Files are only counted (they make a message non-empty); their bytes are dropped.
 */
async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: Json; hasFiles: boolean } | null> {
  if (raw.length === 0) return { body: undefined, hasFiles: false };
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const payload = form.get('payload_json');
      const hasFiles = [...form.values()].some((value) => typeof value !== 'string');
      return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, hasFiles };
    }
    return { body: JSON.parse(raw.toString('utf8')), hasFiles: false };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Gateway
// ---------------------------------------------------------------------------------------------------------

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: Json;
}

/** One gateway session: it outlives its socket so that a dropped client can RESUME it. */
interface GatewaySession {
  id: string;
  shard: [number, number] | null;
  intents: number;
  seq: number;
  /** Dispatches not yet acknowledged by a heartbeat, replayed on RESUME. */
  backlog: DispatchPayload[];
  socket: WebSocket | null;
}

interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  /** READY, then the session's GUILD_CREATEs: what Discord sends after IDENTIFY. */
  initialDispatches(session: GatewaySession): [event: string, data: Json][];
}

/** Whether `guildId`'s events go to this session: Discord routes guild `g` to shard `(g >> 22) % count`. */
function routesTo(session: GatewaySession, guildId: string | null): boolean {
  if (!session.shard || session.shard[1] <= 1 || guildId === null || !/^\d+$/.test(guildId)) return true;
  return Number((BigInt(guildId) >> 22n) % BigInt(session.shard[1])) === session.shard[0];
}

/** The gateway protocol: HELLO, IDENTIFY/READY, heartbeats, RESUME with replay, invalid sessions. */
class Gateway {
  readonly stats = { identifies: 0, resumes: 0, connections: 0 };
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();

  constructor(private readonly hooks: GatewayHooks) {}

  get hasSessions(): boolean {
    return this.sessions.size > 0;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== GATEWAY_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams));
  }

  /**
   * Sends `event` to every session that should see it. `build` returns the payload for one session, or
   * null to skip it (a missing intent). Sessions whose socket is down keep the event for their RESUME.
   */
  dispatch(event: string, guildId: string | null, build: (session: GatewaySession) => Json | null): void {
    for (const session of this.sessions.values()) {
      if (!routesTo(session, guildId)) continue;
      const data = build(session);
      if (data !== null) this.send(session, event, data);
    }
  }

  /** Ends every socket: abruptly (1006 on the client, which resumes) or with a close code. */
  drop(code?: number): void {
    for (const session of this.sessions.values()) {
      const socket = session.socket;
      session.socket = null;
      if (code === undefined) socket?.terminate();
      else socket?.close(code);
    }
  }

  close(): Promise<void> {
    for (const socket of this.server.clients) socket.terminate();
    this.sessions.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, query: URLSearchParams): void {
    this.stats.connections++;
    if (query.has('v') && query.get('v') !== '10') {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if (query.has('encoding') && query.get('encoding') !== 'json') {
      ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding is supported');
      return;
    }
    let session: GatewaySession | null = null;
    ws.send(
      JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } }),
    );
    ws.on('message', (raw: RawData) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      session = this.receive(ws, session, payload);
    });
    ws.on('close', (code) => {
      if (!session || session.socket !== ws) return;
      session.socket = null;
      // A client that closes with 1000/1001 ends its session, as on Discord; any other close can be resumed.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
  }

  /** Handles one client payload; returns the socket's session afterwards. */
  private receive(ws: WebSocket, session: GatewaySession | null, payload: Json): GatewaySession | null {
    switch (payload?.op) {
      case GatewayOpcodes.Heartbeat: {
        // The heartbeat carries the last sequence the client saw: nothing up to it needs replaying.
        if (session && typeof payload.d === 'number') {
          session.backlog = session.backlog.filter((dispatch) => dispatch.s > payload.d);
        }
        ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return session;
      }
      case GatewayOpcodes.Identify:
        return this.identify(ws, session, payload.d);
      case GatewayOpcodes.Resume:
        return this.resume(ws, session, payload.d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!session) ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return session;
      default:
        ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
        return session;
    }
  }

  /** Closes a socket that may not (re)authenticate: it already has a session, or the token is wrong. */
  private refuse(ws: WebSocket, current: GatewaySession | null, token: unknown): boolean {
    if (current) ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    else if (!this.tokenMatches(token))
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    else return false;
    return true;
  }

  private identify(ws: WebSocket, current: GatewaySession | null, d: Json): GatewaySession | null {
    this.stats.identifies++;
    if (this.refuse(ws, current, d?.token)) return current;
    const shard = Array.isArray(d.shard) ? (d.shard as [number, number]) : null;
    if (shard && !(shard[0] >= 0 && shard[0] < shard[1])) {
      ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    // A new IDENTIFY for a shard replaces that shard's previous session, which would otherwise buffer forever.
    for (const old of this.sessions.values()) {
      if (old.shard?.[0] === shard?.[0] && old.shard?.[1] === shard?.[1]) this.sessions.delete(old.id);
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents: Number(d.intents ?? 0),
      seq: 0,
      backlog: [],
      socket: ws,
    };
    this.sessions.set(session.id, session);
    for (const [event, data] of this.hooks.initialDispatches(session)) this.send(session, event, data);
    return session;
  }

  private resume(ws: WebSocket, current: GatewaySession | null, d: Json): GatewaySession | null {
    this.stats.resumes++;
    if (this.refuse(ws, current, d?.token)) return current;
    const session = this.sessions.get(d.session_id);
    if (!session) {
      // d: false = not resumable; the client reconnects and identifies afresh.
      ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    session.socket?.terminate();
    session.socket = ws;
    const after = Number(d.seq ?? 0);
    for (const dispatch of session.backlog) if (dispatch.s > after) ws.send(JSON.stringify(dispatch));
    this.send(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  private send(session: GatewaySession, event: string, data: Json): void {
    session.seq++;
    const dispatch: DispatchPayload = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data };
    session.backlog.push(dispatch);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(dispatch));
  }

  private tokenMatches(token: unknown): boolean {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.hooks.token;
  }
}

// ---------------------------------------------------------------------------------------------------------
// REST routing
// ---------------------------------------------------------------------------------------------------------

interface ApiRequest {
  method: string;
  /** When the request arrived: Discord judges deadlines by arrival, however slowly it then answers. */
  receivedAt: number;
  query: Record<string, string>;
  body: Json;
  hasFiles: boolean;
  params: Record<string, string>;
}

interface Route {
  method: string;
  segments: string[];
  /** Whether Discord requires `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  handle: (req: ApiRequest) => ApiResponse;
}

/** Matches `/a/:x/b` against decoded path segments; literal segments must be equal. */
function matchSegments(template: string[], segments: string[]): Record<string, string> | null {
  if (template.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const actual = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = actual;
    else if (part !== actual) return null;
  }
  return params;
}

// ---------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------

interface ChannelEntry {
  guild: LocalGuild;
  channel: LocalGuild['channels'][number];
  position: number;
}

interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  commandType: ApplicationCommandType | null;
  user: LocalUser;
  channel: ChannelEntry;
  createdAt: number;
  acknowledged: boolean;
  /** What `@original` means: the reply (types 4/5) or the component's message (types 6/7). */
  originalMessageId: string | null;
  componentMessageId: string | null;
  resolveCallback: (body: Json) => void;
}

interface StoredMessage {
  message: Json;
  allowedMentions: Json;
  interactionToken: string | null;
  deleted: boolean;
}

interface PendingWait {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

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
export class LocalDiscordServer {
  /** `http://127.0.0.1:PORT/api`: pass as `rest: { api }` to `Client` and to `REST`; they append `/v10`. */
  readonly apiBase: string;
  readonly token: string;
  readonly botUser: LocalUser;
  readonly applicationId: string;
  readonly guilds: LocalGuild[];
  /** The user interactions and messages come from unless a test names another. */
  readonly defaultUser: LocalUser;
  /** Every REST call, in the order answered. */
  readonly requests: RecordedRequest[] = [];

  private readonly gateway: Gateway;
  private readonly gatewayUrl: string;
  private readonly acknowledgeWithinMs: number;
  private readonly startedAt = new Date().toISOString();
  private readonly routes: Route[];
  private readonly users = new Map<string, LocalUser>();
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly store = new Map<string, StoredMessage>();
  /** Ids of messages the bot created or changed, in first-touched order. */
  private readonly botMessageIds: string[] = [];
  private readonly commandScopes = new Map<string, Json[]>();
  private readonly faults: ActiveFault[] = [];
  private readonly waits = new Set<PendingWait>();
  private readonly messageListeners = new Set<(event: ChannelMessageEvent) => void>();
  private readonly interactionSigner = new InteractionSigner();
  private interactionsEndpoint: string | null = null;

  private constructor(
    private readonly http: Server,
    port: number,
    options: LocalDiscordServerOptions,
  ) {
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
    this.botUser = { bot: true, ...(options.botUser ?? { id: snowflake(), username: 'LocalBot' }) };
    this.applicationId = options.applicationId ?? this.botUser.id;
    this.token = options.token ?? 'local-discord-bot-token';
    this.acknowledgeWithinMs = options.acknowledgeWithinMs ?? 3000;
    this.defaultUser = { id: snowflake(), username: 'tester' };
    this.guilds = (
      options.guilds ?? [
        {
          id: snowflake(),
          name: 'Local Guild',
          ownerId: this.defaultUser.id,
          channels: [{ id: snowflake(), name: 'general' }],
        },
      ]
    ).map((guild) => ({
      ...guild,
      channels: guild.channels.map((channel) => ({
        ...channel,
        type: channel.type ?? ChannelType.GuildText,
      })),
    }));
    for (const guild of this.guilds) {
      guild.channels.forEach((channel, position) => {
        this.channels.set(channel.id, { guild, channel, position });
      });
    }
    this.rememberUser(this.botUser);
    this.rememberUser(this.defaultUser);
    this.gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      initialDispatches: (session) => this.initialDispatches(session),
    });
    this.routes = this.buildRoutes();
    // A request can only fail outside onRequest's own error handling when the client aborted it.
    http.on('request', (req, res) => void this.onRequest(req, res).catch(() => res.destroy()));
    http.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
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

  // ----- gateway payloads ------------------------------------------------------------------------------

  private initialDispatches(session: GatewaySession): [string, Json][] {
    const guilds = this.guilds.filter((guild) => routesTo(session, guild.id));
    const ready: Json = {
      v: 10,
      user: { ...apiUser(this.botUser), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      // Plain ws:// without a query: the client appends ?v=10&encoding=json itself.
      resume_gateway_url: this.gatewayUrl,
      ...(session.shard ? { shard: session.shard } : {}),
      application: { id: this.applicationId, flags: 0 },
    };
    const dispatches: [string, Json][] = [[GatewayDispatchEvents.Ready, ready]];
    // Without the Guilds intent Discord sends no GUILD_CREATE; discord.js then stops waiting for guilds at once.
    if (session.intents & GatewayIntentBits.Guilds) {
      for (const guild of guilds) {
        dispatches.push([GatewayDispatchEvents.GuildCreate, this.guildCreate(guild)]);
      }
    }
    return dispatches;
  }

  private guildCreate(guild: LocalGuild): Json {
    const everyone: Json = {
      id: guild.id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: MEMBER_PERMISSIONS,
      managed: false,
      mentionable: false,
      flags: 0,
    };
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_progress_bar_enabled: false,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: guild.preferredLocale ?? 'en-US',
      hub_type: null,
      incidents_data: null,
      features: [],
      roles: [everyone],
      emojis: [],
      stickers: [],
      joined_at: this.startedAt,
      large: false,
      unavailable: false,
      member_count: 2, // the bot and the owner
      members: [apiMember(this.botUser, this.startedAt)],
      channels: this.channelsOf(guild).map((entry) => this.apiChannel(entry)),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private channelsOf(guild: LocalGuild): ChannelEntry[] {
    return [...this.channels.values()].filter((entry) => entry.guild === guild);
  }

  private apiChannel({ guild, channel, position }: ChannelEntry): Json {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: guild.id,
      name: channel.name,
      position,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private interactionData(input: InteractionInput, guildId: string): Json {
    if (input.type === InteractionType.MessageComponent) {
      return { component_type: ComponentType.Button, ...input.data };
    }
    if (input.type === InteractionType.ModalSubmit) return { components: [], ...input.data };
    const command = [
      ...(this.commandScopes.get(guildId) ?? []),
      ...(this.commandScopes.get('global') ?? []),
    ].find((candidate) => candidate.name === input.data?.name);
    return {
      type: ApplicationCommandType.ChatInput,
      id: command?.id ?? snowflake(),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      ...input.data,
    };
  }

  private requireSession(caller: string): void {
    if (!this.gateway.hasSessions) {
      throw new Error(`${caller}: no gateway session. Log the client in (and wait for clientReady) first.`);
    }
  }

  private resolveChannel(guildId: string | undefined, channelId: string | undefined): ChannelEntry {
    if (channelId) {
      const entry = this.channels.get(channelId);
      if (!entry || (guildId && entry.guild.id !== guildId)) throw new Error(`Unknown channel ${channelId}`);
      return entry;
    }
    const guild = guildId ? this.guilds.find((candidate) => candidate.id === guildId) : this.guilds[0];
    const entry =
      guild && this.channelsOf(guild).find(({ channel }) => channel.type === ChannelType.GuildText);
    if (!entry) throw new Error(`No text channel in guild ${guildId ?? '(default)'}`);
    return entry;
  }

  private rememberUser(user: LocalUser): LocalUser {
    this.users.set(user.id, user);
    return user;
  }

  private userOrStub(id: string): LocalUser {
    return this.users.get(id) ?? { id, username: `user-${id}` };
  }

  // ----- messages --------------------------------------------------------------------------------------

  /** The fields every message carries, empty; callers fill in content and the rest. */
  private newMessage(channel: ChannelEntry, author: Json, type: MessageType): Json {
    return {
      id: snowflake(),
      type,
      channel_id: channel.channel.id,
      guild_id: channel.guild.id,
      author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
  }

  /** A message the bot sends through REST, from its JSON payload. */
  private createBotMessage(
    channel: ChannelEntry,
    payload: Json,
    options: { type: MessageType; flags: number; interaction?: InteractionState; reference?: Json },
  ): Json {
    const { interaction } = options;
    const message: Json = {
      ...this.newMessage(channel, apiUser(this.botUser), options.type),
      flags: options.flags,
      tts: payload?.tts ?? false,
      ...(payload?.nonce !== undefined ? { nonce: payload.nonce } : {}),
      ...(options.reference ?? {}),
    };
    if (interaction) {
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      message.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: apiUser(interaction.user),
        authorizing_integration_owners: { '0': interaction.channel.guild.id },
        ...(interaction.componentMessageId ? { interacted_message_id: interaction.componentMessageId } : {}),
        ...(interaction.originalMessageId
          ? { original_response_message_id: interaction.originalMessageId }
          : {}),
      };
    }
    const allowedMentions = payload?.allowed_mentions ?? null;
    this.applyPayload(message, payload, allowedMentions);
    this.store.set(message.id, {
      message,
      allowedMentions,
      interactionToken: interaction?.token ?? null,
      deleted: false,
    });
    this.botMessageIds.push(message.id);
    this.announce(GatewayDispatchEvents.MessageCreate, message);
    this.emitMessage('create', message);
    return message;
  }

  /**
   * Copies the message fields present in a create or edit payload, then recomputes who the message pings.
   * Flags set at creation stay: afterwards SuppressEmbeds can be switched either way, IsComponentsV2 only on.
   */
  private applyPayload(message: Json, payload: Json, allowedMentions: Json): void {
    if (payload && typeof payload === 'object') {
      if ('content' in payload) message.content = payload.content ?? '';
      if ('embeds' in payload) {
        message.embeds = (payload.embeds ?? []).map((embed: Json) => ({ type: 'rich', ...embed }));
      }
      if ('components' in payload) message.components = payload.components ?? [];
      if ('flags' in payload) {
        const requested = Number(payload.flags ?? 0);
        message.flags =
          (message.flags & ~MessageFlags.SuppressEmbeds) |
          (requested & (MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2));
      }
    }
    message.mentions = pingedIds(message, allowedMentions).map((id) => apiUser(this.userOrStub(id)));
  }

  /** Applies an edit by the bot: Discord clears the loading state of a deferred reply on its first edit. */
  private editBotMessage(id: string, payload: Json): Json {
    const stored = this.store.get(id) as StoredMessage;
    const message: Json = stored.message;
    const wasLoading = (message.flags & MessageFlags.Loading) !== 0;
    if (payload && 'allowed_mentions' in payload) stored.allowedMentions = payload.allowed_mentions;
    this.applyPayload(message, payload, stored.allowedMentions);
    message.flags &= ~MessageFlags.Loading;
    if (!wasLoading) message.edited_timestamp = new Date().toISOString();
    if (!this.botMessageIds.includes(id)) this.botMessageIds.push(id);
    this.announce(GatewayDispatchEvents.MessageUpdate, message);
    this.emitMessage('update', message);
    return message;
  }

  /** MESSAGE_CREATE/UPDATE for the bot's own non-ephemeral messages, which Discord sends back to it too. */
  private announce(event: GatewayDispatchEvents, message: Json): void {
    if (message.flags & MessageFlags.Ephemeral) return;
    this.gateway.dispatch(event, message.guild_id, (session) =>
      session.intents & GatewayIntentBits.GuildMessages ? structuredClone(message) : null,
    );
  }

  private emitMessage(type: ChannelMessageEvent['type'], message: Json): void {
    for (const listener of this.messageListeners) listener({ type, message: structuredClone(message) });
  }

  /** The message a component interaction refers to: the stored one when known, else the test's object. */
  private adoptMessage(input: Json, channel: ChannelEntry): Json {
    const known = typeof input?.id === 'string' ? this.store.get(input.id) : undefined;
    if (known) return structuredClone(known.message);
    const { allowed_mentions: _a, interaction_token: _t, deleted: _d, ...fields } = input ?? {};
    const message = { ...this.newMessage(channel, apiUser(this.botUser), MessageType.Default), ...fields };
    this.store.set(message.id, { message, allowedMentions: null, interactionToken: null, deleted: false });
    return structuredClone(message);
  }

  private messageIn(channelId: string, messageId: string): StoredMessage | null {
    const stored = this.store.get(messageId);
    return stored && !stored.deleted && stored.message.channel_id === channelId ? stored : null;
  }

  // ----- HTTP ------------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.apiBase);
    const method = (req.method ?? 'GET').toUpperCase();
    const underApi = url.pathname.startsWith(`${API_PREFIX}/`);
    const segments = (underApi ? url.pathname.slice(API_PREFIX.length) : url.pathname)
      .split('/')
      .map(decodeSegment);
    const path = segments.join('/');
    const parsed = await parseBody(req.headers['content-type'], await readBody(req));
    const fault = this.takeFault(method, path);
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: parsed?.body,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      at,
      status: 0,
      faulted: fault !== null,
    };
    let response: ApiResponse;
    try {
      if (fault?.hold) await fault.hold();
      if (fault?.status !== undefined) response = faultResponse(fault);
      else if (!parsed) response = apiError(400, 50109, 'The request body contains invalid JSON.');
      else if (!underApi) response = httpError(404);
      else response = this.route(segments.slice(1), record, parsed);
    } catch (error) {
      record.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      response = httpError(500);
    }
    record.status = response.status;
    this.record(record);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers };
    if (response.body !== undefined) headers['Content-Type'] = 'application/json';
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  }

  /** Finds the handler for `segments` (the path after /api/v10, split and decoded) and runs it. */
  private route(
    segments: string[],
    { method, query, authorized, at }: RecordedRequest,
    parsed: { body: Json; hasFiles: boolean },
  ): ApiResponse {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (route.auth && !authorized) return httpError(401);
      return route.handle({ method, receivedAt: at, query, ...parsed, params });
    }
    return httpError(pathMatched ? 405 : 404);
  }

  private takeFault(method: string, path: string): FaultRule | null {
    const index = this.faults.findIndex(({ rule }) => {
      rule.path.lastIndex = 0; // a /g or /y regexp would otherwise remember the last match
      return (!rule.method || rule.method.toUpperCase() === method) && rule.path.test(path);
    });
    const active = this.faults[index];
    if (!active) return null;
    active.remaining--;
    if (active.remaining <= 0) this.faults.splice(index, 1);
    return active.rule;
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const wait of this.waits) {
      let matches: boolean;
      try {
        matches = wait.predicate(request);
      } catch (error) {
        this.waits.delete(wait);
        clearTimeout(wait.timer);
        wait.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (!matches) continue;
      this.waits.delete(wait);
      clearTimeout(wait.timer);
      wait.resolve(request);
    }
  }

  private buildRoutes(): Route[] {
    const route = (method: string, template: string, handle: Route['handle'], auth = true): Route => ({
      method,
      segments: template.split('/').slice(1),
      auth,
      handle,
    });
    const commands = '/applications/:app/commands';
    const guildCommands = '/applications/:app/guilds/:guild/commands';
    const webhookMessage = '/webhooks/:app/:token/messages/:message';
    return [
      route('GET', '/gateway', () => json({ url: this.gatewayUrl }), false),
      route('GET', '/gateway/bot', () =>
        json({
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
      ),
      route('GET', '/users/@me', () => json(apiUser(this.botUser))),
      route('GET', '/users/:user', ({ params }) => {
        const user = this.users.get(params.user as string);
        return user ? json(apiUser(user)) : apiError(404, 10013, 'Unknown User');
      }),
      route('GET', '/applications/@me', () => json(this.application())),
      ...[commands, guildCommands].flatMap((base) => [
        route('GET', base, (req) => this.listCommands(req)),
        route('PUT', base, (req) => this.overwriteCommands(req)),
        route('POST', base, (req) => this.upsertCommand(req)),
        route('GET', `${base}/:command`, (req) => this.getCommand(req)),
        route('DELETE', `${base}/:command`, (req) => this.deleteCommand(req)),
      ]),
      route(
        'POST',
        '/interactions/:interaction/:token/callback',
        (req) => this.interactionCallback(req),
        false,
      ),
      route('POST', '/webhooks/:app/:token', (req) => this.followUp(req), false),
      route('GET', webhookMessage, (req) => this.webhookMessage(req), false),
      route('PATCH', webhookMessage, (req) => this.webhookMessage(req), false),
      route('DELETE', webhookMessage, (req) => this.webhookMessage(req), false),
      route('GET', '/channels/:channel', ({ params }) => {
        const entry = this.channels.get(params.channel as string);
        return entry ? json(this.apiChannel(entry)) : unknownChannel();
      }),
      route('POST', '/channels/:channel/typing', ({ params }) =>
        this.channels.has(params.channel as string) ? noContent : unknownChannel(),
      ),
      route('POST', '/channels/:channel/messages', (req) => this.createChannelMessage(req)),
      route('GET', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
      route('PATCH', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
      route('DELETE', '/channels/:channel/messages/:message', (req) => this.channelMessage(req)),
    ];
  }

  private application(): Json {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: apiUser(this.botUser),
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      owner: apiUser(this.defaultUser),
      team: null,
      flags: 0,
      tags: [],
      install_params: null,
      integration_types_config: { '0': {} },
      approximate_guild_count: this.guilds.length,
    };
  }

  // ----- application commands --------------------------------------------------------------------------

  /** The scope a commands URL names (`'global'` or a guild id) and its commands, or Discord's error. */
  private commandScope(req: ApiRequest): { scope: string; list: Json[] } | ApiResponse {
    if (req.params.app !== this.applicationId) return apiError(404, 10002, 'Unknown Application');
    const scope = req.params.guild ?? 'global';
    if (scope !== 'global' && !this.guilds.some((guild) => guild.id === scope)) {
      return apiError(404, 10004, 'Unknown Guild');
    }
    return { scope, list: this.commandScopes.get(scope) ?? [] };
  }

  /** A stored command as Discord returns it: the bot's fields plus ids, version and defaults. */
  private toCommand(input: Json, scope: string, existing: Json | undefined): Json {
    return {
      ...input,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type: input.type ?? ApplicationCommandType.ChatInput,
      description: input.description ?? '',
      options: input.options ?? [],
      default_member_permissions: input.default_member_permissions ?? null,
      nsfw: input.nsfw ?? false,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    };
  }

  private listCommands(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    return isApiResponse(found) ? found : json(found.list);
  }

  /** PUT: replaces the scope's commands; a command keeps its id while its name and type stay the same. */
  private overwriteCommands(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    if (!Array.isArray(req.body)) {
      return invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
    }
    const inputs: Json[] = req.body;
    const errors = inputs.flatMap((input, i) => commandErrors(input, [i]));
    inputs.forEach((input, i) => {
      if (inputs.findIndex((other) => sameCommand(other, input)) !== i) {
        errors.push({
          path: [i, 'name'],
          code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
          message: 'Duplicate name',
        });
      }
    });
    if (errors.length) return invalidFormBody(errors);
    const next = inputs.map((input) =>
      this.toCommand(
        input,
        found.scope,
        found.list.find((old) => sameCommand(old, input)),
      ),
    );
    this.commandScopes.set(found.scope, next);
    return json(next);
  }

  /** POST: creates a command (201) or overwrites the one with the same name and type (200). */
  private upsertCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const errors = commandErrors(req.body, []);
    if (errors.length) return invalidFormBody(errors);
    const existing = found.list.find((old) => sameCommand(old, req.body));
    const command = this.toCommand(req.body, found.scope, existing);
    this.commandScopes.set(found.scope, [...found.list.filter((old) => old !== existing), command]);
    return json(command, existing ? 200 : 201);
  }

  private getCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const command = found.list.find((candidate) => candidate.id === req.params.command);
    return command ? json(command) : apiError(404, 10063, 'Unknown application command');
  }

  private deleteCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const rest = found.list.filter((candidate) => candidate.id !== req.params.command);
    if (rest.length === found.list.length) return apiError(404, 10063, 'Unknown application command');
    this.commandScopes.set(found.scope, rest);
    return noContent;
  }

  // ----- interactions ----------------------------------------------------------------------------------

  /**
   * Delivers an interaction to an HTTP endpoint; a 200 JSON response is its callback, handled and recorded
   * exactly like a POST to the callback route (arrival time = when the response arrived). Any other answer is
   * recorded with its status and leaves the interaction unacknowledged, as Discord does.
   */
  private async deliverOverHttp(url: string, payload: Json, state: InteractionState): Promise<void> {
    const response = await postInteraction(url, this.interactionSigner, payload);
    const segments = ['interactions', state.id, state.token, 'callback'];
    const record: RecordedRequest = {
      method: 'POST',
      path: `/${segments.join('/')}`,
      query: {},
      body: response.body,
      authorized: false,
      at: response.receivedAt,
      status: response.status,
      faulted: false,
    };
    if (response.status === 200 && response.body && typeof response.body === 'object') {
      record.status = this.route(segments, record, { body: response.body, hasFiles: false }).status;
    }
    this.record(record);
  }

  /**
   * POST /interactions/:id/:token/callback. Each interaction accepts exactly one callback, of a type that
   * fits it, within the acknowledgement deadline; a rejected callback leaves it unacknowledged.
   */
  private interactionCallback(req: ApiRequest): ApiResponse {
    const state = this.interactions.get(req.params.interaction as string);
    if (
      !state ||
      state.token !== req.params.token ||
      req.receivedAt - state.createdAt > this.acknowledgeWithinMs
    ) {
      return apiError(404, 10062, 'Unknown interaction');
    }
    if (state.acknowledged) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    const body = req.body ?? {};
    const type = body.type as InteractionResponseType;
    if (!allowedCallbackTypes(state).includes(type)) {
      return invalidFormBody([
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: 'Invalid interaction response type',
        },
      ]);
    }
    const rejection = callbackRejection(type, body.data, req.hasFiles);
    if (rejection) return rejection;
    const message = this.performCallback(state, type, body.data ?? {});
    state.acknowledged = true;
    state.resolveCallback(body);
    if (req.query.with_response !== 'true') return noContent;
    const flags = message?.flags ?? 0;
    return json({
      interaction: {
        id: state.id,
        type: state.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    });
  }

  /** The message a callback creates or updates, if any; also fixes what `@original` refers to. */
  private performCallback(state: InteractionState, type: InteractionResponseType, data: Json): Json | null {
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const deferredReply = type === InteractionResponseType.DeferredChannelMessageWithSource;
        const flags = deferredReply
          ? MessageFlags.Loading | (Number(data.flags ?? 0) & MessageFlags.Ephemeral)
          : Number(data.flags ?? 0) & CREATE_FLAGS;
        const message = this.createBotMessage(state.channel, deferredReply ? {} : data, {
          type: responseMessageType(state),
          flags,
          interaction: state,
        });
        state.originalMessageId = message.id;
        return message;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        state.originalMessageId = state.componentMessageId;
        return null;
      case InteractionResponseType.UpdateMessage:
        state.originalMessageId = state.componentMessageId;
        return this.editBotMessage(state.componentMessageId as string, data);
      default:
        return null;
    }
  }

  /** The interaction behind a webhook URL (for interactions, the webhook id is the application id). */
  private webhookInteraction(req: ApiRequest): InteractionState | ApiResponse {
    if (req.params.app !== this.applicationId) return apiError(404, 10015, 'Unknown Webhook');
    const state = this.interactionsByToken.get(req.params.token as string);
    if (!state || Date.now() - state.createdAt > INTERACTION_TOKEN_LIFETIME_MS) {
      return apiError(401, 50027, 'Invalid Webhook Token');
    }
    return state;
  }

  /** POST /webhooks/:app/:token: a follow-up, possible only once the interaction was acknowledged. */
  private followUp(req: ApiRequest): ApiResponse {
    const state = this.webhookInteraction(req);
    if (isApiResponse(state)) return state;
    if (!state.acknowledged) return apiError(404, 10015, 'Unknown Webhook');
    const rejection = messageRejection(req.body, req.hasFiles);
    if (rejection) return rejection;
    const message = this.createBotMessage(state.channel, req.body, {
      type: responseMessageType(state),
      flags: Number(req.body.flags ?? 0) & CREATE_FLAGS,
      interaction: state,
    });
    return req.query.wait === 'true' ? json(message) : noContent;
  }

  /** GET/PATCH/DELETE /webhooks/:app/:token/messages/:id, where `@original` is the interaction's response. */
  private webhookMessage(req: ApiRequest): ApiResponse {
    const state = this.webhookInteraction(req);
    if (isApiResponse(state)) return state;
    const id = req.params.message === '@original' ? state.originalMessageId : (req.params.message as string);
    const stored = id ? this.store.get(id) : undefined;
    if (!id || !stored || stored.deleted) return unknownMessage();
    if (id !== state.originalMessageId && stored.interactionToken !== state.token) return unknownMessage();
    return this.readEditOrDelete(req, id, stored);
  }

  // ----- channel messages ------------------------------------------------------------------------------

  /** POST /channels/:id/messages: a message, or a reply when `message_reference` names one. */
  private createChannelMessage(req: ApiRequest): ApiResponse {
    const channel = this.channels.get(req.params.channel as string);
    if (!channel) return unknownChannel();
    const rejection = messageRejection(req.body, req.hasFiles);
    if (rejection) return rejection;
    const body = req.body;
    const ref = body.message_reference;
    let reference: Json;
    if (ref?.message_id) {
      const target = this.messageIn(ref.channel_id ?? channel.channel.id, ref.message_id);
      if (!target && ref.fail_if_not_exists !== false) {
        return invalidFormBody([
          {
            path: ['message_reference'],
            code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
            message: 'Unknown message',
          },
        ]);
      }
      reference = {
        message_reference: {
          type: 0,
          message_id: ref.message_id,
          channel_id: ref.channel_id ?? channel.channel.id,
          guild_id: ref.guild_id ?? channel.guild.id,
        },
        referenced_message: target ? structuredClone(target.message) : null,
      };
    }
    const message = this.createBotMessage(channel, body, {
      type: reference ? MessageType.Reply : MessageType.Default,
      flags: Number(body.flags ?? 0) & CREATE_FLAGS,
      reference,
    });
    return json(message);
  }

  /** GET/PATCH/DELETE /channels/:id/messages/:id. The bot may change only its own messages. */
  private channelMessage(req: ApiRequest): ApiResponse {
    if (!this.channels.has(req.params.channel as string)) return unknownChannel();
    const id = req.params.message as string;
    const stored = this.messageIn(req.params.channel as string, id);
    if (!stored) return unknownMessage();
    if (req.method !== 'GET' && stored.message.author.id !== this.botUser.id) {
      return req.method === 'PATCH'
        ? apiError(403, 50005, 'Cannot edit a message authored by another user')
        : apiError(403, 50013, 'Missing Permissions');
    }
    return this.readEditOrDelete(req, id, stored);
  }

  private readEditOrDelete(req: ApiRequest, id: string, stored: StoredMessage): ApiResponse {
    if (req.method === 'GET') return json(stored.message);
    if (req.method === 'PATCH') {
      const errors = validateMessage(req.body);
      return errors.length ? invalidFormBody(errors) : json(this.editBotMessage(id, req.body));
    }
    stored.deleted = true;
    if (!this.botMessageIds.includes(id)) this.botMessageIds.push(id);
    const { message } = stored;
    this.emitMessage('delete', message);
    if (!((message.flags ?? 0) & MessageFlags.Ephemeral)) {
      this.gateway.dispatch(GatewayDispatchEvents.MessageDelete, message.guild_id ?? null, (session) =>
        session.intents & GatewayIntentBits.GuildMessages
          ? { id, channel_id: message.channel_id, guild_id: message.guild_id }
          : null,
      );
    }
    return noContent;
  }
}

function isApiResponse(value: object): value is ApiResponse {
  return 'status' in value;
}

/** Commands are identified by name within their type. */
function sameCommand(a: Json, b: Json): boolean {
  const typeOf = (command: Json) => command?.type ?? ApplicationCommandType.ChatInput;
  return a?.name === b?.name && typeOf(a) === typeOf(b);
}

/** The callback types Discord accepts for an interaction, by its type (PING is never dispatched here). */
function allowedCallbackTypes(state: InteractionState): InteractionResponseType[] {
  const reply = [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
  ];
  const update = [InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage];
  switch (state.type) {
    case InteractionType.ApplicationCommand:
      return [...reply, InteractionResponseType.Modal];
    case InteractionType.MessageComponent:
      return [...reply, ...update, InteractionResponseType.Modal];
    case InteractionType.ApplicationCommandAutocomplete:
      return [InteractionResponseType.ApplicationCommandAutocompleteResult];
    case InteractionType.ModalSubmit:
      // A modal opened from a component may update that component's message.
      return state.componentMessageId ? [...reply, ...update] : reply;
    default:
      return [];
  }
}

/** Responses to commands show as command messages; responses to components and modals as plain ones. */
function responseMessageType(state: InteractionState): MessageType {
  if (state.type !== InteractionType.ApplicationCommand) return MessageType.Default;
  return state.commandType === ApplicationCommandType.ChatInput
    ? MessageType.ChatInputCommand
    : MessageType.ContextMenuCommand;
}

/** Why Discord would refuse to create this message, or null. */
function messageRejection(payload: Json, hasFiles: boolean, prefix: string[] = []): ApiResponse | null {
  if (isEmptyMessage(payload, hasFiles)) return apiError(400, 50006, 'Cannot send an empty message');
  const errors = validateMessage(payload, prefix);
  return errors.length ? invalidFormBody(errors) : null;
}

/** Why Discord would refuse this callback's `data`, or null. */
function callbackRejection(type: InteractionResponseType, data: Json, hasFiles: boolean): ApiResponse | null {
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      return messageRejection(data, hasFiles, ['data']);
    case InteractionResponseType.UpdateMessage: {
      const errors = validateMessage(data, ['data']);
      return errors.length ? invalidFormBody(errors) : null;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const errors = validateChoices(data?.choices);
      return errors.length ? invalidFormBody(errors) : null;
    }
    case InteractionResponseType.Modal: {
      const missing = (['custom_id', 'title', 'components'] as const).filter((key) => !data?.[key]);
      return missing.length
        ? invalidFormBody(
            missing.map((key) => ({
              path: ['data', key],
              code: 'BASE_TYPE_REQUIRED',
              message: 'This field is required',
            })),
          )
        : null;
    }
    default:
      return null;
  }
}

/** The response a {@link FaultRule} prescribes; for 429 what @discordjs/rest needs to wait and retry. */
function faultResponse(rule: FaultRule): ApiResponse {
  const status = rule.status as number;
  if (status === 429) {
    // @discordjs/rest waits Number(Retry-After) * 1000 ms. Discord sends whole seconds; fractions are passed
    // through as given so tests can keep retries short.
    const retryAfter = rule.retryAfterSeconds ?? 1;
    return {
      status,
      body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      headers: { 'Retry-After': String(retryAfter), 'X-RateLimit-Scope': 'user' },
    };
  }
  return rule.body === undefined ? httpError(status) : { status, body: rule.body };
}
