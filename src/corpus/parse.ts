/**
 * Parsing one article file into paragraphs with their sections and metadata.
 *
 * Two formats: Markdown with YAML front matter (what editors write) and plain text (what people
 * scrape off the web, one paragraph per line). Paragraph text is kept verbatim apart from Unicode
 * normalisation (NFC) and whitespace, because the bot quotes it.
 */
import { z } from 'zod';
import { removeFormatCharacters } from '../text/terms.ts';
import { isLinkableUrl, MAX_URL_CHARS } from '../text/url.ts';
import { readFrontMatter } from './front-matter.ts';
import { MAX_PARAGRAPH_CHARS } from './limits.ts';
import { rightsText, spdxLicenseId } from './rights.ts';
import type { Article, InferableField, Paragraph } from './types.ts';

/** A file that cannot become an article; the loader reports it and skips the file. */
export class CorpusFileError extends Error {
  override name = 'CorpusFileError';

  /** `line`: the 1-based line of the file at fault, when one is. */
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Lines a republisher adds around the article: ad slots, "Source link" and the like. */
const BOILERPLATE: readonly RegExp[] = [
  /^\[ad_\d+\]$/i,
  /^source link$/i,
  /^advertisement$/i,
  /^(share this|related posts?|read more):?$/i,
];

/** Small words that title case leaves in lower case ("Sense of Menace for Kazakhstan"). */
const TITLE_CASE_EXCEPTIONS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'over',
  'the',
  'to',
  'vs',
  'with',
]);

const MAX_HEADING_WORDS = 12;
const MAX_HEADING_CHARS = 100;

const FrontMatter = z
  .object({
    title: z.string().trim().min(1).max(200),
    source: z.string().trim().min(1).max(100).nullish(),
    published: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
      .nullish(),
    url: z
      .string()
      .refine(isLinkableUrl, {
        message: `is not a link Discord accepts (http or https, an ASCII host name without "_", no spaces, at most ${MAX_URL_CHARS} characters)`,
      })
      .nullish(),
    inferred: z.array(z.enum(['title', 'source', 'published'])).default([]),
    rights: rightsText.nullish(),
    license: spdxLicenseId.nullish(),
    note: z.string().optional(),
  })
  .strict();

/** Collapses whitespace and drops control characters, keeping every other character verbatim. */
export function normalizeText(text: string): string {
  return removeFormatCharacters(text.normalize('NFC'))
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}

/** The article id for a file name: `My Article.md` → `my-article`. */
export function articleSlug(fileName: string): string {
  return fileName
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * A short title-case line without final punctuation (a `?` or `!` is allowed: "Armenia Dropping
 * The CSTO Or CSTO Dropping Armenia?"). Used for plain-text files, where headings are not marked.
 */
export function looksLikeHeading(line: string): boolean {
  if (line.length > MAX_HEADING_CHARS || /[.,;:"”’)—–-]$/.test(line)) return false;
  const words = line.split(' ').filter((word) => /\p{L}/u.test(word));
  if (words.length < 2 || words.length > MAX_HEADING_WORDS) return false;
  if (!/^\p{Lu}/u.test(line)) return false;
  return words.every((word) => /^[\p{Lu}\p{N}]/u.test(word) || TITLE_CASE_EXCEPTIONS.has(word.toLowerCase()));
}

interface Block {
  kind: 'heading' | 'paragraph';
  text: string;
}

/** Builds paragraphs (numbered from 1, headings excluded) with the heading each falls under. */
function assemble(articleId: string, blocks: Block[]): Pick<Article, 'sections' | 'paragraphs'> {
  const sections: string[] = [];
  const paragraphs: Paragraph[] = [];
  let section: string | null = null;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      section = block.text;
      sections.push(section);
    } else {
      const number = paragraphs.length + 1;
      if (block.text.length > MAX_PARAGRAPH_CHARS) {
        throw new CorpusFileError(
          `paragraph ${number} is ${block.text.length} characters, over the limit of ${MAX_PARAGRAPH_CHARS}: split it`,
        );
      }
      paragraphs.push({ id: `${articleId}#${number}`, articleId, number, section, text: block.text });
    }
  }
  if (paragraphs.length === 0) throw new CorpusFileError('no paragraphs of text');
  return { sections, paragraphs };
}

function isBoilerplate(line: string): boolean {
  return BOILERPLATE.some((pattern) => pattern.test(line));
}

function parseMarkdown(articleId: string, file: string, source: string): Article {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new CorpusFileError('missing front matter (a `---` block with at least a title)');
  // The front matter starts on line 2, after the opening `---`.
  const meta = readFrontMatter(match[1] ?? '', 2, FrontMatter);
  if ('problem' in meta) throw new CorpusFileError(meta.problem.reason, meta.problem.line);
  const blocks: Block[] = [];
  for (const chunk of (match[2] ?? '').split(/\r?\n\s*\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(chunk.trim());
    const text = normalizeText(heading ? (heading[1] ?? '') : chunk);
    if (text && !isBoilerplate(text)) blocks.push({ kind: heading ? 'heading' : 'paragraph', text });
  }
  return {
    id: articleId,
    file,
    title: normalizeText(meta.data.title),
    source: meta.data.source ?? null,
    published: meta.data.published ?? null,
    url: meta.data.url ?? null,
    rights: meta.data.rights ?? null,
    license: meta.data.license ?? null,
    inferred: meta.data.inferred,
    ...assemble(articleId, blocks),
  };
}

/**
 * Plain text as scraped: one paragraph per line, headings recognised by shape. A heading-shaped
 * first line is the article's headline, so it is the title (stated by the text) rather than a
 * section; otherwise the title is made from the file name and marked inferred. Nothing in such a
 * file states a source, date or rights: they stay unknown.
 */
function parsePlainText(articleId: string, file: string, source: string): Article {
  const blocks: Block[] = [];
  for (const line of source.split(/\r?\n/)) {
    const text = normalizeText(line);
    if (!text || isBoilerplate(text)) continue;
    blocks.push({ kind: looksLikeHeading(text) ? 'heading' : 'paragraph', text });
  }
  const headline = blocks[0]?.kind === 'heading' ? blocks.shift()?.text : undefined;
  const inferred: InferableField[] = headline ? [] : ['title'];
  return {
    id: articleId,
    file,
    title: headline ?? articleId.replace(/-/g, ' '),
    source: null,
    published: null,
    url: null,
    rights: null,
    license: null,
    inferred,
    ...assemble(articleId, blocks),
  };
}

/** Decodes strictly: a binary or mis-encoded file is reported rather than quoted as mojibake. */
function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CorpusFileError('not valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw new CorpusFileError('binary content (NUL bytes)');
  return text.replace(/^\uFEFF/, '');
}

/** Parses one corpus file; `file` is its path relative to the corpus directory. */
export function parseArticle(file: string, bytes: Uint8Array): Article {
  const fileName = file.split('/').pop() ?? file;
  const articleId = articleSlug(fileName);
  if (!articleId) throw new CorpusFileError('the file name gives an empty article id');
  const text = decodeUtf8(bytes);
  if (/\.md$/i.test(fileName)) return parseMarkdown(articleId, file, text);
  if (/\.txt$/i.test(fileName)) return parsePlainText(articleId, file, text);
  throw new CorpusFileError('unsupported file type (expected .md or .txt)');
}
