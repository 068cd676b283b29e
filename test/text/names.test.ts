import { describe, expect, it } from 'vitest';
import { namesIn } from '../../src/text/names.ts';

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
