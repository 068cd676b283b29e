/**
 * Hostile input, property-based (fixed seed, a few hundred cases): arbitrary text as queries, autocomplete
 * input, mention messages, display names and option values, through the real bot and the local
 * Discord-protocol server. Every payload must fit Discord's limits and ping nobody but the `mention` target;
 * every interaction gets exactly one callback; nothing is logged as failed. The long run is `npm run fuzz`;
 * both use the properties in test/support/hostile.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOT,
  checkChoices,
  checkMessagePayload,
  fuzzParameters,
  type HostileCase,
  HostileHarness,
  hostileCase,
} from '../support/hostile.ts';

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

describe('the payload checks themselves', () => {
  it('flag an over-long content, a raw @everyone, a ping nobody asked for and a missing allowed_mentions', () => {
    const problems = checkMessagePayload(
      { content: `@everyone <@${BOT.id}> ${'x'.repeat(2000)}`, allowed_mentions: { parse: ['users'] } },
      { wellFormedInput: true, creates: true },
    );
    expect(problems.join('\n')).toMatch(/content is 20\d\d long/);
    expect(problems.join('\n')).toContain('raw @everyone');
    expect(problems.join('\n')).toContain(`would ping ${BOT.id}`);
    expect(checkMessagePayload({ content: 'x' }, { wellFormedInput: true })).toContain(
      'no allowed_mentions: Discord would parse every mention',
    );
  });

  it('flag choices out of 1–100 characters and half an emoji cut by the bot', () => {
    const problems = checkChoices(
      {
        choices: [
          { name: '', value: 'a' },
          { name: 'x'.repeat(101), value: 'b' },
          { name: 'ok\ud83d', value: 'c' },
        ],
      },
      { wellFormedInput: true },
    );
    expect(problems).toHaveLength(3);
  });

  it('accept a real answer that pings only the mention target', () => {
    const payload = {
      content: '<@200000000000000103> see this',
      embeds: [{ title: 't', description: 'd' }],
      allowed_mentions: { parse: [], users: ['200000000000000103'], roles: [], replied_user: false },
    };
    expect(
      checkMessagePayload(payload, { wellFormedInput: true, creates: true, mayPing: '200000000000000103' }),
    ).toEqual([]);
  });
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
