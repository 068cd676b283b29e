import { describe, expect, it } from 'vitest';
import { renderAnswerText } from '../../src/render/text.ts';
import type { Answer } from '../../src/search/engine.ts';
import { hitOn } from '../support/hits.ts';

const text = 'Use *stars* and [brackets]: drills were canceled. More follows here.';
const drills = text.indexOf('drills');
const hit = hitOn(text, {
  highlights: [{ start: drills, end: drills + 'drills'.length }],
  excerpt: { start: 0, end: text.indexOf(' More'), cutBefore: false, cutAfter: true },
});
const answer: Answer = { query: 'drills', total: 1, results: [hit], suggestions: [] };

describe('an answer as terminal text', () => {
  it('when the output is a terminal, highlights are terminal bold and nothing is escaped', () => {
    expect(renderAnswerText(answer, 0, true)).toContain(
      '1. Use *stars* and [brackets]: \u001b[1mdrills\u001b[22m were canceled.…\n   — A, ¶1  [a#1]',
    );
  });

  it('when the output is a file or a pipe, highlights are marked with ** and nothing is escaped', () => {
    expect(renderAnswerText(answer, 0, false)).toContain(
      '1. Use *stars* and [brackets]: **drills** were canceled.…\n',
    );
  });
});
