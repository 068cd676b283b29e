/** The glossary (`corpus/synonyms.txt`): its format, its errors, and where its phrases are found in a text. */
import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.ts';
import { tokenize, wordTerms } from '../../src/text/terms.ts';

/** Each phrase found in `text`, as written there, with the search terms it adds. */
const found = (glossary: Glossary, text: string) =>
  glossary.findAliases(tokenize(text)).map((span) => ({
    phrase: text.slice(span.start, span.end),
    terms: span.words.map((word) => word.term),
  }));

describe('the glossary format', () => {
  it('reads one-way rules and mutual aliases, skipping comments and blank lines', () => {
    const glossary = Glossary.parse('# reader words\n\nmilitary drills => exercises\nToqaev = Tokayev\n');
    expect(glossary.problems).toEqual([]);
    expect(glossary.ruleCount).toBe(3);
    expect(found(glossary, 'The military drills began.')).toEqual([
      { phrase: 'military drills', terms: wordTerms('exercises') },
    ]);
    expect(found(glossary, 'Tokayev spoke; Toqaev answered.')).toEqual([
      { phrase: 'Tokayev', terms: wordTerms('Toqaev') },
      { phrase: 'Toqaev', terms: wordTerms('Tokayev') },
    ]);
  });

  it('is one way: the reader side is never found in a text', () => {
    expect(found(Glossary.parse('military drills => exercises'), 'joint exercises')).toEqual([]);
  });

  it('reports each bad line with its number and a reason, and still applies the good ones', () => {
    const glossary = Glossary.parse(
      ['drills => exercises', 'a => b => c', 'summit =>', 'just words', 'x ==> y', 'Bishkek = Pishpek'].join(
        '\n',
      ),
    );
    expect(glossary.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    for (const problem of glossary.problems) expect(problem.reason).not.toBe('');
    expect(found(glossary, 'drills in Pishpek').map((span) => span.phrase)).toEqual(['drills', 'Pishpek']);
  });
});

describe('finding phrases', () => {
  it('prefers the longest phrase and never lets two overlap', () => {
    const glossary = Glossary.parse('security => safety\ncollective security treaty => csto');
    expect(found(glossary, 'The Collective Security Treaty Organization').map((span) => span.phrase)).toEqual(
      ['Collective Security Treaty'],
    );
  });

  it('matches a phrase only on whole words, not inside a hyphenated word', () => {
    const glossary = Glossary.parse('Qasym => Kassym');
    expect(found(glossary, 'Qasym-Zhomart Toqaev')).toEqual([]);
    expect(found(glossary, 'Qasym Toqaev').map((span) => span.phrase)).toEqual(['Qasym']);
  });

  it('finds nothing with the empty glossary', () => {
    expect(found(Glossary.empty, 'military drills')).toEqual([]);
  });
});
