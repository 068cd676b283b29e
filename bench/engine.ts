/**
 * `npm run bench [-- --sizes 1000,10000,100000] [--rounds N] [--text news|markov] [--peers all|minisearch|none] [--json]`
 *
 * For synthetic corpora of each size (bench/synthetic.ts; news-like text by default, see
 * bench/newslike.ts), every path a person waits on, with p50/p90/p99/max and the garbage
 * collection inside it: an answer (`AnswerEngine.answer`), autocomplete per keystroke
 * (`AnswerEngine.complete` on every prefix of the reader questions), "More" (pages 2 and 3 of an
 * answer), a full paragraph; cold build, cache save, warm start (cache load + engine); heap and
 * RSS per 1,000 paragraphs. Side by side, in the same run and over the same paragraphs: plain
 * MiniSearch and FlexSearch (bench/peers.ts). The engine that answers is the one loaded from the
 * cache, as `AnswerEngine.open` does on a cache hit.
 *
 * Results go to stdout (tables, or one JSON object with `--json`); progress goes to stderr.
 * Targets are printed as HOLDS/FAILS, never enforced: exit 0.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, readCommandLine, UsageError, wholeNumber } from '../src/cli/args.ts';
import { type Corpus, loadCorpus } from '../src/corpus/load.ts';
import { CACHE_FILE, indexFingerprint, loadIndexCache, saveIndexCache } from '../src/search/cache.ts';
import { AnswerEngine, RECENT_QUESTIONS } from '../src/search/engine.ts';
import { type BuiltIndex, buildIndex } from '../src/search/inverted-index.ts';
import { type Distribution, gcMethod, heapUsed, type PathResult, path, timed, timePaths } from './measure.ts';
import { newsText } from './newslike.ts';
import { flexSearch, type Peer, plainMiniSearch } from './peers.ts';
import { KEYSTROKES, QUERIES, QUERY_MIX } from './queries.ts';
import { round2 } from './stats.ts';
import { buildTextModel, markovText, syntheticCorpus, type TextSource } from './synthetic.ts';

const USAGE =
  'usage: npm run bench -- [--sizes N[,N...]] [--rounds N] [--text news|markov] [--peers all|minisearch|none] [--json]\n' +
  '  --sizes      comma-separated positive integers: paragraphs per corpus (default 1000,10000,100000)\n' +
  '  --rounds     timed passes over the inputs per path (default 3)\n' +
  '  --text       news (default): Zipf vocabulary of 60,000 words; markov: the shipped article recombined\n' +
  '  --peers      all (default): time plain MiniSearch and FlexSearch too; minisearch: plain MiniSearch only\n' +
  '               (the cold-build target, minutes sooner); none: the engine alone (a quick check)\n' +
  '  --json       print one JSON object instead of tables';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const PEERS = { all: [plainMiniSearch, flexSearch], minisearch: [plainMiniSearch], none: [] } as const;
const SEED = 20221012;
const TARGET_SIZE = 100_000;
/** Paragraph pages a "More" button shows after the first answer: pages 2 and 3. */
const MORE_OFFSETS = [3, 6];

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Memory {
  /** Heap of the corpus and everything the engine keeps, after a full collection. */
  heapBytes: number;
  /** The same without the corpus' articles: the index and the engine's own structures. */
  indexHeapBytes: number;
  rssBytes: number;
}

interface Startup {
  buildMs: number;
  buildCpuMs: number;
  saveMs: number;
  cacheBytes: number;
  /** Reading the cache and constructing the engine: a start with the corpus unchanged. */
  warmMs: number;
  warmCpuMs: number;
}

interface PeerResult {
  name: string;
  buildMs: number;
  buildCpuMs: number;
  heapBytes: number;
  answer: PathResult;
  autocomplete: PathResult;
}

