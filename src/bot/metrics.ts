/**
 * Prometheus metrics (`/metrics`): what an operator watches — interactions by command and outcome,
 * reply latency, the engine's own time per answer and per autocomplete keystroke, zero-result
 * queries, cooldown hits, index size, corpus reloads, gateway reconnects.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry, Summary } from 'prom-client';
import type { ReloadSummary } from '../search/live.ts';
import type { Outcome } from './outcome.ts';

/** The engine calls people wait on: answers (first page and "More") and autocomplete keystrokes. */
export type EnginePath = 'answer' | 'autocomplete';

export interface EngineTimes {
  calls: number;
  p50Ms: number;
  p99Ms: number;
}

export class BotMetrics {
  readonly registry = new Registry();
  readonly #interactions = new Counter({
    name: 'bot_interactions_total',
    help: 'Interactions and mention replies handled, by command and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'bot_reply_latency_seconds',
    help: 'Time from receiving an interaction or mention to having answered it',
    labelNames: ['command'] as const,
    // Discord's deadline is 3 s: the buckets resolve the range that matters.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  /**
   * Quantiles since start, per engine path: what `/<command>-admin status` shows. A summary, not
   * a histogram, because autocomplete lives in the sub-millisecond to tens-of-milliseconds range
   * that fixed buckets would blur; each shard reports its own.
   */
  readonly #engine = new Summary({
    name: 'bot_engine_seconds',
    help: 'Time the answer engine took per call (its processing time, not the whole reply), by path',
    labelNames: ['path'] as const,
    percentiles: [0.5, 0.9, 0.99],
    registers: [this.registry],
  });
  readonly #zeroResults = new Counter({
    name: 'bot_zero_result_queries_total',
    help: 'Questions that matched nothing (candidates for the glossary)',
    registers: [this.registry],
  });
  readonly #cooldownHits = new Counter({
    name: 'bot_cooldown_hits_total',
    help: 'Questions refused because the member was on cooldown',
    registers: [this.registry],
  });
  readonly #reloads = new Counter({
    name: 'bot_corpus_reloads_total',
    help: 'Corpus reloads, by result (ok, partial: some files failed to parse, failed: directory unreadable)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly #reconnects = new Counter({
    name: 'bot_gateway_reconnects_total',
    help: 'Gateway connections resumed or re-established after a drop',
    registers: [this.registry],
  });

  constructor(indexDocuments: () => number) {
    new Gauge({
      name: 'bot_index_documents',
      help: 'Paragraphs in the search index',
      registers: [this.registry],
      collect() {
        this.set(indexDocuments());
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  interaction(command: string, result: Outcome | 'error', latencyMs: number): void {
    const outcome = result === 'error' ? 'error' : result.outcome;
    this.#interactions.inc({ command, outcome });
    this.#latency.observe({ command }, latencyMs / 1000);
    if (outcome === 'no-results' || outcome === 'suggested') this.#zeroResults.inc();
    if (outcome === 'cooldown') this.#cooldownHits.inc();
  }

  /** Runs one engine call and records how long it took. */
  timeEngine<T>(path: EnginePath, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.#engine.observe({ path }, (performance.now() - started) / 1000);
    }
  }

  /** Median and 99th percentile of each engine path since start, in milliseconds. */
  async engineTimes(): Promise<Record<EnginePath, EngineTimes>> {
    const { values } = await this.#engine.get();
    const times = (path: EnginePath): EngineTimes => {
      // A summary's quantile values carry a `quantile` label besides the declared ones.
      const of = (quantile: number) =>
        values.find(
          (v) => v.labels.path === path && (v.labels as Record<string, unknown>).quantile === quantile,
        )?.value ?? 0;
      const count = values.find((v) => v.labels.path === path && v.metricName === 'bot_engine_seconds_count');
      return { calls: count?.value ?? 0, p50Ms: of(0.5) * 1000, p99Ms: of(0.99) * 1000 };
    };
    return { answer: times('answer'), autocomplete: times('autocomplete') };
  }

  reload(summary: ReloadSummary): void {
    this.#reloads.inc({ result: summary.error ? 'failed' : summary.failed.length > 0 ? 'partial' : 'ok' });
  }

  reconnect(): void {
    this.#reconnects.inc();
  }
}
