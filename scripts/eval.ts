/**
 * The judged evaluation of answer quality.
 *
 *   npm run eval                                   # the fixture corpus and its judged queries
 *   npm run eval -- --json                         # one JSON object on stdout
 *   npm run eval -- --corpus DIR [--corpus DIR…] --judgments FILE
 *
 * Exit 0 after a report (misses are figures, not failures: the floor lives in `npm test`),
 * 1 when a corpus or judgments file cannot be used, 2 on bad arguments.
 */
import { parseCommandLine, readCommandLine, UsageError } from '../src/cli/args.ts';
import { JudgmentFileError } from '../src/eval/judgments.ts';
import { formatRun, runToJson } from '../src/eval/report.ts';
import { DEFAULT_CORPUS_DIRS, DEFAULT_JUDGMENTS, EvaluationError, runEvaluation } from '../src/eval/run.ts';

const USAGE = `Usage:
  npm run eval -- [--json] [--corpus DIR]... [--judgments FILE]

Options:
  --corpus DIR       corpus directory; repeat to merge several (default: corpus + test/fixtures/eval-corpus)
  --judgments FILE   judged queries, JSON Lines (default: test/fixtures/eval/judgments.jsonl)
  --json             print one JSON object instead of the report
  --help             show this help`;

function parse(argv: readonly string[]) {
  const { help, values, positionals } = parseCommandLine(
    argv,
    { corpus: { type: 'string', multiple: true }, judgments: { type: 'string' }, json: { type: 'boolean' } },
    { positionals: true },
  );
  if (help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return values;
}

async function main(): Promise<number> {
  const options = readCommandLine('eval', USAGE, parse);
  try {
    const run = await runEvaluation({
      corpusDirs: options.corpus ?? DEFAULT_CORPUS_DIRS,
      judgmentsFile: options.judgments ?? DEFAULT_JUDGMENTS,
    });
    process.stdout.write(options.json ? `${runToJson(run)}\n` : formatRun(run));
    return 0;
  } catch (error) {
    if (!(error instanceof EvaluationError || error instanceof JudgmentFileError)) throw error;
    process.stderr.write(`eval: ${error.message}\n`);
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
