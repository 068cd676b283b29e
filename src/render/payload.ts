/**
 * The reply payload every part of the bot builds, and the one function every payload passes
 * through before it is sent. It is Discord's JSON shape, but nothing here imports discord.js.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import { fitComponents, fitEmbeds, LIMITS, truncateMarkdown } from './limits.ts';
import { describeMentions, neutralizeMassMentions } from './markdown.ts';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Only the person who asked sees it. */
  ephemeral: boolean;
  /** The only users this payload may ping: nobody, or the target of the `mention` option. */
  allowedUsers: string[];
}

/** A user mention that is not in `allowed`: shown escaped, so it reads as text, not a pill. */
const USER_OR_ROLE_MENTION = /<@[!&]?(\d{1,20})>/g;

/**
 * Makes a payload safe to send: at most one user may be pinged and only if the payload names
 * them; mass mentions and any other mention syntax are neutralised; every Discord size limit is
 * met by shortening text, never by failing.
 */
export function safeReply(draft: ReplyPayload): ReplyPayload {
  const allowedUsers = draft.allowedUsers.slice(0, 1);
  const defuse = (text: string) =>
    neutralizeMassMentions(text).replace(USER_OR_ROLE_MENTION, (mention, id: string) =>
      allowedUsers.includes(id) && !mention.startsWith('<@&') ? mention : `\\<${mention.slice(1, -1)}\\>`,
    );
  const content = draft.content ? truncateMarkdown(defuse(draft.content), LIMITS.content) : undefined;
  const embeds = fitEmbeds(
    draft.embeds.map((embed) => ({
      ...embed,
      // Embeds never ping; mention pills there (a moderator in the settings history) are fine.
      ...(embed.description ? { description: neutralizeMassMentions(embed.description) } : {}),
      ...(embed.title ? { title: neutralizeMassMentions(embed.title) } : {}),
      // Footers show no markdown: mention syntax would show raw, so it is described instead.
      ...(embed.footer ? { footer: { ...embed.footer, text: describeMentions(embed.footer.text) } } : {}),
    })),
  );
  const reply: ReplyPayload = {
    embeds,
    components: fitComponents(draft.components),
    ephemeral: draft.ephemeral,
    allowedUsers: allowedUsers.filter((id) => content?.includes(`<@${id}>`)),
  };
  // Discord rejects a message with neither content nor embeds.
  if (content || embeds.length === 0) reply.content = content || '…';
  return reply;
}
