/**
 * Live corpus updates: adding, editing or deleting a file in the corpus directory changes the
 * answers within seconds, without a restart. Reading, parsing and indexing run in a worker thread
 * (`reload-worker.ts`), so the bot keeps answering from the old corpus meanwhile; the new index
 * comes back packed in typed arrays and is swapped in at once. Only changed files are re-parsed; the index cache is
 * refreshed. A file that fails to parse leaves its previous version answering and is reported; a
 * vanished directory leaves the last corpus answering.
 */
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Glossary } from '../corpus/glossary.ts';
import { type CorpusProblem, glossaryFromTexts, problemLogMessage } from '../corpus/load.ts';
import { unpackIndex } from './cache.ts';
import type { AnswerEngine } from './engine.ts';
import type { ReloadResult, WorkerRequest } from './reload-worker.ts';

/** Editors save in bursts (write, rename, chmod): one reload per burst. */
const DEBOUNCE_MS = 300;
/** While the directory is missing, look for it again this often. */
const RETRY_MS = 5_000;
/** The reload worker's heap: a corpus that needs more fails its reload, not the bot. */
const WORKER_HEAP_MB = 2048;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

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
}

/**
 * Emits `reload` with its summary the moment a reload's outcome is known: for a change, as soon as the
 * engine answers from the new corpus. `lastReload` is set at the same moment, so whoever sees the new
 * answers also sees the reload that brought them.
 */
export class LiveCorpus extends EventEmitter<{ reload: [ReloadSummary] }> {
  readonly #options: LiveCorpusOptions;
  #watcher: FSWatcher | undefined;
  /** Collects a burst of file events into one reload. */
  #debounce: NodeJS.Timeout | undefined;
  /** Looks for a vanished directory again. */
  #retry: NodeJS.Timeout | undefined;
  /** Reloads run one after another; requests during a reload queue one more between them. */
  #queue: Promise<unknown> = Promise.resolve();
  #queued: Promise<ReloadSummary> | undefined;
  #worker: Worker | undefined;
  /** Settles when the current worker has taken over the engine's corpus. */
  #adopted: Promise<unknown> = Promise.resolve();
  /** The worker's answer being waited for: one request at a time. */
  #pending: Pending | undefined;
  #last: (ReloadSummary & { at: Date }) | undefined;
  #stopped = false;

  /** Starts the worker at once: handing it the corpus then happens before the bot takes questions. */
  constructor(options: LiveCorpusOptions) {
    super();
    this.#options = options;
    this.#startWorker();
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
    this.#dropWorker();
  }

  #dropWorker(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#pending?.reject(new Error('the reload worker was stopped'));
    this.#pending = undefined;
    void worker?.terminate();
  }

  /** Compares the directory with what the engine answers from and applies the difference. */
  reload(): Promise<ReloadSummary> {
    if (this.#queued) return this.#queued;
    const run = this.#queue.then(() => {
      this.#queued = undefined;
      return this.#reloadNow();
    });
    this.#queued = run;
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Sends one request to the worker, starting a new one (after a crash or `stop`) when there is none. */
  async #ask(request: WorkerRequest): Promise<unknown> {
    if (!this.#worker) this.#startWorker();
    await this.#adopted;
    return this.#send(request);
  }

  /** A worker that takes over the corpus the engine answers from (copied to it once). */
  #startWorker(): void {
    const { engine, corpusDir, dataDir } = this.#options;
    this.#worker = this.#spawn();
    this.#adopted = this.#send({
      type: 'adopt',
      corpusDir,
      dataDir,
      articles: engine.articles,
      files: engine.files,
      problems: engine.problems,
    }).catch((error: unknown) => {
      this.#dropWorker();
      throw error;
    });
    // Reported by the reload that waits for it; unobserved until then.
    this.#adopted.catch(() => undefined);
  }

  #send(request: WorkerRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker?.postMessage(request);
    });
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./reload-worker.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    const settle = (outcome: (pending: Pending) => void) => {
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending) outcome(pending);
    };
    worker.on('message', (message: { failure?: string }) =>
      settle((pending) =>
        message.failure ? pending.reject(new Error(message.failure)) : pending.resolve(message),
      ),
    );
    // A worker that dies (out of memory, a bug) fails its reload; the next reload starts a fresh one.
    const lost = (error: Error) => {
      if (worker !== this.#worker) return;
      this.#worker = undefined;
      settle((pending) => pending.reject(error));
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the reload worker exited (code ${code})`)));
    return worker;
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
    const { engine, corpusDir, logger } = this.#options;
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
      this.emit('reload', summary);
      return summary;
    };

    const failed = (error: unknown) => {
      summary.error = `the reload failed: ${(error as Error).message.split('\n')[0]}`;
      logger.error({ corpusDir, err: error }, 'corpus reload failed; answering from the last corpus');
      return finish();
    };
    let result: ReloadResult;
    try {
      result = (await this.#ask({ type: 'reload' })) as ReloadResult;
    } catch (error) {
      return failed(error);
    }
    if (result.error) {
      summary.error = result.error;
      logger.error(
        { corpusDir, reason: summary.error },
        'corpus directory unavailable; answering from the last corpus',
      );
      return finish();
    }
    if (!result.built) return finish();

    let glossary: Glossary | undefined;
    try {
      // The packed index's arrays are used as they are: only the term tree and the paragraph ids
      // are walked (about 0.1 s at 100k paragraphs), not the millions of postings.
      const built = unpackIndex(result.built);
      if (!built) throw new Error('the reload worker sent a malformed index');
      glossary = result.glossaryTexts === undefined ? undefined : glossaryFromTexts(result.glossaryTexts);
      engine.update({
        upserts: result.upserts,
        removedFiles: result.removed,
        ...(glossary ? { glossary } : {}),
        files: result.files,
        problems: result.problems,
        built,
      });
    } catch (error) {
      // The worker is now ahead of the engine: a fresh one takes over from the engine at the next reload.
      this.#dropWorker();
      return failed(error);
    }
    summary.added = result.added;
    summary.changed = result.changed;
    summary.removed = result.removed;
    summary.glossaryChanged = glossary !== undefined;
    summary.failed = result.failed;
    for (const problem of result.failed)
      logger.warn(problem, 'corpus file failed to parse; its previous version still answers');
    // Bad glossary lines, unreadable or unsupported files: skipped, as at start-up.
    for (const problem of result.skipped) logger.warn(problem, problemLogMessage(problem));
    logger.info(
      {
        added: summary.added,
        changed: summary.changed,
        removed: summary.removed,
        glossary: summary.glossaryChanged,
      },
      'corpus reloaded',
    );
    if (result.cacheError)
      logger.warn({ reason: result.cacheError }, 'could not save the index cache; answering without it');
    return finish();
  }
}