interface SizeResult {
  paragraphs: number;
  articles: number;
  terms: number;
  startup: Startup;
  memory: Memory;
  answer: PathResult;
  autocomplete: PathResult;
  more: PathResult;
  paragraph: PathResult;
  peers: PeerResult[];
  /** Answers of the cache-loaded engine equal `AnswerEngine.fromCorpus`'s (checked up to 10k). */
  cacheRoundTrip?: { identical: number; of: number };
  /** 1-minute load average when the paths had been timed: above the core count, others competed. */
  loadAverage: number;
}

// ---------------------------------------------------------------------------------------------
// Measuring one size
// ---------------------------------------------------------------------------------------------

/** Build, save, forget the built index, load it back: that loaded engine is what answers. */
async function startEngine(corpus: Corpus): Promise<{ engine: AnswerEngine; startup: Startup }> {
  const size = corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
  const build = await timed(() => buildIndex(corpus.articles, corpus.glossary));
  let built: BuiltIndex | null = build.value;
  const dir = await mkdtemp(join(tmpdir(), 'bench-cache-'));
  const cachePath = join(dir, CACHE_FILE);
  const fingerprint = indexFingerprint(corpus.fingerprint);
  const save = await timed(() => saveIndexCache(cachePath, fingerprint, built as BuiltIndex));
  const cacheBytes = (await stat(cachePath)).size;
  built = null;
  heapUsed();
  const warm = await timed(async () => {
    const loaded = await loadIndexCache(cachePath, fingerprint, size);
    if (typeof loaded === 'string') throw new Error(`cache load failed: ${loaded}`);
    return AnswerEngine.fromLoadedIndex(corpus, loaded, 0);
  });
  await rm(dir, { recursive: true, force: true });
  if (warm.value.stats.paragraphs !== size)
    throw new Error(`engine has ${warm.value.stats.paragraphs} paragraphs`);
  return {
    engine: warm.value,
    startup: {
      buildMs: build.ms,
      buildCpuMs: build.cpuMs,
      saveMs: save.ms,
      cacheBytes,
      warmMs: warm.ms,
      warmCpuMs: warm.cpuMs,
    },
  };
}

/** Each peer's build time and heap, then its answer and autocomplete paths. */
async function measurePeers(
  corpus: Corpus,
  rounds: number,
  makers: readonly ((articles: Corpus['articles']) => Peer)[],
): Promise<PeerResult[]> {
  const results: PeerResult[] = [];
  for (const make of makers) {
    const before = heapUsed();
    const { value: peer, ms: buildMs, cpuMs: buildCpuMs } = await timed(() => make(corpus.articles));
    const heapBytes = heapUsed() - before;
    log(`  ${peer.name} built in ${Math.round(buildMs)} ms`);
    const timing = await timePeer(peer, rounds);
    results.push({ name: peer.name, buildMs, buildCpuMs, heapBytes, ...timing });
  }
  return results;
}

function timePeer(peer: Peer, rounds: number) {
  return timePaths(
    {
      answer: path(QUERIES, ({ query }) => peer.answer(query)),
      autocomplete: path(KEYSTROKES, (partial) => peer.complete(partial)),
    },
    rounds,
  );
}

/**
 * The engine's four paths. A question is asked for the first time: the mix cycles through more
 * distinct questions than the engine keeps, so none is answered from its recent questions. "More"
 * and the paragraph view come right after the first page of the answer, as in the bot.
 */
function timeEngine(engine: AnswerEngine, rounds: number) {
  if (QUERIES.length < 2 * RECENT_QUESTIONS)
    throw new Error('the question mix must outnumber the kept questions');
  const cited = QUERIES.flatMap(({ query }) => {
    const top = engine.answer(query).results[0];
    return top ? [{ query, id: top.id }] : [];
  });
  const pages = QUERIES.flatMap(({ query }) => MORE_OFFSETS.map((offset) => ({ query, offset })));
  const firstPage = ({ query }: { query: string }) => void engine.answer(query);
  return timePaths(
    {
      answer: path(QUERIES, ({ query }) => engine.answer(query).total),
      autocomplete: path(KEYSTROKES, (partial) => engine.complete(partial).length),
      more: path(pages, ({ query, offset }) => engine.answer(query, { offset }).results.length, firstPage),
      paragraph: path(cited, ({ query, id }) => (engine.paragraph(id, query) ? 1 : 0), firstPage),
    },
    rounds,
  );
}

