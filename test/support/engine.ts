/** An engine over a small corpus a test writes itself. */
import { loadCorpus } from '../../src/corpus/load.ts';
import { type Answer, AnswerEngine } from '../../src/search/engine.ts';
import { makeCorpus } from './corpus.ts';

/** An engine over `files` (name → content), written to a fresh temporary corpus directory. */
export async function engineOf(files: Record<string, string>): Promise<AnswerEngine> {
  return AnswerEngine.fromCorpus(await loadCorpus(makeCorpus(files)));
}

/** The id of an answer's first paragraph. */
export const first = (answer: Answer): string | undefined => answer.results[0]?.id;
