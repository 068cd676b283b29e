/**
 * The answer as a reader sees it in a terminal: the same excerpts and citations the bot posts,
 * with Discord's bold shown as terminal bold (or left as `**` when the output is not a terminal).
 */
import type { Answer } from '../search/engine.ts';
import { count } from '../text/count.ts';

const ESCAPED = /\\([\\*_~`|<>[\]#\-.\d])/g;

/** Discord markdown to terminal text: `**x**` in bold, escapes removed. */
export function markdownToTerminal(markdown: string, ansi: boolean): string {
  const text = ansi ? markdown.replace(/\*\*(.+?)\*\*(?!\*)/g, '\u001b[1m$1\u001b[22m') : markdown;
  return ansi ? text.replace(ESCAPED, '$1') : text;
}

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
  answer.results.forEach((hit, index) => {
    lines.push(`${first + index}. ${markdownToTerminal(hit.excerpt, ansi)}`);
    lines.push(`   — ${hit.citation}  [${hit.id}]`, '');
  });
  return `${lines.join('\n')}`;
}
