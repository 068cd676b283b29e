/**
 * `npm run bench [-- --sizes 1000,10000,100000] [--rounds N] [--json]`
 *
 * For synthetic corpora of each size (see bench/synthetic.ts): index build time, cache size and
 * load time, heap, and p50/p99 latency over a fixed query mix of (a) the full answer path
 * (`AnswerEngine.answer`: analysis, glossary-expanded search, excerpts, citations, suggestions)
 * and (b) MiniSearch with default options on the same paragraphs as raw text, side by side.
 *
 * The engine that answers is the one loaded from the cache, as `AnswerEngine.open` does on a cache
 * hit, so the index is built once per size. Each path is timed in blocks of its own (alternating
 * which goes first), so each pays for its own garbage; GC pauses that fall inside timed queries are
 * reported, with the percentiles they leave out. Results go to stdout (a table, or one JSON object
 * with `--json`); progress goes to stderr. Targets are reported, never enforced: exit 0.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { parseCommandLine, readCommandLine, wholeNumber } from '../src/cli/args.ts';
import { type Corpus, loadCorpus } from '../src/corpus/load.ts';
import type { Article } from '../src/corpus/types.ts';
import { CACHE_FILE, indexFingerprint, loadIndexCache, saveIndexCache } from '../src/search/cache.ts';
import { AnswerEngine } from '../src/search/engine.ts';
import { type BuiltIndex, buildIndex } from '../src/search/index.ts';
import { buildTextModel, syntheticCorpus, type TextModel } from './synthetic.ts';

const USAGE =
  'usage: npm run bench -- [--sizes N[,N...]] [--rounds N] [--json]\n' +
  '  --sizes      comma-separated positive integers: paragraphs per corpus (default 1000,10000,100000)\n' +
  '  --rounds     timed passes over the query mix per path (default 3)\n' +
  '  --json       print one JSON object instead of tables';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const SEED = 20221012;
const TARGET_SIZE = 100_000;

// ---------------------------------------------------------------------------------------------
// The query mix: fixed, so runs compare. Names, two-word topics, whole questions with stop
// words, and misspellings, about fifty of each.
// ---------------------------------------------------------------------------------------------

const NAMES = [
  'Armenia',
  'Armenian',
  'Pashinian',
  'Pashinyan',
  'Kyrgyzstan',
  'Kazakhstan',
  'Tajikistan',
  'Uzbekistan',
  'Azerbaijan',
  'Belarus',
  'Russia',
  'Ukraine',
  'Putin',
  'Toqaev',
  'Tokayev',
  'Japarov',
  'Rahmon',
  'Zatulin',
  'Baisalov',
  'Nersisyan',
  'Kustebaev',
  'Sharshenova',
  'Zhaksylykov',
  'Bishkek',
  'Dushanbe',
  'Yerevan',
  'Astana',
  'Almaty',
  'Tashkent',
  'Minsk',
  'Moscow',
  'Kremlin',
  'CSTO',
  'NATO',
  'CIS',
  'OSCE',
  'Nagorno-Karabakh',
  'Karabakh',
  'Caucasus',
  'Turkey',
  'Georgia',
  'Crimea',
  'Kyiv',
  'Kiev',
  'Kerch',
  'Duma',
  'ODKB',
  'Kassym-Jomart Tokayev',
  'Vladimir Putin',
  'Nikol Pashinyan',
];

const TOPICS = [
  'border clashes',
  'military exercises',
  'collective security',
  'collective defense',
  'training drills',
  'Western sanctions',
  'security bloc',
  'deadly fighting',
  'coup attempt',
  'foreign terrorists',
  'political unrest',
  'regional stability',
  'public opinion',
  'public television',
  'prestigious award',
  'military mobilization',
  'civilian targets',
  'fact-finding mission',
  'security umbrella',
  'full-scale invasion',
  'staunch ally',
  'breakaway region',
  'multilateral meetings',
  'Central Asia',
  'Prime Minister',
  'Foreign Ministry',
  'Defense Minister',
  'deputy chairman',
  'social media',
  'news agencies',
  'Kyrgyz population',
  'security analyst',
  'Russian lawmaker',
  'Indestructible Brotherhood',
  'Putin birthday',
  'troop deployment',
  'CSTO crisis',
  'Kazakh capital',
  'Russian command',
  'Ukraine invasion',
  'Armenia membership',
  'leave the alliance',
  'quit the bloc',
  'Collective Security Treaty Organization',
  'disastrous invasion',
  'heavy shelling',
  'negative consequences',
  'bad optics',
  'cease-fire',
  'Eurasian answer to NATO',
];

const QUESTIONS = [
  'why did Kyrgyzstan cancel the drills?',
  'what did Pashinian say about the CSTO?',
  'how many people were killed in Kazakhstan in January?',
  'who requested the CSTO intervention in Kazakhstan?',
  'why is Armenia disappointed with the CSTO?',
  'what happened at the CIS summit in St. Petersburg?',
  'when did Uzbekistan leave the CSTO?',
  'how long is the border between Kazakhstan and Russia?',
  'what award did Putin give Rahmon?',
  'why did Japarov skip the meeting?',
  'what did Zatulin say about Kyrgyzstan?',
  'how many soldiers died in the September clashes?',
  'is Armenia going to leave the CSTO?',
  'what is the Collective Security Treaty Organization?',
  'which countries are members of the CSTO?',
  'who is the Kazakh defense minister?',
  'did Russia help Armenia against Azerbaijan?',
  'what did the CSTO do after the Armenian request for help?',
  'why was the exercise called Indestructible Brotherhood?',
  'where were the drills supposed to take place?',
  'what did the Kyrgyz foreign ministry spokesman write on Facebook?',
  'how did Kyrgyz social media react to the border clashes?',
  'what is Article 4 of the treaty?',
  'when did the CST become the CSTO?',
  'who is Aijan Sharshenova?',
  'what did Baisalov say about public opinion?',
  'is there a crisis in the CSTO?',
  'why is Kazakhstan worried about Russia?',
  'what did Russian politicians say about Kazakhstan?',
  'how did Astana react to the war in Ukraine?',
  'where did Putin travel in October?',
  'why did Moscow bombard cities in Ukraine?',
  'what happened to the Kerch bridge?',
  'how long did the 2020 war last?',
  'what did Armenia lose in the Nagorno-Karabakh war?',
  'who supports the Russian invasion of Ukraine?',
  'what sanctions were imposed on Minsk?',
  'is the CSTO the Eurasian answer to NATO?',
  'how many members does the bloc have?',
  'what is Nersisyan afraid of?',
  'could Azerbaijan invade Armenia?',
  'what did Pashinyan tell Armenian public television?',
  'why did Kyrgyzstan criticize Tajikistan?',
  'what happened between Kyrgyzstan and Tajikistan last month?',
  'when was the military mobilization declared?',
  'what did Toqaev call the unrest in January?',
  'how did the CSTO help Kazakhstan?',
  'who said the membership is absolutely indestructible?',
  'what are the negative consequences of leaving the CSTO?',
  'where is the OSCE Academy?',
  'what is the CSTO doing about the Armenia Azerbaijan conflict?',
  'who was the first CSTO member to criticize Moscow?',
  'the bloc is facing one of its toughest moments',
  'Putin was expected in the Kazakh capital on October 13',
  'Russia is not providing help to Armenia',
  'a real alternative for balancing out the negative consequences',
  'more than 200 people were killed',
  'the deadliest fighting between the two Caucasus neighbors',
  'how we will achieve victory in the fight against Ukraine',
  'fumed Kyrgyz Foreign Ministry spokesman',
];

const MISSPELLINGS = [
  'Kyrgystan',
  'Kyrgysztan',
  'Pashinain',
  'Pashinyian',
  'Tajikstan',
  'Tadjikstan',
  'Kazahkstan',
  'Azerbajan',
  'Armeina',
  'Uzbekistn',
  'Belarusia',
  'Bishkec',
  'Dushanbee',
  'Yerevann',
  'Japparov',
  'Rahmonn',
  'Zatullin',
  'Nersisian',
  'Toqaevv',
  'Kremln',
  'Russsia',
  'Ukriane',
  'Nagorno Karabak',
  'Caucusus',
  'Tashkant',
  'securty bloc',
  'militery exercizes',
  'collectiv securty',
  'boarder clashes',
  'sanctons',
  'invasoin of Ukriane',
  'cancelation of drils',
  'allience',
  'treatty organisation',
  'membershp',
  'mobilisation',
  'intervension in Kazakstan',
  'why did Kyrgystan cancel the drils?',
  'what did Pashinain say about the CSTO?',
  'Presedent Putin',
  'Collective Secruity Treaty',
  'defence ministr',
  'Kyrgz border',
  'Tajik troopps',
  'Armenian televison',
  'Kazakhstan unrset',
  'terorists',
  'Sadyr Japarv',
  'Emomali Rahman',
  'Nikol Pashinan',
];

const QUERY_MIX: { kind: string; queries: readonly string[] }[] = [
  { kind: 'names', queries: NAMES },
  { kind: 'topics', queries: TOPICS },
  { kind: 'questions', queries: QUESTIONS },
  { kind: 'misspellings', queries: MISSPELLINGS },
];
const QUERIES = QUERY_MIX.flatMap(({ kind, queries }) => queries.map((query) => ({ kind, query })));

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

interface Latency {
  p50Ms: number;
  p99Ms: number;
}

interface PathResult extends Latency {
  zeroHit: number;
  /** Garbage collection pauses inside the timed queries, per pass over the mix. */
  gcMsPerPass: number;
  /** The same samples minus the GC pauses that fell inside them. */
  withoutGc: Latency;
  byKind: Record<string, Latency>;
}

