/**
 * Whether a word is English: a general dictionary (`word-list`, about 274,000 words with their
 * inflections, lower case a–z), so that a word a corpus happens not to use (`sparked`, `fleeing`)
 * is never "corrected" to one it does use (`spare`, `free`).
 *
 * The list is read on first use, not at start: only a query word the corpus does not hold asks.
 * It is kept as the file's one string with the offset of each line and searched by bisection —
 * about 4 MB, where a Set of its words would take several times that and a split alone ~0.3 s.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

interface Dictionary {
  text: string;
  /** Where each word starts in `text` (words end at the next newline). */
  starts: Int32Array;
  /** Words the file lists out of order, which bisection could miss. */
  misplaced: ReadonlySet<string>;
}

let dictionary: Dictionary | undefined;

function load(): Dictionary {
  const text = readFileSync(wordListPath, 'latin1');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  // Bisection needs order: a word listed before a smaller one is set aside and looked up apart.
  const starts = new Int32Array(lineStarts.length);
  const misplaced = new Set<string>();
  let kept = 0;
  let previous = '';
  for (const start of lineStarts) {
    const word = wordEndingAt(text, start);
    if (word < previous) misplaced.add(word);
    else {
      starts[kept++] = start;
      previous = word;
    }
  }
  return { text, starts: starts.slice(0, kept), misplaced };
}

function wordEndingAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

function wordAt({ text, starts }: Dictionary, at: number): string {
  return wordEndingAt(text, starts[at] as number);
}

/** True when `word` (lower case) is in the dictionary. */
export function isEnglishWord(word: string): boolean {
  dictionary ??= load();
  if (dictionary.misplaced.has(word)) return true;
  let low = 0;
  let high = dictionary.starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = wordAt(dictionary, middle);
    if (found === word) return true;
    if (found < word) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
