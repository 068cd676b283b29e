/** How `npm run eval` prints an evaluation: a table of scores, the timing, then every miss. */
import type { EvalReport, EvalRun, QueryOutcome, Scores } from './run.ts';

const FIRST_WORDS = 12;

const fixed = (value: number) => value.toFixed(3);

function row(label: string, scores: Scores): string {
  const cells = [scores.hit1, scores.hit3, scores.mrr, scores.ndcg3].map(fixed);
  return `${label.padEnd(28)}${String(scores.queries).padStart(5)}  ${cells.map((c) => c.padStart(7)).join('')}`;
}

function firstWords(text: string): string {
  const words = text.split(' ');
  return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(' ')}…` : text;
}

function miss(outcome: QueryOutcome): string {
  const where = outcome.rank === null ? 'answer not in the first 10' : `answer at ${outcome.rank}`;
  const first = outcome.first
    ? `${outcome.first.articleId} ¶${outcome.first.paragraph} "${firstWords(outcome.first.text)}"`
    : 'nothing matched';
  const wanted = outcome.answeredBy.map((id) => id.replace('#', ' ¶')).join(', ');
  return [
    `  line ${outcome.line} [${outcome.kind}${outcome.scope ? `, ${outcome.scope}` : ''}] "${outcome.query}": ${where}`,
    `      first:  ${first}`,
    `      wanted: ${wanted}`,
  ].join('\n');
}

function table(title: string, report: EvalReport): string[] {
  const lines = [
    title,
    `${''.padEnd(28)}${'n'.padStart(5)}  ${['hit@1', 'hit@3', 'MRR', 'nDCG@3'].map((h) => h.padStart(7)).join('')}`,
  ];
  lines.push(row('overall', report.overall));
  for (const [kind, scores] of Object.entries(report.byKind)) lines.push(row(`  ${kind}`, scores));
  // A run of seed queries only (the shipped corpus alone) would print the overall row twice.
  if (report.seedScope && report.seedScope.queries < report.overall.queries)
    lines.push(row('  scope: seed', report.seedScope));
  return lines;
}

/** The human-readable report. */
export function formatRun({ main, shipped }: EvalRun): string {
  const { timing } = main;
  const lines = [
    `Corpus: ${main.corpus.join(' + ')} (${main.paragraphs} paragraphs)`,
    `Judgments: ${main.judgments} (${main.overall.queries} queries)`,
    '',
    ...table('Scores (MRR over the first 10 results)', main),
  ];
  if (shipped) lines.push('', ...table('Seed-scope queries on the shipped corpus alone', shipped));
  lines.push(
    '',
    `Time per query: mean ${timing.meanMs.toFixed(2)} ms, p50 ${timing.p50Ms.toFixed(2)} ms, p99 ${timing.p99Ms.toFixed(2)} ms`,
  );
  const misses = main.outcomes.filter((outcome) => outcome.rank !== 1);
  lines.push('', `Misses (answer not first): ${misses.length}`, ...misses.map(miss));
  if (shipped) {
    const shippedMisses = shipped.outcomes.filter((outcome) => outcome.rank !== 1);
    lines.push('', `Misses on the shipped corpus alone: ${shippedMisses.length}`, ...shippedMisses.map(miss));
  }
  return `${lines.join('\n')}\n`;
}

/** The machine-readable report: scores, timing and every query's outcome. */
export function runToJson({ main, shipped }: EvalRun): string {
  return JSON.stringify({ ...main, shipped });
}
