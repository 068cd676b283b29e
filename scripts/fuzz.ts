/**
 * `npm run fuzz`: the hostile-input properties of test/support/hostile/ over many cases (10,000 by
 * default) against one real bot through the local Discord-protocol server. Prints cases, failures, seed and
 * time; on a failure prints the shrunk counterexample and exits 1.
 *
 *   npm run fuzz [-- --runs 10000 --seed 42]
 */
import fc from 'fast-check';
import { parseCommandLine, readCommandLine, wholeNumber } from '../src/cli/args.ts';
import { HostileHarness } from '../test/support/hostile/harness.ts';
import {
  describeCase,
  fuzzParameters,
  type HostileCase,
  hostileCase,
} from '../test/support/hostile/inputs.ts';

const USAGE = `usage: npm run fuzz -- [--runs N] [--seed N]
  --runs   hostile cases to run (default 10000)
  --seed   fast-check seed, to replay a run (default: from the clock, printed)`;

function parseOptions(argv: readonly string[]) {
  const { help, values } = parseCommandLine(argv, { runs: { type: 'string' }, seed: { type: 'string' } });
  if (help) return 'help';
  return {
    runs: wholeNumber('--runs', values.runs ?? '10000'),
    seed:
      values.seed === undefined ? Date.now() % 2 ** 31 : wholeNumber('--seed', values.seed, 0, 2 ** 31 - 1),
  };
}

async function main(): Promise<void> {
  const { runs, seed } = readCommandLine('fuzz', USAGE, parseOptions);
  process.stdout.write(`fuzz: ${runs} cases, seed ${seed}\n`);
  const harness = await HostileHarness.start();
  const started = performance.now();
  let progressAt = started;
  const property = fc.asyncProperty(hostileCase, async (testCase: HostileCase) => {
    await harness.check(testCase);
    if (performance.now() - progressAt > 10_000) {
      progressAt = performance.now();
      process.stdout.write(`  … ${harness.stats.cases} cases run\n`);
    }
  });
  const details = await fc.check(property, fuzzParameters(seed, runs));
  const seconds = (performance.now() - started) / 1000;
  const { stats } = harness;
  const alive = harness.running.bot.client.isReady();
  await harness.close();

  const lines = [
    `cases      ${details.numRuns} passed of ${runs} planned${details.failed ? ' (stopped at the first failure)' : ''}`,
    `failures   ${details.failed ? 1 : 0}${details.failed ? ` (shrunk ${details.numShrinks} times)` : ''}`,
    `seed       ${seed}`,
    `time       ${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, stats.cases)).toFixed(1)} ms per case, shrinking included)`,
    `exercised  ${stats.cases} cases: ${Object.entries(stats.byKind)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(
        ', ',
      )}; ${stats.interactions} interactions, ${stats.messages} mention messages, ${stats.payloads} requests checked`,
    `outcomes   ${Object.entries(stats.outcomes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([outcome, count]) => `${outcome} ${count}`)
      .join(', ')}`,
    `bot        ${alive ? 'still connected' : 'NOT connected'} at the end`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (details.failed) {
    const counterexample = details.counterexample?.[0];
    process.stdout.write(
      [
        '',
        'counterexample (shrunk):',
        counterexample ? describeCase(counterexample) : '(none)',
        counterexample ? `full JSON: ${JSON.stringify(counterexample)}` : '',
        `replay: npm run fuzz -- --seed ${seed}   (fast-check path ${details.counterexamplePath})`,
        '',
        'failure:',
        String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance),
        '',
      ].join('\n'),
    );
  }
  process.exit(details.failed || !alive ? 1 : 0);
}

void main();
