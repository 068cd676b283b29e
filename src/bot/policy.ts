/**
 * What moderators decided, applied before a question is answered: the channel allow list and the
 * per-user cooldown. The same gate serves the slash command and mentions.
 */
import { type Catalogue, en } from '../i18n/en.ts';
import { notice } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext } from './context.ts';

export type Gate =
  | { open: true; settings: GuildSettings }
  | { open: false; reason: 'not-enabled' | 'cooldown'; payload: ReplyPayload };

export function channelAllowed(settings: GuildSettings, channelId: string | null): boolean {
  return settings.channels.length === 0 || (channelId !== null && settings.channels.includes(channelId));
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
  const until = context.cooldowns.remaining(where.guildId, where.userId);
  if (until !== null) {
    return {
      open: false,
      reason: 'cooldown',
      payload: notice(t.cooldown(`<t:${Math.ceil(until / 1000)}:R>`)),
    };
  }
  return { open: true, settings };
}