/** The cache round trip must not change answers: compare with an engine built directly. */
function roundTrip(corpus: Corpus, engine: AnswerEngine): { identical: number; of: number } {
  const direct = AnswerEngine.fromCorpus(corpus);
  let identical = 0;
  for (const { query } of QUERIES) {
    if (JSON.stringify(direct.answer(query)) === JSON.stringify(engine.answer(query))) identical += 1;
  }
  return { identical, of: QUERIES.length };
}

/** The synthetic corpus of one size (a prefix of every larger one: same seed). */
async function generate(base: Corpus, text: TextSource, size: number): Promise<Corpus> {
  const { value: corpus, ms } = await timed(() =>
    syntheticCorpus(base, text, { paragraphs: size, seed: SEED }),
  );
  log(`[${size}] generated ${corpus.articles.length} articles in ${Math.round(ms)} ms`);
  return corpus;
}

/** Heap since `empty` (before the corpus), without the corpus (`withCorpus`), and the process RSS. */
function memorySince(empty: number, withCorpus: number): Memory {
  const heapBytes = heapUsed() - empty;
  return { heapBytes, indexHeapBytes: heapBytes - (withCorpus - empty), rssBytes: process.memoryUsage().rss };
}

/** One size, step by step: corpus, engine (built, saved, loaded back), memory, paths, peers. */
async function runSize(
  base: Corpus,
  text: TextSource,
  size: number,
  { rounds, peers: withPeers }: Pick<Options, 'rounds' | 'peers'>,
): Promise<SizeResult> {
  const empty = heapUsed();
  const corpus = await generate(base, text, size);
  const withCorpus = heapUsed();
  const { engine, startup } = await startEngine(corpus);
  const memory = memorySince(empty, withCorpus);
  log(
    `[${size}] built in ${Math.round(startup.buildMs)} ms, cache ${(startup.cacheBytes / 2 ** 20).toFixed(1)} MiB, warm start ${Math.round(startup.warmMs)} ms`,
  );
  const paths = await timeEngine(engine, rounds);
  const loadAverage = round2(loadavg()[0] ?? 0);
  log(`[${size}] engine paths timed`);
  const peers = await measurePeers(corpus, rounds, PEERS[withPeers]);
  return {
    paragraphs: size,
    articles: corpus.articles.length,
    terms: engine.stats.terms,
    startup,
    memory,
    ...paths,
    peers,
    ...(size <= 10_000 ? { cacheRoundTrip: roundTrip(corpus, engine) } : {}),
    loadAverage,
  };
}

// ---------------------------------------------------------------------------------------------
// Targets and output
// ---------------------------------------------------------------------------------------------

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const verdict = (ok: boolean) => (ok ? 'HOLDS' : 'FAILS');
const ratio = (a: number, b: number) => (a / Math.max(b, 0.01)).toFixed(2);

