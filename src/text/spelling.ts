/**
 * Spelling variants that must meet: folded at analysis time, so the index and the query agree.
 *
 * Two kinds, both applied to one folded word part before stemming:
 * - British and American endings, by rule (`mobilisation` → `mobilization`, `labour` → `labor`,
 *   `kilometre` → `kilometer`, `analyse` → `analyze`), with the words those endings would
 *   wrongly fold listed as exceptions (`promise`, `exercise`, `contour`, …);
 * - transliterations of the region's names, as corpus data (`transliterations.txt`): each line
 *   `Zhanaozen = Janaozen` names one word written several ways, and every spelling folds to the
 *   first. Stemming then works on the one spelling, so `Janaozen's` and `Zhanaozen` are one term.
 *
 * Folding is one-to-one per word part: a name whose spellings differ in how many parts they have
 * (`Alma-Ata` / `Almaty`) belongs in the glossary instead, which maps phrases.
 */
import { americanSpelling } from './british.ts';
import { type Folds, foldWord } from './terms.ts';

/** The transliteration table's reserved name inside the corpus directory. */
export const TRANSLITERATIONS_FILE = 'transliterations.txt';

export interface SpellingProblem {
  line: number;
  reason: string;
}

/** A corpus's spelling folds: the British/American rules plus its transliteration table. */
export class Spelling implements Folds {
  /** Every spelling of a name part, folded, to the first spelling of its line. */
  readonly #names: ReadonlyMap<string, string>;
  readonly problems: readonly SpellingProblem[];

  private constructor(names: ReadonlyMap<string, string>, problems: readonly SpellingProblem[]) {
    this.#names = names;
    this.problems = problems;
  }

  /** The rules alone, no transliterations: what a corpus without the table gets. */
  static readonly none = new Spelling(new Map(), []);

  /**
   * Parses the transliteration table: `Name = Name = Name` per line, `#` comments. Hyphenated
   * spellings fold part by part, so they need the same number of parts on every side. A bad line
   * is reported and skipped.
   */
  static parse(source: string): Spelling {
    const names = new Map<string, string>();
    const problems: SpellingProblem[] = [];
    source.split(/\r?\n/).forEach((raw, index) => {
      const text = raw.replace(/#.*$/, '').trim();
      if (!text) return;
      const spellings = text.split('=').map((side) =>
        side
          .trim()
          .split(/[\s\u2010\u2011-]+/)
          .map(foldWord),
      );
      const first = spellings[0] as string[];
      if (
        spellings.length < 2 ||
        spellings.some((parts) => parts.some((part) => !/^[\p{L}\p{N}]+$/u.test(part)))
      )
        problems.push({ line: index + 1, reason: 'expected "Name = Name", letters only' });
      else if (spellings.some((parts) => parts.length !== first.length))
        problems.push({ line: index + 1, reason: 'every spelling needs the same number of words' });
      else
        for (const parts of spellings.slice(1))
          parts.forEach((part, at) => {
            if (part !== first[at]) names.set(part, first[at] as string);
          });
    });
    return new Spelling(names, problems);
  }

  get size(): number {
    return this.#names.size;
  }

  /** The one spelling of a folded word part that the index and the query both use. */
  fold(part: string): string {
    return this.#names.get(part) ?? americanSpelling(part);
  }
}
