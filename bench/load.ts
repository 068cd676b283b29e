/**
 * `npm run bench:load`: load and soak of the real bot (`src/main/start.ts`, as `npm start` runs it, in its own
 * process so its memory is measured alone) through the local Discord-protocol server, with Discord's 3 s
 * acknowledgement deadline enforced.
 *
 *   1. load: 1,000 interactions, 50 in flight: how many were answered, dispatch → callback p50/p90/p99/max.
 *   2. soak: 10,000 interactions, 50 in flight, in 10 equal parts: the bot's V8 heap after a forced GC
 *      sampled before and after each part, and the verdict from the trend through the samples from
 *      halfway on (bench/memory-trend.ts). VmRSS (from /proc/<pid>/status) is reported beside it but not judged: it
 *      includes pages the allocator keeps after the heap shrinks, which made a two-reading verdict flip.
 *
 * Figures are printed, never asserted. The bot gets `--expose-gc` and a SIGUSR2 hook (a data: URL module,
 * nothing added to the bot) that runs the GC and reports `process.memoryUsage()` on stderr.
 *
 *   npm run bench:load [-- --load 1000 --soak 10000 --samples 10 --concurrency 50 --json]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseCommandLine, readCommandLine, UsageError, wholeNumber } from '../src/cli/args.ts';
import type { Json, LocalDiscordServer } from '../src/local-discord/server.ts';
import { ROOT, serverEnv, startDiscord } from '../test/support/bot.ts';
import { tempDir } from '../test/support/corpus.ts';
import { type HeapSample, heapTrend } from './memory-trend.ts';
import { BOT_QUERIES } from './queries.ts';
import { percentile, round2 } from './stats.ts';

const USAGE = `usage: npm run bench:load -- [--load N] [--soak N] [--samples N] [--concurrency N] [--json]
  --load          interactions in the load phase (default 1000)
  --soak          interactions in the soak (default 10000)
  --samples       parts of the soak, with a heap sample after each (default 10, at least 4)
  --concurrency   interactions in flight at a time (default 50)
  --json          print one JSON object instead of text`;

/**
 * Heap retained per interaction above which the soak is a leak. Per-request state retained by mistake
 * (an interaction, a reply, a closure over them) costs kilobytes. 1 KB is 5 MB over the second half of a
 * 10,000 soak, well clear of the heap's scatter after GC (a few hundred KB between samples).
 */
const LEAK_LIMIT_BYTES = 1024;

const PREFIXES = ['kyrg', 'arm', 'pash', 'dri', 'tok', 'csto', 'bor', ''];
/** An interaction not answered within this is counted as unanswered (Discord's deadline is 3 s). */
const ANSWER_TIMEOUT_MS = 10_000;
const MB = 1024 * 1024;

