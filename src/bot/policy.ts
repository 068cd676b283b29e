/**
 * What moderators decided, applied before a question is answered or an answer is posted publicly: the
 * channel allow list and the per-member cooldown, under the built-in burst floor. The same gate serves
 * the slash command, "Post publicly" and mentions; passing it claims the answer (see `cooldowns.ts`).
 * Every answer claims: a hidden one, and posting it publicly afterwards, which is a new answer in the
 * channel (so under a cooldown it waits like a new question).
 */
import { notice } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext } from './context.ts';

export type Gate =
  | { open: true; settings: GuildSettings }
  | { open: false; reason: 'not-enabled' | 'cooldown' | 'rate-limited'; payload: ReplyPayload };

export function channelAllowed(settings: GuildSettings, channelId: string | null): boolean {
  return settings.channels.length === 0 || (channelId !== null && settings.channels.includes(channelId));
}

const relative = (epochMs: number) => `<t:${Math.ceil(epochMs / 1000)}:R>`;

export async function gateQuestion(
  context: BotContext,
  where: { guildId: string; channelId: string | null; userId: string },
): Promise<Gate> {
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
  const until = await context.cooldowns.claim(where.guildId, where.userId, settings.cooldown);
  if (until !== null) {
    return {
      open: false,
      reason: 'cooldown',
      payload: notice(`You're on cooldown here: you can ask again ${relative(until)}.`),
    };
  }
  return { open: true, settings };
}
