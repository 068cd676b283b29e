/**
 * `npm run bench:load`: load and soak of the real bot (`src/bot/main.ts`, as `npm start` runs it, in its own
 * process so its memory is measured alone) through the local Discord-protocol server, with Discord's 3 s
 * acknowledgement deadline enforced.
 *
 *   1. load: 1,000 interactions, 50 in flight: how many were answered, dispatch → callback p50/p90/p99/max.
 *   2. soak: 10,000 interactions, 50 in flight: the bot's resident memory (VmRSS from /proc/<pid>/status) and
 *      V8 heap, each after a full GC, before, halfway and after; the growth and a verdict.
 *
 * Figures are printed, never asserted. The bot gets `--expose-gc` and a SIGUSR2 hook (a data: URL module,
 * nothing added to the bot) that runs the GC and reports `process.memoryUsage()` on stderr.
 *
 *   npm run bench:load [-- --load 1000 --soak 10000 --concurrency 50 --json]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { registrationPayload } from '../commands/index.ts';
import { type Json, LocalDiscordServer } from '../src/local-discord/server.ts';
import { ROOT, serverEnv, TEST_TOKEN } from '../test/support/bot.ts';
import { tempDir } from '../test/support/corpus.ts';
import { BOT_QUERIES } from './queries.ts';

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

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
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
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: Math.round((sorted.at(-1) ?? 0) * 100) / 100,
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
      ['--expose-gc', '--import', 'tsx', '--import', GC_HOOK, 'src/bot/main.ts'],
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      load: { type: 'string', default: '1000' },
      soak: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const loadCount = Number(values.load);
  const soakCount = Number(values.soak);
  const concurrency = Number(values.concurrency);
  if (![loadCount, soakCount, concurrency].every((n) => Number.isInteger(n) && n >= 1) || soakCount < 2) {
    process.stderr.write('Usage: npm run bench:load -- [--load N] [--soak N] [--concurrency N] [--json]\n');
    process.exit(2);
  }
  const say = (text: string) => {
    if (!values.json) process.stdout.write(`${text}\n`);
  };

  const server = await LocalDiscordServer.start({ token: TEST_TOKEN });
  const guildId = server.guilds[0]?.id as string;
  await new REST({ api: server.apiBase })
    .setToken(server.token)
    .put(Routes.applicationGuildCommands(server.applicationId, guildId), {
      body: registrationPayload('csto'),
    });
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

  const before = await bot.memory();
  const half = Math.floor(soakCount / 2);
  const first = await drive(server, half, concurrency);
  const middle = await bot.memory();
  const second = await drive(server, soakCount - half, concurrency);
  const after = await bot.memory();
  const soak = {
    sent: soakCount,
    answered: first.answered + second.answered,
    unanswered: first.unanswered + second.unanswered,
    seconds: Math.round((first.seconds + second.seconds) * 10) / 10,
    p99Ms: Math.max(first.p99Ms, second.p99Ms),
  };
  const growth = { rss: after.rss - before.rss, heapUsed: after.heapUsed - before.heapUsed };
  const secondHalf = { rss: after.rss - middle.rss, heapUsed: after.heapUsed - middle.heapUsed };
  // A leak grows with every interaction; caches and pools fill once and stop. So the verdict rests on the
  // heap after GC over the second half: under 1 KB retained per interaction means nothing leaks per request.
  const perInteraction = secondHalf.heapUsed / (soakCount - half);
  const bounded = perInteraction < 1024 && secondHalf.rss < 16 * MB;
  const verdict = bounded
    ? `bounded: no leak (heap after GC ${perInteraction >= 0 ? '+' : ''}${Math.round(perInteraction)} B per interaction over the second ${soakCount - half}; RSS ${signedMb(secondHalf.rss)})`
    : `GROWING: ${Math.round(perInteraction)} B of heap per interaction over the second ${soakCount - half} (RSS ${signedMb(secondHalf.rss)}): look for a leak`;
  say(
    `soak   ${soak.sent} interactions: ${soak.answered} answered, ${soak.unanswered} unanswered, ${soak.seconds} s, p99 ${soak.p99Ms} ms`,
  );
  say(
    `       bot RSS (VmRSS${before.gc ? ', after GC' : ''}): before ${mb(before.rss)}, after ${half} ${mb(middle.rss)}, after ${soakCount} ${mb(after.rss)} → ${signedMb(growth.rss)}`,
  );
  say(
    `       bot heap used after GC: before ${mb(before.heapUsed)}, after ${half} ${mb(middle.heapUsed)}, after ${soakCount} ${mb(after.heapUsed)} → ${signedMb(growth.heapUsed)}`,
  );
  say(`verdict ${verdict}`);
  if (bot.errors.length > 0) say(`bot errors logged: ${bot.errors.length}, first: ${bot.errors[0]}`);

  const exitCode = await bot.stop();
  await server.close();
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        concurrency,
        load,
        soak,
        memory: {
          before,
          middle,
          after,
          growth,
          secondHalf,
          bytesPerInteraction: Math.round(perInteraction),
        },
        bounded,
        verdict,
        botErrors: bot.errors.length,
        botExitCode: exitCode,
      })}\n`,
    );
  }
}

void main();
