/**
 * `npm run bench:bot`: dispatch-to-callback latency of the real bot (`src/main/start.ts`, as
 * `npm start` runs it) through the local Discord-protocol server, side by side with a bare
 * discord.js bot that replies "pong" (`bench/bare-bot.ts`) through the same server in the same run.
 * Each bot runs in its own process, as it would against Discord; the server and this driver share
 * the other. With `--http`, the same bot also runs in HTTP interactions mode (`npm run start:http`, the
 * server POSTing signed interactions to it) and its latency is compared with the gateway mode's, same run.
 *
 *   npm run bench:bot [-- --interactions 200 --concurrency 20 --http --json]
 */
import type { ChildProcess } from 'node:child_process';
import { parseCommandLine, readCommandLine, wholeNumber } from '../src/cli/args.ts';
import type { LocalDiscordServer } from '../src/local-discord/server.ts';
import { serverEnv, spawnScript, startDiscord } from '../test/support/bot.ts';
import { tempDir } from '../test/support/corpus.ts';
import { freePort } from '../test/support/net.ts';
import { BOT_QUERIES } from './queries.ts';
import { percentile, round2 } from './stats.ts';

const USAGE = `usage: npm run bench:bot -- [--interactions N] [--concurrency N] [--http] [--json]
  --interactions   interactions per bot (default 200)
  --concurrency    interactions in flight at a time (default 20)
  --http           also run the bot as an HTTP interactions endpoint and compare it with the gateway
  --json           print one JSON object instead of a table`;

function parseOptions(argv: readonly string[]) {
  const { help, values } = parseCommandLine(argv, {
    interactions: { type: 'string' },
    concurrency: { type: 'string' },
    http: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (help) return 'help';
  return {
    count: wholeNumber('--interactions', values.interactions ?? '200'),
    concurrency: wholeNumber('--concurrency', values.concurrency ?? '20'),
    http: values.http ?? false,
    json: values.json ?? false,
  };
}

/** Sends `count` interactions, `concurrency` at a time; returns each one's dispatch-to-callback time. */
async function drive(
  server: LocalDiscordServer,
  count: number,
  concurrency: number,
  data: (i: number) => unknown,
) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const started = performance.now();
      await server.sendInteraction({ type: 2, data: data(next++) }).callback;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sorted = latencies.sort((a, b) => a - b);
  return { p50Ms: round2(percentile(sorted, 50)), p99Ms: round2(percentile(sorted, 99)) };
}

/** Starts a bot script in its own Node process and resolves once it says `ready` (connected, or serving). */
async function startBotProcess(
  script: string,
  env: Record<string, string>,
  { ready: readyText = 'connected to Discord', args = [] as string[] } = {},
): Promise<ChildProcess> {
  const bot = spawnScript(script, env, args);
  await new Promise<void>((resolve, reject) => {
    const ready = setInterval(() => {
      if (!bot.output().includes(readyText)) return;
      clearInterval(ready);
      resolve();
    }, 20);
    void bot.exited.then((code) => {
      clearInterval(ready);
      reject(new Error(`${script} exited with ${code}: ${bot.output()}`));
    });
  });
  return bot.child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main() {
  const { count, concurrency, http: withHttp, json } = readCommandLine('bench:bot', USAGE, parseOptions);
  const server = await startDiscord({
    deploy: 'rest',
    alsoRegister: [{ name: 'ping', description: 'pong', type: 1 }],
    acknowledgeWithinMs: Number.POSITIVE_INFINITY,
  });

  const env = { ...serverEnv(server), DATA_DIR: tempDir(), LOG_LEVEL: 'info' };

  const bare = await startBotProcess('bench/bare-bot.ts', env);
  await drive(server, 20, concurrency, () => ({ name: 'ping' })); // warm-up
  const baseline = await drive(server, count, concurrency, () => ({ name: 'ping' }));
  await stopProcess(bare);

  const bot = await startBotProcess('src/main/start.ts', env);
  const ask = (i: number) => ({
    name: 'csto',
    options: [{ name: 'query', type: 3, value: BOT_QUERIES[i % BOT_QUERIES.length] }],
  });
  await drive(server, 20, concurrency, ask);
  const full = await drive(server, count, concurrency, ask);
  await stopProcess(bot);

  let http: typeof full | undefined;
  if (withHttp) {
    const port = await freePort();
    const replica = await startBotProcess(
      'src/main/start.ts',
      { ...env, INTERACTIONS_PORT: String(port), DISCORD_PUBLIC_KEY: server.publicKey },
      { ready: 'serving the interactions endpoint', args: ['--http'] },
    );
    await server.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);
    await drive(server, 20, concurrency, ask);
    http = await drive(server, count, concurrency, ask);
    await stopProcess(replica);
  }
  await server.close();

  const ratioOf = (a: typeof full, b: typeof full) => ({
    p50: Math.round((a.p50Ms / b.p50Ms) * 100) / 100,
    p99: Math.round((a.p99Ms / b.p99Ms) * 100) / 100,
  });
  const ratio = ratioOf(full, baseline);
  const httpRatio = http && ratioOf(http, full);
  const result = {
    interactions: count,
    concurrency,
    bot: full,
    bare: baseline,
    ratio,
    ...(http ? { http, httpToGateway: httpRatio } : {}),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      `${count} interactions, ${concurrency} in flight, dispatch → callback (ms)`,
      `                 p50      p99`,
      `/csto         ${full.p50Ms.toFixed(2).padStart(6)}   ${full.p99Ms.toFixed(2).padStart(6)}`,
      `bare "pong"   ${baseline.p50Ms.toFixed(2).padStart(6)}   ${baseline.p99Ms.toFixed(2).padStart(6)}`,
      `ratio         ${ratio.p50.toFixed(2).padStart(6)}   ${ratio.p99.toFixed(2).padStart(6)}   (target: p99 ≤ 1.5)`,
      ...(http && httpRatio
        ? [
            `/csto (HTTP)  ${http.p50Ms.toFixed(2).padStart(6)}   ${http.p99Ms.toFixed(2).padStart(6)}`,
            `HTTP/gateway  ${httpRatio.p50.toFixed(2).padStart(6)}   ${httpRatio.p99.toFixed(2).padStart(6)}   (target: ≤ 1.5)`,
          ]
        : []),
      '',
    ].join('\n'),
  );
}

void main();
