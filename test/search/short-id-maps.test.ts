/**
 * MiniSearch's per-paragraph maps as views of the cache's arrays (`short-id-maps.ts`): each must
 * answer every `Map` method exactly as the map MiniSearch would have made, and an index loaded
 * from the cache must hold the same per-paragraph entries as the index that was saved.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { packIndex, unpackIndex } from '../../src/search/cache.ts';
import { buildIndex, removeArticle, stateOf } from '../../src/search/inverted-index.ts';
import { DenseMap, FieldLengths, LazyMap } from '../../src/search/short-id-maps.ts';

/** Everything a map answers, in the order it answers it. */
function contents<K, V>(map: Map<K, V>, probes: readonly K[]) {
  const visited: [K, V][] = [];
  map.forEach((value, key) => {
    visited.push([key, value]);
  });
  return {
    size: map.size,
    entries: [...map],
    keys: [...map.keys()],
    values: [...map.values()],
    visited,
    got: probes.map((key) => [map.has(key), map.get(key)]),
  };
}

describe('DenseMap', () => {
  const ids = ['a#1', undefined, 'a#3', 'b#1'];
  const plain = () =>
    new Map([
      [0, 'a#1'],
      [2, 'a#3'],
      [3, 'b#1'],
    ]);

  it('answers as the Map of the same entries, holes absent', () => {
    expect(contents(new DenseMap([...ids], 3), [0, 1, 3, 7, -1, 1.5])).toEqual(
      contents(plain(), [0, 1, 3, 7, -1, 1.5]),
    );
  });

  it('adds above, deletes and clears as a Map does', () => {
    const dense = new DenseMap([...ids], 3);
    const map = plain();
    for (const each of [dense, map]) {
      each.set(5, 'c#1');
      each.set(2, 'a#3 again');
      each.delete(0);
      each.delete(9);
    }
    expect(contents(dense, [0, 2, 5])).toEqual(contents(map, [0, 2, 5]));
    dense.clear();
    expect(dense.size).toBe(0);
    expect([...dense]).toEqual([]);
  });

  it('refuses a key that would iterate out of insertion order, and one that is not a short id', () => {
    const dense = new DenseMap([...ids], 3);
    expect(() => dense.set(1, 'x')).toThrow(RangeError);
    expect(() => dense.set(-1, 'x')).toThrow(RangeError);
    expect(dense.size).toBe(3);
  });
});

describe('LazyMap', () => {
  it('makes its entries on first use only, then is that Map', () => {
    let fills = 0;
    const lazy = new LazyMap<string, number>((set) => {
      fills += 1;
      set('a#1', 0);
      set('a#2', 1);
    });
    expect(fills).toBe(0);
    expect(lazy.pristine).toBe(true);
    expect(lazy.get('a#2')).toBe(1);
    lazy.set('b#1', 2);
    expect(fills).toBe(1);
    expect(lazy.pristine).toBe(false);
    expect(contents(lazy, ['a#1', 'zz'])).toEqual(
      contents(
        new Map([
          ['a#1', 0],
          ['a#2', 1],
          ['b#1', 2],
        ]),
        ['a#1', 'zz'],
      ),
    );
  });
});

describe('FieldLengths', () => {
  const byField = [Float64Array.from([4, 0, 7, 2]), Float64Array.from([1, 0, 0, 3])];
  const shortIds = Int32Array.from([0, 2, 3]);

  it('reads lengths from the arrays without making the map, and answers as the map once made', () => {
    const lengths = new FieldLengths(byField, shortIds);
    expect([lengths.get(2), lengths.has(1), lengths.get(1)]).toEqual([[7, 0], false, undefined]);
    expect(lengths.pristine).toBe(true);
    const map = new Map([
      [0, [4, 1]],
      [2, [7, 0]],
      [3, [2, 3]],
    ]);
    expect(contents(lengths, [0, 1, 3])).toEqual(contents(map, [0, 1, 3]));
    expect(lengths.pristine).toBe(false);
  });
});

describe('an index loaded from the cache', () => {
  it.each([
    ['as built', false],
    ['after a paragraph was discarded (a gap in the short ids)', true],
  ])('holds the same per-paragraph maps as the index saved, %s', async (_, discard) => {
    const corpus = await loadCorpus('corpus');
    const [article] = corpus.articles;
    if (!article) throw new Error('the shipped corpus has an article');
    const built = buildIndex(
      [
        article,
        {
          ...article,
          id: `${article.id}-copy`,
          paragraphs: article.paragraphs.map((p) => ({ ...p, id: `${p.id}-copy` })),
        },
      ],
      corpus.glossary,
    );
    if (discard) removeArticle(built, article, corpus.glossary);
    const saved = stateOf(built.index);
    const loaded = unpackIndex(packIndex(built));
    if (!loaded) throw new Error('the packed index is well formed');
    const state = stateOf(loaded.index);
    const someId = [...saved._idToShortId.keys()][3] as string;
    expect(contents(state._documentIds, [0, 5, 1e6])).toEqual(contents(saved._documentIds, [0, 5, 1e6]));
    expect(contents(state._fieldLength, [0, 5, 1e6])).toEqual(contents(saved._fieldLength, [0, 5, 1e6]));
    expect(contents(state._idToShortId, [someId, 'nope'])).toEqual(
      contents(saved._idToShortId, [someId, 'nope']),
    );
  });
});
