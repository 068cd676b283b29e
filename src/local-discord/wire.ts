/** Discord's constants as this server enforces them, and the small helpers that build and validate its JSON. */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import { ApplicationCommandType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Json, LocalUser } from './types.ts';
import { MAX_URL_LENGTH, messageUrls, urlError } from './urls.ts';

// ---------------------------------------------------------------------------------------------------------
// Discord constants
// ---------------------------------------------------------------------------------------------------------

export const API_PREFIX = '/api/v10';
export const GATEWAY_PATH = '/gateway';
const DISCORD_EPOCH = 1420070400000n;
/** Interaction tokens stay valid this long after the interaction was created. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

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
export const CREATE_FLAGS =
  MessageFlags.Ephemeral |
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2;

/**
 * Discord's message limits, checked on every message the bot creates or edits. Written out here on
 * purpose rather than imported from `src/render/limits.ts`: this server plays Discord, the
 * independent judge of the bot's own constants (the tests' payload judge, test/support/hostile/judge.ts,
 * uses these too, never the bot's).
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  url: MAX_URL_LENGTH,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
} as const;

/** Letters, digits, `-` and `_`; Discord additionally requires lowercase for chat input commands. */
const COMMAND_NAME = new RegExp(`^[-_\\p{L}\\p{N}]{1,${DISCORD_LIMITS.commandName}}$`, 'u');

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

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
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

