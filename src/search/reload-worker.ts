/**
 * The corpus reload, off the event loop: this worker thread reads the corpus directory, parses what
 * changed and builds the new index, while the bot keeps answering from the old one. It keeps its own
 * copy of the corpus (adopted once from the engine), so each reload costs the change, and it saves the
 * index cache. The result goes back as plain data (the index packed in typed arrays, as the cache holds
 * it) for `LiveCorpus` to swap in. See `live.ts`.
 */
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { Glossary } from '../corpus/glossary.ts';
import {
  type CorpusProblem,
  corpusFingerprint,
  type GlossaryTexts,
  isGlossaryFile,
  parseArticleFiles,
  parseGlossaryFiles,
  readCorpusDir,
} from '../corpus/load.ts';
import type { Article } from '../corpus/types.ts';
import { CACHE_FILE, indexFingerprint, type PackedIndex, packIndex, savePackedIndex } from './cache.ts';
import { addArticle, type BuiltIndex, buildIndex, removeArticle } from './inverted-index.ts';

/** Takes over the corpus the engine answers from; answered with `{ adopted: true }`. */
export interface AdoptRequest {
  type: 'adopt';
  corpusDir: string;
  dataDir: string;
  articles: readonly Article[];
  files: ReadonlyMap<string, string>;
  problems: readonly CorpusProblem[];
}

/** Compares the directory with the adopted corpus and applies the difference; answered with a `ReloadResult`. */
export interface ReloadRequest {
  type: 'reload';
}

export type WorkerRequest = AdoptRequest | ReloadRequest;

/** What changed, as plain data: the new index whole, everything else as the difference. */
export interface ReloadResult {
  added: string[];
  changed: string[];
  removed: string[];
  /** Set when the glossary or the transliteration table changed: both files' texts ('' when removed). */
  glossaryTexts?: GlossaryTexts;
  failed: CorpusProblem[];
  /** Found by this reload besides `failed`: bad glossary lines, unreadable files. */
  skipped: CorpusProblem[];
  /** Problems of the whole corpus as it now stands (unreadable files, bad glossary lines, failed files). */
  problems: CorpusProblem[];
  upserts: Article[];
  files: Map<string, string>;
  /** The new index, when anything changed, packed as the cache holds it (`cache.ts`). */
  built?: PackedIndex;
  /** The directory could not be read: nothing changed. */
  error?: string;
  /** The index cache could not be saved (answers are unaffected). */
  cacheError?: string;
}

interface State {
  corpusDir: string;
  dataDir: string;
  /** By file name. */
  articles: Map<string, Article>;
  glossary: Glossary;
  glossaryTexts: GlossaryTexts;
  built: BuiltIndex;
  files: Map<string, string>;
  /** Problems by the file they are about (a glossary line's under `synonyms.txt`). */
  problems: Map<string, CorpusProblem[]>;
}

function byFile(problems: readonly CorpusProblem[], into = new Map<string, CorpusProblem[]>()) {
  for (const problem of problems) into.set(problem.file, [...(into.get(problem.file) ?? []), problem]);
  return into;
}

let state: State | undefined;

async function adopt(request: AdoptRequest): Promise<void> {
  const files = new Map(request.files);
  let glossary = Glossary.empty;
  let glossaryTexts: GlossaryTexts = { rules: '', transliterations: '', russian: '' };
  const glossaryNames = [...files.keys()].filter(isGlossaryFile);
  if (glossaryNames.length > 0) {
    // The engine's glossary is the files with those hashes; if one changed since, the next reload sees it.
    const read = await readCorpusDir(request.corpusDir).then(
      ({ files }) => files.filter((file) => isGlossaryFile(file.name)),
      () => undefined, // the directory is gone: the reload reports it
    );
    const same =
      read !== undefined &&
      read.length === glossaryNames.length &&
      read.every((file) => files.get(file.name) === file.hash);
    const parsed = same ? parseGlossaryFiles(read) : undefined;
    if (parsed?.glossary && parsed.texts) {
      glossary = parsed.glossary;
      glossaryTexts = parsed.texts;
    } else for (const name of glossaryNames) files.delete(name);
  }
  const articles = new Map(request.articles.map((article) => [article.file, article]));
  state = {
    corpusDir: request.corpusDir,
    dataDir: request.dataDir,
    articles,
    glossary,
    glossaryTexts,
    built: buildIndex(sorted(articles), glossary),
    files,
    problems: byFile(request.problems),
  };
}

