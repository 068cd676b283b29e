/**
 * What moderators decided, applied before a question is answered or an answer is posted publicly: the
 * channel allow list, under the built-in per-member burst floor. (The per-member cooldown is claimed with
 * the answer, in `question.ts`, or with "Post publicly".) The same gate serves the slash command, "Post
 * publicly" and mentions.
 */
import { notice } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext } from './context.ts';

export type Gate =
  | { open: true; settings: GuildSettings }
  | { open: false; reason: 'not-enabled' | 'rate-limited'; payload: ReplyPayload };

export function channelAllowed(settings: GuildSettings, channelId: string | null): boolean {
  return settings.channels.length === 0 || (channelId !== null && settings.channels.includes(channelId));
}

const relative = (epochMs: number) => `<t:${Math.ceil(epochMs / 1000)}:R>`;

/** What a member on cooldown is told (privately). */
export function cooldownNotice(until: number): ReplyPayload {
  return notice(`You're on cooldown here: you can ask again ${relative(until)}.`);
}

export function gateQuestion(
  context: BotContext,
  where: { guildId: string; channelId: string | null; userId: string },
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
  const burst = context.burst.take(where.guildId, where.userId);
  if (burst !== null) {
    return {
      open: false,
      reason: 'rate-limited',
      payload: notice(`That's a lot of questions at once: you can ask again ${relative(burst)}.`),
    };
  }
  return { open: true, settings };
}
