import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { RussianGlossary } from '../../src/corpus/russian-glossary.ts';
import { asksWhy } from '../../src/search/discourse.ts';
import { type Answer, AnswerEngine } from '../../src/search/engine.ts';
import { queryTerms } from '../../src/search/query.ts';
import { inEnglish } from '../../src/search/russian.ts';
import { questionShape } from '../../src/search/shape.ts';
import { transliterate } from '../../src/text/cyrillic.ts';
import { RUSSIAN_ENGLISH } from '../../src/text/russian-english.ts';
import { BRITISH_ONLY } from '../../src/text/terms.ts';
import { makeCorpus, markdownArticle, SHIPPED_CORPUS } from '../support/corpus.ts';
import { excerptOf } from '../support/hits.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = AnswerEngine.fromCorpus(await loadCorpus(SHIPPED_CORPUS));
});

const top = (answer: Answer) => answer.results[0]?.paragraph;
const unmarked = (excerpt: string) => excerpt.replace(/\*\*/g, '').replace(/^…|…$/g, '');

describe('a reader who types Russian finds the English text', () => {
  it.each([
    ['Токаев', 3, '**Toqaev**'],
    ['Тоқаев', 3, '**Toqaev**'],
    ['Пашинян', 30, '**Pashinian**'],
    ['Жапаров', 9, '**Japarov’s**'],
    ['ОДКБ', 1, '**CSTO**'],
    ['учения Кыргызстан', 8, '**drills**'],
  ])('"%s" answers with paragraph %i, the English word highlighted (%s)', (query, paragraph, highlight) => {
    const answer = engine.answer(query);
    expect(top(answer)).toBe(paragraph);
    expect(excerptOf(answer.results[0])).toContain(highlight);
  });

  it('every case of a name reaches the same paragraphs, the English name highlighted', () => {
    const nominative = engine.answer('Армения');
    expect(excerptOf(nominative.results[0])).toMatch(/\*\*Armenia/);
    for (const form of ['Армении', 'Арменией', 'Армению', 'АРМЕНИЯ'])
      expect(
        engine.answer(form).results.map((hit) => hit.id),
        form,
      ).toEqual(nominative.results.map((hit) => hit.id));
  });

  it("a member state's name also reads as its adjective, as English news writes it (Казахстана: Kazakh)", () => {
    const excerpts = engine.answer('министр обороны Казахстана', { limit: 10 }).results.map(excerptOf);
    expect(excerpts.join('\n')).toContain('**Kazakh**');
  });

  it('a nominative and an oblique case that stem differently both reach the country', () => {
    for (const form of ['Казахстан', 'Казахстане', 'Казахстаном']) {
      const answer = engine.answer(form);
      expect(excerptOf(answer.results[0]), form).toContain('**Kazakhstan');
    }
  });

  it('an oblique case of a name outside the glossary still finds the name (Пашиняна, Токаеву)', () => {
    expect(top(engine.answer('Пашиняна'))).toBe(30);
    expect(excerptOf(engine.answer('Токаеву').results[0])).toContain('**Toqaev**');
  });

  it('an inflected common word reaches its English readings: "учениях" finds the drills and the spun "workout routines"', () => {
    const answer = engine.answer('учениях', { limit: 10 });
    const excerpts = answer.results.map(excerptOf).join('\n');
    expect(excerpts).toContain('**drills**');
    expect(excerpts).toContain('**workout routines**');
  });

  it('the excerpts stay verbatim English and the citation keeps the article title as written', () => {
    const answer = engine.answer('почему Кыргызстан отменил учения ОДКБ');
    expect(answer.results.length).toBeGreaterThan(0);
    for (const hit of answer.results) {
      expect(hit.text).toContain(unmarked(excerptOf(hit)));
      expect(hit.citation).toContain(hit.title);
    }
  });

  it('Russian function words never decide: "в Армении" answers like "Армении"', () => {
    expect(engine.answer('в Армении').results.map((hit) => hit.id)).toEqual(
      engine.answer('Армении').results.map((hit) => hit.id),
    );
  });

  it('a whole question in Russian is read for its shape: "Что такое ОДКБ" prefers the paragraph that introduces the bloc', () => {
    expect(top(engine.answer('Что такое ОДКБ'))).toBe(1);
  });
});

