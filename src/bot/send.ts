/** The only place a `ReplyPayload` becomes discord.js options. */
import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { ReplyPayload } from '../render/payload.ts';

/**
 * Content, embeds, components and who may be pinged: for a reply to a mention (never pinging its
 * author) or the edit that completes a deferred reply.
 */
export function messageOptions(payload: ReplyPayload) {
  return {
    content: payload.content ?? '',
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

export function interactionReply(
  payload: ReplyPayload,
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  const { content, embeds, components, allowedMentions } = messageOptions(payload);
  return {
    content,
    embeds,
    components,
    allowedMentions,
    ...(payload.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * For `interaction.update()`: same message, new results; visibility cannot change, and content
 * that the payload does not set (a "Suggested for" line) is kept as it was.
 */
export function interactionUpdate(payload: ReplyPayload) {
  const { content, ...rest } = messageOptions(payload);
  return payload.content === undefined ? rest : { content, ...rest };
}
