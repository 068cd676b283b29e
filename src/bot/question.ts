/**
 * Answering a question, shared by `/<command>` and mentions: the answer (or the "nothing found"
 * note) to send, and what to log. The caller sends it, then calls `answered` to start the cooldown.
 */
import type { Catalogue } from '../i18n/en.ts';
import { answerMessage, nothingFoundMessage } from '../render/messages.ts';
import type { ReplyPayload } from '../render/payload.ts';
import type { GuildSettings } from '../settings/schema.ts';
import type { BotContext, Outcome } from './context.ts';

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

export function answerQuestion(
  context: BotContext,
  question: Question,
): { payload: ReplyPayload; outcome: Outcome } {
  const { settings } = question;
  const answer = context.engine.answer(question.text, { limit: settings.results });
  if (answer.total === 0) {
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

/** After the reply went out: an answer starts the asker's cooldown; "nothing found" does not. */
export function answered(context: BotContext, question: Question, outcome: Outcome): void {
  if (outcome.outcome === 'answered') {
    context.cooldowns.start(question.guildId, question.requesterId, question.settings.cooldown);
  }
}
