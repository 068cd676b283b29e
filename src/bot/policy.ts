/**
 * What moderators decided, applied before a question is answered or an answer is posted publicly: the
 * channel allow list, under the built-in per-member burst floor. (The per-member cooldown is claimed with
 * the answer, in `question.ts`, or with "Post publicly".) The same gate serves the slash command, "Post
 * publicly" and mentions.
 */
import { type Catalogue, en } from '../i18n/en.ts';
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
export function cooldownNotice(until: number, t: Catalogue = en): ReplyPayload {
  return notice(t.cooldown(relative(until)));
}

export function gateQuestion(
  context: BotContext,
  where: { guildId: string; channelId: string | null; userId: string },
  t: Catalogue = en,
): Gate {
  const settings = context.settings.get(where.guildId);
  if (!channelAllowed(settings, where.channelId)) {
    return {
      open: false,
      reason: 'not-enabled',
      payload: notice(t.notEnabledHere(context.command)),
    };
  }
  const burst = context.burst.take(where.guildId, where.userId);
  if (burst !== null) {
    return {
      open: false,
      reason: 'rate-limited',
      payload: notice(t.rateLimited(relative(burst))),
    };
  }
  return { open: true, settings };
}
