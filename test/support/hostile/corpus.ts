/**
 * Hostile corpus edits for the fuzz suite (harness.ts): glossary lines (huge mutual-alias
 * lines, long lines, odd separators), front-matter URLs (valid, near-valid, hostile) and file and paragraph
 * sizes around the limits, written into the running bot's corpus directory and reloaded live. The
 * properties: the reload never fails, everything past a limit is refused with a reason that names it, a URL
 * is only ever kept when Discord takes it as a link, and the bot answers afterwards (the harness checks
 * that question's payloads like any other).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  MAX_FILE_BYTES,
  MAX_GLOSSARY_LINE_CHARS,
  MAX_NAMES_PER_ALIAS_LINE,
  MAX_PARAGRAPH_CHARS,
} from '../../../src/corpus/limits.ts';
import { urlError } from '../../../src/local-discord/server.ts';
import type { RunningBot } from '../bot.ts';
import { markdownArticle, SHIPPED_CORPUS } from '../corpus.ts';

export type CorpusChange =
  /** `synonyms.txt` as shipped, plus this line. */
  | { edit: 'glossary'; line: string }
  /** An article whose front matter gives this `url:`. */
  | { edit: 'url'; url: string }
  /** An article of about `bytes` bytes, in paragraphs of `paragraphChars` characters. */
  | { edit: 'size'; bytes: number; paragraphChars: number };

/** A word no shipped article has: asking it finds the fuzz article when it loaded. */
const FUZZ_WORD = 'zqfuzzword';
const URL_FILE = 'fuzz-url.md';
const SIZE_FILE = 'fuzz-size.md';

const name = fc.stringMatching(/^[A-Z][a-z]{2,11}$/);
const names = (min: number, max: number) => fc.array(name, { minLength: min, maxLength: max });

const glossaryLine: fc.Arbitrary<string> = fc.oneof(
  // Mutual aliases from 2 names to far past the limits (4,000 names is ~40 KB).
  names(2, 8).map((list) => list.join(' = ')),
  fc
    .integer({ min: MAX_NAMES_PER_ALIAS_LINE - 2, max: MAX_NAMES_PER_ALIAS_LINE + 2 })
    .map((count) => Array.from({ length: count }, (_, i) => `N${i}x`).join('=')),
  fc
    .integer({ min: 100, max: 4000 })
    .map((count) => Array.from({ length: count }, (_, i) => `Name${i}`).join(' = ')),
  // One-way rules with many reader words, and lines around the length limit.
  fc.tuple(name, names(1, 400)).map(([text, readers]) => `${text} => ${readers.join(', ')}`),
  fc
    .integer({ min: MAX_GLOSSARY_LINE_CHARS - 3, max: MAX_GLOSSARY_LINE_CHARS + 3 })
    .map((length) => `Armenia => ${'word '.repeat(length)}`.slice(0, length)),
  // Separators in odd places and numbers.
  fc.constantFrom('=', '==', '=>', 'a =>', '=> b', 'a => b => c', 'a = = b', '#', ' = Armenia', 'x,y => ,'),
  fc.string({ unit: fc.constantFrom('A', 'b', ' ', '=', '>', ',', '#', '-', '\u00ad', 'é'), maxLength: 80 }),
);

const badUrlPart = fc.constantFrom(
  ' ',
  '_',
  'é',
  'д',
  '\u0000',
  '\t',
  '%',
  '#',
  '@',
  ':',
  '..',
  '\u200b',
  '"',
);
const url: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  // A valid URL with one odd character put somewhere.
  fc
    .tuple(fc.webUrl(), badUrlPart, fc.nat())
    .map(([base, part, at]) => base.slice(0, at % base.length) + part + base.slice(at % base.length)),
  fc.constantFrom(
    'https://news site.example/a',
    'https://новости.example/a',
    'https://news_site.example/a',
    'javascript:alert(1)',
    'ftp://news.example.org/a',
    'https://localhost/a',
    'https://user:pw@news.example.org/',
    'http://-bad.example.org/',
    `https://news.example.org/${'a'.repeat(2030)}`,
    `https://news.example.org/${'a'.repeat(5000)}`,
  ),
  fc.string({ maxLength: 60 }),
);

const size = fc.record({
  edit: fc.constant('size' as const),
  bytes: fc.constantFrom(200, 50_000, MAX_FILE_BYTES - 2_000, MAX_FILE_BYTES + 1, 3 * 1024 * 1024),
  paragraphChars: fc.constantFrom(400, MAX_PARAGRAPH_CHARS - 50, MAX_PARAGRAPH_CHARS + 1, 40_000),
});

