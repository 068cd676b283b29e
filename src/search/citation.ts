/**
 * Citations a reader can check: article, section, paragraph number, source, date and — only when
 * the source material states it — the URL. Whatever an editor supplied rather than the text
 * stated is marked, so a reader never mistakes an editorial title or an inferred date for the
 * original's.
 */
import type { ArticleMeta, InferableField, Paragraph } from '../corpus/types.ts';
import { MONTHS } from '../text/calendar.ts';
import { sliceText } from '../text/slice.ts';

/** `2022-10` → `October 2022`; `2022-10-12` → `12 October 2022`. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year ?? iso;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

function marked(article: ArticleMeta, field: InferableField, value: string): string {
  if (!article.inferred.includes(field)) return value;
  return field === 'title' ? `${value} (editorial title)` : `${value} (inferred)`;
}

/** The article's title as cited: quoted, and marked when an editor supplied it. */
export function citeTitle(article: ArticleMeta): string {
  return marked(article, 'title', `“${article.title}”`);
}

/** Where the article comes from: `RFE/RL (inferred), October 2022 (inferred)` and the URL when known. */
export function citeOrigin(article: ArticleMeta): string[] {
  const origin = [
    article.source ? marked(article, 'source', article.source) : null,
    article.published ? marked(article, 'published', formatDate(article.published)) : null,
  ].filter((part) => part !== null);
  const parts = origin.length > 0 ? [origin.join(', ')] : [];
  if (article.url) parts.push(article.url);
  return parts;
}

/** `“Title” (editorial title) — RFE/RL (inferred), October 2022 (inferred)` */
export function citeArticle(article: ArticleMeta): string {
  return [citeTitle(article), ...citeOrigin(article)].join(' — ');
}

/** `“Title” (editorial title) — Section, ¶8 — RFE/RL (inferred), October 2022 (inferred)` */
export function citeParagraph(article: ArticleMeta, paragraph: Paragraph): string {
  const place = paragraph.section ? `${paragraph.section}, ¶${paragraph.number}` : `¶${paragraph.number}`;
  return [citeTitle(article), place, ...citeOrigin(article)].join(' — ');
}

/** Longest title a compact source line quotes whole; a longer one is cut at a word and marked `…`. */
const COMPACT_TITLE_CHARS = 32;

const INFERRED_NAMES: Record<InferableField, string> = {
  title: 'title',
  source: 'source',
  published: 'date',
};

function shortTitle(title: string): string {
  if (title.length <= COMPACT_TITLE_CHARS) return title;
  const cut = sliceText(title, COMPACT_TITLE_CHARS + 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) || sliceText(title, COMPACT_TITLE_CHARS);
  return `${atWord.replace(/[\s\p{P}]+$/u, '')}…`;
}

/**
 * The one-line source under an excerpt: `“Title” · RFE/RL · October 2022 · inferred: title, date`.
 * Section and paragraph are in the excerpt's heading and the URL is its link, so they are not
 * repeated; what an editor supplied is still named, and the full citation is one click away (Full ¶).
 */
export function compactCitation(article: ArticleMeta): string {
  const shown: [InferableField, string | null][] = [
    ['title', `“${shortTitle(article.title)}”`],
    ['source', article.source],
    ['published', article.published ? formatDate(article.published) : null],
  ];
  const parts = shown.flatMap(([, value]) => (value ? [value] : []));
  const inferred = shown
    .filter(([field, value]) => value && article.inferred.includes(field))
    .map(([field]) => INFERRED_NAMES[field]);
  // "all inferred" when every field on the line is: the line stays one line, and Full ¶ marks each.
  if (inferred.length === parts.length) parts.push('all inferred');
  else if (inferred.length > 0) parts.push(`inferred: ${inferred.join(', ')}`);
  return parts.join(' · ');
}

/**
 * `Rights: © RFE/RL; quoted for reference · License: CC-BY-4.0`. An article that states neither
 * (every plain-text file) says its rights are unknown rather than saying nothing.
 */
export function rightsLine(article: Pick<ArticleMeta, 'rights' | 'license'>): string {
  const parts = [
    article.rights ? `Rights: ${article.rights}` : null,
    article.license ? `License: ${article.license}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' · ') : 'Rights: unknown (the corpus file does not state them)';
}