/** Runs `globalThis.gc` (twice: weak references) on SIGUSR2 and reports memory usage on stderr. */
const GC_HOOK = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => { globalThis.gc?.(); globalThis.gc?.(); process.stderr.write(" +
    "JSON.stringify({ benchMemory: process.memoryUsage(), gc: typeof globalThis.gc === 'function' }) + '\\n'); });",
)}`;

interface Memory {
  /** VmRSS of the bot process, bytes. */
  rss: number;
  /** V8 heap in use after the GC, bytes (from the hook). */
  heapUsed: number;
  gc: boolean;
}

interface DriveResult {
  sent: number;
  answered: number;
  unanswered: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The i-th interaction of a run: four /csto questions (one hidden) for each autocomplete. */
function interaction(i: number): Json {
  if (i % 5 === 4) {
    const prefix = PREFIXES[i % PREFIXES.length] as string;
    return {
      type: 4,
      data: { name: 'csto', options: [{ name: 'query', type: 3, value: prefix, focused: true }] },
    };
  }
  const options: Json[] = [{ name: 'query', type: 3, value: BOT_QUERIES[i % BOT_QUERIES.length] }];
  if (i % 5 === 3) options.push({ name: 'hide', type: 5, value: true });
  return { type: 2, data: { name: 'csto', options } };
}

/** Sends `count` interactions, `concurrency` at a time; each waits for its callback (or gives up). */
async function drive(server: LocalDiscordServer, count: number, concurrency: number): Promise<DriveResult> {
  const latencies: number[] = [];
  let unanswered = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const sentAt = performance.now();
      const { callback } = server.sendInteraction(interaction(i));
      let timer: NodeJS.Timeout | undefined;
      const answered = await Promise.race([
        callback.then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (answered) latencies.push(performance.now() - sentAt);
      else unanswered++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  // The driver keeps nothing it does not need: recorded requests would only grow this process.
  server.requests.splice(0, server.requests.length);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: count,
    answered: latencies.length,
    unanswered,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(count / seconds),
    p50Ms: round2(percentile(sorted, 50)),
    p90Ms: round2(percentile(sorted, 90)),
    p99Ms: round2(percentile(sorted, 99)),
    maxMs: round2(sorted.at(-1) ?? 0),
  };
}

/** The bot in its own process; resolves once it says it is connected. Its stderr is read line by line. */
class BotProcess {
  readonly errors: string[] = [];
  #buffer = '';
  #memoryWaiters: ((line: Json) => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let newline = this.#buffer.indexOf('\n');
      while (newline >= 0) {
        this.#line(this.#buffer.slice(0, newline));
        this.#buffer = this.#buffer.slice(newline + 1);
        newline = this.#buffer.indexOf('\n');
      }
    });
  }

  static async start(env: Record<string, string>): Promise<BotProcess> {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--import', GC_HOOK, 'src/main/start.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const bot = new BotProcess(child);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: string) => {
        output += chunk;
        if (output.includes('connected to Discord')) {
          child.stderr?.off('data', onData);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null) => reject(new Error(`the bot exited with ${code}: ${output}`));
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
    });
    return bot;
  }

  /** VmRSS and heap in use, after a full GC in the bot. */
  async memory(): Promise<Memory> {
    const reported = new Promise<Json>((resolve) => this.#memoryWaiters.push(resolve));
    this.child.kill('SIGUSR2');
    const line = await reported;
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    return { rss: kb * 1024, heapUsed: line.benchMemory.heapUsed, gc: line.gc === true };
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    return exited;
  }

  #line(text: string): void {
    if (!text.startsWith('{')) {
      if (text.trim()) this.errors.push(text);
      return;
    }
    let line: Json;
    try {
      line = JSON.parse(text);
    } catch {
      this.errors.push(text);
      return;
    }
    if (line.benchMemory) {
      for (const resolve of this.#memoryWaiters.splice(0)) resolve(line);
    } else if (line.level >= 50) {
      this.errors.push(`${line.msg}${line.err?.message ? `: ${line.err.message}` : ''}`);
    }
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / MB).toFixed(1)} MB`;