interface SizeResult {
  paragraphs: number;
  articles: number;
  terms: number;
  buildMs: number;
  saveMs: number;
  cacheBytes: number;
  loadMs: number;
  heapBytes: number;
  full: PathResult;
  plain: PathResult;
  plainBuildMs: number;
  plainHeapBytes: number;
  ratio: { p50: number; p99: number };
  /** Answers of the cache-loaded engine equal `AnswerEngine.fromCorpus`'s (checked up to 10k). */
  cacheRoundTrip?: { identical: number; of: number; fromCorpusMs: number };
  /** 1-minute load average when the queries had been timed: above the core count, other processes competed. */
  loadAverage: number;
  targets: Targets;
}

interface Targets {
  /** full p99 ≤ 0.5 × plain p99 */
  p99: boolean;
  /** full p50 ≤ 2 × plain p50 */
  p50: boolean;
  /** buildMs / loadMs ≥ 3 */
  cacheSpeedup: boolean;
  buildOverLoad: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of unsorted samples. */
function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

function latency(samples: readonly number[]): Latency {
  return { p50Ms: round2(percentile(samples, 50)), p99Ms: round2(percentile(samples, 99)) };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

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

function heapUsed(): number {
  if (GC.gc) {
    GC.gc();
    GC.gc();
  }
  return process.memoryUsage().heapUsed;
}

/** What `AnswerEngine.open` does on a cache hit: the (TypeScript-private) constructor with a loaded index. */
interface PlainDocument {
  id: string;
  text: string;
  section: string | null;
  title: string;
}

function plainIndex(articles: readonly Article[]): MiniSearch<PlainDocument> {
  const plain = new MiniSearch<PlainDocument>({ fields: ['text', 'section', 'title'] });
  plain.addAll(
    articles.flatMap((article) =>
      article.paragraphs.map((paragraph) => ({
        id: paragraph.id,
        text: paragraph.text,
        section: paragraph.section,
        title: article.title,
      })),
    ),
  );
  return plain;
}

interface PathTiming {
  samples: { kind: string; start: number; ms: number }[];
  /** Queries that matched nothing. */
  zero: Set<string>;
}

function timePass(run: (query: string) => number, into: PathTiming): void {
  for (const { kind, query } of QUERIES) {
    const start = performance.now();
    const hits = run(query);
    into.samples.push({ kind, start, ms: performance.now() - start });
    if (hits === 0) into.zero.add(query);
  }
}

interface Pause {
  start: number;
  end: number;
}

/** Runs `work` and returns the garbage collection pauses that happened meanwhile. */
async function watchGc(work: () => Promise<void>): Promise<Pause[]> {
  const pauses: Pause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await work();
  // Entries are delivered asynchronously: let the observer catch up before disconnecting.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return pauses;
}

function summarize(timing: PathTiming, pauses: readonly Pause[], rounds: number): PathResult {
  const inGc = (sample: { start: number; ms: number }) =>
    pauses.reduce(
      (sum, pause) =>
        sum +
        Math.max(0, Math.min(pause.end, sample.start + sample.ms) - Math.max(pause.start, sample.start)),
      0,
    );
  const byKind = new Map<string, number[]>();
  const withoutGc: number[] = [];
  let gcMs = 0;
  for (const sample of timing.samples) {
    const list = byKind.get(sample.kind) ?? [];
    list.push(sample.ms);
    byKind.set(sample.kind, list);
    const gc = inGc(sample);
    gcMs += gc;
    withoutGc.push(sample.ms - gc);
  }
  return {
    ...latency(timing.samples.map((sample) => sample.ms)),
    zeroHit: timing.zero.size,
    gcMsPerPass: round2(gcMs / rounds),
    withoutGc: latency(withoutGc),
    byKind: Object.fromEntries([...byKind].map(([kind, list]) => [kind, latency(list)])),
  };
}

interface RunOptions {
  rounds: number;
}

async function runSize(
  base: Corpus,
  model: TextModel,
  size: number,
  options: RunOptions,
): Promise<SizeResult> {
  let started = performance.now();
  const corpus = syntheticCorpus(base, model, { paragraphs: size, seed: SEED });
  log(
    `[${size}] generated ${corpus.articles.length} articles in ${Math.round(performance.now() - started)} ms`,
  );
  const baseline = heapUsed();

  // Build once, save, forget the built index, load it back: that loaded index is what answers.
  started = performance.now();
  let built: BuiltIndex | null = buildIndex(corpus.articles, corpus.glossary);
  const buildMs = performance.now() - started;
  log(`[${size}] index built in ${Math.round(buildMs)} ms (${built.index.termCount} terms)`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-cache-'));
  const cachePath = join(dir, CACHE_FILE);
  const fingerprint = indexFingerprint(corpus.fingerprint);
  started = performance.now();
  await saveIndexCache(cachePath, fingerprint, built);
  const saveMs = performance.now() - started;
  const cacheBytes = (await stat(cachePath)).size;
  built = null;
  heapUsed();
  started = performance.now();
  const loaded = await loadIndexCache(cachePath, fingerprint, size);
  const loadMs = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  if (typeof loaded === 'string') throw new Error(`cache load failed: ${loaded}`);
  log(`[${size}] cache ${(cacheBytes / 2 ** 20).toFixed(1)} MiB, loaded in ${Math.round(loadMs)} ms`);
  const engine = AnswerEngine.fromLoadedIndex(corpus, loaded, loadMs);
  if (engine.stats.paragraphs !== size) throw new Error(`engine has ${engine.stats.paragraphs} paragraphs`);
  const heapBytes = heapUsed() - baseline;

  const plainBaseline = heapUsed();
  started = performance.now();
  const plain = plainIndex(corpus.articles);
  const plainBuildMs = performance.now() - started;
  const plainHeapBytes = heapUsed() - plainBaseline;
  log(`[${size}] plain MiniSearch built in ${Math.round(plainBuildMs)} ms`);

  // Warm up both paths. Then time each path in a block of its own, so each pays for the garbage it
  // makes (interleaving would charge one path's GC to the other), alternating which goes first.
  for (const { query } of QUERIES) {
    engine.answer(query);
    plain.search(query);
  }
  heapUsed();
  const fullTiming: PathTiming = { samples: [], zero: new Set() };
  const plainTiming: PathTiming = { samples: [], zero: new Set() };
  const passes = [
    () => timePass((query) => engine.answer(query).total, fullTiming),
    () => timePass((query) => plain.search(query).length, plainTiming),
  ];
  started = performance.now();
  const pauses = await watchGc(async () => {
    for (let round = 0; round < options.rounds; round++) {
      for (const pass of round % 2 === 0 ? passes : [...passes].reverse()) {
        pass();
        heapUsed();
      }
    }
  });
  log(
    `[${size}] ${options.rounds} × ${QUERIES.length} queries per path timed in ${Math.round(performance.now() - started)} ms`,
  );
  const full = summarize(fullTiming, pauses, options.rounds);
  const plainLatency = summarize(plainTiming, pauses, options.rounds);

  const result: SizeResult = {
    paragraphs: size,
    loadAverage: round2(loadavg()[0] ?? 0),
    articles: corpus.articles.length,
    terms: engine.stats.terms,
    buildMs: round2(buildMs),
    saveMs: round2(saveMs),
    cacheBytes,
    loadMs: round2(loadMs),
    heapBytes,
    full,
    plain: plainLatency,
    plainBuildMs: round2(plainBuildMs),
    plainHeapBytes,
    ratio: {
      p50: round2(full.p50Ms / Math.max(plainLatency.p50Ms, 0.01)),
      p99: round2(full.p99Ms / Math.max(plainLatency.p99Ms, 0.01)),
    },
    targets: {
      p99: full.p99Ms <= 0.5 * plainLatency.p99Ms,
      p50: full.p50Ms <= 2 * plainLatency.p50Ms,
      cacheSpeedup: buildMs / loadMs >= 3,
      buildOverLoad: round2(buildMs / loadMs),
    },
  };

  // The cache round trip must not change answers: compare with an engine built directly (small sizes).
  if (size <= 10_000) {
    const direct = AnswerEngine.fromCorpus(corpus);
    let identical = 0;
    for (const { query } of QUERIES) {
      if (JSON.stringify(direct.answer(query)) === JSON.stringify(engine.answer(query))) identical += 1;
    }
    result.cacheRoundTrip = { identical, of: QUERIES.length, fromCorpusMs: round2(direct.stats.indexMs) };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(2)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const yes = (ok: boolean) => (ok ? 'HOLDS' : 'FAILS');

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

function targetLines(result: SizeResult): string[] {
  const { full, plain, targets } = result;
  return [
    `  full p99 ≤ 0.5 × plain p99: ${ms(full.p99Ms)} vs ${ms(0.5 * plain.p99Ms)} (ratio ${result.ratio.p99}) → ${yes(targets.p99)}`,
    `  full p50 ≤ 2 × plain p50:   ${ms(full.p50Ms)} vs ${ms(2 * plain.p50Ms)} (ratio ${result.ratio.p50}) → ${yes(targets.p50)}`,
    `  build / cache load ≥ 3:     ${int(result.buildMs)} ms / ${int(result.loadMs)} ms = ${targets.buildOverLoad} → ${yes(targets.cacheSpeedup)}`,
  ];
}

function report(result: SizeResult): string {
  const { full, plain } = result;
  const lines = [
    `== ${int(result.paragraphs)} paragraphs (${int(result.articles)} articles, ${int(result.terms)} index terms) ==`,
    table([
      ['', 'full answer', 'plain MiniSearch', 'full/plain'],
      [
        'build',
        `${int(result.buildMs)} ms`,
        `${int(result.plainBuildMs)} ms`,
        (result.buildMs / result.plainBuildMs).toFixed(2),
      ],
      ['cache size', mib(result.cacheBytes), '', ''],
      ['cache save', `${int(result.saveMs)} ms`, '', ''],
      ['cache load', `${int(result.loadMs)} ms`, '', ''],
      [
        'heap',
        `+${mib(result.heapBytes)}`,
        `+${mib(result.plainHeapBytes)}`,
        (result.heapBytes / result.plainHeapBytes).toFixed(2),
      ],
      ['query p50', ms(full.p50Ms), ms(plain.p50Ms), result.ratio.p50.toFixed(2)],
      ['query p99', ms(full.p99Ms), ms(plain.p99Ms), result.ratio.p99.toFixed(2)],
      ['zero-hit queries', `${full.zeroHit}/${QUERIES.length}`, `${plain.zeroHit}/${QUERIES.length}`, ''],
      [
        'GC inside queries, per pass',
        `${int(full.gcMsPerPass)} ms`,
        `${int(plain.gcMsPerPass)} ms`,
        (full.gcMsPerPass / Math.max(plain.gcMsPerPass, 0.01)).toFixed(2),
      ],
      [
        'p50 / p99 without GC pauses',
        `${full.withoutGc.p50Ms.toFixed(2)} / ${full.withoutGc.p99Ms.toFixed(2)} ms`,
        `${plain.withoutGc.p50Ms.toFixed(2)} / ${plain.withoutGc.p99Ms.toFixed(2)} ms`,
        `${(full.withoutGc.p50Ms / Math.max(plain.withoutGc.p50Ms, 0.01)).toFixed(2)} / ${(full.withoutGc.p99Ms / Math.max(plain.withoutGc.p99Ms, 0.01)).toFixed(2)}`,
      ],
      ...QUERY_MIX.flatMap(({ kind, queries }) => {
        const a = full.byKind[kind];
        const b = plain.byKind[kind];
        if (!a || !b) return [];
        return [
          [
            `  ${kind} (${queries.length}) p50 / p99`,
            `${a.p50Ms.toFixed(2)} / ${a.p99Ms.toFixed(2)} ms`,
            `${b.p50Ms.toFixed(2)} / ${b.p99Ms.toFixed(2)} ms`,
            '',
          ],
        ];
      }),
    ]),
  ];
  lines.push(
    `load average after timing: ${result.loadAverage} on ${cpus().length} cores${result.loadAverage > cpus().length ? ' (other processes competed for the CPU: timings inflated)' : ''}`,
  );
  if (result.cacheRoundTrip) {
    const { identical, of, fromCorpusMs } = result.cacheRoundTrip;
    lines.push(
      `cache round trip: ${identical}/${of} answers identical to AnswerEngine.fromCorpus (built in ${int(fromCorpusMs)} ms)`,
    );
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

function parseOptions(argv: readonly string[]): ({ sizes: number[]; json: boolean } & RunOptions) | 'help' {
  const { help, values } = parseCommandLine(argv, {
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) return 'help';
  return {
    sizes: values.sizes === undefined ? DEFAULT_SIZES : parseSizes(values.sizes),
    rounds: values.rounds === undefined ? 3 : wholeNumber('--rounds', values.rounds),
    json: values.json ?? false,
  };
}

async function main(): Promise<void> {
  const options = readCommandLine('bench', USAGE, parseOptions);
  const base = await loadCorpus(join(import.meta.dirname, '..', 'corpus'));
  const model = buildTextModel(base.articles);
  const header = [
    `node ${process.version}, ${QUERIES.length} queries (${QUERY_MIX.map(({ kind, queries }) => `${queries.length} ${kind}`).join(', ')}), ${options.rounds} timed rounds per path after one warm-up round`,
    `synthetic text: Markov chain over ${base.articles.length} shipped article(s), ${model.vocabulary} distinct words, ${model.names.length} swappable names; seed ${SEED}; glossary ${base.glossary.ruleCount} rules`,
    `heap: ${GC.how}; load average at start ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')} on ${cpus().length} cores`,
  ];
  // Once: on stdout with the tables, or on stderr beside the JSON (stdout then carries only the JSON).
  if (options.json) for (const line of header) log(line);
  else process.stdout.write(`${header.join('\n')}\n\n`);

  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const result = await runSize(base, model, size, options);
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
    process.stdout.write(`${JSON.stringify({ sizes: results })}\n`);
    for (const line of summary) log(line);
  } else {
    process.stdout.write(`${summary.join('\n')}\n`);
  }
}

await main();
