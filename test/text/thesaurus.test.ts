/**
 * The news-English thesaurus (src/text/thesaurus.ts): which words a query word may also be
 * matched by, in which direction, and — on a small corpus written for this test — how much a
 * synonym counts next to the word the reader typed.
 */
import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/search/query.ts';
import { wordTerms } from '../../src/text/terms.ts';
import { synonymStems } from '../../src/text/thesaurus.ts';
import { markdownArticle } from '../support/corpus.ts';
import { engineOf, first, firstFor } from '../support/engine.ts';

/** The synonyms of a word as written, by stem. */
const synonymsOf = (word: string) => synonymStems(wordTerms(word)[0] as string);
const stem = (word: string) => wordTerms(word)[0];

describe('synonymStems', () => {
  it("gives a reader's everyday word the words news reports use for it", () => {
    expect(synonymsOf('start')).toEqual(expect.arrayContaining(['begin', 'erupt', 'outbreak'].map(stem)));
    expect(synonymsOf('help')).toEqual(expect.arrayContaining(['aid', 'assistance'].map(stem)));
    expect(synonymsOf('angry')).toEqual(
      expect.arrayContaining(['frustration', 'resentment', 'irritation'].map(stem)),
    );
    expect(synonymsOf('refuse')).toEqual(expect.arrayContaining(['decline', 'reject'].map(stem)));
    expect(synonymsOf('headquarters')).toContain(stem('secretariat'));
  });

  it('joins words of one meaning both ways', () => {
    expect(synonymsOf('quit')).toContain(stem('withdraw'));
    expect(synonymsOf('withdraw')).toContain(stem('quit'));
    expect(synonymsOf('aid')).toContain(stem('help'));
  });

  it('expands a general word to its kinds, never a kind to the general word', () => {
    expect(synonymsOf('attack')).toContain(stem('shelling'));
    expect(synonymsOf('shelling')).not.toContain(stem('attack'));
    expect(synonymsOf('money')).toContain(stem('remittances'));
    expect(synonymsOf('remittances')).not.toContain(stem('money'));
  });

  it('leaves alone the words it does not know, and the lightest words that would match anything', () => {
    for (const word of ['kazakhstan', 'pebble', 'people', 'get', 'new']) expect(synonymsOf(word)).toEqual([]);
  });

  it('never lists a word as its own synonym', () => {
    for (const word of ['start', 'attack', 'help', 'country'])
      expect(synonymsOf(word)).not.toContain(stem(word));
  });
});

describe('queryTerms', () => {
  it("carries each word's synonyms apart from the word and its family", () => {
    const [fighting, start] = queryTerms('fighting start ');
    expect(start?.term).toBe(stem('start'));
    expect(start?.synonyms).toContain(stem('erupt'));
    expect(start?.synonyms).not.toContain(start?.term);
    expect(fighting?.synonyms).toContain(stem('clash'));
  });

  it('does not expand a word capitalised inside a name: "Security Council" is not a "safety council"', () => {
    const [, security] = queryTerms('UN Security Council ');
    expect(security?.term).toBe(stem('security'));
    expect(security?.synonyms).toEqual([]);
    expect(queryTerms('security council ')[0]?.synonyms).toContain(stem('safety'));
    expect(queryTerms('Security council ')[0]?.synonyms).toContain(stem('safety'));
  });
});

describe('synonyms in ranking', () => {
  const corpus = {
    'a.md': markdownArticle('Frontier', [
      // 1: says the question's thing in the reporter's word only.
      'Fighting erupted along the northern frontier on a Tuesday morning, and by evening both sides had moved artillery up to the ridge above the river.',
      // 2: the question's other words, densely, with a date, and nothing about a start.
      'Fighting on the northern frontier in May 2021.',
    ]),
  };

  it('a paragraph that says "erupted" answers "when did the frontier fighting start"', async () => {
    expect(await firstFor(corpus, 'when did the frontier fighting start')).toBe('a#1');
  });

  it('the word the reader typed still beats its synonym', async () => {
    const files = {
      'a.md': markdownArticle('Frontier', [
        'Fighting erupted along the northern frontier on a Tuesday morning, and by evening both sides had moved artillery up to the ridge above the river.',
        'Fighting started along the northern frontier on a Tuesday morning, and by evening both sides had moved artillery up to the ridge above the river.',
      ]),
    };
    expect(await firstFor(files, 'when did the frontier fighting start')).toBe('a#2');
  });

  it('a kind does not reach the general word: "shelling" finds nothing in a paragraph about an attack', async () => {
    const engine = await engineOf({
      'a.md': markdownArticle('Attack', 'The attack on the depot came at dawn and lasted an hour.'),
    });
    expect(engine.answer('shelling').results).toEqual([]);
    expect(first(engine.answer('attack'))).toBe('a#1');
  });
});
