import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JudgmentFileError, parseJudgments } from '../../src/eval/judgments.ts';
import { firstAnswerRank, hitAt, ndcgAt, percentile, reciprocalRank } from '../../src/eval/metrics.ts';
import { EvaluationError, evaluate, openEngine } from '../../src/eval/run.ts';
import { runScript } from '../support/bot.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';

describe('ranking metrics, against values worked out by hand', () => {
  it('hit@k and the reciprocal rank follow the first answering paragraph', () => {
    const rank = firstAnswerRank([0, 1, 2, 2]);
    expect(rank).toBe(3);
    expect(hitAt(rank, 1)).toBe(0);
    expect(hitAt(rank, 3)).toBe(1);
    expect(reciprocalRank(rank)).toBeCloseTo(1 / 3);
    // A paragraph that only helps (grade 1) is not an answer.
    expect(firstAnswerRank([1, 1, 0])).toBeNull();
    expect(hitAt(null, 3)).toBe(0);
    expect(reciprocalRank(null)).toBe(0);
  });

  it('nDCG@3 divides the gains discounted by log2(rank + 1) by the best possible order', () => {
    // DCG = 0/1 + 2/log2(3) + 0/2 = 1.2619; ideal [2, 1] = 2/1 + 1/log2(3) = 2.6309.
    expect(ndcgAt([0, 2, 0, 1], [2, 1], 3)).toBeCloseTo(1.2619 / 2.6309, 4);
    expect(ndcgAt([2, 1], [1, 2], 3)).toBeCloseTo(1);
    // Only the first three count: an answer in fourth place earns nothing.
    expect(ndcgAt([0, 0, 0, 2], [2], 3)).toBe(0);
    expect(ndcgAt([0, 0], [], 3)).toBe(0);
  });

  it('percentiles use the nearest rank', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 99)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('the judgments file', () => {
  it('reads one judged query per line, skipping blank and # lines', () => {
    const text = [
      '# seed questions',
      '{"query": "who asked for troops", "kind": "question", "answers": ["asked the"], "scope": "seed"}',
      '',
      '{"query": "csto 2002", "kind": "number", "answers": ["in 2002"], "partial": ["1992"]}',
    ].join('\n');
    expect(parseJudgments(text)).toEqual([
      {
        line: 2,
        query: 'who asked for troops',
        kind: 'question',
        answers: ['asked the'],
        partial: [],
        scope: 'seed',
      },
      { line: 4, query: 'csto 2002', kind: 'number', answers: ['in 2002'], partial: ['1992'], scope: null },
    ]);
  });

  it.each([
    ['{"query": "x", "kind": "question", "answers": ["a"]', 'not JSON'],
    ['{"query": "x", "kind": "guess", "answers": ["a"]}', '"kind"'],
    ['{"query": "x", "kind": "name", "answers": []}', 'needs at least one substring'],
    ['{"query": "  ", "kind": "name", "answers": ["a"]}', 'must not be empty'],
    ['{"query": "x", "kind": "name", "answer": ["a"]}', 'answer'],
    ['{"query": "x", "kind": "name", "answers": ["a"], "scope": "all"}', '"scope"'],
  ])('a bad line (%s) is reported with its line number and the reason', (bad, reason) => {
    const text = `{"query": "fine", "kind": "name", "answers": ["a"]}\n${bad}\n`;
    expect(() => parseJudgments(text, 'j.jsonl')).toThrow(JudgmentFileError);
    expect(() => parseJudgments(text, 'j.jsonl')).toThrow(new RegExp(`^j\\.jsonl:2: .*${reason}`));
  });

  it('a query judged twice, or a file without queries, is refused', () => {
    const twice =
      '{"query": "Armenia", "kind": "name", "answers": ["a"]}\n{"query": "armenia", "kind": "name", "answers": ["b"]}';
    expect(() => parseJudgments(twice, 'j')).toThrow('j:2: the query is already judged on line 1');
    expect(() => parseJudgments('# nothing\n\n', 'j')).toThrow('j: no judged queries');
  });
});

describe('scoring an engine on judged queries', () => {
  const corpus = () =>
    makeCorpus({
      'drills.md': markdownArticle(
        'Drills',
        'Kyrgyzstan cancelled the drills in October.\n\nThe drills were planned for a week.',
      ),
      'troops.md': markdownArticle('Troops', 'About two thousand troops were sent to Kazakhstan.'),
    });

  it('scores each query by where its answering paragraph ranked, overall and per kind', async () => {
    const engine = await openEngine([corpus()]);
    const judgments = parseJudgments(
      [
        '{"query": "kyrgyzstan cancelled drills", "kind": "keywords", "answers": ["Kyrgyzstan cancelled"]}',
        '{"query": "troops sent kazakhstan", "kind": "question", "answers": ["two thousand troops"]}',
        '{"query": "drills planned", "kind": "question", "answers": ["planned for a week"], "partial": ["cancelled the drills"]}',
        '{"query": "zebra", "kind": "name", "answers": ["were sent"]}',
      ].join('\n'),
    );
    const report = evaluate(engine, judgments, { corpus: ['c'], judgments: 'j' });
    expect(report.outcomes.map((outcome) => outcome.rank)).toEqual([1, 1, 1, null]);
    expect(report.overall).toMatchObject({ queries: 4, hit1: 0.75, hit3: 0.75, mrr: 0.75 });
    expect(report.byKind.question).toMatchObject({ queries: 2, hit1: 1 });
    expect(report.byKind.name).toMatchObject({ queries: 1, hit1: 0, mrr: 0, ndcg3: 0 });
    expect(report.outcomes[3]?.first).toBeNull();
    expect(report.outcomes[1]?.answeredBy).toEqual(['troops#1']);
    expect(report.seedScope).toBeNull();
  });

  it('a judged substring found in no paragraph is an error naming its line, not a silent miss', async () => {
    const engine = await openEngine([corpus()]);
    const judgments = parseJudgments(
      '\n{"query": "drills", "kind": "keywords", "answers": ["cancelled drills"]}',
    );
    expect(() => evaluate(engine, judgments, { corpus: ['c'], judgments: 'j.jsonl' })).toThrow(
      'j.jsonl:2: "cancelled drills" is in no paragraph of the corpus',
    );
  });

  it('merges several corpus directories, and refuses a file name found in two of them', async () => {
    const other = makeCorpus({ 'more.md': markdownArticle('More', 'Armenia asked for help.') });
    expect((await openEngine([corpus(), other])).stats.articles).toBe(3);
    await expect(openEngine([corpus(), corpus()])).rejects.toThrow(/drills\.md is in both/);
    await expect(openEngine([join(tempDir(), 'missing')])).rejects.toThrow(EvaluationError);
  });
});

const evalScript = (args: string[]) => runScript('scripts/eval.ts', {}, args);

describe('npm run eval', () => {
  it('runs another corpus with its own judged file and prints machine-readable scores', async () => {
    const dir = makeCorpus({ 'a.md': markdownArticle('A', 'Tokayev asked the alliance for troops.') });
    const judgments = join(tempDir(), 'j.jsonl');
    writeFileSync(
      judgments,
      '{"query": "who asked for troops", "kind": "question", "answers": ["Tokayev asked"]}\n',
    );
    const run = await evalScript(['--json', '--corpus', dir, '--judgments', judgments]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.overall).toMatchObject({ queries: 1, hit1: 1, hit3: 1, mrr: 1, ndcg3: 1 });
    expect(report.outcomes[0]).toMatchObject({ line: 1, rank: 1, first: { id: 'a#1' } });
    expect(report.shipped).toBeNull();
  });

  it('a bad judgment line is reported with its line number and exit 1; bad arguments exit 2', async () => {
    const judgments = join(tempDir(), 'j.jsonl');
    writeFileSync(judgments, '{"query": "ok", "kind": "name", "answers": ["a"]}\n{"query": "x"}\n');
    const bad = await evalScript(['--judgments', judgments]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${judgments}:2: "kind"`);
    const usage = await evalScript(['--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage:');
  });
});
