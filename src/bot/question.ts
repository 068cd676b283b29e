/**
 * Answering a question, shared by `/<command>` and mentions: the answer (or the "nothing found" note, or the
 * cooldown notice) to send, and what to log. An answer claims the asker's cooldown; "nothing found" does not
 * start one, but a member already on cooldown is told so rather than searched for.
 */
import type { Catalogue } from '../i18n/en.ts';
import { answerMessage, nothingFoundMessage } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext, Outcome } from './context.ts';
import { cooldownNotice } from './policy.ts';

export interface Question {
  text: string;
  guildId: string;
  requesterId: string;
  settings: GuildSettings;
  ephemeral: boolean;
  mentionUserId?: string | null;
  /** The asker's language (default English). */
  t?: Catalogue;
}

export async function answerQuestion(
  context: BotContext,
  question: Question,
): Promise<{ payload: ReplyPayload; outcome: Outcome }> {
  const { settings } = question;
  const answer = context.metrics.timeEngine('answer', () =>
    context.engine.answer(question.text, { limit: settings.results }),
  );
  const found = answer.total > 0;
  const until = await context.cooldowns.claim(
    question.guildId,
    question.requesterId,
    found ? settings.cooldown : 0,
  );
  if (until !== null) {
    return { payload: cooldownNotice(until, question.t), outcome: { outcome: 'cooldown' } };
  }
  if (!found) {
    return {
      payload: nothingFoundMessage(answer, question.t),
      outcome: {
        outcome: answer.suggestions.length > 0 ? 'suggested' : 'no-results',
        results: 0,
        unanswered: answer.query,
      },
    };
  }
  return {
    payload: answerMessage({
      answer,
      offset: 0,
      limit: settings.results,
      requesterId: question.requesterId,
      ephemeral: question.ephemeral,
      mentionUserId: question.mentionUserId ?? null,
      ...(question.t ? { t: question.t } : {}),
    }),
    outcome: { outcome: 'answered', results: answer.results.length },
  };
}
