/**
 * Timing and memory measurement for the engine benchmark: latency distributions of timed calls,
 * the garbage collection pauses that fell inside them, and heap figures of live objects only.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile, round2 } from './stats.ts';

export interface Distribution {
  calls: number;
  /** For capacity: how much of a core the path takes per call on average. */
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One timed path: its latency, and the garbage collection that happened inside its calls. */
export interface PathResult extends Distribution {
  /**
   * The same calls in CPU time (this process, all threads, GC included): what the latency would
   * be on a core of its own. On a loaded machine the clock time adds the other processes' turns.
   */
  cpu: Distribution;
  /** GC pauses that overlapped a timed call, and their total, per pass over the inputs. */
  gcPausesPerPass: number;
  gcMsPerPass: number;
  /** Calls that found nothing (zero hits or zero choices). */
  empty: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    meanMs: round2(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
    p50Ms: round2(percentile(sorted, 50)),
    p90Ms: round2(percentile(sorted, 90)),
    p99Ms: round2(percentile(sorted, 99)),
    maxMs: round2(sorted.at(-1) ?? 0),
  };
}

/** A way to collect garbage before reading the heap, so heap figures are live objects only. */
function findGc(): { gc: (() => void) | null; how: string } {
  if (typeof globalThis.gc === 'function') {
    const gc = globalThis.gc;
    return { gc: () => void gc(), how: 'global.gc (node --expose-gc)' };
  }
  try {
    // Same effect as starting node with --expose-gc, without touching the npm script.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return { gc: () => void gc(), how: 'gc exposed via v8.setFlagsFromString' };
  } catch {
    // fall through
  }
  return { gc: null, how: 'no gc available: heap figures include uncollected garbage' };
}

const GC = findGc();
export const gcMethod = GC.how;

/** Heap in use after a full collection. */
export function heapUsed(): number {
  if (GC.gc) {
    GC.gc();
    GC.gc();
  }
  return process.memoryUsage().heapUsed;
}

interface Sample {
  start: number;
  ms: number;
  cpuMs: number;
}

interface Pause {
  start: number;
  end: number;
}

/**
 * A path a person waits on: the same call over fixed inputs, each call returning how many things
 * it found (to count the calls that found nothing), each optionally after an untimed step that
 * sets the scene (what the person did just before).
 */
export type Path = readonly { before?: () => void; call: () => number }[];

export function path<T>(inputs: readonly T[], call: (input: T) => number, before?: (input: T) => void): Path {
  return inputs.map((input) => ({
    call: () => call(input),
    ...(before ? { before: () => before(input) } : {}),
  }));
}

/**
 * Times paths side by side: one untimed warm-up pass each, then `rounds` passes of every path,
 * the order reversed every other round so no path always runs on the heels of another. Heap is
 * collected before each pass, so a pass pays for its own garbage, not the previous path's.
 */
export async function timePaths<K extends string>(
  paths: Record<K, Path>,
  rounds: number,
): Promise<Record<K, PathResult>> {
  const names = Object.keys(paths) as K[];
  const list = names.map((name) => paths[name]);
  for (const calls of list) {
    for (const { before, call } of calls) {
      before?.();
      call();
    }
  }
  const samples = list.map(() => [] as Sample[]);
  const empty = list.map(() => 0);
  const pauses = await watchGc(() => {
    for (let round = 0; round < rounds; round++) {
      const order = list.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        heapUsed();
        for (const { before, call } of list[i] as Path) {
          before?.();
          const cpu = process.cpuUsage();
          const start = performance.now();
          const found = call();
          const ms = performance.now() - start;
          const { user, system } = process.cpuUsage(cpu);
          (samples[i] as Sample[]).push({ start, ms, cpuMs: (user + system) / 1000 });
          if (found === 0 && round === 0) empty[i] = (empty[i] as number) + 1;
        }
      }
    }
  });
  const results = names.map((name, i) => [
    name,
    pathResult(samples[i] as Sample[], pauses, rounds, empty[i] as number),
  ]);
  return Object.fromEntries(results) as Record<K, PathResult>;
}

function pathResult(
  samples: readonly Sample[],
  pauses: readonly Pause[],
  rounds: number,
  empty: number,
): PathResult {
  const inside = pauses.filter((pause) =>
    samples.some((sample) => pause.start < sample.start + sample.ms && pause.end > sample.start),
  );
  const gcMs = inside.reduce((sum, pause) => sum + (pause.end - pause.start), 0);
  return {
    ...distribution(samples.map((sample) => sample.ms)),
    cpu: distribution(samples.map((sample) => sample.cpuMs)),
    gcPausesPerPass: round2(inside.length / rounds),
    gcMsPerPass: round2(gcMs / rounds),
    empty,
  };
}

/** Runs `work` and returns the garbage collection pauses that happened meanwhile. */
async function watchGc(work: () => void): Promise<Pause[]> {
  const pauses: Pause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  work();
  // Entries are delivered asynchronously: let the observer catch up before disconnecting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return pauses;
}

/**
 * Milliseconds `work` takes, on the clock and in CPU time (this process, all threads). On a
 * machine shared with other work the clock time grows with the load; the CPU time much less.
 */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const { user, system } = process.cpuUsage(cpu);
  return { value, ms: round2(performance.now() - started), cpuMs: round2((user + system) / 1000) };
}