export const corpusChange: fc.Arbitrary<CorpusChange> = fc.oneof(
  { weight: 2, arbitrary: glossaryLine.map((line) => ({ edit: 'glossary' as const, line })) },
  { weight: 2, arbitrary: url.map((value) => ({ edit: 'url' as const, url: value })) },
  { weight: 1, arbitrary: size },
);

/** An article of `bytes` bytes (about) made of paragraphs of `paragraphChars` characters. */
function sizedArticle(bytes: number, paragraphChars: number): string {
  // Ends in a full stop: the parser trims whitespace, which would make the paragraph shorter than asked.
  const words = `The ${FUZZ_WORD} ${'delegation met again '.repeat(Math.ceil(paragraphChars / 21))}`;
  const paragraph = `${words.slice(0, paragraphChars - 1)}.`;
  const count = Math.max(1, Math.ceil(bytes / (paragraphChars + 2)));
  return markdownArticle('Fuzz size', Array.from({ length: count }, () => paragraph).join('\n\n'));
}

/**
 * Makes the change, reloads, and checks the reload's properties. Returns the problems found, the
 * question to ask next (the fuzz word when the change should be answerable, else a shipped one), and what
 * to undo once it is answered, so every case starts from the shipped corpus.
 */
export async function applyCorpusChange(
  change: CorpusChange,
  corpusDir: string,
  running: RunningBot,
): Promise<{ problems: string[]; question: string; cleanUp?: () => Promise<void> }> {
  const { live, engine } = running.bot.context;
  const problems: string[] = [];
  const reload = async () => {
    const summary = await live.reload();
    if (summary.error) problems.push(`the reload failed: ${summary.error}`);
    return summary;
  };
  const reported = (file: string) => engine.problems.filter((problem) => problem.file === file);
  const removeAndReload = async (file: string) => {
    rmSync(join(corpusDir, file));
    await reload();
  };

  switch (change.edit) {
    case 'glossary': {
      const shipped = readFileSync(join(SHIPPED_CORPUS, 'synonyms.txt'), 'utf8').replace(/\n*$/, '\n');
      writeFileSync(join(corpusDir, 'synonyms.txt'), `${shipped}${change.line}\n`);
      await reload();
      const line = change.line.trim();
      const lineNumber = shipped.split('\n').length;
      const names = line.includes('=>') ? 0 : line.split('=').length;
      if (
        !/[\r\n\u2028\u2029]/.test(change.line) &&
        (line.length > MAX_GLOSSARY_LINE_CHARS || names > MAX_NAMES_PER_ALIAS_LINE)
      ) {
        const reasons = reported('synonyms.txt')
          .filter((problem) => problem.line === lineNumber)
          .map((problem) => problem.reason);
        if (!reasons.some((reason) => /over the limit/.test(reason)))
          problems.push(
            `glossary line ${lineNumber} over a limit was not refused with its reason: ${JSON.stringify(reasons)}`,
          );
      }
      return { problems, question: 'armenia' };
    }
    case 'url': {
      writeFileSync(
        join(corpusDir, URL_FILE),
        markdownArticle('Fuzz URL', `The ${FUZZ_WORD} summit.`, `url: ${JSON.stringify(change.url)}\n`),
      );
      await reload();
      const article = engine.articles.find((candidate) => candidate.file === URL_FILE);
      // Judged by the local server's own URL rule, never the bot's `src/text/url.ts` that decided to keep it.
      const refused = article?.url ? urlError(article.url) : null;
      if (refused)
        problems.push(`kept a URL Discord refuses (${refused.code}): ${JSON.stringify(article?.url)}`);
      if (!article && reported(URL_FILE).length === 0)
        problems.push('the article was neither loaded nor reported');
      return { problems, question: FUZZ_WORD, cleanUp: () => removeAndReload(URL_FILE) };
    }
    case 'size': {
      const text = sizedArticle(change.bytes, change.paragraphChars);
      writeFileSync(join(corpusDir, SIZE_FILE), text);
      await reload();
      const loaded = engine.articles.some((article) => article.file === SIZE_FILE);
      const fits = Buffer.byteLength(text) <= MAX_FILE_BYTES && change.paragraphChars <= MAX_PARAGRAPH_CHARS;
      if (loaded !== fits)
        problems.push(`a ${Buffer.byteLength(text)}-byte file was ${loaded ? 'loaded' : 'refused'}`);
      if (!loaded && !reported(SIZE_FILE).some((problem) => /over the limit/.test(problem.reason)))
        problems.push(`refused without a reason naming the limit: ${JSON.stringify(reported(SIZE_FILE))}`);
      // Not kept: a large article would make every later glossary change rebuild a large index.
      await removeAndReload(SIZE_FILE);
      return { problems, question: 'armenia' };
    }
  }
}