const sorted = (articles: Map<string, Article>) =>
  [...articles.values()].sort((a, b) => a.file.localeCompare(b.file));

async function reload(current: State): Promise<ReloadResult> {
  const result: ReloadResult = {
    added: [],
    changed: [],
    removed: [],
    failed: [],
    skipped: [],
    problems: [],
    upserts: [],
    files: current.files,
  };
  let read: Awaited<ReturnType<typeof readCorpusDir>>;
  try {
    read = await readCorpusDir(current.corpusDir);
  } catch (error) {
    result.error = (error as Error).message;
    return result;
  }
  const known = current.files;
  const onDisk = new Map(read.files.map((file) => [file.name, file]));
  const touched = read.files.filter((file) => known.get(file.name) !== file.hash);
  const removedFiles = [...known.keys()].filter((name) => !onDisk.has(name) && !isGlossaryFile(name));
  const glossaryRemoved = [...known.keys()].some((name) => isGlossaryFile(name) && !onDisk.has(name));
  if (touched.length === 0 && removedFiles.length === 0 && !glossaryRemoved) return result;

  // Either glossary file changing re-reads both: the transliteration table changes how the rules are analysed.
  const glossaryTouched = touched.some((file) => isGlossaryFile(file.name));
  const glossary =
    glossaryTouched || glossaryRemoved
      ? parseGlossaryFiles(read.files.filter((file) => isGlossaryFile(file.name)))
      : undefined;
  const owners = new Map(
    [...current.articles.values()]
      .filter((article) => !removedFiles.includes(article.file))
      .map((article) => [article.id, article.file]),
  );
  const parsed = parseArticleFiles(
    touched.filter((file) => !isGlossaryFile(file.name)),
    owners,
  );
  // A glossary refused as a whole (too large) keeps the previous one answering, like a failed article.
  const glossaryFailed = glossary !== undefined && glossary.glossary === undefined;
  const failed = [...(glossaryFailed ? (glossary?.problems ?? []) : []), ...parsed.problems];
  const failedNames = new Set(failed.map((problem) => problem.file));

  // What now answers: new hashes for files that parsed, the old hash for files that did not.
  const files = new Map<string, string>();
  for (const file of read.files) {
    const previous = known.get(file.name);
    if (!failedNames.has(file.name)) files.set(file.name, file.hash);
    else if (previous) files.set(file.name, previous);
  }

  const outgoing = [...removedFiles, ...parsed.articles.map((article) => article.file)]
    .map((file) => current.articles.get(file))
    .filter((article) => article !== undefined);
  for (const file of removedFiles) current.articles.delete(file);
  for (const article of parsed.articles) current.articles.set(article.file, article);
  if (glossary?.glossary && glossary.texts) {
    current.glossary = glossary.glossary;
    current.glossaryTexts = glossary.texts;
    current.built = buildIndex(sorted(current.articles), current.glossary);
    result.glossaryTexts = current.glossaryTexts;
  } else {
    for (const article of outgoing) removeArticle(current.built, article, current.glossary);
    for (const article of parsed.articles) addArticle(current.built, article, current.glossary);
  }
  current.files = files;
  // Problems: those of files read again (or gone) replaced by what this reload found.
  for (const name of [...current.problems.keys()])
    if (!onDisk.has(name) || touched.some((file) => file.name === name)) current.problems.delete(name);
  byFile([...read.problems, ...(glossary?.problems ?? []), ...parsed.problems], current.problems);

  for (const article of parsed.articles)
    (known.has(article.file) ? result.changed : result.added).push(article.file);
  result.removed = removedFiles;
  result.failed = failed;
  result.skipped = [...read.problems, ...(glossaryFailed ? [] : (glossary?.problems ?? []))];
  result.problems = [...current.problems.values()].flat();
  result.upserts = parsed.articles;
  result.files = files;
  const packed = packIndex(current.built);
  result.built = packed;
  try {
    await savePackedIndex(
      join(current.dataDir, CACHE_FILE),
      indexFingerprint(corpusFingerprint(files)),
      packed,
    );
  } catch (error) {
    result.cacheError = (error as Error).message;
  }
  return result;
}

parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    if (request.type === 'adopt') {
      await adopt(request);
      parentPort?.postMessage({ adopted: true });
    } else {
      if (!state) throw new Error('reload before adopt');
      parentPort?.postMessage(await reload(state));
    }
  } catch (error) {
    parentPort?.postMessage({ failure: (error as Error).stack ?? String(error) });
  }
});
