/**
 * Autocomplete choices as Discord shows them: at most 25, each name and value 1–100 characters.
 *
 * An answer preview is named `¶8 · Kyrgyzstan abruptly canceled CSTO coaching drills…` (with a
 * short article label first when the corpus has several articles); its value is the typed query
 * plus the paragraph reference (`… ¶8`), shortened at a word so the reference always fits —
 * Discord sends the value back as the query, and the engine answers it with that paragraph first.
 */
import type { Completion } from '../search/engine.ts';
import { sliceText } from '../text/slice.ts';
import { LIMITS } from './limits.ts';
import { ELLIPSIS } from './quote.ts';

export interface Choice {
  name: string;
  value: string;
}

/** Article labels in preview names: enough to tell articles apart, short enough to leave room. */
const LABEL_CHARS = 28;

/** `text` cut to `max` characters at a word boundary when one is near, with `…` when cut. */
function fitText(text: string, max: number, ellipsis = true): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let cut = sliceText(clean, max - (ellipsis ? ELLIPSIS.length : 0));
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  cut = cut.replace(/[\s,;:—–-]+$/u, '');
  return ellipsis ? `${cut}${ELLIPSIS}` : cut;
}

/** A short label for an article: its title up to a colon or dash, or its first words. */
function articleLabel(title: string): string {
  const head = title.split(/\s*[:—–|]\s*/u)[0] ?? title;
  return fitText(head, LABEL_CHARS);
}

export function completionChoices(completions: readonly Completion[]): Choice[] {
  const choices: Choice[] = [];
  for (const completion of completions) {
    if (completion.kind === 'answer') {
      const label = completion.title ? `${articleLabel(completion.title)} ` : '';
      const name = fitText(`${label}¶${completion.paragraph} · ${completion.snippet}`, LIMITS.choiceText);
      const room = LIMITS.choiceText - completion.reference.length - 1;
      const query = fitText(completion.query, room, false);
      choices.push({ name, value: query ? `${query} ${completion.reference}` : completion.reference });
    } else {
      const text = fitText(completion.text, LIMITS.choiceText, false);
      if (text) choices.push({ name: text, value: text });
    }
  }
  return choices.slice(0, LIMITS.choices);
}
