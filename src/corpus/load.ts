/**
 * Reading a corpus directory: every article file, plus the glossary. A file that cannot be parsed
 * is reported (file and reason) and skipped, so one bad article never takes the others down.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Spelling, TRANSLITERATIONS_FILE } from '../text/spelling.ts';
import { GLOSSARY_FILE, Glossary } from './glossary.ts';
import { describeBytes, MAX_FILE_BYTES } from './limits.ts';
import { CorpusFileError, parseArticle } from './parse.ts';
import type { Article } from './types.ts';

export interface CorpusProblem {
  file: string;
  /** 1-based line of the file the problem is on, when known. */
  line?: number;
  reason: string;
  /** What was skipped: one line (a glossary rule), or, when absent, the whole file. */
  scope?: 'line';
}

/** The log message for a problem: a skipped glossary line is not a skipped file. */
export function problemLogMessage(problem: CorpusProblem): string {
  return problem.scope === 'line' ? 'glossary line skipped' : 'corpus file skipped';
}

/** One file of the corpus directory, with the hash that says whether it changed. */
export interface CorpusFile {
  name: string;
  hash: string;
  bytes: Buffer;
  /** Set (to its size in bytes) when the file is over `MAX_FILE_BYTES`: it is not read, and fails to parse. */
  tooLarge?: number;
}

export interface Corpus {
  articles: Article[];
  glossary: Glossary;
  problems: CorpusProblem[];
  /** Hash of every file, by name: what a live reload compares against. */
  files: ReadonlyMap<string, string>;
  /** One hash over all files' names and hashes: what an index built from this corpus depends on. */
  fingerprint: string;
}

const ARTICLE_FILE = /\.(md|txt)$/i;

/** Thrown when the corpus directory itself is unusable; individual bad files are only reported. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** The glossary and the transliteration table: corpus data that changes how every text is analysed. */
export function isGlossaryFile(name: string): boolean {
  return name === GLOSSARY_FILE || name === TRANSLITERATIONS_FILE;
}

export function isCorpusFile(name: string): boolean {
  return !name.startsWith('.') && (isGlossaryFile(name) || ARTICLE_FILE.test(name));
}

/** Why a visible file of the corpus directory is not read, so that it is not ignored without a word. */
function unsupportedFile(name: string): CorpusProblem {
  return {
    file: name,
    reason: `unsupported file type (only .md and .txt articles, ${GLOSSARY_FILE} and ${TRANSLITERATIONS_FILE} are read)`,
  };
}

export function corpusFingerprint(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${name}\0${files.get(name)}\0`);
  return hash.digest('hex');
}

/** Reads every corpus file of `dir`; unreadable files become problems, an unreadable directory an error. */
export async function readCorpusDir(
  dir: string,
): Promise<{ files: CorpusFile[]; problems: CorpusProblem[] }> {
  let names: string[];
  const problems: CorpusProblem[] = [];
  try {
    const visible = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
    names = visible.filter(isCorpusFile);
    problems.push(...visible.filter((name) => !isCorpusFile(name)).map(unsupportedFile));
  } catch (error) {
    throw new CorpusError(
      `cannot read the corpus directory ${dir}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  const files: CorpusFile[] = [];
  for (const name of names) {
    try {
      const { size, mtimeMs } = await stat(join(dir, name));
      if (size > MAX_FILE_BYTES) {
        // Not read at all: its size and time say whether it changed.
        files.push({ name, hash: `too-large:${size}:${mtimeMs}`, bytes: Buffer.alloc(0), tooLarge: size });
        continue;
      }
      const bytes = await readFile(join(dir, name));
      files.push({ name, hash: createHash('sha256').update(bytes).digest('hex'), bytes });
    } catch (error) {
      problems.push({ file: name, reason: `cannot read: ${(error as NodeJS.ErrnoException).code}` });
    }
  }
  return { files, problems };
}

/** Why a file is refused before parsing, or null. */
function sizeProblem(file: CorpusFile): string | null {
  return file.tooLarge === undefined
    ? null
    : `the file is ${describeBytes(file.tooLarge)}, over the limit of ${describeBytes(MAX_FILE_BYTES)} for one corpus file: split it`;
}

/** The texts of the glossary files, '' for a missing one: what a reload hands back to the bot. */
export interface GlossaryTexts {
  rules: string;
  transliterations: string;
}

/** The glossary from its files' texts: the transliteration table first, since the rules are analysed with it. */
export function glossaryFromTexts({ rules, transliterations }: GlossaryTexts): Glossary {
  return Glossary.parse(rules, transliterations ? Spelling.parse(transliterations) : Spelling.none);
}

/**
 * The glossary from the corpus's glossary files (either may be missing), with their bad lines; or,
 * when one of them is refused as a whole (too large), only the problem: the caller keeps what it had.
 */
export function parseGlossaryFiles(files: readonly CorpusFile[]): {
  glossary?: Glossary;
  texts?: GlossaryTexts;
  problems: CorpusProblem[];
} {
  const refused = files.flatMap((file) => {
    const tooLarge = sizeProblem(file);
    return tooLarge ? [{ file: file.name, reason: tooLarge }] : [];
  });
  if (refused.length > 0) return { problems: refused };
  const text = (name: string) => files.find((file) => file.name === name)?.bytes.toString('utf8') ?? '';
  const texts = { rules: text(GLOSSARY_FILE), transliterations: text(TRANSLITERATIONS_FILE) };
  const glossary = glossaryFromTexts(texts);
  const located =
    (name: string) =>
    (problem: { line: number; reason: string }): CorpusProblem => ({
      file: name,
      line: problem.line,
      reason: problem.reason,
      scope: 'line',
    });
  return {
    glossary,
    texts,
    problems: [
      ...glossary.spelling.problems.map(located(TRANSLITERATIONS_FILE)),
      ...glossary.problems.map(located(GLOSSARY_FILE)),
    ],
  };
}

/**
 * Parses article files, skipping (and reporting) those that fail or whose article id another
 * file already has; `taken` maps article ids already in use to their file.
 */
export function parseArticleFiles(
  files: readonly CorpusFile[],
  taken: ReadonlyMap<string, string> = new Map(),
): { articles: Article[]; problems: CorpusProblem[] } {
  const owners = new Map(taken);
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  for (const file of files) {
    try {
      const tooLarge = sizeProblem(file);
      if (tooLarge) throw new CorpusFileError(tooLarge);
      const article = parseArticle(file.name, file.bytes);
      const owner = owners.get(article.id);
      if (owner && owner !== file.name)
        throw new CorpusFileError(`same article id "${article.id}" as ${owner}`);
      owners.set(article.id, file.name);
      articles.push(article);
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      problems.push({ file: file.name, ...(error.line ? { line: error.line } : {}), reason: error.message });
    }
  }
  return { articles, problems };
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const read = await readCorpusDir(dir);
  const glossary = parseGlossaryFiles(read.files.filter((file) => isGlossaryFile(file.name)));
  const parsed = parseArticleFiles(read.files.filter((file) => !isGlossaryFile(file.name)));
  const files = new Map(read.files.map((file) => [file.name, file.hash]));
  return {
    articles: parsed.articles,
    glossary: glossary.glossary ?? Glossary.empty,
    problems: [...read.problems, ...glossary.problems, ...parsed.problems],
    files,
    fingerprint: corpusFingerprint(files),
  };
}
