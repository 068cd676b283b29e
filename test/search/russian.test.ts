import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { RussianGlossary } from '../../src/corpus/russian-glossary.ts';
import { type Answer, AnswerEngine } from '../../src/search/engine.ts';
import { transliterate } from '../../src/text/cyrillic.ts';
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

  it('every case of a name reaches the same paragraphs as its English spelling', () => {
    const english = engine.answer('Armenia').results.map((hit) => hit.id);
    for (const form of ['Армения', 'Армении', 'Арменией', 'Армению', 'АРМЕНИЯ'])
      expect(
        engine.answer(form).results.map((hit) => hit.id),
        form,
      ).toEqual(english);
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
