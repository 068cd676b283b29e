/**
 * Runs judged queries through an `AnswerEngine` and scores the rankings: what `npm run eval` and
 * the quality floor in `npm test` both call.
 *
 * The default evaluation corpus is the shipped `corpus/` (the article and its glossary, as they
 * ship) plus the fixture articles of `test/fixtures/eval-corpus/`; the directories are merged
 * into a temporary one so that whatever ships in `corpus/` is what gets measured. The seed-scope
 * queries are also run on the shipped corpus alone (the product as it ships) whenever the
 * evaluation corpus is the shipped one widened by other directories.
 */
import type { Dirent } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CorpusError } from '../corpus/load.ts';
import { AnswerEngine, MAX_LIMIT } from '../search/engine.ts';
import { type Judgment, JudgmentFileError, type Kind, parseJudgments, SEED_SCOPE } from './judgments.ts';
import { firstAnswerRank, hitAt, ndcgAt, percentile, reciprocalRank } from './metrics.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const SHIPPED_CORPUS_DIR = join(ROOT, 'corpus');
export const FIXTURE_CORPUS_DIR = join(ROOT, 'test', 'fixtures', 'eval-corpus');
export const DEFAULT_CORPUS_DIRS: readonly string[] = [SHIPPED_CORPUS_DIR, FIXTURE_CORPUS_DIR];
export const DEFAULT_JUDGMENTS = join(ROOT, 'test', 'fixtures', 'eval', 'judgments.jsonl');

/** Results asked of the engine per query: MRR is MRR@10, an answer below 10th counts as missed. */
const DEPTH = MAX_LIMIT;

export interface Scores {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
  ndcg3: number;
}

export interface RankedParagraph {
  id: string;
  articleId: string;
  paragraph: number;
  text: string;
}

export interface QueryOutcome {
  line: number;
  query: string;
  kind: Kind;
  scope: string | null;
  /** Rank of the first answering paragraph (1-based), null when not in the first 10. */
  rank: number | null;
  ndcg3: number;
  /** What ranked first, null when nothing matched. */
  first: RankedParagraph | null;
  /** Ids of every paragraph in the corpus that answers. */
  answeredBy: string[];
  ms: number;
}

export interface EvalReport {
  corpus: string[];
  judgments: string;
  paragraphs: number;
  overall: Scores;
  byKind: Partial<Record<Kind, Scores>>;
  /** The seed-scope queries' scores within this run, when there are any. */
  seedScope: Scores | null;
  timing: { meanMs: number; p50Ms: number; p99Ms: number };
  outcomes: QueryOutcome[];
}

export class EvaluationError extends Error {
  override name = 'EvaluationError';
}

/** Reads and parses a judgments file; errors name the file and, for bad lines, the line. */
export async function readJudgments(file: string): Promise<Judgment[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JudgmentFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseJudgments(text, file);
}

/**
 * An engine over one directory, or over several merged into a temporary copy (a file name found
 * in two of them is an error). No data dir: the index is built in memory and never cached.
 */
export async function openEngine(dirs: readonly string[]): Promise<AnswerEngine> {
  if (dirs.length === 0) throw new EvaluationError('no corpus directory given');
  const [only] = dirs;
  if (dirs.length === 1 && only) return checked(await open(only), dirs);
  const merged = await mkdtemp(join(tmpdir(), 'eval-corpus-'));
  try {
    const from = new Map<string, string>();
    for (const dir of dirs) {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        throw new EvaluationError(
          `cannot read the corpus directory ${dir}: ${(error as NodeJS.ErrnoException).code}`,
        );
      }
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        const earlier = from.get(entry.name);
        if (earlier) throw new EvaluationError(`${entry.name} is in both ${earlier} and ${dir}`);
        from.set(entry.name, dir);
        await copyFile(join(dir, entry.name), join(merged, entry.name));
      }
    }
    return checked(await open(merged), dirs);
  } finally {
    await rm(merged, { recursive: true, force: true });
  }
}

async function open(corpusDir: string): Promise<AnswerEngine> {
  try {
    return await AnswerEngine.open({ corpusDir });
  } catch (error) {
    if (error instanceof CorpusError) throw new EvaluationError(error.message);
    throw error;
  }
}

/** A measurement over a corpus with skipped files would be silently wrong: refuse it. */
function checked(engine: AnswerEngine, dirs: readonly string[]): AnswerEngine {
  if (engine.problems.length > 0) {
    const list = engine.problems.map(({ file, reason }) => `  ${file}: ${reason}`).join('\n');
    throw new EvaluationError(`the corpus (${dirs.join(' + ')}) has files that cannot be used:\n${list}`);
  }
  if (engine.stats.paragraphs === 0) throw new EvaluationError(`no paragraphs in ${dirs.join(' + ')}`);
  return engine;
}

type Grader = (text: string) => number;

