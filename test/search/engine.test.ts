import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { completionChoices } from '../../src/render/choices.ts';
import { type Answer, AnswerEngine, type Completion } from '../../src/search/engine.ts';
import { buildIndex } from '../../src/search/inverted-index.ts';
import { makeCorpus, markdownArticle, SEED_ARTICLE_ID, SHIPPED_CORPUS } from '../support/corpus.ts';
import { excerptOf } from '../support/hits.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = AnswerEngine.fromCorpus(await loadCorpus(SHIPPED_CORPUS));
});

const top = (answer: Answer) => answer.results[0]?.paragraph;
const paragraphsOf = (answer: Answer) => answer.results.map((hit) => hit.paragraph);

interface VocabularyQuery {
  query: string;
  paragraph: number;
  why: string;
}
const vocabularyQueries: VocabularyQuery[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vocabulary-queries.json'), 'utf8'),
);

describe('the vocabulary gap between readers and the spun text', () => {
  it.each(vocabularyQueries)(
    'when a reader asks "$query", the paragraph that answers it comes first ($why)',
    ({ query, paragraph }) => {
      const answer = engine.answer(query);
      expect(top(answer)).toBe(paragraph);
      // The query's words are not in the paragraph: the answer came through the glossary.
      expect(excerptOf(answer.results[0])).toContain('**');
    },
  );

  it('when the real name of the bloc is searched, the spun name is found and highlighted whole', () => {
    const answer = engine.answer('Collective Security Treaty Organization');
    expect(top(answer)).toBe(1);
    expect(excerptOf(answer.results[0])).toContain('**Collective Safety Treaty Group**');
  });

  it('when a transliteration is searched, the article’s spelling is found', () => {
    expect(top(engine.answer('Tokayev'))).toBe(3);
    expect(engine.answer('Pashinyan').results.map(excerptOf).join(' ')).toContain('**Pashinian**');
  });

  it('when a word matches literally in one paragraph and through the glossary in another, the literal one ranks first', async () => {
    const dir = makeCorpus({
      'a.md': markdownArticle('A', 'The safety council met on Monday to discuss the budget.'),
      'b.md': markdownArticle('B', 'The security council met on Monday to discuss the budget.'),
      'synonyms.txt': 'safety => security\n',
    });
    const small = AnswerEngine.fromCorpus(await loadCorpus(dir));
    const answer = small.answer('security council');
    expect(answer.results.map((hit) => hit.articleId)).toEqual(['b', 'a']);
    expect(excerptOf(answer.results[1])).toContain('**safety**');
  });
});

