/**
 * The reason follows the event: a rule of news discourse for "why" questions (docs/ranking.md).
 *
 * A news article states an event in one paragraph and explains it in the next, which seldom
 * repeats the event's words ("Bishkek told the alliance it would not hold them." → "Officials in
 * Bishkek explained that public opinion … would not tolerate …"). So for a question asking why
 * something happened, the paragraph after one of the best few matches gains a share of that
 * match's score when it reads as an explanation (`because`, `explained`, `reasons`…): the
 * explanation can then rank above the event, or enter the ranking without holding any of the
 * question's words. A follower that explains nothing gains nothing: the paragraph after an event
 * is as often its date, its place or another event.
 *
 * Measured and not kept (docs/ranking.md): the same for "what did X do / how did X react / what
 * happened after" questions (no gain), followers gaining without an explanation, a wider window,
 * the paragraph two after, and explanation words as an answer type by themselves.
 */

/** What following reads of a ranked paragraph (`Ranked` in rank.ts, which imports this module). */
interface Scored {
  id: string;
  score: number;
}

/**
 * "Why" in English, read from the question's wording (`why` is not a search term: it is
 * auxiliary). A Russian question is read through its English reading (`inEnglish` in
 * russian.ts: `почему`, `из-за чего` → `why`), as for its shape.
 */
const WHY = [
  /\b(why|how come)\b/,
  /\bfor what (reason|purpose)\b/,
  /\bwhat (is|was|were|are) the (reasons?|causes?|motives?|grounds)\b/,
  /\bwhat (made|caused|prompted|drove|pushed|forced|sparked|triggered|led)\b/,
];

/** Whether a question (in English, or a Russian one's English reading) asks why something happened. */
export function asksWhy(query: string): boolean {
  const q = query
    .toLowerCase()
    .replace(/[?!.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return WHY.some((pattern) => pattern.test(q));
}

/** What following reads of a ranked paragraph: its place in its article's paragraphs. */
export interface InArticle {
  article: { paragraphs: readonly { id: string; text: string }[] };
  paragraph: { number: number };
}

/**
 * The share of an event's score that the explanation after it gains: with 0.5 to 1 the same
 * queries gain (0.8: the explanation ranks just above a paragraph that matches as well as the
 * event, and below the event when it matched far better than anything else). Re-measured with
 * the other weights (docs/ranking.md): 0.8 to 1 rank every query the same; 0.5 to 0.7 push one
 * judged "why" answer from 2nd to 5th (and lift a fresh one from 2nd to 1st).
 */
const FOLLOW_SHARE = 0.8;
/**
 * The best paragraphs whose followers may gain: the event a "why" question names is stated by
 * one of its very best matches (a window of 10 or 20 lost more questions than it gained; re-measured,
 * 3 or 4 drop "why" answers, one from 1st to 3rd, and 6 or 7 only move an answer a place down).
 */
const EVENT_WINDOW = 5;
/**
 * Words that say a paragraph gives a reason. `due to` is left out: as often "scheduled to" (`was
 * due to host the exercise`) as "because of".
 */
const EXPLANATION =
  /\b(because|owing to|as a result of|explained|explaining|explains|explanation|citing|on the grounds|so that|in order to|reasons?|in protest)\b/i;

/**
 * The ranking of a "why" question with the explanation after each of its best `EVENT_WINDOW`
 * paragraphs raised by `FOLLOW_SHARE` of that paragraph's score, best first; an explanation the
 * query's words did not reach enters with that share alone (`entering`: it matched no terms), so
 * at most `EVENT_WINDOW` paragraphs enter. `placeOf(at)` is the paragraph ranked at `at`.
 */
export function followEvent<T extends Scored>(
  ranked: readonly T[],
  placeOf: (at: number) => InArticle | undefined,
  entering: (id: string, score: number) => T,
): { ranked: T[]; added: number } {
  const gains = new Map<string, number>();
  for (let at = 0; at < Math.min(EVENT_WINDOW, ranked.length); at++) {
    const place = placeOf(at);
    // Paragraph numbers are 1-based: the one after number n is at index n.
    const follower = place?.article.paragraphs[place.paragraph.number];
    if (!follower || !EXPLANATION.test(follower.text)) continue;
    const gain = FOLLOW_SHARE * (ranked[at] as T).score;
    gains.set(follower.id, Math.max(gains.get(follower.id) ?? 0, gain));
  }
  if (gains.size === 0) return { ranked: [...ranked], added: 0 };
  const out = ranked.map((hit) => {
    const gain = gains.get(hit.id);
    if (gain === undefined) return hit;
    gains.delete(hit.id);
    return { ...hit, score: hit.score + gain };
  });
  // What is left held none of the query's words (or ranked below the head).
  for (const [id, gain] of gains) out.push(entering(id, gain));
  // Stable: equal scores keep the ranking's order.
  out.sort((a, b) => b.score - a.score);
  return { ranked: out, added: gains.size };
}
