/**
 * The answer as a reader sees it in a terminal: the same excerpts and citations the bot posts, as
 * text (nothing escaped), the highlights in terminal bold — or marked `**…**` when the output is
 * not a terminal, so they still show in a file or a pipe.
 */
import type { Answer } from '../search/engine.ts';
import { count } from '../text/count.ts';
import { type QuoteStyle, quoteExcerpt } from './quote.ts';

/** Terminal bold on and off (SGR 1 and 22). */
const ANSI: QuoteStyle = {
  plain: (text) => text,
  highlight: (text) => `\u001b[1m${text}\u001b[22m`,
};

/** Text for a file or a pipe: highlights marked as `**…**`. */
const MARKED: QuoteStyle = {
  plain: (text) => text,
  highlight: (text) => `**${text}**`,
};

export function renderAnswerText(answer: Answer, offset: number, ansi: boolean): string {
  if (answer.total === 0) {
    const hint =
      answer.suggestions.length > 0
        ? `Did you mean: ${answer.suggestions.join(' · ')}?`
        : 'Try a name, a place or a topic, such as "armenia" or "drills".';
    return `Nothing in the corpus matches "${answer.query}". ${hint}\n`;
  }
  const first = offset + 1;
  const last = offset + answer.results.length;
  const shown = first === last ? `${first}` : `${first}–${last}`;
  const lines = [
    `${count(answer.total, 'paragraph')} ${answer.total === 1 ? 'matches' : 'match'} "${answer.query}"; showing ${shown}.`,
    '',
  ];
  const style = ansi ? ANSI : MARKED;
  answer.results.forEach((hit, index) => {
    lines.push(`${first + index}. ${quoteExcerpt(hit, style)}`);
    lines.push(`   — ${hit.citation}  [${hit.id}]`, '');
  });
  return `${lines.join('\n')}`;
}