function grader(judgment: Judgment): Grader {
  const answers = judgment.answers.map((answer) => answer.normalize('NFC'));
  const partial = judgment.partial.map((answer) => answer.normalize('NFC'));
  return (text) => {
    if (answers.some((answer) => text.includes(answer))) return 2;
    return partial.some((answer) => text.includes(answer)) ? 1 : 0;
  };
}

/** Every substring must name at least one paragraph, or the judgment could never be met. */
function checkAgainstCorpus(judgment: Judgment, texts: readonly string[], file: string): void {
  for (const substring of [...judgment.answers, ...judgment.partial]) {
    const wanted = substring.normalize('NFC');
    if (!texts.some((text) => text.includes(wanted)))
      throw new JudgmentFileError(
        `${file}:${judgment.line}: "${substring}" is in no paragraph of the corpus`,
      );
  }
}

export function summarize(outcomes: readonly QueryOutcome[]): Scores {
  const n = outcomes.length;
  const mean = (value: (outcome: QueryOutcome) => number) =>
    n === 0 ? 0 : outcomes.reduce((sum, outcome) => sum + value(outcome), 0) / n;
  return {
    queries: n,
    hit1: mean((o) => hitAt(o.rank, 1)),
    hit3: mean((o) => hitAt(o.rank, 3)),
    mrr: mean((o) => reciprocalRank(o.rank)),
    ndcg3: mean((o) => o.ndcg3),
  };
}

/** Runs every judged query (once to warm up, once timed) and scores the rankings. */
export function evaluate(
  engine: AnswerEngine,
  judgments: readonly Judgment[],
  labels: { corpus: readonly string[]; judgments: string },
): EvalReport {
  const paragraphs = engine.articles.flatMap((article) => article.paragraphs);
  const texts = paragraphs.map((paragraph) => paragraph.text);
  for (const judgment of judgments) checkAgainstCorpus(judgment, texts, labels.judgments);
  for (const judgment of judgments) engine.answer(judgment.query, { limit: DEPTH });

  const outcomes = judgments.map((judgment): QueryOutcome => {
    const grade = grader(judgment);
    const started = performance.now();
    const answer = engine.answer(judgment.query, { limit: DEPTH });
    const ms = performance.now() - started;
    const grades = answer.results.map((hit) => grade(hit.text));
    const ideal = texts.map(grade).filter((g) => g > 0);
    const top = answer.results[0];
    return {
      line: judgment.line,
      query: judgment.query,
      kind: judgment.kind,
      scope: judgment.scope,
      rank: firstAnswerRank(grades),
      ndcg3: ndcgAt(grades, ideal, 3),
      first: top ? { id: top.id, articleId: top.articleId, paragraph: top.paragraph, text: top.text } : null,
      answeredBy: paragraphs.filter((paragraph) => grade(paragraph.text) === 2).map((p) => p.id),
      ms,
    };
  });

  const byKind: Partial<Record<Kind, Scores>> = {};
  for (const kind of new Set(outcomes.map((outcome) => outcome.kind)))
    byKind[kind] = summarize(outcomes.filter((outcome) => outcome.kind === kind));
  const seed = outcomes.filter((outcome) => outcome.scope === SEED_SCOPE);
  const times = outcomes.map((outcome) => outcome.ms);
  return {
    corpus: [...labels.corpus],
    judgments: labels.judgments,
    paragraphs: paragraphs.length,
    overall: summarize(outcomes),
    byKind,
    seedScope: seed.length > 0 ? summarize(seed) : null,
    timing: {
      meanMs: times.reduce((sum, ms) => sum + ms, 0) / Math.max(1, times.length),
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
    },
    outcomes,
  };
}

export interface EvalRun {
  /** Every judged query on the evaluation corpus. */
  main: EvalReport;
  /** The seed-scope queries on the shipped corpus alone, when `corpus/` was widened by others. */
  shipped: EvalReport | null;
}

/** The whole evaluation: defaults are the fixture corpus and its judgments. */
export async function runEvaluation({
  corpusDirs = DEFAULT_CORPUS_DIRS,
  judgmentsFile = DEFAULT_JUDGMENTS,
}: {
  corpusDirs?: readonly string[];
  judgmentsFile?: string;
} = {}): Promise<EvalRun> {
  const judgments = await readJudgments(judgmentsFile);
  const main = evaluate(await openEngine(corpusDirs), judgments, {
    corpus: corpusDirs,
    judgments: judgmentsFile,
  });
  // "No worse than the shipped article alone" needs the shipped corpus alone as the baseline.
  const widensShipped =
    corpusDirs.length > 1 && corpusDirs.some((dir) => resolve(dir) === SHIPPED_CORPUS_DIR);
  const seed = judgments.filter((judgment) => judgment.scope === SEED_SCOPE);
  const shipped =
    widensShipped && seed.length > 0
      ? evaluate(await openEngine([SHIPPED_CORPUS_DIR]), seed, {
          corpus: [SHIPPED_CORPUS_DIR],
          judgments: judgmentsFile,
        })
      : null;
  return { main, shipped };
}
