import { describe, expect, it } from 'vitest';
import { PostingsBuilder, packPostings, type TermPostings, termPostings } from '../../src/search/postings.ts';

/** What MiniSearch's own maps hold for the same paragraphs: term → field → paragraph → count. */
function mapsOf(paragraphs: readonly (readonly string[])[][]): Map<string, TermPostings> {
  const terms = new Map<string, TermPostings>();
  paragraphs.forEach((fields, doc) => {
    fields.forEach((words, field) => {
      for (const word of words) {
        const byField = terms.get(word) ?? new Map();
        terms.set(word, byField);
        const list = (byField.get(field) ?? new Map()) as Map<number, number>;
        byField.set(field, list);
        list.set(doc, (list.get(doc) ?? 0) + 1);
      }
    });
  });
  return terms;
}

const asObject = (postings: TermPostings) =>
  [...postings].map(([field, list]) => [field, [...list]] as const);

// Paragraphs of two fields (text, aliases), as analysed terms.
const PARAGRAPHS = [
  [['armenia', 'ask', 'help', 'armenia'], ['csto']],
  [['drill', 'cancel'], []],
  [['help', 'armenia', 'drill', 'drill', 'drill'], ['armenia']],
  [[], ['csto', 'help']],
];

function built() {
  const builder = new PostingsBuilder(2);
  const distinct = PARAGRAPHS.flatMap((fields, doc) =>
    fields.map((words, field) => builder.add(doc, field, words)),
  );
  return { ...builder.finish(), distinct };
}

describe('compact posting lists', () => {
  it('hold, term by term and field by field, exactly what MiniSearch’s maps would, in the same order', () => {
    const { terms, packed } = built();
    const expected = mapsOf(PARAGRAPHS);
    expect(terms).toEqual([...expected.keys()]);
    terms.forEach((term, at) => {
      expect(asObject(termPostings(packed, at))).toEqual(asObject(expected.get(term) as TermPostings));
    });
  });

  it('report each field’s number of distinct terms, MiniSearch’s field length', () => {
    expect(built().distinct).toEqual([3, 1, 2, 0, 3, 1, 0, 2]);
  });

  it('answer get, has and size like a map, for paragraphs present and absent', () => {
    const { terms, packed } = built();
    const armenia = termPostings(packed, terms.indexOf('armenia'));
    const text = armenia.get(0);
    expect(text?.size).toBe(2);
    expect(text?.get(0)).toBe(2);
    expect(text?.get(2)).toBe(1);
    expect(text?.get(1)).toBeUndefined();
    expect(text?.has(2)).toBe(true);
    expect(text?.has(3)).toBe(false);
    expect([...(text?.keys() ?? [])]).toEqual([0, 2]);
    // `get` right after `keys()` handed out a paragraph, as MiniSearch's scoring does.
    const seen = [...(text?.keys() ?? [])].map((doc) => text?.get(doc));
    expect(seen).toEqual([2, 1]);
    expect(armenia.get(1)?.get(2)).toBe(1);
  });

  it('become a real map on the first change (a live update), leaving the other lists as they were', () => {
    const { terms, packed } = built();
    const help = termPostings(packed, terms.indexOf('help')).get(0);
    help?.set(1, 4);
    help?.delete(0);
    expect([...(help ?? [])]).toEqual([
      [2, 1],
      [1, 4],
    ]);
    expect(help?.size).toBe(2);
    // The shared arrays are untouched: a fresh view of the same term still reads the built postings.
    expect([...(termPostings(packed, terms.indexOf('help')).get(0) ?? [])]).toEqual([
      [0, 1],
      [2, 1],
    ]);
  });

  it('pack and unpack to the same postings, whether they were compact lists or maps', () => {
    const { terms, packed } = built();
    const fromLists = packPostings(terms.map((_, at) => termPostings(packed, at)));
    const expected = mapsOf(PARAGRAPHS);
    const fromMaps = packPostings([...expected.values()]);
    for (const again of [fromLists, fromMaps]) {
      terms.forEach((term, at) => {
        expect(asObject(termPostings(again, at))).toEqual(asObject(expected.get(term) as TermPostings));
      });
    }
  });

  it('keep frequencies above 65,535 exact', () => {
    const builder = new PostingsBuilder(1);
    builder.add(
      0,
      0,
      Array.from({ length: 70_000 }, () => 'again'),
    );
    const { packed } = builder.finish();
    expect(termPostings(packed, 0).get(0)?.get(0)).toBe(70_000);
  });
});
