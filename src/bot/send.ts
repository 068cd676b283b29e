/**
 * The one writer every message the bot sends passes through: replies, deferrals, the edits that complete them,
 * follow-ups, button updates, autocomplete choices and replies to mentions. It applies the safe-payload rules
 * itself (`safeReply`: who may be pinged, Discord's sizes; the ephemeral and no-preview flags), so a caller
 * cannot send without them: command handlers get the interaction as `Received<…>`, whose sending methods are
 * typed `never`, and a `ReplyWriter` (or `ChoiceWriter`) to answer with.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  DiscordAPIError,
  type Interaction,
  type InteractionReplyOptions,
  type Message,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { Choice } from '../render/choices.ts';
import { LIMITS } from '../render/limits.ts';
import { type ReplyPayload, safeReply } from '../render/payload.ts';

/** The methods of a discord.js interaction that send something to Discord: only the writers below call them. */
type Sending =
  | 'reply'
  | 'deferReply'
  | 'editReply'
  | 'deleteReply'
  | 'fetchReply'
  | 'followUp'
  | 'update'
  | 'deferUpdate'
  | 'respond'
  | 'showModal'
  | 'awaitModalSubmit'
  | 'launchActivity';

/**
 * An interaction as a command handler receives it: everything discord.js offers to read (options, user,
 * locale, guild), but no method that sends; calling one does not type-check (answer through the writer).
 */
export type Received<T extends Interaction> = T & { readonly [K in Sending & keyof T]: never };

/** The interaction as handed to a handler. The same object: only its type loses the sending methods. */
export function received<T extends Interaction>(interaction: T): Received<T> {
  return interaction as Received<T>;
}

/** Discord refused a message because of an embed's URL (400, Invalid Form Body, `…embeds[n].url`). */
function isRefusedUrl(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType &&
    /embeds\[\d+\]\.url\b/.test(error.message)
  );
}

/**
 * Makes `draft` safe and sends it with `send`; when Discord refuses it for an embed's URL (a link it judges
 * differently from us), sends it once more without embed URLs, so the answer still arrives, only unlinked.
 */
async function sendSafely<T>(draft: ReplyPayload, send: (payload: ReplyPayload) => Promise<T>): Promise<T> {
  const payload = safeReply(draft);
  try {
    return await send(payload);
  } catch (error) {
    if (!isRefusedUrl(error)) throw error;
    return send({ ...payload, embeds: payload.embeds.map(({ url: _url, ...embed }) => embed) });
  }
}

/**
 * Content, embeds, components and who may be pinged, for a safe payload: a reply to a mention (never pinging
 * its author) or the edit that completes a deferred reply.
 */
function messageOptions(payload: ReplyPayload) {
  return {
    content: payload.content ?? '',
    // A message of text only (notices, "nothing found" echoing the question) never shows a link preview.
    ...(payload.embeds.length === 0 ? { flags: MessageFlags.SuppressEmbeds as const } : {}),
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: {
      parse: [] as [],
      users: payload.allowedUsers,
      roles: [] as string[],
      repliedUser: false,
    },
  };
}

/** A new interaction response (or follow-up): the message options plus the ephemeral flag. */
function replyOptions(payload: ReplyPayload): InteractionReplyOptions {
  const { content, embeds, components, allowedMentions, flags } = messageOptions(payload);
  const ephemeral = payload.ephemeral ? MessageFlags.Ephemeral : 0;
  return {
    content,
    embeds,
    components,
    allowedMentions,
    ...(ephemeral || flags ? { flags: ephemeral | (flags ?? 0) } : {}),
  };
}

/**
 * For `interaction.update()`: same message, new results; visibility cannot change, and content that the
 * payload does not set (a "Suggested for" line) is kept as it was.
 */
function updateOptions(payload: ReplyPayload) {
  const { content, ...rest } = messageOptions(payload);
  return payload.content === undefined ? rest : { content, ...rest };
}

/** Answers one interaction (a slash command or a button): the only way a handler sends anything. */
export class ReplyWriter<T extends RepliableInteraction = RepliableInteraction> {
  readonly #interaction: T;

  constructor(interaction: T) {
    this.#interaction = interaction;
  }

  /** Whether the interaction has been answered or deferred already. */
  get answered(): boolean {
    return this.#interaction.replied || this.#interaction.deferred;
  }

  /** The response to the interaction. */
  async reply(payload: ReplyPayload): Promise<void> {
    await sendSafely(payload, (sent) => this.#interaction.reply(replyOptions(sent)));
  }

  /** Acknowledges now (Discord's 3 s deadline) and answers later with `edit`; the visibility is chosen now. */
  async defer(ephemeral: boolean): Promise<void> {
    await this.#interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }

  /** Completes a deferred reply (its visibility was set by `defer`). */
  async edit(payload: ReplyPayload): Promise<void> {
    await sendSafely(payload, (sent) => this.#interaction.editReply(messageOptions(sent)));
  }

  /** Another message after the response. */
  async followUp(payload: ReplyPayload): Promise<void> {
    await sendSafely(payload, (sent) => this.#interaction.followUp(replyOptions(sent)));
  }

  /** Replaces the message a button sits on (only for buttons). */
  async update(this: ReplyWriter<ButtonInteraction>, payload: ReplyPayload): Promise<void> {
    await sendSafely(payload, (sent) => this.#interaction.update(updateOptions(sent)));
  }
}

/** Answers one autocomplete interaction. */
export class ChoiceWriter {
  readonly #interaction: AutocompleteInteraction;

  constructor(interaction: AutocompleteInteraction) {
    this.#interaction = interaction;
  }

  /** Offers `choices`, at most Discord's 25. */
  async respond(choices: readonly Choice[]): Promise<void> {
    await this.#interaction.respond(choices.slice(0, LIMITS.choices));
  }
}

/** Replies to a message that mentioned the bot, without pinging its author. */
export async function replyToMessage(message: Message, payload: ReplyPayload): Promise<void> {
  await sendSafely(payload, (sent) => message.reply(messageOptions(sent)));
}
