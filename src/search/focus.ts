/**
 * The focus of a question: the predicate of a question that asks for its subject ("who COMMANDED
 * the troops in Kazakhstan", "which countries LEFT the bloc", "what SPARKED the protests"). The
 * topic nouns of such a question (the bloc, the country) are in most paragraphs of a corpus about
 * them; the predicate is what tells the paragraph that answers from the others, so ranking weighs
 * it more (`WEIGHTS.focus` in rank.ts).
 *
 * Read from the question as typed, by general English question syntax (no part-of-speech model):
 * a question word, the noun naming the kind of answer after "which / whose / how many / how much"
 * (`which countries`, `how many troops`), then the predicate. A question built on an auxiliary
 * ("what post did Nazarbayev lose", "when was the bloc founded") has no focus here: its subject
 * comes first and has no marked end ("when did the CSTO troops leave Kazakhstan"), and guessing it
 * lost on the judged evaluation (docs/ranking.md). Nor do "when / where / why" questions, which
 * always take an auxiliary in English.
 */

/** Question words that can ask for the subject of a predicate. */
const SUBJECT_QUESTIONS: ReadonlySet<string> = new Set(['who', 'what', 'which', 'whose', 'how']);
/** Question words followed by the noun naming the kind of answer (`which countries`). */
const TYPED: ReadonlySet<string> = new Set(['which', 'whose', 'how']);
/** Auxiliaries that take a negative ending (`didn't`, typed `didnt`: apostrophes are dropped). */
const NEGATABLE = [
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'has',
  'have',
  'had',
  'could',
  'would',
  'should',
];
const AUXILIARIES: ReadonlySet<string> = new Set([
  ...NEGATABLE,
  ...NEGATABLE.map((auxiliary) => `${auxiliary}nt`),
  'will',
  'wont',
  'can',
  'cant',
  'shall',
  'may',
  'might',
  'must',
]);
/** Words that cannot be the predicate asked about: light verbs, determiners, prepositions. */
const NOT_A_FOCUS: ReadonlySet<string> = new Set([
  'be',
  'been',
  'being',
  'get',
  'got',
  'make',
  'made',
  'happen',
  'happened',
  'go',
  'went',
  'not',
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'in',
  'on',
  'at',
  'of',
  'to',
  'from',
  'for',
  'with',
  'by',
  'about',
  'and',
  'or',
  'after',
  'before',
  'during',
  'when',
  'if',
  'so',
]);

/**
 * The predicate a question asks the subject of, lower-case as written (`commanded`), or null when
 * the question is not of that form.
 */
export function questionFocus(question: string): string | null {
  const words = question
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);
  const [first, second] = words;
  if (first === undefined || !SUBJECT_QUESTIONS.has(first)) return null;
  if (first === 'how' && second !== 'many' && second !== 'much') return null;
  let at = first === 'how' ? 2 : 1;
  // The answer-type noun: always after "which / whose / how many"; after "what" only when an
  // auxiliary follows it ("what post did…"), since "what sparked…" puts the predicate there.
  if (!AUXILIARIES.has(words[at] ?? '') && (TYPED.has(first) || AUXILIARIES.has(words[at + 1] ?? ''))) at++;
  const focus = words[at];
  if (focus === undefined || AUXILIARIES.has(focus) || NOT_A_FOCUS.has(focus)) return null;
  return focus;
}