describe('matching words the way readers type them', () => {
  it('when a whole question full of stop words is asked, the paragraph that answers it comes first', () => {
    expect(top(engine.answer('why did Kyrgyzstan cancel the drills?'))).toBe(8);
  });

  it('when a possessive or curly apostrophe is typed, it matches the plain name', () => {
    expect(engine.answer('Russia’s').total).toBe(engine.answer('russia').total);
    expect(engine.answer("Kyrgyzstan's").total).toBe(engine.answer('Kyrgyzstan').total);
  });

  it('when a hyphenated name is typed with a hyphen, a space or neither, it is found', () => {
    for (const query of ['Nagorno-Karabakh', 'Nagorno Karabakh', 'nagornokarabakh']) {
      expect(paragraphsOf(engine.answer(query, { limit: 10 })), query).toContain(31);
    }
    expect(top(engine.answer('Qasym Zhomart'))).toBe(3);
  });

  it('when a number is typed with or without separators, it is found, and never fuzzily', () => {
    expect(top(engine.answer('7,644'))).toBe(26);
    expect(top(engine.answer('7644'))).toBe(26);
    expect(paragraphsOf(engine.answer('2005', { limit: 10 }))).toEqual([23]);
    expect(engine.answer('2003').total).toBe(0);
  });

  it('when diacritics are typed, they are ignored', () => {
    expect(top(engine.answer('Toqäev'))).toBe(3);
  });

  it('when a long word has a typo or two, it is still found; a short word is not guessed', () => {
    // The misspelling finds what the right spelling finds, in the same order, highlighting the corpus's word.
    const misspelt = engine.answer('Kyrgystan');
    expect(paragraphsOf(misspelt)).toEqual(paragraphsOf(engine.answer('Kyrgyzstan')));
    expect(excerptOf(misspelt.results[0])).toContain('**Kyrgyzstan');
    const armenia = paragraphsOf(engine.answer('Armenia', { limit: 10 }));
    const typo = engine.answer('Armnia', { limit: 10 });
    expect(paragraphsOf(typo).length).toBeGreaterThan(armenia.length / 2);
    for (const hit of typo.results) {
      expect(armenia).toContain(hit.paragraph);
      expect(excerptOf(hit)).toMatch(/\*\*Armenia/);
    }
    expect(engine.answer('bloq').total).toBe(0);
  });

  it('when the last word is still being typed, it matches as a prefix', () => {
    // Everything the whole word finds, the typed start finds too, the whole word's best paragraph first.
    const whole = paragraphsOf(engine.answer('Kyrgyzstan', { limit: 10 }));
    const typed = paragraphsOf(engine.answer('Kyrgy', { limit: 10 }));
    expect(whole.length).toBeGreaterThan(0);
    expect(typed).toEqual(expect.arrayContaining(whole));
    expect(typed[0]).toBe(whole[0]);
    expect(top(engine.answer('canceled drills Kyrgy'))).toBe(8);
  });
});

describe('when nothing matches', () => {
  it('suggests words of the corpus spelled like the query, as the corpus writes them', () => {
    const answer = engine.answer('Bshkekk');
    expect(answer.total).toBe(0);
    expect(answer.results).toEqual([]);
    expect(answer.suggestions).toContain('Bishkek');
  });

  it('returns no suggestion rather than noise when the query has no searchable word', () => {
    expect(engine.answer('the of and why').suggestions).toEqual([]);
  });
});

describe('bad input', () => {
  const hostile: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \t\n '],
    ['5,000 characters', 'armenia '.repeat(625)],
    ['only punctuation', '?!…—;:()[]{}'],
    ['only stop words', 'what did they do with the'],
    ['emoji', '🇦🇲 🔥 armenia 👍🏽'],
    ['right-to-left text', 'أرمينيا ארמניה armenia'],
    ['control characters', 'arme\u0000nia\u0007\u001b[31m'],
    ['markdown', '**armenia** _drills_ `code` ||spoiler|| > quote'],
    ['mentions', '@everyone <@123456789012345678> @here armenia'],
    ['lone surrogates and zero-width', '\ud800armenia\u200b\u202e'],
  ];

  it.each(hostile)(
    'when the query is %s, the engine answers without throwing and stays within bounds',
    (_, query) => {
      const answer = engine.answer(query);
      expect(answer.query.length).toBeLessThanOrEqual(200);
      expect(answer.query).not.toMatch(/\p{Cc}/u);
      expect(answer.results.length).toBeLessThanOrEqual(3);
      for (const hit of answer.results) expect(excerptOf(hit).length).toBeLessThan(700);
    },
  );

  it('when a query hides a real word among markdown, mentions and emoji, that word is still searched', () => {
    // Both forms end in punctuation, so neither is read as a word still being typed (a prefix).
    expect(engine.answer('**armenia**').total).toBe(engine.answer('"armenia"').total);
    expect(paragraphsOf(engine.answer('@everyone armenia'))).toEqual(paragraphsOf(engine.answer('armenia')));
  });

  it('when the query is 5,000 characters, it is shortened at a word boundary', () => {
    const answer = engine.answer('armenia '.repeat(625));
    expect(answer.query.endsWith('armenia')).toBe(true);
    expect(paragraphsOf(answer)).toEqual(paragraphsOf(engine.answer('armenia')));
  });

  it('when the query is empty or only stop words, nothing matches and nothing is suggested', () => {
    for (const query of ['', '   ', 'what did they do with the']) {
      expect(engine.answer(query)).toMatchObject({ total: 0, results: [], suggestions: [] });
    }
  });
});

