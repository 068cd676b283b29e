import { describe, expect, it } from 'vitest';
import { completionChoices } from '../../src/render/choices.ts';
import { LIMITS } from '../../src/render/limits.ts';
import type { Completion } from '../../src/search/engine.ts';

const longParagraph = `Kyrgyzstan abruptly canceled the drills ${'that were planned for the autumn '.repeat(20)}in Osh.`;

describe('autocomplete choices for Discord', () => {
  it('when the engine suggests more than Discord shows, only the first 25 become choices', () => {
    const suggestions: Completion[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'query',
      text: `drills ${i}`,
    }));
    const choices = completionChoices(suggestions);
    expect(choices).toHaveLength(LIMITS.choices);
    expect(choices[0]).toEqual({ name: 'drills 0', value: 'drills 0' });
  });

  it('when a preview’s paragraph is long, its name is cut at a word with an ellipsis and its value keeps the reference', () => {
    const [choice] = completionChoices([
      {
        kind: 'answer',
        query: 'kyrgyzstan drills',
        reference: '¶8',
        paragraph: 8,
        title: null,
        snippet: longParagraph,
      },
    ]);
    expect(choice?.name.length).toBeLessThanOrEqual(LIMITS.choiceText);
    expect(choice?.name).toMatch(/^¶8 · Kyrgyzstan abruptly canceled the drills that .* \p{L}+…$/u);
    expect(choice?.value).toBe('kyrgyzstan drills ¶8');
  });

  it('when the corpus has several articles, a preview names its article by a short label', () => {
    const [choice] = completionChoices([
      {
        kind: 'answer',
        query: 'drills',
        reference: '¶8:k3x9ab',
        paragraph: 8,
        title: 'Bishkek Balks: the CSTO loses a drill',
        snippet: 'The drills were canceled.',
      },
    ]);
    expect(choice).toEqual({
      name: 'Bishkek Balks ¶8 · The drills were canceled.',
      value: 'drills ¶8:k3x9ab',
    });
  });
});