function targetLines(result: SizeResult): string[] {
  const { answer, autocomplete, more, startup, memory } = result;
  // CPU time: the clock time of two builds minutes apart on a shared machine compares the load.
  const plainBuild = result.peers.find((peer) => peer.name === 'plain MiniSearch')?.buildCpuMs ?? 0;
  const perParagraph = memory.heapBytes / result.paragraphs;
  // Latency targets are judged on the clock, as a person waits; the CPU time is beside them.
  const lines: [string, string, boolean][] = [
    ['answer p99 ≤ 50 ms', `${answer.p99Ms} ms (CPU ${answer.cpu.p99Ms} ms)`, answer.p99Ms <= 50],
    [
      'autocomplete p99 ≤ 15 ms, max ≤ 50 ms',
      `${autocomplete.p99Ms} ms, ${autocomplete.maxMs} ms (CPU ${autocomplete.cpu.p99Ms}, ${autocomplete.cpu.maxMs} ms)`,
      autocomplete.p99Ms <= 15 && autocomplete.maxMs <= 50,
    ],
    ['"More" p99 ≤ 10 ms', `${more.p99Ms} ms (CPU ${more.cpu.p99Ms} ms)`, more.p99Ms <= 10],
    [
      'warm start ≤ 2 s',
      `${int(startup.warmMs)} ms (CPU ${int(startup.warmCpuMs)} ms)`,
      startup.warmMs <= 2000,
    ],
    ['heap ≤ 3 KB per paragraph', kib(perParagraph), perParagraph <= 3 * 1024],
  ];
  // Without peers (`--peers none`) there is no build to compare with.
  if (plainBuild > 0)
    lines.splice(-1, 0, [
      'cold build ≤ 1.5 × plain MiniSearch (CPU)',
      `${int(startup.buildCpuMs)} / ${int(plainBuild)} ms = ${ratio(startup.buildCpuMs, plainBuild)}`,
      startup.buildCpuMs <= 1.5 * plainBuild,
    ]);
  const width = Math.max(...lines.map(([name]) => name.length));
  return lines.map(([name, value, ok]) => `  ${name.padEnd(width)}  ${value} → ${verdict(ok)}`);
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

const spread = (d: Distribution) => `${d.meanMs} | ${d.p50Ms} / ${d.p90Ms} / ${d.p99Ms} / ${d.maxMs}`;
const gc = (p: PathResult) => `${p.gcPausesPerPass} / ${int(p.gcMsPerPass)} ms`;

function pathRows(result: SizeResult): string[][] {
  const peerCells = (pick: (peer: PeerResult) => string) => result.peers.map(pick);
  const rows: string[][] = [
    ['path (ms: mean | p50 / p90 / p99 / max)', 'engine', ...peerCells((peer) => peer.name)],
  ];
  for (const name of ['answer', 'autocomplete'] as const) {
    rows.push([
      `${name} (${result[name].calls} calls)`,
      spread(result[name]),
      ...peerCells((peer) => spread(peer[name])),
    ]);
    rows.push([`  CPU time`, spread(result[name].cpu), ...peerCells((peer) => spread(peer[name].cpu))]);
    rows.push([`  GC pauses / ms per pass`, gc(result[name]), ...peerCells((peer) => gc(peer[name]))]);
    rows.push([
      `  p99 ratio engine / peer`,
      '',
      ...peerCells((peer) => ratio(result[name].p99Ms, peer[name].p99Ms)),
    ]);
  }
  for (const name of ['more', 'paragraph'] as const) {
    rows.push([`${name} (${result[name].calls} calls)`, spread(result[name]), '', '']);
    rows.push([`  CPU time`, spread(result[name].cpu), '', '']);
    rows.push([`  GC pauses / ms per pass`, gc(result[name]), '', '']);
  }
  rows.push([
    'questions that found nothing',
    `${result.answer.empty}/${QUERIES.length}`,
    ...peerCells((peer) => `${peer.answer.empty}/${QUERIES.length}`),
  ]);
  return rows;
}

function startupRows(result: SizeResult): string[][] {
  const { startup, memory, paragraphs } = result;
  const per1000 = (bytes: number) => mib((bytes / paragraphs) * 1000);
  return [
    ['', 'engine', ...result.peers.map((peer) => peer.name)],
    [
      'cold build',
      `${int(startup.buildMs)} ms`,
      ...result.peers.map((peer) => `${int(peer.buildMs)} ms (${ratio(startup.buildMs, peer.buildMs)}×)`),
    ],
    [
      'cold build, CPU time',
      `${int(startup.buildCpuMs)} ms`,
      ...result.peers.map(
        (peer) => `${int(peer.buildCpuMs)} ms (${ratio(startup.buildCpuMs, peer.buildCpuMs)}×)`,
      ),
    ],
    ['cache save', `${int(startup.saveMs)} ms`, '', ''],
    ['cache size', mib(startup.cacheBytes), '', ''],
    ['warm start (cache → engine)', `${int(startup.warmMs)} ms (CPU ${int(startup.warmCpuMs)} ms)`, '', ''],
    [
      'index heap per 1,000 paragraphs',
      per1000(memory.indexHeapBytes),
      ...result.peers.map(
        (peer) => `${per1000(peer.heapBytes)} (${ratio(memory.indexHeapBytes, peer.heapBytes)}×)`,
      ),
    ],
    ['heap with corpus, per 1,000', per1000(memory.heapBytes), '', ''],
    ['process RSS, per 1,000', per1000(memory.rssBytes), '', ''],
  ];
}

function report(result: SizeResult): string {
  const lines = [
    `== ${int(result.paragraphs)} paragraphs (${int(result.articles)} articles, ${int(result.terms)} index terms) ==`,
    table(startupRows(result)),
    '',
    table(pathRows(result)),
    `load average after timing: ${result.loadAverage} on ${cpus().length} cores${result.loadAverage > cpus().length ? ' (other processes competed for the CPU: timings inflated)' : ''}`,
  ];
  if (result.cacheRoundTrip) {
    const { identical, of } = result.cacheRoundTrip;
    lines.push(`cache round trip: ${identical}/${of} answers identical to AnswerEngine.fromCorpus`);
  }
  lines.push('targets:', ...targetLines(result));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function parseSizes(text: string): number[] {
  return text.split(',').map((part) => wholeNumber('--sizes', part.trim()));
}

interface Options {
  sizes: number[];
  rounds: number;
  text: 'news' | 'markov';
  /** Which peers to time beside the engine. */
  peers: keyof typeof PEERS;
  json: boolean;
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  const { help, values } = parseCommandLine(argv, {
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    text: { type: 'string' },
    peers: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) return 'help';
  const text = values.text ?? 'news';
  if (text !== 'news' && text !== 'markov')
    throw new UsageError(`--text must be news or markov, got "${text}"`);
  const peers = values.peers ?? 'all';
  if (!Object.hasOwn(PEERS, peers))
    throw new UsageError(`--peers must be all, minisearch or none, got "${peers}"`);
  return {
    sizes: values.sizes === undefined ? DEFAULT_SIZES : parseSizes(values.sizes),
    rounds: values.rounds === undefined ? 3 : wholeNumber('--rounds', values.rounds),
    text,
    peers: peers as keyof typeof PEERS,
    json: values.json ?? false,
  };
}

async function main(): Promise<void> {
  const options = readCommandLine('bench', USAGE, parseOptions);
  const base = await loadCorpus(join(import.meta.dirname, '..', 'corpus'));
  const model = buildTextModel(base.articles);
  const text = options.text === 'news' ? newsText(model, SEED) : markovText(model);
  const header = [
    `node ${process.version}; ${QUERIES.length} questions (${QUERY_MIX.map(({ kind, queries }) => `${queries.length} ${kind}`).join(', ')}), ${KEYSTROKES.length} autocomplete keystrokes; ${options.rounds} timed rounds per path after one warm-up round`,
    `synthetic text (--text ${text.name}): ${text.describe}; seed ${SEED}; glossary ${base.glossary.ruleCount} rules`,
    `heap: ${gcMethod}; load average at start ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')} on ${cpus().length} cores`,
  ];
  // Once: on stdout with the tables, or on stderr beside the JSON (stdout then carries only the JSON).
  if (options.json) for (const line of header) log(line);
  else process.stdout.write(`${header.join('\n')}\n\n`);

  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const result = await runSize(base, text, size, options);
    results.push(result);
    heapUsed();
    if (!options.json) process.stdout.write(`${report(result)}\n\n`);
  }

  const target = results.find((result) => result.paragraphs === TARGET_SIZE);
  const summary = target
    ? [`Targets at ${int(TARGET_SIZE)} paragraphs:`, ...targetLines(target)]
    : [
        `Targets are set for ${int(TARGET_SIZE)} paragraphs, which this run did not include (see each size above).`,
      ];
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ text: text.name, sizes: results })}\n`);
    for (const line of summary) log(line);
  } else {
    process.stdout.write(`${summary.join('\n')}\n`);
  }
}

await main();
