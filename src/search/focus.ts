/**
 * The focus of a question: the word saying what is asked about the subject, which is the
 * predicate right after the question word and its auxiliaries ("who COMMANDED the troops in
 * Kazakhstan", "which countries LEFT the bloc", "what post did Nazarbayev LOSE", "when was the
 * bloc FOUNDED"). The topic nouns of a question (the bloc, the country) are in most paragraphs of
 * a corpus about them; the predicate is what tells the paragraph that answers from the others.
 *
 * Read from the question as typed (general English question syntax, no part-of-speech model):
 * - a question word, then its answer-type noun for "which/whose/how many/how much" (`which
 *   countries`, `how many troops`), or for "what" when an auxiliary follows it (`what post did`);
 * - then either the predicate itself (`who commanded`, `what sparked`, `which countries left`),
 * - or an auxiliary (`did`, `was`, `does`…), a subject of one word after an optional determiner
 *   (`Nazarbayev`, `the bloc`), and the predicate (`lose`, `founded`).
 * Light verbs (`have`, `do`, `get`, `make`, `be`) say nothing about the subject and are no focus;
 * nor is a preposition or determiner where the predicate should be (the subject was longer).
 */

const QUESTION_WORDS = new Set(['who', 'what', 'which', 'whose', 'where', 'when', 'why', 'how']);
/** Question words followed by the noun naming the kind of answer (`which countries`). */
const TYPED = new Set(['which', 'whose']);
const AUXILIARIES = new Set([
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
  'will',
  'would',
  'can',
  'could',
  'should',
  'shall',
  'may',
  'might',
  'must',
  'didnt',
  'doesnt',
  'dont',
  'isnt',
  'wasnt',
  'werent',
  'arent',
  'hasnt',
  'havent',
  'hadnt',
  'cant',
  'couldnt',
  'wont',
  'wouldnt',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her']);
/** Words that cannot be the predicate: the subject went on, or the verb says nothing. */
const NOT_A_FOCUS = new Set([
  ...DETERMINERS,
  ...AUXILIARIES,
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

/** The focus word of a question, lower-case as written, or null when the question has none. */
export function questionFocus(question: string): string | null {
  const words = question
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);
  const [first] = words;
  if (first === undefined || !QUESTION_WORDS.has(first)) return null;
  let at = 1;
  if (first === 'how') {
    if (words[1] !== 'many' && words[1] !== 'much') return null;
    at = 2;
  }
  // The answer-type noun: always after "which/whose/how many", after "what" when an auxiliary follows.
  const typed = TYPED.has(first) || first === 'how';
  const next = words[at];
  if (next !== undefined && !AUXILIARIES.has(next)) {
    if (typed || (first === 'what' && AUXILIARIES.has(words[at + 1] ?? ''))) at++;
  }
  if (process.env.FOCUS_A && AUXILIARIES.has(words[at] ?? '')) return null;
  if (['when','where','why'].includes(first) && !AUXILIARIES.has(words[at] ?? '')) return null;
  if (AUXILIARIES.has(words[at] ?? '')) {
    at++;
    if (words[at] === 'not') at++;
    if (DETERMINERS.has(words[at] ?? '')) at++;
    at++; // the subject
  }
  const focus = words[at];
  return focus === undefined || NOT_A_FOCUS.has(focus) ? null : focus;
}