describe('transliteration gives the spellings English-language news uses', () => {
  it.each([
    ['токаев', 'tokayev'],
    ['пашинян', 'pashinyan'],
    ['ереван', 'yerevan'],
    ['карабах', 'karabakh'],
    ['зеленский', 'zelensky'],
    ['тоқаев', 'tokayev'],
    ['раҳмон', 'rahmon'],
    ['жаңаөзен', 'zhanaozen'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic)).toBe(latin);
  });
});

describe('the bilingual glossary file', () => {
  it('a bad line is reported with its number and the other lines still apply', () => {
    const glossary = RussianGlossary.parse(
      'ОДКБ = CSTO\nтолько русский\nучения = drills = exercises\n= CSTO\n',
    );
    expect(glossary.problems.map((problem) => problem.line)).toEqual([2, 4]);
    expect(glossary.size).toBe(2);
  });

  it('a bilingual glossary line over the corpus limits is reported with the limit and skipped; the others apply', () => {
    const long = `длинная = ${'x'.repeat(2_100)}`;
    const crowded = ['много', ...Array.from({ length: 60 }, (_, index) => `name${index}`)].join(' = ');
    const glossary = RussianGlossary.parse(`${long}\n${crowded}\nучения = drills\n`);
    expect(glossary.problems).toEqual([
      { line: 1, reason: expect.stringContaining('over the limit of 2000') },
      { line: 2, reason: expect.stringContaining('over the limit of 50') },
    ]);
    expect(glossary.size).toBe(1);
  });

  it('a corpus with its own glossary answers Russian queries from it, and a bad line is a corpus problem', async () => {
    const dir = makeCorpus({
      'rivers.md': markdownArticle(
        'Rivers of the steppe',
        'The Ural river marks part of the frontier between the two countries.\n\nFishing is popular in summer.',
      ),
      'synonyms.ru.txt': 'граница = рубеж = frontier\nрыбалка = рыболовство = fishing\nплохая строка\n',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([
      expect.objectContaining({ file: 'synonyms.ru.txt', line: 3, reason: expect.any(String) }),
    ]);
    const own = AnswerEngine.fromCorpus(corpus);
    expect(excerptOf(own.answer('на границе').results[0])).toContain('**frontier**');
    expect(excerptOf(own.answer('рыбалкой').results[0])).toContain('**Fishing**');
    expect(excerptOf(own.answer('Урал').results[0])).toContain('**Ural**');
  });
});

describe('the general Russian dictionary (src/text/russian-english.ts)', () => {
  const general = RussianGlossary.empty;
  /** Each query word as searched: its term, then its alternatives. */
  const searched = (query: string, glossary = general) =>
    queryTerms(query, BRITISH_ONLY, glossary).map((term) => [term.term, ...term.alternatives]);
  const firstTerm = (query: string, glossary = general) => searched(query, glossary)[0]?.[0];

  it('parses whole: every line is a valid entry', () => {
    expect(RussianGlossary.parse(RUSSIAN_ENGLISH).problems).toEqual([]);
  });

  it.each([
    ['leav', ['вышел', 'вышли', 'выйти', 'выйдет', 'выходит', 'покинул']],
    ['found', ['основан', 'основана', 'основать']],
    ['cancel', ['отменил', 'отменила', 'отменить', 'отмена']],
    ['evacu', ['эвакуировали', 'эвакуация', 'эвакуирован']],
    ['peacekeep', ['миротворцы', 'миротворческий']],
    ['drill', ['учения', 'учений', 'учениях']],
  ])('every form of a common word is searched as the same English term (%s)', (term, forms) => {
    for (const form of forms) expect(firstTerm(form), form).toBe(term);
  });

  it('a word with several English readings matches any of them (отменил: cancel, canceled, cancellation)', () => {
    expect(searched('отменил')[0]).toEqual(expect.arrayContaining(['cancel', 'cancel']));
    expect(searched('учения')[0]).toEqual(['drill', 'exercis']);
  });

  it('a nominative in -а or -ь meets its other cases, which Snowball stems apart (Астане, Беларуси)', () => {
    const glossary = RussianGlossary.parse('Астана = Astana\nБеларусь = Belarus\n');
    for (const form of ['Астана', 'Астане', 'Астаной', 'Астану'])
      expect(firstTerm(form, glossary), form).toBe('astana');
    for (const form of ['Беларусь', 'Беларуси', 'Беларусью'])
      expect(firstTerm(form, glossary), form).toBe('belaru');
  });

  it('a compound is read part by part (киргизско-таджикской → Kyrgyz, Tajik; 70-летие → 70, birthday)', () => {
    const glossary = RussianGlossary.parse('киргизский = Kyrgyz\nтаджикский = Tajik\n');
    expect(searched('киргизско-таджикской границы', glossary).map(([term]) => term)).toEqual([
      'kyrgyz',
      'tajik',
      'border',
    ]);
    expect(searched('70-летие').map(([term]) => term)).toEqual(['70', 'anniversari']);
  });

  it('a glossary phrase may hold a figure (статье 4 → Article 4)', () => {
    const glossary = RussianGlossary.parse('статья 4 = Article 4\n');
    expect(searched('статье 4', glossary).map(([term]) => term)).toEqual(['articl', '4']);
  });

  it('function words, and году after a year, are not searched: "в 2020 году" is "in 2020"', () => {
    expect(searched('в 2020 году')).toEqual([['2020']]);
    expect(searched('из-за санкций против Минска')).toEqual([['sanction'], ['against'], ['minska', 'minsk']]);
  });

  it("the corpus's own entry comes before the dictionary's", () => {
    expect(firstTerm('учения', RussianGlossary.parse('учения = maneuvers\n'))).toBe('maneuv');
  });

  it.each([
    ['когда Узбекистан вышел из ОДКБ', 'date'],
    ['в каком году был подписан договор', 'date'],
    ['какого числа начались протесты', 'date'],
    ['даты столкновений', 'date'],
    ['сколько солдат погибло', 'count'],
    ['сколько длилась война', 'measure'],
    ['какова длина границы', 'measure'],
    ['насколько велика армия', 'measure'],
    ['кто командовал войсками', 'person'],
    ['как назывались учения', 'person'],
    ['что такое ОДКБ', 'define'],
    ['кто такой Затулин', 'define'],
    ['кто входит в ОДКБ', 'define'],
    ['почему Киргизия отменила учения', null],
  ])('the Russian question "%s" has the shape of its English twin (%s)', (query, shape) => {
    expect(questionShape(inEnglish(query, general))).toBe(shape);
  });

  it.each([
    ['почему Кыргызстан отменил учения', true],
    ['Зачем Токаев позвал войска?', true],
    ['по какой причине закрыли порт', true],
    ['Из-за чего начались протесты?', true],
    ['когда закрыли порт', false],
    ['Казахстан беспокоится из-за России', false],
  ])('the Russian question "%s" asks why as its English twin would (%s)', (query, why) => {
    expect(asksWhy(inEnglish(query, general))).toBe(why);
  });
});

describe('a Russian question over an English corpus with no Russian glossary of its own', () => {
  const paragraphs = [
    'The Steppe Water Council is a regional body that shares river water among its members. Its members are Ardenia, Borvia and Calistan.',
    'The council was founded in 1997 in the town of Marsk, after a dry summer ruined the harvest.',
    'In 2015 Borvia quit the council, saying that its farmers received too little water.',
    'About 40,000 residents were evacuated from Marsk when the dam above the town cracked.',
    'Engineers of the council inspect the dams on the river twice a year and publish a report on the water they hold.',
  ];
  let own: AnswerEngine;
  beforeAll(async () => {
    const dir = makeCorpus({
      'council.md': markdownArticle('The steppe water council', paragraphs.join('\n\n')),
    });
    own = AnswerEngine.fromCorpus(await loadCorpus(dir));
  });

  it.each([
    ['когда был основан совет', 'when was the council founded', 2],
    ['сколько жителей эвакуировали из Марска', 'how many residents were evacuated from marsk', 4],
    ['кто входит в совет', 'who are the members of the council', 1],
    ['когда вышли из совета', 'when did they quit the council', 3],
  ])('"%s" answers like "%s": paragraph %i first', (russian, english, paragraph) => {
    expect(top(own.answer(english))).toBe(paragraph);
    expect(top(own.answer(russian))).toBe(paragraph);
  });
});
