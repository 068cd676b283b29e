/**
 * Excerpts: the best window of a paragraph to quote, as offsets into it. How it looks (bold,
 * escaping, ellipses on the cut sides) is `src/render/quote.ts`'s business.
 *
 * Follows Meilisearch's cropping rules: the window covers the most distinct matched terms, then
 * the tightest cluster of them, then the most matches; it is padded within the sentence (whole
 * sentences when they fit), never cuts a word, and says on which sides it cut the paragraph.
 */
import type { Highlight, Span } from './highlight.ts';

/**
 * About three lines of an answer's card: enough context to judge the hit, short enough for three
 * hits. A reading length, not a platform limit: renderers fit what they are given to their own.
 */
export const EXCERPT_CHARS = 300;

/** The stretch of a paragraph an answer quotes. */
export interface ExcerptWindow extends Span {
  /** The paragraph goes on before `start` (a renderer marks the cut, e.g. with "…"). */
  cutBefore: boolean;
  /** The paragraph goes on after `end`. */
  cutAfter: boolean;
}

const SENTENCE_END = /[.!?…]["”’)\]]*\s+/g;

type Window = Span;

/** The densest run of highlights that fits in `maxChars`, by Meilisearch's criteria. */
function bestCluster(highlights: readonly Highlight[], maxChars: number): Window | null {
  let best: { window: Window; distinct: number; spread: number; count: number } | null = null;
  for (let i = 0; i < highlights.length; i++) {
    const keys = new Set<string>();
    for (let j = i; j < highlights.length; j++) {
      const first = highlights[i] as Highlight;
      const last = highlights[j] as Highlight;
      const spread = last.end - first.start;
      if (spread > maxChars && j > i) break;
      keys.add(last.key);
      const candidate = {
        window: { start: first.start, end: last.end },
        distinct: keys.size,
        spread,
        count: j - i + 1,
      };
      if (
        !best ||
        candidate.distinct > best.distinct ||
        (candidate.distinct === best.distinct && candidate.spread < best.spread) ||
        (candidate.distinct === best.distinct &&
          candidate.spread === best.spread &&
          candidate.count > best.count)
      ) {
        best = candidate;
      }
    }
  }
  return best?.window ?? null;
}

/** Sentence extents, trailing spaces excluded. */
function sentences(text: string): Window[] {
  const starts = [0];
  for (const match of text.matchAll(SENTENCE_END)) starts.push(match.index + match[0].length);
  return starts.map((start, index) => ({
    start,
    end: start + text.slice(start, starts[index + 1] ?? text.length).trimEnd().length,
  }));
}

/** Grows a cluster to whole sentences when they fit, otherwise pads it evenly inside its sentence. */
function widen(text: string, cluster: Window, maxChars: number): Window {
  const all = sentences(text);
  const indexOf = (at: number) =>
    Math.max(
      0,
      all.findLastIndex((sentence) => sentence.start <= at),
    );
  let first = indexOf(cluster.start);
  let last = indexOf(Math.max(cluster.start, cluster.end - 1));
  const extent = (from: number, to: number): Window => ({
    start: (all[from] as Window).start,
    end: (all[to] as Window).end,
  });
  const fits = (window: Window) => window.end - window.start <= maxChars;

  if (fits(extent(first, last))) {
    while (last + 1 < all.length && fits(extent(first, last + 1))) last++;
    while (first > 0 && fits(extent(first - 1, last))) first--;
    return extent(first, last);
  }
  const bounds = extent(first, last);
  const spare = Math.max(0, maxChars - (cluster.end - cluster.start));
  const left = Math.min(Math.floor(spare / 2), cluster.start - bounds.start);
  const right = Math.min(spare - left, bounds.end - cluster.end);
  const extraLeft = Math.min(spare - left - right, cluster.start - bounds.start - left);
  return snapToWords(text, { start: cluster.start - left - extraLeft, end: cluster.end + right }, cluster);
}

/** Moves cut edges inwards to word boundaries, never past the cluster itself. */
function snapToWords(text: string, window: Window, cluster: Window): Window {
  let { start, end } = window;
  if (start > 0 && /\S/.test(text[start - 1] ?? '')) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= cluster.start ? cluster.start : space + 1;
  }
  if (end < text.length && /\S/.test(text[end] ?? '')) {
    const space = text.lastIndexOf(' ', end);
    end = Math.max(space, cluster.end);
  }
  return { start, end };
}

/**
 * The window of `text` a result quotes: at most about `maxChars` characters of the paragraph,
 * around its densest highlights, without surrounding spaces. A paragraph that fits is quoted whole.
 */
export function excerptWindow(
  text: string,
  highlights: readonly Highlight[],
  maxChars = EXCERPT_CHARS,
): ExcerptWindow {
  let window: Window = { start: 0, end: text.length };
  if (text.length > maxChars) {
    const cluster = bestCluster(highlights, maxChars) ?? { start: 0, end: 0 };
    window = widen(text, cluster, maxChars);
  }
  const quoted = text.slice(window.start, window.end);
  const start = window.start + (quoted.length - quoted.trimStart().length);
  const end = Math.max(start, window.end - (quoted.length - quoted.trimEnd().length));
  return { start, end, cutBefore: window.start > 0, cutAfter: window.end < text.length };
}
