import { describe, expect, it } from 'vitest';
import { mostWrittenAbout, namesIn } from '../../src/text/names.ts';

describe('the names a paragraph writes', () => {
  it('reads a run of capitalised words as one name', () => {
    expect(namesIn('Envoys of the Collective Security Treaty Organization met in Yerevan.')).toEqual([
      'Collective Security Treaty Organization',
      'Yerevan',
    ]);
  });

  it('lets `of` join two capitalised words, never end a name', () => {
    expect(namesIn('A note came from the Ministry of Defence of Armenia.')).toEqual([
      'Ministry of Defence of Armenia',
    ]);
    expect(namesIn('He spoke of Moscow and of Minsk.')).toEqual(['Moscow', 'Minsk']);
  });

  it('leaves out a title and what stands before it', () => {
    expect(
      namesIn(
        'The talks were led by Deputy Prime Minister Edil Baisalov and Russian President Vladimir Putin.',
      ),
    ).toEqual(['Edil Baisalov', 'Vladimir Putin']);
  });

  it('does not read the first capital of a sentence or a quotation as a name', () => {
    expect(namesIn('"Not now," Pashinyan said; "Moscow knows."')).toEqual(['Pashinyan']);
    expect(namesIn('However Bishkek refused. “Officials in Dushanbe were told,” she said.')).toEqual([
      'Bishkek',
      'Dushanbe',
    ]);
  });

  it('reads a capital after a semicolon, a dash or a bracket as a name, and a name after an abbreviated title', () => {
    expect(
      namesIn('the Collective Security Treaty Organization (CSTO) met; Belarus abstained — Armenia too'),
    ).toEqual(['Collective Security Treaty Organization', 'CSTO', 'Belarus', 'Armenia']);
    expect(namesIn('talks between Mr. Pashinyan and Dr. Aliyev')).toEqual(['Pashinyan', 'Aliyev']);
  });

  it('keeps a name written with a slash whole', () => {
    expect(namesIn('as the analyst told RFE/RL on Monday')).toEqual(['RFE/RL']);
  });

  it('ends a name at punctuation and at a possessive', () => {
    expect(namesIn('the fighting in Batken, Vorukh and Kyrgyzstan’s Sadyr Zhaparov')).toEqual([
      'Batken',
      'Vorukh',
      'Kyrgyzstan',
      'Sadyr Zhaparov',
    ]);
  });

  it('does not offer a month, a people’s word, a describing compound or a function word alone', () => {
    expect(
      namesIn('In the autumn, on a day in September, Tajik and Moscow-led forces and The bloc met'),
    ).toEqual([]);
  });

  it('reads no name in a run of headline capitals longer than any name', () => {
    expect(namesIn('a story headed Why The Bloc Has Had Its Worst Year Ever here')).toEqual([]);
  });
});

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
