import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvalRun, runEvaluation, type Scores } from '../../src/eval/run.ts';

/** The floors live in one file so that whoever improves ranking raises them there. */
const floors: Record<
  'overall' | 'shippedSeed' | 'cyrillic',
  Pick<Scores, 'hit1' | 'hit3' | 'mrr'>
> = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'eval', 'floors.json'), 'utf8'));

let run: EvalRun;
beforeAll(async () => {
  run = await runEvaluation();
});

describe('answer quality on the judged evaluation (a regression guard: floors in test/fixtures/eval/floors.json)', () => {
  it.each(['hit1', 'hit3', 'mrr'] as const)(
    'over every judged query on the fixture corpus, %s stays at or above its floor',
    (metric) => {
      expect(run.main.overall[metric], `overall ${metric}`).toBeGreaterThanOrEqual(floors.overall[metric]);
    },
  );

  it.each(['hit1', 'hit3', 'mrr'] as const)(
    'on the shipped article alone, the seed queries’ %s stays at or above its floor',
    (metric) => {
      expect(run.shipped, 'the seed queries ran on the shipped corpus').not.toBeNull();
      expect(run.shipped?.overall[metric], `shipped seed ${metric}`).toBeGreaterThanOrEqual(
        floors.shippedSeed[metric],
      );
    },
  );

  it.each(['hit1', 'hit3', 'mrr'] as const)(
    'over the queries typed in Russian (kind "cyrillic"), %s stays at or above its floor',
    (metric) => {
      expect(run.main.byKind.cyrillic?.[metric], `cyrillic ${metric}`).toBeGreaterThanOrEqual(
        floors.cyrillic[metric],
      );
    },
  );
});
