/** The only place a `ReplyPayload` becomes discord.js options, and how a refused link is recovered from. */
import { DiscordAPIError, type InteractionReplyOptions, MessageFlags, RESTJSONErrorCodes } from 'discord.js';
import type { ReplyPayload } from '../render/payload.ts';

/** Discord refused a message because of an embed's URL (400, Invalid Form Body, `…embeds[n].url`). */
function isRefusedUrl(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType &&
    /embeds\[\d+\]\.url\b/.test(error.message)
  );
}

/**
 * Sends a payload with `send`; when Discord refuses it for an embed's URL (a link it judges differently
 * from us), sends it once more without embed URLs, so the answer still arrives, only unlinked.
 */
export async function sendPayload<T>(
  payload: ReplyPayload,
  send: (payload: ReplyPayload) => Promise<T>,
): Promise<T> {
  try {
    return await send(payload);
  } catch (error) {
    if (!isRefusedUrl(error)) throw error;
    return send({ ...payload, embeds: payload.embeds.map(({ url: _url, ...embed }) => embed) });
  }
}

/**
 * Content, embeds, components and who may be pinged: for a reply to a mention (never pinging its
 * author) or the edit that completes a deferred reply.
 */
export function messageOptions(payload: ReplyPayload) {
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

export function interactionReply(payload: ReplyPayload): InteractionReplyOptions {
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
 * For `interaction.update()`: same message, new results; visibility cannot change, and content
 * that the payload does not set (a "Suggested for" line) is kept as it was.
 */
export function interactionUpdate(payload: ReplyPayload) {
  const { content, ...rest } = messageOptions(payload);
  return payload.content === undefined ? rest : { content, ...rest };
}
