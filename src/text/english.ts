/**
 * Whether a word is English: a general dictionary (`word-list`, about 274,000 words with their
 * inflections, lower case a–z), so that a word a corpus happens not to use (`sparked`, `fleeing`)
 * is never "corrected" to one it does use (`spare`, `free`).
 *
 * Only a query word the corpus does not hold asks, so the list is not read at import. The engine
 * reads it asynchronously while it opens (`loadEnglishWords`, awaited by `AnswerEngine.open`
 * beside the corpus load): no interaction waits for the file. An engine built without `open`
 * (tests, the bench: `AnswerEngine.fromCorpus`) falls back to reading it synchronously on the
 * first lookup, ~30 ms.
 *
 * It is kept as the file's one string with the offset of each line and searched by bisection —
 * about 4 MB, where a Set of its words would take several times that and a split alone ~0.3 s.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import wordListPath from 'word-list';

interface Dictionary {
  text: string;
  /** Where each word starts in `text` (words end at the next newline). */
  starts: Int32Array;
  /** Words the file lists out of order, which bisection could miss. */
  misplaced: ReadonlySet<string>;
}

let dictionary: Dictionary | undefined;
let loading: Promise<void> | undefined;

/**
 * Reads the dictionary without blocking on the file (once; later calls share the first). The
 * index over it is then built in one pass of a few milliseconds.
 */
export function loadEnglishWords(): Promise<void> {
  loading ??= readFile(wordListPath, 'latin1').then((text) => {
    dictionary ??= build(text);
  });
  return loading;
}

/**
 * The offset of each word, in one pass that compares each word with the last one kept in place
 * (no string per line): bisection needs order, so a word listed before a smaller one is set aside
 * and looked up apart.
 */
function build(text: string): Dictionary {
  const starts: number[] = [];
  const misplaced = new Set<string>();
  let previousStart = 0;
  let previousEnd = -1;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (previousEnd >= 0 && compareAt(text, start, end, previousStart, previousEnd) < 0)
      misplaced.add(text.slice(start, end));
    else {
      starts.push(start);
      previousStart = start;
      previousEnd = end;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return { text, starts: Int32Array.from(starts), misplaced };
}

/** How `text[a, aEnd)` orders against `text[b, bEnd)`, as `<` orders strings (by code unit). */
function compareAt(text: string, a: number, aEnd: number, b: number, bEnd: number): number {
  const length = Math.min(aEnd - a, bEnd - b);
  for (let i = 0; i < length; i++) {
    const difference = text.charCodeAt(a + i) - text.charCodeAt(b + i);
    if (difference !== 0) return difference;
  }
  return aEnd - a - (bEnd - b);
}

function wordAt({ text, starts }: Dictionary, at: number): string {
  const start = starts[at] as number;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** True when `word` (lower case) is in the dictionary. */
export function isEnglishWord(word: string): boolean {
  dictionary ??= build(readFileSync(wordListPath, 'latin1'));
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
