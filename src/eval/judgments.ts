/**
 * The judged-queries file of the evaluation: JSON Lines, one judged query per line.
 *
 *   {"query": "who asked the csto for troops", "kind": "question", "answers": ["formally asked the Collective"]}
 *
 * `answers` are verbatim substrings of the paragraphs that answer the query: any paragraph that
 * contains one of them is relevant (grade 2). `partial` (optional) names paragraphs that help
 * without answering (grade 1; they only count in nDCG). `scope: "seed"` flags a query whose
 * answers are all in the shipped article. Blank lines and lines starting with `#` are skipped.
 * README.md ("Evaluation") documents the format for corpus editors.
 */
import { z } from 'zod';

export const KINDS = [
  'keywords',
  'question',
  'name',
  'number',
  'misspelling',
  'vocabulary',
  'cross-article',
  'cyrillic',
] as const;
export type Kind = (typeof KINDS)[number];

export const SEED_SCOPE = 'seed';

const Line = z
  .object({
    query: z.string().trim().min(1, 'must not be empty'),
    kind: z.enum(KINDS),
    answers: z.array(z.string().min(1, 'must not be empty')).min(1, 'needs at least one substring'),
    partial: z.array(z.string().min(1, 'must not be empty')).optional(),
    scope: z.literal(SEED_SCOPE).optional(),
    note: z.string().optional(),
  })
  .strict();

export interface Judgment {
  /** 1-based line of the judgments file, for messages about this judgment. */
  line: number;
  query: string;
  kind: Kind;
  answers: string[];
  partial: string[];
  scope: typeof SEED_SCOPE | null;
}

/** A judgments file that cannot be used as a whole; the message names the file and line. */
export class JudgmentFileError extends Error {
  override name = 'JudgmentFileError';
}

/** Parses a judgments file's text; the first bad line throws, with its number and the reason. */
export function parseJudgments(text: string, file = 'judgments'): Judgment[] {
  const judgments: Judgment[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new JudgmentFileError(`${file}:${line}: not JSON (${(error as Error).message})`);
    }
    const parsed = Line.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `"${issue.path.join('.')}" ` : '';
      throw new JudgmentFileError(`${file}:${line}: ${where}${issue?.message ?? 'invalid'}`);
    }
    const key = parsed.data.query.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new JudgmentFileError(`${file}:${line}: the query is already judged on line ${earlier}`);
    seen.set(key, line);
    const { query, kind, answers, partial = [], scope = null } = parsed.data;
    judgments.push({ line, query, kind, answers, partial, scope });
  });
  if (judgments.length === 0) throw new JudgmentFileError(`${file}: no judged queries`);
  return judgments;
}
