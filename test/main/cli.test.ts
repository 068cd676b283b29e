import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/bot.ts';
import { makeCorpus, markdownArticle, tempDir } from '../support/corpus.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the search CLI the way `npm run --silent search -- …` does. */
function search(args: string[], { input, env = {} }: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<Run>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main/search.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: tempDir(), LOG_LEVEL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin?.end(input ?? '');
  });
}

const RESULT_KEYS = [
  'id',
  'articleId',
  'title',
  'paragraph',
  'section',
  'score',
  'text',
  'excerpt',
  'citation',
];

function expectAnswerShape(answer: Record<string, unknown>) {
  expect(Object.keys(answer)).toEqual(['query', 'total', 'results', 'suggestions', 'ms']);
  expect(typeof answer.ms).toBe('number');
  expect(answer.ms).toBeGreaterThanOrEqual(0);
  expect(typeof answer.query).toBe('string');
  expect(typeof answer.total).toBe('number');
  expect(Array.isArray(answer.suggestions)).toBe(true);
  for (const result of answer.results as Record<string, unknown>[]) {
    expect(Object.keys(result)).toEqual(RESULT_KEYS);
    expect(result.section === null || typeof result.section === 'string').toBe(true);
    expect(typeof result.paragraph).toBe('number');
  }
}

describe('the search CLI', () => {
  it('when asked in JSON, prints exactly one answer object on stdout, best first, with full paragraphs', async () => {
    const run = await search(['--json', '--limit', '2', 'armenia']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expectAnswerShape(answer);
    expect(answer.results).toHaveLength(2);
    expect(answer.results[0].score).toBeGreaterThanOrEqual(answer.results[1].score);
    expect(answer.results[0].excerpt).toContain('**Armenia');
    expect(answer.results[0].text).not.toContain('**');
  });

  it('when run for a person, prints excerpts and citations as a reader sees them', async () => {
    const run = await search(['why did Kyrgyzstan cancel the drills?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('**Kyrgyzstan** abruptly **canceled**');
    expect(run.stdout).toContain(
      'Bishkek Balks At Tajikistan Award, ¶8 — RFE/RL (inferred), October 2022 (inferred)',
    );
  });

  it('when reading queries from stdin, prints one JSON line per query, in order, blank lines included', async () => {
    const run = await search(['--json', '--stdin', '--limit', '1'], {
      input: 'armenia\n\nKazakstn drils\nzzzzqqq\n',
    });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((answer) => answer.query)).toEqual(['armenia', '', 'Kazakstn drils', 'zzzzqqq']);
    for (const answer of lines) expectAnswerShape(answer);
    expect(lines[1].results).toEqual([]);
    expect(lines[3]).toMatchObject({ total: 0, results: [] });
  });

  it('when nothing matches, exits 0 with empty results and suggestions', async () => {
    const run = await search(['--json', 'Bshkekk']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 0, results: [], suggestions: ['Bishkek'] });
  });

  it('when asked to complete, prints the choices the bot would offer, and a preview’s value answers with its paragraph first', async () => {
    const run = await search(['--complete', 'why did kyrgyzstan cancel the dri']);
    expect(run.code).toBe(0);
    const completion = JSON.parse(run.stdout);
    expect(Object.keys(completion)).toEqual(['partial', 'choices', 'ms']);
    expect(completion.partial).toBe('why did kyrgyzstan cancel the dri');
    const [first, second] = completion.choices as { name: string; value: string }[];
    expect(first?.name).toMatch(/^¶8 · Kyrgyzstan abruptly canceled CSTO coaching drills/);
    expect(second?.value).toMatch(/^why did kyrgyzstan cancel the dri ¶\d+$/);
    const picked = await search(['--json', second?.value ?? '']);
    const answer = JSON.parse(picked.stdout);
    expectAnswerShape(answer);
    expect(`¶${answer.results[0].paragraph}`).toBe(/¶\d+$/.exec(second?.value ?? '')?.[0]);
  });

  it('when completing from stdin, prints one JSON line per partial query, the empty one included', async () => {
    const run = await search(['--complete', '--stdin'], { input: 'kyrg\n\nzatulin acc\n' });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.partial)).toEqual(['kyrg', '', 'zatulin acc']);
    expect(lines[1].choices.map((choice: { name: string }) => choice.name)).toContain('CSTO');
    expect(lines[2].choices.map((choice: { value: string }) => choice.value)).toContain('zatulin accused');
  });

  it.each([
    [['--complete', '--json', 'kyrg']],
    [['--complete', '--limit', '3', 'kyrg']],
    [[]],
    [['']],
    [['   ']],
    [['--limit', '0', 'armenia']],
    [['--limit', 'many', 'armenia']],
    [['--bogus', 'armenia']],
    [['two', 'queries']],
    [['--stdin', 'armenia']],
    [['--stdin']],
  ])('when the arguments are %j, exits 2 with a usage message and prints nothing on stdout', async (args) => {
    const run = await search(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage:');
  });

  it('when a corpus file is broken, it is reported on stderr and the rest answers', async () => {
    const corpus = makeCorpus({
      'good.md': markdownArticle('G', 'Drills were canceled.'),
      'bad.md': 'no front matter',
    });
    const run = await search(['--json', 'drills'], { env: { CORPUS_DIR: corpus } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).total).toBe(1);
    expect(run.stderr).toContain('bad.md');
  });

  it('when the corpus directory is missing, exits 1 naming it', async () => {
    const run = await search(['armenia'], { env: { CORPUS_DIR: '/nonexistent/corpus' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/nonexistent/corpus');
    expect(run.stdout).toBe('');
  });

  it('when LOG_LEVEL is invalid, exits 2 naming the variable and the allowed values', async () => {
    const run = await search(['armenia'], { env: { LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).toContain('debug');
  });
});

describe("the scripts' command lines", () => {
  const SCRIPTS = [
    ['search', 'src/main/search.ts'],
    ['corpus:check', 'src/main/corpus-check.ts'],
    ['eval', 'scripts/eval.ts'],
    ['migrate-settings', 'src/main/migrate-settings.ts'],
    ['bench', 'bench/engine.ts'],
    ['bench:bot', 'bench/latency.ts'],
    ['bench:load', 'bench/load.ts'],
    ['fuzz', 'scripts/fuzz.ts'],
  ];

  it.each(SCRIPTS)('npm run %s -- --help prints its usage and exits 0', async (_, file) => {
    const run = await runScript(file, {}, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage:\s+npm run/i);
    expect(run.stderr).toBe('');
  });

  it.each(SCRIPTS)(
    'npm run %s -- --bogus says so in one line, then the usage, and exits 2',
    async (name, file) => {
      const run = await runScript(file, {}, ['--bogus']);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`${name}: unknown option --bogus`);
      expect(run.stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/); // no stack trace
    },
  );

  it('npm run bench prints its header once', async () => {
    const run = await runScript('bench/engine.ts', {}, ['--sizes', '50', '--rounds', '1']);
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`.match(/synthetic text \(--text /g)).toHaveLength(1);
  });
});