function parseOptions(argv: readonly string[]) {
  const { help, values } = parseCommandLine(argv, {
    load: { type: 'string' },
    soak: { type: 'string' },
    samples: { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) return 'help';
  const options = {
    loadCount: wholeNumber('--load', values.load ?? '1000'),
    soakCount: wholeNumber('--soak', values.soak ?? '10000'),
    // At least 3 samples from halfway on, for a trend with a margin.
    parts: wholeNumber('--samples', values.samples ?? '10', 4),
    concurrency: wholeNumber('--concurrency', values.concurrency ?? '50'),
    json: values.json ?? false,
  };
  if (options.soakCount < options.parts) throw new UsageError('--soak must be at least --samples');
  return options;
}

async function main(): Promise<void> {
  const { loadCount, soakCount, parts, concurrency, json } = readCommandLine(
    'bench:load',
    USAGE,
    parseOptions,
  );
  const say = (text: string) => {
    if (!json) process.stdout.write(`${text}\n`);
  };

  const server = await startDiscord({ deploy: 'rest' });
  const bot = await BotProcess.start({ ...serverEnv(server), DATA_DIR: tempDir(), LOG_LEVEL: 'info' });

  say(
    `bot pid ${bot.child.pid}, node ${process.version}, ${concurrency} in flight, 3 s acknowledgement deadline`,
  );
  await drive(server, 200, concurrency); // warm-up: JIT, caches, connection pool
  const load = await drive(server, loadCount, concurrency);
  say(
    `load   ${load.sent} interactions: ${load.answered} answered, ${load.unanswered} unanswered, ${load.seconds} s (${load.perSecond}/s)`,
  );
  say(
    `       dispatch → callback: p50 ${load.p50Ms} ms, p90 ${load.p90Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms`,
  );

  // The soak in equal parts, the heap after GC sampled before the first and after each.
  const before = await bot.memory();
  const readings = [{ done: 0, ...before }];
  const driven: DriveResult[] = [];
  let after = before;
  for (let part = 0; part < parts; part++) {
    const done = Math.round((soakCount * (part + 1)) / parts);
    driven.push(await drive(server, done - (readings.at(-1)?.done ?? 0), concurrency));
    after = await bot.memory();
    readings.push({ done, ...after });
  }
  const soak = {
    sent: soakCount,
    answered: driven.reduce((sum, part) => sum + part.answered, 0),
    unanswered: driven.reduce((sum, part) => sum + part.unanswered, 0),
    seconds: Math.round(driven.reduce((sum, part) => sum + part.seconds, 0) * 10) / 10,
    p99Ms: Math.max(...driven.map((part) => part.p99Ms)),
  };
  // Caches and pools fill early in a soak (they bend the first half); a leak keeps growing through the
  // second. So the trend is fitted to the samples from halfway on.
  const settled: HeapSample[] = readings
    .filter((reading) => reading.done >= soakCount / 2)
    .map(({ done, heapUsed }) => ({ done, heapUsed }));
  const trend = heapTrend(settled, LEAK_LIMIT_BYTES);
  const growth = { rss: after.rss - before.rss, heapUsed: after.heapUsed - before.heapUsed };
  const slope = `${Math.round(trend.bytesPerInteraction)} ± ${Math.round(trend.margin)} B of heap per interaction over the last ${settled.length} samples`;
  const verdict = {
    bounded: `bounded: no leak (${slope}, under ${LEAK_LIMIT_BYTES} B)`,
    GROWING: `GROWING: ${slope}, over ${LEAK_LIMIT_BYTES} B: look for a leak`,
    inconclusive: `inconclusive: ${slope} straddles ${LEAK_LIMIT_BYTES} B; run a longer soak (--soak) or more samples (--samples)`,
  }[trend.verdict];
  say(
    `soak   ${soak.sent} interactions: ${soak.answered} answered, ${soak.unanswered} unanswered, ${soak.seconds} s, p99 ${soak.p99Ms} ms`,
  );
  say(
    `       bot heap used after GC${before.gc ? '' : ' (no GC available: heap as found)'}, ${readings.length} samples: ${readings.map((reading) => (reading.heapUsed / MB).toFixed(1)).join(', ')} MB → ${signedMb(growth.heapUsed)}; scatter around the trend from halfway ${mb(trend.noise)}`,
  );
  say(
    `       bot RSS (VmRSS, not judged: the allocator keeps freed pages): ${mb(before.rss)} → ${mb(after.rss)} (${signedMb(growth.rss)})`,
  );
  say(`verdict ${verdict}`);
  if (bot.errors.length > 0) say(`bot errors logged: ${bot.errors.length}, first: ${bot.errors[0]}`);

  const exitCode = await bot.stop();
  await server.close();
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        concurrency,
        load,
        soak,
        memory: { readings, growth, trend, leakLimitBytes: LEAK_LIMIT_BYTES },
        verdict,
        botErrors: bot.errors.length,
        botExitCode: exitCode,
      })}\n`,
    );
  }
}

void main();
