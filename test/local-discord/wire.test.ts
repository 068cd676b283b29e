import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, validateMessage } from '../../src/local-discord/wire.ts';

const button = (label: string) => ({
  components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'more', label }] }],
});

describe("the local server's message limits", () => {
  it('refuses a button label over 80 characters, naming the field, and takes one of exactly 80', () => {
    expect(validateMessage(button('x'.repeat(DISCORD_LIMITS.buttonLabel)))).toEqual([]);
    expect(validateMessage(button('x'.repeat(DISCORD_LIMITS.buttonLabel + 1)), ['data'])).toEqual([
      {
        path: ['data', 'components', 0, 'components', 0, 'label'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 80 or fewer in length.',
      },
    ]);
  });

  it('counts every embed text toward the 6,000-character total', () => {
    const embed = { title: 't'.repeat(200), description: 'd'.repeat(3800) };
    expect(validateMessage({ embeds: [embed] })).toEqual([]);
    expect(validateMessage({ embeds: [embed, embed] })).toMatchObject([
      { path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED' },
    ]);
  });
});