describe('paging and retrieval', () => {
  it('when more results are asked for with an offset, the next ones come, best first overall', () => {
    const all = paragraphsOf(engine.answer('armenia', { limit: 6 }));
    const first = paragraphsOf(engine.answer('armenia', { limit: 3 }));
    const next = paragraphsOf(engine.answer('armenia', { limit: 3, offset: 3 }));
    expect([...first, ...next]).toEqual(all);
  });

  it('when a paragraph is asked for by id, it comes whole with its citation and the query bolded', () => {
    const view = engine.paragraph(`${SEED_ARTICLE_ID}#8`, 'drills');
    expect(view?.paragraph.text).toMatch(/^The most recent blow.*October 10 to 14\.$/);
    const text = view?.paragraph.text ?? '';
    expect(view?.highlights.map(({ start, end }) => text.slice(start, end))).toContain('drills');
    expect(view?.citation).toContain('¶8');
    expect(engine.paragraph('nope#1')).toBeUndefined();
  });

  it('when a question is asked again after the corpus changed, the answer comes from the changed corpus', async () => {
    const first = await loadCorpus(
      makeCorpus({ 'a.md': markdownArticle('A', 'Shelling reached Batken overnight.') }),
    );
    const small = AnswerEngine.fromCorpus(first);
    expect(small.answer('Batken shelling').total).toBe(1);
    const added = await loadCorpus(
      makeCorpus({ 'b.md': markdownArticle('B', 'Batken counted the damage from the shelling.') }),
    );
    const built = buildIndex([...first.articles, ...added.articles], first.glossary);
    small.update({ upserts: added.articles, removedFiles: [], files: new Map(), problems: [], built });
    expect(small.answer('Batken shelling').total).toBe(2);
    expect(small.answer('Batken shelling', { offset: 1 }).results).toHaveLength(1);
  });

  it('when a reader pages far into a long answer, the pages are the ones a fresh search gives', async () => {
    const paragraphs = Array.from(
      { length: 130 },
      (_, i) => `Granary ${i} of the valley stored ${'wheat '.repeat(1 + (i % 7))}for the winter.`,
    );
    const corpus = await loadCorpus(
      makeCorpus({ 'g.md': markdownArticle('Granaries', paragraphs.join('\n\n')) }),
    );
    const paged = AnswerEngine.fromCorpus(corpus);
    const ids = (answer: Answer) => answer.results.map((hit) => hit.id);
    const pages = [0, 3, 99, 120].map((offset) => ids(paged.answer('granary wheat', { limit: 10, offset })));
    const fresh = [0, 3, 99, 120].map((offset) =>
      ids(AnswerEngine.fromCorpus(corpus).answer('granary wheat', { limit: 10, offset })),
    );
    expect(pages).toEqual(fresh);
    expect(pages[3]).toHaveLength(10);
    expect(paged.answer('granary wheat').total).toBe(130);
  });
});

