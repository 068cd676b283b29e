/**
 * The names a text writes — people, places, bodies — as whole names (`Collective Security Treaty
 * Organization`, `Nikol Pashinyan`, `CSTO`), for what an empty autocomplete box offers as "the
 * names most written about". Counting capitalised words one by one offered `Security`, `Treaty`
 * and `Collective` as three names and `Russian` as one.
 *
 * A name is a run of capitalised words that nothing but spaces separates (`of` may join two:
 * `Ministry of Defence`). Read from the words and the text between them, no model:
 * - a capital after a sentence's end (not a title's point, `Mr.`), a colon or an opening quote
 *   says nothing (after a semicolon, a dash or a bracket it is a name), so a run starting
 *   there loses its first word (`However Zatulin…` → `Zatulin`; a name written there is counted
 *   where it stands inside a sentence, which every name much written about does, and what is left
 *   of a name that started a sentence, `Security Treaty Organization`, is counted with the whole
 *   name by `mostWrittenAbout` in src/search/listed.ts);
 * - a title and what comes before it are no part of the name (`Russian President Vladimir Putin`,
 *   `Deputy Prime Minister Edil Baisalov` → `Vladimir Putin`, `Edil Baisalov`);
 * - a capitalised word joined to a lower-case one describes (`Moscow-led`) and is no name;
 * - a possessive ends its run (`Kyrgyzstan's Sadyr Zhaparov` → `Kyrgyzstan`, `Sadyr Zhaparov`);
 * - one word alone that is a month or weekday, a people's word (`Russian`, `Tajik`) or a function
 *   word is no name;
 * - runs longer than six words are headline capitals, not a name.
 */
import { MONTHS, WEEKDAYS } from './calendar.ts';
import { isPeopleWord } from './demonyms.ts';
import { memoize } from './memo.ts';
import { POSSESSIVE, startsWithCapital, type Token, tokenize, wordTerms } from './terms.ts';

/**
 * Words naming a person's office, written capitalised before the name (`Deputy Prime Minister Edil
 * Baisalov`): a run is cut after the last of them.
 */
const TITLES: ReadonlySet<string> = new Set([
  'ambassador',
  'chairman',
  'chairwoman',
  'chancellor',
  'colonel',
  'commander',
  'deputy',
  'dr',
  'governor',
  'king',
  'lawmaker',
  'leader',
  'lieutenant',
  'mayor',
  'minister',
  'mr',
  'mrs',
  'ms',
  'patriarch',
  'pope',
  'premier',
  'president',
  'presidents',
  'prime',
  'prince',
  'queen',
  'secretary-general',
  'senator',
  'speaker',
  'spokesman',
  'spokeswoman',
]);
/** Dates, capitalised and no name (`September`). */
const CALENDAR: ReadonlySet<string> = new Set([...MONTHS, ...WEEKDAYS]);

/** The longest run read as one name. */
const MAX_NAME_WORDS = 6;

/**
 * Text between two words that starts a sentence or a quotation: its next capital says nothing. A
 * quotation opens right before its first word (a straight quote after a word closes one: `"No,"
 * Pashinyan said`). A semicolon, a dash or a bracket starts no sentence: a capital after one is a
 * name (`(CSTO)`).
 */
const OPENS = /[.!?:]|[“"«‘]$/u;
/** Titles written abbreviated, whose point ends no sentence (`Mr. Putin`): the name goes on after it. */
const ABBREVIATED_TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms']);
const POINT = /^\.[ \u00a0]+$/u;
/** Text between two words that keeps them in one name: spaces only (or a slash, `RFE/RL`). */
const JOINS = /^[ \u00a0]+$/u;
/** A capitalised word joined to a lower-case one says how, not who (`Moscow-led`, `Russian-backed`). */
const DESCRIBES = /[\u2010\u2011-]\p{Ll}/u;

/** The distinct names written in `text` (its tokens may be passed when already split). */
export function namesIn(text: string, tokens: readonly Token[] = tokenize(text)): string[] {
  const names = new Set<string>();
  let run: string[] = [];
  const end = () => {
    if (run.length === 0) return;
    const name = nameOf(run);
    if (name !== null) names.add(name);
    run = [];
  };
  tokens.forEach((token, at) => {
    const surface = token.surface;
    const capital = startsWithCapital(surface);
    // Most words are lower case between names: nothing to read between them.
    if (run.length === 0 && !capital) return;
    const before = text.slice(at === 0 ? 0 : (tokens[at - 1] as Token).end, token.start);
    if (capital && before === '/' && run.length > 0) {
      run[run.length - 1] += `/${surface}`; // one name written with a slash: `RFE/RL`
      return;
    }
    if (capital && POINT.test(before) && ABBREVIATED_TITLES.has(run.at(-1)?.toLowerCase() ?? '')) {
      run.push(surface); // cut with its title by `nameOf`
      return;
    }
    if (!JOINS.test(before) || POSSESSIVE.test(run.at(-1) ?? '')) end();
    if (surface === 'of' && run.length > 0 && run.at(-1) !== 'of') {
      run.push(surface);
      return;
    }
    // The first capital of a sentence or quotation is read as any word: it starts no run.
    if (!capital || DESCRIBES.test(surface) || (run.length === 0 && (at === 0 || OPENS.test(before)))) {
      end();
      return;
    }
    run.push(surface);
  });
  end();
  return [...names];
}

/** A run of capitalised words as a name, or null: what follows its last title, trimmed. */
function nameOf(run: readonly string[]): string | null {
  const afterTitle = run.findLastIndex((word) => TITLES.has(word.toLowerCase())) + 1;
  const words = run.slice(afterTitle);
  while (words[0] === 'of') words.shift();
  while (words.at(-1) === 'of') words.pop();
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
  words[words.length - 1] = (words.at(-1) as string).replace(POSSESSIVE, '');
  if (words.length > 1) return words.join(' ');
  const [word] = words as [string];
  return standsAlone(word) ? word : null;
}

/** Whether one capitalised word is a name by itself (asked once per word a corpus writes). */
const standsAlone = memoize((word: string): boolean => {
  const terms = wordTerms(word);
  return !CALENDAR.has(word) && terms.length > 0 && !terms.every(isPeopleWord);
});
