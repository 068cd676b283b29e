/**
 * Offline search from the command line: the same engine and rendering path as the bot, no
 * Discord needed.
 *
 *   npm run --silent search -- [--json] [--limit N] "<query>"
 *   npm run --silent search -- --json --stdin [--limit N]     (one query per line → JSON Lines)
 *   npm run --silent search -- --complete "<partial>"         (autocomplete choices, one JSON object)
 *   npm run --silent search -- --complete --stdin             (one partial query per line → JSON Lines)
 *
 * stdout carries only the answer; logs go to stderr. Exit 0 on success (also when nothing
 * matched), 1 when the corpus cannot be read, 2 on bad arguments or configuration.
 */
import { createInterface } from 'node:readline';
import { parseCommandLine, readCommandLine, UsageError, wholeNumber } from '../cli/args.ts';
import { ConfigError, loadSearchConfig, readEnvFile } from '../config.ts';
import { createLogger } from '../log.ts';
import { completionChoices } from '../render/choices.ts';
import { LIMITS } from '../render/limits.ts';
import { quoteExcerpt } from '../render/quote.ts';
import { renderAnswerText } from '../render/text.ts';
import { type Answer, AnswerEngine, MAX_LIMIT } from '../search/engine.ts';

const USAGE = `Usage:
  npm run --silent search -- [--json] [--limit N] "<query>"
  npm run --silent search -- --json --stdin [--limit N]
  npm run --silent search -- --complete [--stdin] "<partial>"

Options:
  --json      print one JSON object per query
  --complete  print the autocomplete choices for a partly typed query, as the bot offers them:
              {"partial": "...", "choices": [{"name": "...", "value": "..."}], "ms": 0.42}
  --stdin     read one query per line from standard input (with --json or --complete)
  --limit N   results per query, 1–${MAX_LIMIT} (default 3)
  --help      show this help

Environment: CORPUS_DIR (default corpus), DATA_DIR (default data), LOG_LEVEL.`;

interface Invocation {
  json: boolean;
  complete: boolean;
  stdin: boolean;
  limit: number;
  query: string | undefined;
}

function parseInvocation(argv: readonly string[]): Invocation | 'help' {
  const { help, values, positionals } = parseCommandLine(
    argv,
    {
      json: { type: 'boolean' },
      complete: { type: 'boolean' },
      stdin: { type: 'boolean' },
      limit: { type: 'string' },
    },
    { positionals: true },
  );
  if (help) return 'help';
  const limitText = values.limit;
  const limit = limitText === undefined ? 3 : wholeNumber('--limit', limitText, 1, MAX_LIMIT);
  const json = values.json === true;
  const complete = values.complete === true;
  const stdin = values.stdin === true;
  if (complete && (json || limitText !== undefined))
    throw new UsageError('--complete prints JSON of its own and takes no --json or --limit');
  if (stdin && !json && !complete) throw new UsageError('--stdin needs --json or --complete');
  if (stdin && positionals.length > 0)
    throw new UsageError('give the queries on stdin or as an argument, not both');
  if (!stdin && positionals.length !== 1) throw new UsageError('give exactly one query (quote it)');
  const query = positionals[0];
  // An empty box is a fair thing to complete (it gets topics); an empty question is not.
  if (!stdin && !complete && !query?.trim()) throw new UsageError('the query is empty');
  return { json, complete, stdin, limit, query };
}

/**
 * The CLI's JSON contract: exactly these fields, in this order. `excerpt` is the excerpt as the bot
 * posts it (Discord markdown); `text` the whole paragraph, verbatim. `ms` is the engine's
 * processing time for this query (like Meilisearch's `processingTimeMs`), to two decimals.
 */
function toJson(answer: Answer, ms: number): string {
  return JSON.stringify({
    query: answer.query,
    total: answer.total,
    results: answer.results.map((hit) => ({
      id: hit.id,
      articleId: hit.articleId,
      title: hit.title,
      paragraph: hit.paragraph,
      section: hit.section,
      score: hit.score,
      text: hit.text,
      excerpt: quoteExcerpt(hit),
      citation: hit.citation,
    })),
    suggestions: answer.suggestions,
    ms: roundMs(ms),
  });
}

/** Milliseconds to two decimals, as `ms` is printed. */
function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** What the engine returned and the milliseconds it took. */
function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

async function main(): Promise<number> {
  const invocation = readCommandLine('search', USAGE, parseInvocation);
  readEnvFile();
  const config = loadSearchConfig();
  // A person at a terminal wants the answer, not progress notes: warnings only unless asked.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  const engine = await AnswerEngine.open({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger });
  const { json, limit } = invocation;
  const respond = invocation.complete
    ? (partial: string) => {
        const [completions, ms] = timed(() => engine.complete(partial, LIMITS.choices));
        return JSON.stringify({ partial, choices: completionChoices(completions), ms: roundMs(ms) });
      }
    : (query: string) => toJson(...timed(() => engine.answer(query, { limit })));

  if (invocation.stdin) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      process.stdout.write(`${respond(line)}\n`);
    }
    return 0;
  }
  if (invocation.complete) {
    process.stdout.write(`${respond(invocation.query ?? '')}\n`);
    return 0;
  }
  const [answer, ms] = timed(() => engine.answer(invocation.query ?? '', { limit }));
  process.stdout.write(
    json ? `${toJson(answer, ms)}\n` : renderAnswerText(answer, 0, process.stdout.isTTY === true),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`search: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
