/**
 * Reading a corpus directory: every article file, plus the glossary. A file that cannot be parsed
 * is reported (file and reason) and skipped, so one bad article never takes the others down.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GLOSSARY_FILE, Glossary } from './glossary.ts';
import { CorpusFileError, parseArticle } from './parse.ts';
import type { Article } from './types.ts';

export interface CorpusProblem {
  file: string;
  reason: string;
}

export interface Corpus {
  articles: Article[];
  glossary: Glossary;
  problems: CorpusProblem[];
  /** SHA-256 over every file's name and bytes: what an index built from this corpus depends on. */
  fingerprint: string;
}

const ARTICLE_FILE = /\.(md|txt)$/i;

/** Thrown when the corpus directory itself is unusable; individual bad files are only reported. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new CorpusError(
      `cannot read the corpus directory ${dir}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }

  const hash = createHash('sha256');
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seenIds = new Map<string, string>();
  let glossary = Glossary.empty;

  for (const name of names) {
    if (name !== GLOSSARY_FILE && !ARTICLE_FILE.test(name)) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, name));
    } catch (error) {
      problems.push({ file: name, reason: `cannot read: ${(error as NodeJS.ErrnoException).code}` });
      continue;
    }
    hash.update(name).update('\0').update(bytes).update('\0');
    if (name === GLOSSARY_FILE) {
      glossary = Glossary.parse(bytes.toString('utf8'));
      for (const problem of glossary.problems) {
        problems.push({ file: `${name}:${problem.line}`, reason: problem.reason });
      }
      continue;
    }
    try {
      const article = parseArticle(name, bytes);
      const clash = seenIds.get(article.id);
      if (clash) throw new CorpusFileError(`same article id "${article.id}" as ${clash}`);
      seenIds.set(article.id, name);
      articles.push(article);
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      problems.push({ file: name, reason: error.message });
    }
  }
  return { articles, glossary, problems, fingerprint: hash.digest('hex') };
}
