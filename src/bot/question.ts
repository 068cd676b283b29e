/**
 * Answering a question, shared by `/<command>` and mentions: the answer (or the "nothing found"
 * note) to send, and what to log. The caller has passed the gate (`policy.ts`), which claimed it.
 */
import { answerMessage, nothingFoundMessage } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext, Outcome } from './context.ts';

export interface Question {
  text: string;
  requesterId: string;
  settings: GuildSettings;
  ephemeral: boolean;
  mentionUserId?: string | null;
}

export function answerQuestion(
  context: BotContext,
  question: Question,
): { payload: ReplyPayload; outcome: Outcome } {
  const { settings } = question;
  const answer = context.engine.answer(question.text, { limit: settings.results });
  if (answer.total === 0) {
    return {
      payload: nothingFoundMessage(answer),
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
    }),
    outcome: { outcome: 'answered', results: answer.results.length },
  };
}
