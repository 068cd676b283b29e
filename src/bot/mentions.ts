/**
 * Answers messages that mention the bot, as a reply to that message, rendered exactly like the
 * slash command's answer. Discord delivers the content of such messages without the privileged
 * Message Content intent.
 */
import type { Message } from 'discord.js';
import { catalogueFor } from '../i18n/index.ts';
import { helpMessage } from '../render/messages.ts';
import type { BotContext, Outcome } from './context.ts';
import { gateQuestion } from './policy.ts';
import { answerQuestion } from './question.ts';
import { replyToMessage } from './send.ts';

/** The question in a message, without the bot's own mention (`<@id>` or the legacy `<@!id>`). */
export function questionOf(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/^[\s,.:;!-]+/, '')
    .trim();
}

/**
 * Returns null for messages that are not for the bot (no mention of it, from a bot or webhook,
 * outside a server), so they leave no log line.
 */
export async function handleMention(message: Message, context: BotContext): Promise<Outcome | null> {
  const botId = message.client.user.id;
  if (message.author.bot || message.webhookId || !message.inGuild()) return null;
  // `@everyone`/`@here` and role mentions do not put the bot in `mentions.users`.
  if (!message.mentions.users.has(botId)) return null;

  const settings = context.settings.get(message.guildId);
  if (!settings.mentions) return { outcome: 'not-enabled' };
  // A message carries no locale: the server's language is the best guess at the reader's.
  const t = catalogueFor(message.guild.preferredLocale);
  const gate = gateQuestion(
    context,
    { guildId: message.guildId, channelId: message.channelId, userId: message.author.id },
    t,
  );
  // A mention cannot get an ephemeral answer: refusals (and the burst floor) stay silent rather than spam
  // the channel.
  if (!gate.open) return { outcome: gate.reason };

  const question = questionOf(message.content, botId);
  if (!question || /^help\W*$/i.test(question)) {
    await replyToMessage(message, helpMessage(context.command, t));
    return { outcome: 'shown' };
  }
  const asked = {
    text: question,
    guildId: message.guildId,
    requesterId: message.author.id,
    settings: gate.settings,
    ephemeral: false,
    t,
  };
  const { payload, outcome } = await answerQuestion(context, asked);
  // A mention cannot get a private cooldown notice: it stays silent rather than spam the channel.
  if (outcome.outcome !== 'cooldown') await replyToMessage(message, payload);
  return outcome;
}
