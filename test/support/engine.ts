/** An engine over a small corpus a test writes itself, and the paragraph it ranks first. */
import { loadCorpus } from '../../src/corpus/load.ts';
import { type Answer, AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus, markdownArticle } from './corpus.ts';

/**
 * A test's corpus: its files (name → content), or just the paragraphs of one article — `a.md`, titled
 * "A", whose paragraphs are `a#1`, `a#2`, … in the order given.
 */
export type TestCorpus = Readonly<Record<string, string>> | readonly string[];

/** An engine over `corpus`, written to a fresh temporary corpus directory. */
export async function engineOf(corpus: TestCorpus): Promise<AnswerEngine> {
  const files = isParagraphs(corpus) ? { 'a.md': markdownArticle('A', corpus) } : corpus;
  return AnswerEngine.fromCorpus(await loadCorpus(makeCorpus(files)));
}

function isParagraphs(corpus: TestCorpus): corpus is readonly string[] {
  return Array.isArray(corpus);
}

/** The id of an answer's first paragraph. */
export const first = (answer: Answer): string | undefined => answer.results[0]?.id;

/** The id of the paragraph an engine over `corpus` ranks first for `query` (one engine, one question). */
export async function firstFor(corpus: TestCorpus, query: string): Promise<string | undefined> {
  return first((await engineOf(corpus)).answer(query));
}
