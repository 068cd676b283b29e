import { describe, expect, it } from 'vitest';
import { mostWrittenAbout } from '../../src/search/listed.ts';
import { namesIn } from '../../src/text/names.ts';

describe('the names most written about', () => {
  it('orders names by the paragraphs naming them, then alphabetically', () => {
    const counts = new Map([
      ['Yerevan', 2],
      ['Moscow', 5],
      ['Astana', 2],
    ]);
    expect(mostWrittenAbout(counts, 2)).toEqual(['Moscow', 'Astana']);
  });

  it('counts a surname alone with the full name it ends, and offers the full name', () => {
    const counts = new Map([
      ['Pashinyan', 4],
      ['Nikol Pashinyan', 1],
      ['Moscow', 3],
      ['Putin', 2],
    ]);
    expect(mostWrittenAbout(counts, 3)).toEqual(['Nikol Pashinyan', 'Moscow', 'Putin']);
  });

  it('gives a name several longer names end to the most counted of the longest ones', () => {
    const counts = new Map([
      ['Petrov', 2],
      ['Ivan Petrov', 1],
      ['Anna Petrov', 4],
      ['Treaty Organization', 1],
      ['Security Treaty Organization', 5],
      ['Collective Security Treaty Organization', 1],
    ]);
    expect(mostWrittenAbout(counts, 5)).toEqual([
      'Collective Security Treaty Organization',
      'Anna Petrov',
      'Ivan Petrov',
    ]);
  });

  it('counts what is left of a name that started a sentence with the whole name, never offering it', () => {
    const paragraphs = [
      'Collective Security Treaty Organization troops left Almaty in January.',
      'Envoys of the Collective Security Treaty Organization met in Almaty.',
      'Nikol Pashinyan spoke first.',
    ];
    const counts = new Map<string, number>();
    for (const name of paragraphs.flatMap((paragraph) => namesIn(paragraph)))
      counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(counts.get('Security Treaty Organization')).toBe(1);
    expect(mostWrittenAbout(counts, 5)).toEqual([
      'Almaty',
      'Collective Security Treaty Organization',
      'Pashinyan',
    ]);
  });
});