export function apiMember(user: LocalUser | null, joinedAt: string): Json {
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

export interface ApiResponse {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export function json(body: Json, status = 200): ApiResponse {
  return { status, body };
}

export const noContent: ApiResponse = { status: 204 };

/** Discord's error body: a numeric `code` is what discord.js turns into `DiscordAPIError.code`. */
export function apiError(status: number, code: number, message: string, extra: Json = {}): ApiResponse {
  return { status, body: { message, code, ...extra } };
}

export function httpError(status: number): ApiResponse {
  return apiError(status, 0, `${status}: ${STATUS_CODES[status] ?? 'Error'}`);
}

export const unknownMessage = () => apiError(404, 10008, 'Unknown Message');
export const unknownChannel = () => apiError(404, 10003, 'Unknown Channel');

interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Discord's 50035 body, whose nested `errors` discord.js flattens into a readable message. */
export function invalidFormBody(errors: FieldError[]): ApiResponse {
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
export function validateMessage(payload: Json, prefix: (string | number)[] = []): FieldError[] {
  const errors: FieldError[] = [];
  if (!payload || typeof payload !== 'object') return errors;
  checkLength(errors, [...prefix, 'content'], payload.content, DISCORD_LIMITS.content);
  const embeds: Json[] = Array.isArray(payload.embeds) ? payload.embeds : [];
  checkLength(errors, [...prefix, 'embeds'], embeds, DISCORD_LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = [...prefix, 'embeds', i];
    const fields: Json[] = Array.isArray(embed?.fields) ? embed.fields : [];
    checkLength(errors, [...at, 'title'], embed?.title, DISCORD_LIMITS.embedTitle);
    checkLength(errors, [...at, 'description'], embed?.description, DISCORD_LIMITS.embedDescription);
    checkLength(errors, [...at, 'fields'], fields, DISCORD_LIMITS.embedFields);
    checkLength(errors, [...at, 'footer', 'text'], embed?.footer?.text, DISCORD_LIMITS.footerText);
    checkLength(errors, [...at, 'author', 'name'], embed?.author?.name, DISCORD_LIMITS.authorName);
    fields.forEach((field, j) => {
      checkLength(errors, [...at, 'fields', j, 'name'], field?.name, DISCORD_LIMITS.fieldName);
      checkLength(errors, [...at, 'fields', j, 'value'], field?.value, DISCORD_LIMITS.fieldValue);
    });
    const texts = [embed?.title, embed?.description, embed?.footer?.text, embed?.author?.name];
    for (const field of fields) texts.push(field?.name, field?.value);
    for (const text of texts) total += typeof text === 'string' ? text.length : 0;
  });
  if (total > DISCORD_LIMITS.embedTotal) {
    errors.push({
      path: [...prefix, 'embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}`,
    });
  }
  // Every URL must be one Discord takes as a link (urls.ts), or the whole message is refused.
  for (const { path, value, media } of messageUrls(payload)) {
    const error = urlError(value, media);
    if (error) errors.push({ path: [...prefix, ...path], ...error });
  }
  // Components v2 messages have their own, looser layout rules; only classic action rows are checked.
  const isComponentsV2 = (Number(payload.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
  if (!isComponentsV2 && Array.isArray(payload.components)) {
    checkLength(errors, [...prefix, 'components'], payload.components, DISCORD_LIMITS.actionRows);
    payload.components.forEach((row: Json, i: number) => {
      const children: Json[] = Array.isArray(row?.components) ? row.components : [];
      checkLength(errors, [...prefix, 'components', i, 'components'], children, DISCORD_LIMITS.rowComponents);
      children.forEach((child, j) => {
        checkLength(
          errors,
          [...prefix, 'components', i, 'components', j, 'custom_id'],
          child?.custom_id,
          DISCORD_LIMITS.customId,
        );
        checkLength(
          errors,
          [...prefix, 'components', i, 'components', j, 'label'],
          child?.label,
          DISCORD_LIMITS.buttonLabel,
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

export function validateChoices(choices: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(choices)) {
    return [{ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  }
  checkLength(errors, ['data', 'choices'], choices, DISCORD_LIMITS.choices);
  choices.forEach((choice: Json, i) => {
    for (const key of ['name', 'value'] as const) {
      const value = choice?.[key];
      if (key === 'value' && typeof value !== 'string') continue;
      if (typeof value !== 'string' || value.length < 1 || value.length > DISCORD_LIMITS.choiceText) {
        errors.push({
          path: ['data', 'choices', i, key],
          code: 'BASE_TYPE_BAD_LENGTH',
          message: `Must be between 1 and ${DISCORD_LIMITS.choiceText} in length.`,
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
      message: `Command name is invalid (1-${DISCORD_LIMITS.commandName} lowercase letters, digits, - or _).`,
    });
  }
  if (chatInput) {
    const description = command?.description;
    if (
      typeof description !== 'string' ||
      description.length < 1 ||
      description.length > DISCORD_LIMITS.commandDescription
    ) {
      errors.push({
        path: [...path, 'description'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: `Must be between 1 and ${DISCORD_LIMITS.commandDescription} in length.`,
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
export function commandErrors(input: Json, path: (string | number)[]): FieldError[] {
  const type = input?.type ?? ApplicationCommandType.ChatInput;
  return validateCommand(input, path, type === ApplicationCommandType.ChatInput);
}

/** User ids written as `<@id>` or `<@!id>`, in order, without duplicates. */
export function mentionedIds(content: unknown): string[] {
  if (typeof content !== 'string') return [];
  return [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] as string))];
}

/**
 * The users a message pings: the content's mentions filtered by `allowed_mentions`, plus the author of the
 * replied-to message unless `allowed_mentions` leaves out `replied_user`.
 */
export function pingedIds(message: Json, allowedMentions: Json): string[] {
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

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * JSON, or multipart/form-data as discord.js sends it with attachments: the message lives in `payload_json`,
 * files in `files[n]`. Files are only counted (they make a message non-empty); their bytes are dropped.
 */
export async function parseBody(
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

export function isApiResponse(value: object): value is ApiResponse {
  return 'status' in value;
}

/** Why Discord would refuse to create this message, or null. */
export function messageRejection(
  payload: Json,
  hasFiles: boolean,
  prefix: string[] = [],
): ApiResponse | null {
  if (isEmptyMessage(payload, hasFiles)) return apiError(400, 50006, 'Cannot send an empty message');
  const errors = validateMessage(payload, prefix);
  return errors.length ? invalidFormBody(errors) : null;
}