describe('autocomplete', () => {
  const texts = (choices: Completion[]) =>
    choices.flatMap((choice) => (choice.kind === 'query' ? [choice.text] : []));

  it('when a question is partly typed, the first choices preview the paragraphs that answer it, and picking one answers with it first', () => {
    const choices = completionChoices(engine.complete('why did kyrgyzstan cancel the dri', 25));
    const first = choices[0];
    expect(first?.name).toMatch(/^¶8 · Kyrgyzstan abruptly canceled CSTO coaching drills.*…$/);
    expect(first?.value).toBe('why did kyrgyzstan cancel the dri ¶8');
    expect(top(engine.answer(first?.value ?? ''))).toBe(8);
    // A lower preview, picked, also comes first: the value carries the paragraph, not only the text.
    const second = choices[1];
    const number = Number(/^¶(\d+)/.exec(second?.name ?? '')?.[1]);
    expect(number).not.toBe(8);
    expect(top(engine.answer(second?.value ?? ''))).toBe(number);
  });

  it('when a word is partly typed, its completions come as the corpus writes them', () => {
    const choices = texts(engine.complete('kyrg'));
    expect(choices[0]).toBe('kyrg');
    expect(choices).toContain('Kyrgyzstan');
    expect(choices).toContain('Kyrgyz');
  });

  it('when earlier words are typed, completions keep them and only words that occur with them are offered', () => {
    const typed = 'why did kyrgyzstan cancel the dri';
    const completions = texts(engine.complete(typed)).filter((text) => text !== typed);
    expect(completions[0]).toBe('why did kyrgyzstan cancel the drills');
    for (const completion of completions.filter((text) => text.startsWith(typed.slice(0, -3)))) {
      expect(completion.startsWith(typed), completion).toBe(true);
      expect(engine.answer(completion).total, completion).toBeGreaterThan(0);
    }
  });

  it('when a word too short to search is typed with nothing else to search, the corpus’s words beginning with it are offered', () => {
    expect(texts(engine.complete('cs'))).toContain('CSTO');
    const choices = texts(engine.complete('what is the cs'));
    expect(choices).toContain('what is the CSTO');
    for (const choice of choices.filter((text) => text !== 'what is the cs'))
      expect(engine.answer(choice).total, choice).toBeGreaterThan(0);
  });

  it('when the last part of a hyphenated name is being typed, the completion keeps the first part', () => {
    const completions = texts(engine.complete('nagorno-kar'));
    expect(completions).toContain('nagorno-Karabakh');
    expect(completions).not.toContain('Karabakh');
  });

  it('when the word being typed is a function word, no completion replaces it with another word', () => {
    for (const typed of ['why did kyrgyzstan cancel the drills for', 'zatulin said that th']) {
      const head = typed.slice(0, typed.lastIndexOf(' ') + 1);
      const last = typed.slice(head.length);
      const completions = texts(engine.complete(typed)).filter((text) => text.startsWith(head));
      for (const completion of completions)
        expect(completion.slice(head.length), completion).toMatch(new RegExp(`^${last}`, 'i'));
    }
  });

  it('when the word being typed is a figure with a thousands separator, it is completed whole', () => {
    const completions = texts(engine.complete('the 7,6'));
    expect(completions).toContain('the 7,644');
    for (const completion of completions) expect(completion).not.toMatch(/7,7/);
  });

  it('when the word being typed ends in a possessive, it is finished: no completion replaces it', () => {
    for (const typed of ['why did russia’s', "what did kyrgyzstan's"]) {
      const head = typed.slice(0, typed.lastIndexOf(' ') + 1);
      const completions = texts(engine.complete(typed)).filter((text) => text.startsWith(head));
      expect(completions, typed).toEqual([typed]);
    }
  });

  it('when the typed word matches a section heading, the heading is offered', () => {
    expect(texts(engine.complete('menace'))).toContain('Sense Of Menace For Kazakhstan');
  });

  it('when the word is spelled as another transliteration, the corpus’s spelling is offered', () => {
    expect(texts(engine.complete('Pashinyan'))).toContain('Pashinian');
  });

  it('when nothing is typed yet, topics are offered: headings and the most mentioned names', () => {
    const choices = texts(engine.complete(''));
    expect(choices).toContain('Bishkek Balks At Tajikistan Award');
    expect(choices).toContain('CSTO');
    for (const choice of choices) expect(engine.answer(choice).total, choice).toBeGreaterThan(0);
  });

  it('an empty box offers whole names, never the words of one or a people’s adjective', async () => {
    const dir = makeCorpus({
      'bloc.md': markdownArticle(
        'The bloc',
        [
          'Leaders of the Collective Security Treaty Organization met in Yerevan, where Prime Minister Nikol Pashinyan spoke.',
          'The Collective Security Treaty Organization sent no Russian troops, and Pashinyan said the Collective Security Treaty Organization had failed.',
          'Russian officials in Moscow disagreed with Pashinyan.',
        ].join('\n\n'),
      ),
    });
    const small = AnswerEngine.fromCorpus(await loadCorpus(dir));
    const names = texts(small.complete('')).filter((text) => text !== 'The bloc');
    expect(names.slice(0, 2)).toEqual(['Nikol Pashinyan', 'Collective Security Treaty Organization']);
    expect(names).toEqual(expect.arrayContaining(['Yerevan', 'Moscow']));
    for (const word of ['Collective', 'Security', 'Russian', 'Pashinyan', 'Prime', 'Minister'])
      expect(names).not.toContain(word);
  });

  it('when the corpus has several articles, previews start with a short article label and their values name the article', async () => {
    const dir = makeCorpus({
      'drills.md': markdownArticle(
        'Drills called off: a note from Bishkek',
        'The joint drills were called off by Bishkek at short notice.',
      ),
      'more.md': markdownArticle('Exercise season', 'Other drills went ahead in the south as planned.'),
    });
    const small = AnswerEngine.fromCorpus(await loadCorpus(dir));
    const choices = completionChoices(small.complete('drills', 25));
    const previews = choices.filter((choice) => / ¶\d+:[0-9a-z]{6}$/.test(choice.value));
    expect(previews).toHaveLength(2);
    expect(previews.map((choice) => choice.name)).toContain(
      'Drills called off ¶1 · drills were called off by Bishkek at short notice.',
    );
    for (const preview of previews) {
      const snippet = preview.name.split(' · ')[1]?.replace(/…$/, '') ?? '';
      expect(small.answer(preview.value).results[0]?.text).toContain(snippet);
    }
  });

  it('when the corpus changes, the same partly typed text previews and offers what the changed corpus holds', async () => {
    const first = await loadCorpus(
      makeCorpus({ 'a.md': markdownArticle('A', 'Shelling reached Batken overnight.') }),
    );
    const small = AnswerEngine.fromCorpus(first);
    const previews = (typed: string) =>
      small.complete(typed, 25).flatMap((choice) => (choice.kind === 'answer' ? [choice.snippet] : []));
    expect(previews('Batken shel')).toEqual(['Shelling reached Batken overnight.']);
    expect(texts(small.complete('Batken shel'))).not.toContain('Shellfire Over Batken');
    const added = await loadCorpus(
      makeCorpus({
        'b.md': markdownArticle(
          'B',
          '## Shellfire Over Batken\n\nBatken counted the damage from the shelling.',
        ),
      }),
    );
    const built = buildIndex([...first.articles, ...added.articles], first.glossary);
    small.update({ upserts: added.articles, removedFiles: [], files: new Map(), problems: [], built });
    expect(previews('Batken shel')).toHaveLength(2);
    expect(texts(small.complete('Batken shel'))).toContain('Shellfire Over Batken');
  });

  it.each(['', 'a', 'x'.repeat(300), '🔥', '@everyone', '\u0000', `${'why '.repeat(40)}drills`])(
    'when %j is typed, at most 25 choices of 1–100 characters come back',
    (typed) => {
      const choices = completionChoices(engine.complete(typed, 25));
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        for (const text of [choice.name, choice.value]) {
          expect(text.length).toBeGreaterThanOrEqual(1);
          expect(text.length).toBeLessThanOrEqual(100);
        }
      }
    },
  );

  it('when a long question is typed, a preview’s value is shortened at a word and still answers with its paragraph', () => {
    const typed = `${'why did it happen and '.repeat(6)}kyrgyzstan cancel drills`;
    const preview = completionChoices(engine.complete(typed, 25))[0];
    expect(preview?.value.length).toBeLessThanOrEqual(100);
    expect(preview?.value).toMatch(/ ¶\d+$/);
    expect(top(engine.answer(preview?.value ?? ''))).toBe(Number(/¶(\d+)$/.exec(preview?.value ?? '')?.[1]));
  });
});
