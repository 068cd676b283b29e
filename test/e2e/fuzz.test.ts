/**
 * Hostile input, property-based (fixed seed, a few hundred cases): arbitrary text as queries, autocomplete
 * input, mention messages, display names and option values, through the real bot and the local
 * Discord-protocol server. Every payload must fit Discord's limits and ping nobody but the `mention` target;
 * every interaction gets exactly one callback; nothing is logged as failed. The long run is `npm run fuzz`;
 * both use the inputs, judge and harness in test/support/hostile/ (the judge's own tests:
 * test/support/hostile/judge.test.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostileHarness } from '../support/hostile/harness.ts';
import { fuzzParameters, type HostileCase, hostileCase } from '../support/hostile/inputs.ts';

/** Fixed, so `npm test` is reproducible; `npm run fuzz -- --seed N` explores others. */
const SEED = 20_240_601;
const RUNS = 300;

let harness: HostileHarness;

beforeAll(async () => {
  harness = await HostileHarness.start();
});

afterAll(async () => {
  await harness?.close();
});

describe('hostile input through the real bot', () => {
  it(`${RUNS} fixed-seed cases: every payload fits Discord's limits and pings nobody unasked; one callback each`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileCase, (testCase: HostileCase) => harness.check(testCase)),
      fuzzParameters(SEED, RUNS),
    );
    const { stats } = harness;
    expect(stats.cases).toBeGreaterThanOrEqual(RUNS);
    for (const kind of ['ask', 'autocomplete', 'mention', 'config', 'corpus'] as const) {
      expect(stats.byKind[kind]).toBeGreaterThan(0);
    }
    // Both languages: Russian footers, buttons and notices must fit the same limits as English ones.
    expect(stats.byLanguage.en).toBeGreaterThan(0);
    expect(stats.byLanguage.ru).toBeGreaterThan(0);
    expect(harness.running.bot.client.isReady()).toBe(true);
  }, 55_000);
});
