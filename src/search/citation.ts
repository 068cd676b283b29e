/**
 * Citations a reader can check: article, section, paragraph number, source, date and — only when
 * the source material states it — the URL. Whatever an editor supplied rather than the text
 * stated is marked, so a reader never mistakes an editorial title or an inferred date for the
 * original's.
 */
import type { ArticleMeta, InferableField, Paragraph } from '../corpus/types.ts';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

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

/** The parts of a citation that belong to the article, in order. */
function articleParts(article: ArticleMeta): { title: string; rest: string[] } {
  const origin = [
    article.source ? marked(article, 'source', article.source) : null,
    article.published ? marked(article, 'published', formatDate(article.published)) : null,
  ].filter((part) => part !== null);
  const rest = origin.length > 0 ? [origin.join(', ')] : [];
  if (article.url) rest.push(article.url);
  return { title: marked(article, 'title', `“${article.title}”`), rest };
}

/** `“Title” (editorial title) — RFE/RL (inferred), October 2022 (inferred)` */
export function citeArticle(article: ArticleMeta): string {
  const { title, rest } = articleParts(article);
  return [title, ...rest].join(' — ');
}

/** `“Title” (editorial title) — Section, ¶8 — RFE/RL (inferred), October 2022 (inferred)` */
export function citeParagraph(article: ArticleMeta, paragraph: Paragraph): string {
  const { title, rest } = articleParts(article);
  const place = paragraph.section ? `${paragraph.section}, ¶${paragraph.number}` : `¶${paragraph.number}`;
  return [title, place, ...rest].join(' — ');
}
