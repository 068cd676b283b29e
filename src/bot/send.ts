/** The only place a `ReplyPayload` becomes discord.js options. */
import { type InteractionReplyOptions, MessageFlags, type MessageReplyOptions } from 'discord.js';
import type { ReplyPayload } from '../render/payload.ts';

function mentions(payload: ReplyPayload) {
  return { parse: [], users: payload.allowedUsers, roles: [], repliedUser: false };
}

export function interactionReply(
  payload: ReplyPayload,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: mentions(payload),
    ...(payload.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * For `interaction.update()`: same message, new results; visibility cannot change, and content
 * that the payload does not set (a "Suggested for" line) is kept as it was.
 */
export function interactionUpdate(payload: ReplyPayload) {
  return {
    ...(payload.content === undefined ? {} : { content: payload.content }),
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: mentions(payload),
  };
}

/** A reply to a message that mentioned the bot; never pings its author. */
export function messageReply(payload: ReplyPayload): MessageReplyOptions {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: mentions(payload),
  };
}
