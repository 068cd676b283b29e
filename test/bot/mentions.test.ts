/** The question a mention carries, as a pure function of the message text (src/bot/mentions.ts). */
import { describe, expect, it } from 'vitest';
import { questionOf } from '../../src/bot/mentions.ts';

const BOT = '190000000000000001';

describe('questionOf', () => {
  it('drops the bot mention and the punctuation a reader types after it', () => {
    expect(questionOf(`<@${BOT}> why did Kyrgyzstan cancel the drills?`, BOT)).toBe(
      'why did Kyrgyzstan cancel the drills?',
    );
    expect(questionOf(`<@${BOT}>, armenia`, BOT)).toBe('armenia');
    expect(questionOf(`<@!${BOT}>: csto`, BOT)).toBe('csto');
  });

  it('drops the mention wherever it stands, and every copy of it', () => {
    expect(questionOf(`armenia <@${BOT}> csto <@${BOT}>`, BOT)).toBe('armenia   csto');
  });

  it("keeps other people's mentions and other numbers: only the bot's own id is removed", () => {
    expect(questionOf(`<@${BOT}> what did <@200000000000000101> say`, BOT)).toBe(
      'what did <@200000000000000101> say',
    );
    expect(questionOf(`<@1${BOT}> armenia`, BOT)).toBe(`<@1${BOT}> armenia`);
  });

  it('leaves nothing when the message is only the mention', () => {
    expect(questionOf(`<@${BOT}>`, BOT)).toBe('');
  });
});
