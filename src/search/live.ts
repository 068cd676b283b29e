/**
 * Live corpus updates: adding, editing or deleting a file in the corpus directory changes the
 * answers within seconds, without a restart. Only changed files are re-parsed; the engine applies
 * the change atomically; the index cache is refreshed. A file that fails to parse leaves its
 * previous version answering and is reported; a vanished directory leaves the last corpus answering.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';
import {
  type CorpusProblem,
  isGlossaryFile,
  parseArticleFiles,
  parseGlossaryFiles,
  problemLogMessage,
  readCorpusDir,
} from '../corpus/load.ts';
import type { AnswerEngine } from './engine.ts';

/** Editors save in bursts (write, rename, chmod): one reload per burst. */
const DEBOUNCE_MS = 300;
/** While the directory is missing, look for it again this often. */
const RETRY_MS = 5_000;

export interface ReloadSummary {
  added: string[];
  changed: string[];
  removed: string[];
  glossaryChanged: boolean;
  /** Files that failed to parse (their previous version still answers). */
  failed: CorpusProblem[];
  durationMs: number;
  /** When the directory could not be read at all: the previous corpus keeps answering. */
  error?: string;
}

export interface LiveCorpusOptions {
  engine: AnswerEngine;
  corpusDir: string;
  dataDir: string;
  logger: Logger;
  /** Told about every reload, e.g. for metrics. */
  onReload?: (summary: ReloadSummary) => void;
}

export class LiveCorpus {
  readonly #options: LiveCorpusOptions;
  #watcher: FSWatcher | undefined;
  /** Collects a burst of file events into one reload. */
  #debounce: NodeJS.Timeout | undefined;
  /** Looks for a vanished directory again. */
  #retry: NodeJS.Timeout | undefined;
  /** Reloads run one after another; a request during a reload queues one more. */
  #queue: Promise<unknown> = Promise.resolve();
  #last: (ReloadSummary & { at: Date }) | undefined;
  #stopped = false;

  constructor(options: LiveCorpusOptions) {
    this.#options = options;
  }

  /** The last reload, for `/admin status`. */
  get lastReload(): (ReloadSummary & { at: Date }) | undefined {
    return this.#last;
  }

  start(): void {
    this.#stopped = false;
    this.#watch();
  }

  stop(): void {
    this.#stopped = true;
    this.#watcher?.close();
    this.#watcher = undefined;
    clearTimeout(this.#debounce);
    clearTimeout(this.#retry);
  }

  /** Compares the directory with what the engine answers from and applies the difference. */
  reload(): Promise<ReloadSummary> {
    const run = this.#queue.then(() => this.#reloadNow());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #watch(): void {
    if (this.#stopped) return;
    this.#watcher?.close();
    try {
      // Any event, even for a file that is not an article: the directory itself may have gone, and a
      // reload that finds nothing changed costs one directory read.
      const watcher = watch(this.#options.corpusDir, () => this.#schedule());
      // A watcher replaced since may still report its directory's end: only the current one counts.
      watcher.on('error', () => {
        if (watcher === this.#watcher) this.#lost();
      });
      this.#watcher = watcher;
    } catch {
      this.#lost();
    }
  }

  /** The directory vanished (or cannot be watched): keep answering, and look for it again. */
  #lost(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#stopped) return;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      // Watch first, then read: a change made in between is seen by the watcher, not lost.
      this.#watch();
      if (!this.#watcher) return;
      void this.reload().then((summary) => {
        if (summary.error) this.#lost();
      });
    }, RETRY_MS);
    this.#retry.unref();
  }

  #schedule(): void {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      void this.reload().then((summary) => {
        if (summary.error) this.#lost();
      });
    }, DEBOUNCE_MS);
    this.#debounce.unref();
  }

  async #reloadNow(): Promise<ReloadSummary> {
    const { engine, corpusDir, dataDir, logger, onReload } = this.#options;
    const started = performance.now();
    const summary: ReloadSummary = {
      added: [],
      changed: [],
      removed: [],
      glossaryChanged: false,
      failed: [],
      durationMs: 0,
    };
    const finish = () => {
      summary.durationMs = Math.round(performance.now() - started);
      this.#last = { ...summary, at: new Date() };
      onReload?.(summary);
      return summary;
    };

    let read: Awaited<ReturnType<typeof readCorpusDir>>;
    try {
      read = await readCorpusDir(corpusDir);
    } catch (error) {
      summary.error = (error as Error).message;
      logger.error(
        { corpusDir, reason: summary.error },
        'corpus directory unavailable; answering from the last corpus',
      );
      return finish();
    }

    const known = engine.files;
    const current = new Map(read.files.map((file) => [file.name, file]));
    const touched = read.files.filter((file) => known.get(file.name) !== file.hash);
    const removedFiles = [...known.keys()].filter((name) => !current.has(name) && !isGlossaryFile(name));
    const glossaryRemoved = [...known.keys()].some((name) => isGlossaryFile(name) && !current.has(name));
    if (touched.length === 0 && removedFiles.length === 0 && !glossaryRemoved) return finish();

    // Either glossary file changing re-reads both: the table changes how the rules are analysed.
    const glossary =
      glossaryRemoved || touched.some((file) => isGlossaryFile(file.name))
        ? parseGlossaryFiles(read.files.filter((file) => isGlossaryFile(file.name)))
        : undefined;
    const articleOwners = new Map(
      engine.articles
        .filter((article) => !removedFiles.includes(article.file))
        .map((article) => [article.id, article.file]),
    );
    const parsed = parseArticleFiles(
      touched.filter((file) => !isGlossaryFile(file.name)),
      articleOwners,
    );
    const failedNames = new Set(parsed.problems.map((problem) => problem.file));

    // What now answers: new hashes for files that parsed, the old hash for files that did not.
    const files = new Map<string, string>();
    for (const file of read.files) {
      const previous = known.get(file.name);
      if (!failedNames.has(file.name)) files.set(file.name, file.hash);
      else if (previous) files.set(file.name, previous);
    }

    engine.update({
      upserts: parsed.articles,
      removedFiles,
      ...(glossary ? { glossary: glossary.glossary } : {}),
      files,
      problems: [...read.problems, ...(glossary?.problems ?? []), ...parsed.problems],
    });

    for (const article of parsed.articles)
      (known.has(article.file) ? summary.changed : summary.added).push(article.file);
    summary.removed = removedFiles;
    summary.glossaryChanged = glossary !== undefined;
    summary.failed = parsed.problems;
    for (const problem of parsed.problems)
      logger.warn(problem, 'corpus file failed to parse; its previous version still answers');
    for (const problem of [...read.problems, ...(glossary?.problems ?? [])])
      logger.warn(problem, problemLogMessage(problem));
    logger.info(
      {
        added: summary.added,
        changed: summary.changed,
        removed: summary.removed,
        glossary: summary.glossaryChanged,
      },
      'corpus reloaded',
    );
    await engine.saveCache(dataDir, logger);
    return finish();
  }
}
