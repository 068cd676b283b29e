/**
 * What moderators decided, applied before a question is answered: the channel allow list. (The per-member
 * cooldown is claimed with the answer, in `question.ts`.) The same gate serves the slash command and mentions.
 */
import { notice } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext } from './context.ts';

export type Gate =
  | { open: true; settings: GuildSettings }
  | { open: false; reason: 'not-enabled'; payload: ReplyPayload };

export function channelAllowed(settings: GuildSettings, channelId: string | null): boolean {
  return settings.channels.length === 0 || (channelId !== null && settings.channels.includes(channelId));
}

export function gateQuestion(
  context: BotContext,
  where: { guildId: string; channelId: string | null },
): Gate {
  const settings = context.settings.get(where.guildId);
  if (!channelAllowed(settings, where.channelId)) {
    return {
      open: false,
      reason: 'not-enabled',
      payload: notice(
        `I'm not enabled in this channel. Moderators can enable me here with \`/${context.command}-config channels add\`.`,
      ),
    };
  }
  return { open: true, settings };
}
