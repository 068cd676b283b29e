import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import {
  addArticle,
  type BuiltIndex,
  buildIndex,
  INDEX_OPTIONS,
  removeArticle,
} from '../../src/search/inverted-index.ts';
import { listedWords } from '../../src/search/listed.ts';
import { tokenize, wordTerms } from '../../src/text/terms.ts';
import { makeCorpus, markdownArticle, SHIPPED_CORPUS } from '../support/corpus.ts';

/** The index as MiniSearch itself builds it, one `add` per paragraph. */
async function addedOneByOne(dir: string): Promise<BuiltIndex> {
  const corpus = await loadCorpus(dir);
  const built: BuiltIndex = {
    index: new MiniSearch(INDEX_OPTIONS),
    vocabulary: new Map(),
    headings: new Map(),
    names: new Map(),
  };
  for (const article of corpus.articles) addArticle(built, article, corpus.glossary);
  return built;
}

describe('building the whole index in one pass', () => {
  it('gives the index MiniSearch builds paragraph by paragraph: same terms, postings, lengths and words', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    const direct = buildIndex(corpus.articles, corpus.glossary);
    const reference = await addedOneByOne(SHIPPED_CORPUS);
    expect(JSON.stringify(direct.index)).toEqual(JSON.stringify(reference.index));
    expect([...direct.vocabulary]).toEqual([...reference.vocabulary]);
    expect([...direct.headings]).toEqual([...reference.headings]);
    expect([...direct.names]).toEqual([...reference.names]);
    for (const query of ['armenia', 'collective security', 'tokayev drill']) {
      expect(direct.index.search(query, { prefix: true })).toEqual(
        reference.index.search(query, { prefix: true }),
      );
    }
  });

  it('keeps every title and heading analysed as a query or the ranking would analyse it', async () => {
    const corpus = await loadCorpus(SHIPPED_CORPUS);
    const { headings } = buildIndex(corpus.articles, corpus.glossary);
    const texts = corpus.articles.flatMap((article) => [article.title, ...article.sections]);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      const analysed = tokenize(text).flatMap((token) =>
        wordTerms(token.surface, true, corpus.glossary.spelling),
      );
      expect(headings.get(text)).toEqual(analysed);
    }
  });

  it('can still take an article in and out afterwards (what the reload worker does)', async () => {
    const dir = makeCorpus({
      'a.md': markdownArticle('A', 'Shelling reached Batken overnight.\n\nBatken counted the damage.'),
      'b.md': markdownArticle('B', 'Then Dushanbe answered the shelling.'),
    });
    const corpus = await loadCorpus(dir);
    const [a, b] = corpus.articles;
    if (!a || !b) throw new Error('two articles expected');
    const shelling = wordTerms('shelling').join(' ');
    const built = buildIndex([a], corpus.glossary);
    const ids = (query: string) =>
      built.index
        .search(query)
        .map((hit) => hit.id)
        .sort();
    const listed = () => listedWords(built).map((word) => word.folded);
    expect(listed()).not.toContain('dushanbe');
    addArticle(built, b, corpus.glossary);
    expect(ids(shelling)).toEqual(['a#1', 'b#1']);
    // What autocomplete lists follows the articles in and out.
    expect(listed()).toContain('dushanbe');
    removeArticle(built, a, corpus.glossary);
    expect(listed()).not.toContain('batken');
    expect(ids(shelling)).toEqual(['b#1']);
    expect(built.index.search('batken')).toEqual([]);
    expect(built.vocabulary.has('batken')).toBe(false);
    expect([...built.names]).toEqual([['Dushanbe', 1]]);
  });
});
