/**
 * The rankings of recent questions and keystrokes, so that "More", a paragraph opened from an
 * answer, a repeated question and the next keystroke cost no search. Cleared whenever the corpus
 * changes. Private to the engine (`engine.ts`).
 */
import { Lru } from './lru.ts';
import type { Ranked, Ranking, RankOptions } from './rank.ts';

/**
 * Questions whose ranked matches are kept. Ranking orders only a head of the matches (`rank.ts`:
 * at least its heading window, 200), so that head is what is kept, with the total and the
 * suggestions: a few tens of kilobytes per question.
 */
export const RECENT_QUESTIONS = 64;
/**
 * Autocomplete rankings kept by the text they rank: the text a keystroke ranks is the one before
 * it when the key was a space (a trailing space is trimmed; only the completions differ), and a
 * reader who deletes a letter goes back to a text just ranked. A few suffice: one person's last
 * keystrokes, or a few people's at once.
 */
const RECENT_COMPLETIONS = 16;
/** The depth a kept question is ranked to: ten pages of the largest page. */
const RANKED_KEPT = 100;

/** A question's ranking, as far as anyone pages, and its "did you mean". */
export interface Recent {
  ranking: Ranking;
  suggestions: string[];
}

/** What the kept rankings ask the engine for when they hold none deep enough. */
export interface Searcher {
  search(text: string, options: RankOptions): Ranking;
  /** "Did you mean" spellings, for a text that matched nothing. */
  suggest(text: string): string[];
}

function deepEnough(ranking: Ranking, depth: number): boolean {
  return ranking.ranked.length >= depth || ranking.ranked.length === ranking.total;
}

export class RecentRankings {
  readonly #searcher: Searcher;
  /** By the question's text (after any paragraph reference): what ranking reads. */
  readonly #questions = new Lru<string, Recent>(RECENT_QUESTIONS);
  /** By the typed text (after any paragraph reference): what autocomplete ranked for it. */
  readonly #completions = new Lru<string, Ranking>(RECENT_COMPLETIONS);

  constructor(searcher: Searcher) {
    this.#searcher = searcher;
  }

  clear(): void {
    this.#questions.clear();
    this.#completions.clear();
  }

  /** A question's ranking at least `depth` deep (or whole), and its suggestions; the question is kept. */
  question(text: string, depth: number): Recent {
    let recent = this.#questions.get(text);
    if (!recent) {
      const ranking = this.#searcher.search(text, { depth: RANKED_KEPT });
      const suggestions = ranking.total === 0 ? this.#searcher.suggest(text) : [];
      recent = this.#questions.set(text, { ranking, suggestions });
    }
    if (deepEnough(recent.ranking, depth)) return recent;
    return { ranking: this.#searcher.search(text, { depth }), suggestions: recent.suggestions };
  }

  /** A recent question's ranking, if it is still kept: a paragraph opened from its answer. */
  kept(text: string): Ranking | undefined {
    return this.#questions.get(text)?.ranking;
  }

  /** What autocomplete ranks: kept from a recent keystroke or question of the same text when deep enough. */
  typed(text: string, depth: number): readonly Ranked[] {
    const kept = this.#completions.get(text) ?? this.#questions.get(text)?.ranking;
    const ranking = kept && deepEnough(kept, depth) ? kept : this.#searcher.search(text, { depth });
    return this.#completions.set(text, ranking).ranked;
  }
}
