/**
 * What a user sees from the scripts' command lines (search, bench, bench:bot, bench:load, fuzz): help,
 * plain messages for bad options, and counted nouns in the right form.
 */
import { describe, expect, it } from 'vitest';
import { heapTrend } from '../../bench/memory-trend.ts';
import { parseCommandLine, UsageError, wholeNumber } from '../../src/cli/args.ts';
import { statusMessage } from '../../src/render/status.ts';
import { renderAnswerText } from '../../src/render/text.ts';
import type { Answer, Hit } from '../../src/search/engine.ts';
import { count } from '../../src/text/count.ts';
import { hitOn } from '../support/hits.ts';

const OPTIONS = { runs: { type: 'string' }, json: { type: 'boolean' } } as const;

/** The message a bad command line gets. */
function refusal(argv: string[], positionals = false): string {
  try {
    parseCommandLine(argv, OPTIONS, { positionals });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('script options', () => {
  it('when --help or -h is given, asks for the usage', () => {
    expect(parseCommandLine(['--help'], OPTIONS).help).toBe(true);
    expect(parseCommandLine(['-h', '--runs', '5'], OPTIONS).help).toBe(true);
    expect(parseCommandLine(['--runs', '5', '--json'], OPTIONS)).toEqual({
      help: false,
      values: { runs: '5', json: true },
      positionals: [],
    });
  });

  it.each([
    [['--bogus'], false, 'unknown option --bogus'],
    [['--bogus', 'armenia'], true, 'unknown option --bogus'],
    [['--runs'], false, '--runs needs a value'],
    [['--json=yes'], false, '--json takes no value'],
    [['armenia'], false, 'unexpected argument armenia'],
  ])('when the arguments are %j, the message is plain: %s', (argv, positionals, message) => {
    const text = refusal(argv, positionals);
    expect(text).toBe(message);
    // Balanced quotes: nothing of Node's parser wording leaks through.
    expect((text.match(/'/g) ?? []).length % 2).toBe(0);
  });

  it('accepts whole numbers in range and names the option otherwise', () => {
    expect(wholeNumber('--runs', '12')).toBe(12);
    expect(() => wholeNumber('--runs', '0')).toThrow('--runs must be a whole number 1 or more, got "0"');
    expect(() => wholeNumber('--limit', '11', 1, 10)).toThrow('--limit must be a whole number from 1 to 10');
    expect(() => wholeNumber('--runs', '1.5')).toThrow(UsageError);
    expect(() => wholeNumber('--runs', 'many')).toThrow(UsageError);
  });
});

describe('counted nouns', () => {
  const hit = hitOn('Drills were canceled.', { highlights: [{ start: 0, end: 6 }] });
  const answer = (total: number, results: Hit[]): Answer => ({
    query: 'drills',
    total,
    results,
    suggestions: [],
  });

  it('the search CLI says "1 paragraph matches" and "2 paragraphs match"', () => {
    expect(renderAnswerText(answer(1, [hit]), 0, false)).toMatch(
      /^1 paragraph matches "drills"; showing 1\.\n/,
    );
    expect(renderAnswerText(answer(2, [hit, hit]), 0, false)).toMatch(
      /^2 paragraphs match "drills"; showing 1–2\.\n/,
    );
  });

  it('the operator status says "1 article"', () => {
    const status = statusMessage({
      version: '0',
      articles: 1,
      paragraphs: 39,
      terms: 1,
      indexMs: 1,
      indexSource: 'built',
      lastReload: null,
      uptimeSeconds: 0,
      pingMs: -1,
      problems: 0,
      engineTimes: {
        answer: { calls: 0, p50Ms: 0, p99Ms: 0 },
        autocomplete: { calls: 0, p50Ms: 0, p99Ms: 0 },
      },
    });
    expect(JSON.stringify(status)).toContain('**Corpus:** 1 article, 39 paragraphs, 1 term');
  });

  it('count puts the noun in the right form', () => {
    expect([0, 1, 2].map((n) => count(n, 'match', 'matches'))).toEqual(['0 matches', '1 match', '2 matches']);
  });
});

describe("bench:load's memory verdict", () => {
  /** Heap samples every 1,000 interactions: `base` + `perInteraction` × done + a fixed wobble, in bytes. */
  const samples = (perInteraction: number, wobble: number[]) =>
    wobble.map((noise, i) => ({ done: i * 1000, heapUsed: 30e6 + perInteraction * i * 1000 + noise }));
  const WOBBLE = [0, 180e3, -120e3, 90e3, -200e3, 150e3, -60e3, 110e3, -170e3, 40e3, -30e3];

  it('a flat heap with noise is bounded, whichever sample is high', () => {
    expect(heapTrend(samples(0, WOBBLE), 256).verdict).toBe('bounded');
    expect(heapTrend(samples(0, [...WOBBLE].reverse()), 256).verdict).toBe('bounded');
  });

  it('a heap that grows with every interaction is GROWING, however it wobbles', () => {
    const trend = heapTrend(samples(2048, WOBBLE), 256);
    expect(trend.verdict).toBe('GROWING');
    expect(trend.bytesPerInteraction).toBeGreaterThan(1800);
    expect(trend.bytesPerInteraction).toBeLessThan(2300);
  });

  it('when the noise is too large to tell, it says so instead of guessing', () => {
    const loud = WOBBLE.slice(0, 4).map((noise) => noise * 20);
    expect(heapTrend(samples(256, loud), 256).verdict).toBe('inconclusive');
  });
});
