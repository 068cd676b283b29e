/**
 * Question shapes: what kind of answer a whole question asks for, and whether a paragraph has
 * one next to the words it matched. The stop-word list drops `how`, `many`, `who`, `what`, so the
 * shape is read from the question as typed, not from its terms.
 *
 * - "how many / how much" → a number in a sentence holding the matched words;
 * - "how long / far / big / old…" → a number followed by a unit (`1,000 kilometres`, `six
 *   weeks`, `40 percent`) there;
 * - "when", "what year/date/month", "the date(s) of…" → a date there (a month, a weekday or a year);
 * - "who did / who said …", "the name of …", "what was it called" → a proper name there (two
 *   capitalised words in a row, not opening the sentence);
 * - "what is X", "who are X" (X of up to four words: "the members of the CSTO") → the paragraph
 *   that introduces X: the first of its article to mention X, or one that defines it (`X is/was …`;
 *   a gloss in parentheses, `X (…)`, counts half: it names X without saying what it is);
 * - a query of names alone (`Nazarbayev`) is read as "who/what is X" (`namesAlone`): the first
 *   paragraph of its article to name X.
 */
import { MONTHS } from './citation.ts';
import type { ParagraphTerms } from './highlight.ts';
import type { QueryTerm } from './query.ts';

export type Shape = 'count' | 'measure' | 'date' | 'person' | 'define' | 'role' | 'places' | 'place' | 'refusal';
const X = (name: string) => process.env[name] !== undefined;

export function questionShape(query: string): Shape | null {
  const q = query
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .trim();
  if (/\bhow (many|much)\b/.test(q)) return 'count';
  if (/\bhow (long|far|big|large|old|tall|high|wide)\b/.test(q)) return 'measure';
  if (/^(when|since when|until when)\b|\b(what|which) (year|date|day|month)\b/.test(q)) return 'date';
  if (/\b(dates?|year) of\b/.test(q)) return 'date';
  if (X('ROLE') && /^(what|which) (post|job|position|title|role|office|posts|jobs|positions|titles|roles)\b/.test(q)) return 'role';
  if (X('PLACES') && /^(which|what) (countries|states|members|nations|republics|cities|towns|villages|regions|provinces|capitals|places)\b/.test(q)) return 'places';
  if (X('WHERE') && /^where\b/.test(q)) return 'place';
  if (/\bnames? of\b|\bwhat (is|was|were|are) (it|they) called\b/.test(q)) return 'person';
  if (/^(what|who)(?: is|’s|'s| are| was| were) (?:the |an? )?\S+(?: \S+){0,3}$/.test(q)) return 'define';
  if (/^(who|whom|whose)\b/.test(q)) return 'person';
  if (X('REFUSAL') && asksRefusal(q)) return 'refusal';
  return null;
}

export function asksRefusal(query: string): boolean {
  const q = query.toLowerCase();
  return (new RegExp(String.raw`\b(didn[’']?t|did not|doesn[’']?t|does not|don[’']?t|wouldn[’']?t|won[’']?t|told no|said no|never${X('REFUSAL2') ? '' : '|refused?|refusing|declined?|rejected?|turned down'})\b`).test(q));
}

/** Longest query of names alone that still asks who or what they are. */
const NAMES_ALONE = 3;

/**
 * Whether a query is names alone (`Nazarbayev`, `Zhanaozen`, `Rahmon Putin`: no question or
 * auxiliary word): it asks who or what they are, like "who is X", so the paragraph introducing
 * them (the first of its article to name them) beats a later one naming them in passing. Names
 * are the words the corpus writes capitalised.
 */
export function namesAlone(terms: readonly QueryTerm[], isName: (term: QueryTerm) => boolean): boolean {
  return terms.length <= NAMES_ALONE && terms.every(isName);
}

const NUMBER_WORDS = new Set([
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'dozen',
  'dozens',
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
]);
const DATE_WORDS = new Set([
  ...MONTHS.map((month) => month.toLowerCase()),
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
/** Units a "how long / how far / how big" answer is given in: length, time, share. */
const UNITS =
  /^(kilomet(er|re)s?|km|miles?|met(er|re)s?|feet|foot|hours?|days?|weeks?|months?|years?|decades?|percent|per)$/;
const YEAR = /^(1[89]|20)\d\d(s)?$/;
const FIGURE = /^\d[\d,.]*$/;

const ROLES = new Set(['minister','president','chairman','chairwoman','chairperson','secretary-general','secretary','lawmaker','legislator','deputy','speaker','governor','mayor','ambassador','envoy','spokesman','spokeswoman','spokesperson','commander','chief','director','adviser','advisor','senator','premier','chancellor','leader']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near']);
const REFUSALS = /^(not|no|never|nothing|none|neither|nor|refus\w*|declin\w*|reject\w*|fail\w*|without|deni\w*|deny)$/;
const ORG_HEADS = new Set(['council','force','forces','organization','organisation','treaty','duma','ministry','committee','union','bank','party','republic','federation','assembly','parliament','army','nations','states','house','office','service','agency','academy','university','forum','summit','province','region','city','valley','river','sea','mountains','district','square','street','group','alliance','bloc','community','court','government','news','agency','television','radio','times','post','press','institute','center','centre','foundation','company','corporation','airport','station','ocean','lake','asia','europe','america','east','west']);

/** A figure that is not a year, or a number written out: what a count or a measure starts with. */
function isQuantity(word: string): boolean {
  return (FIGURE.test(word) && !YEAR.test(word)) || NUMBER_WORDS.has(word);
}

function isAnswerWord(shape: Shape, surface: string, next: string | undefined): boolean {
  const word = surface.toLowerCase();
  switch (shape) {
    case 'count':
      return isQuantity(word);
    case 'measure':
      return isQuantity(word) && next !== undefined && UNITS.test(next.toLowerCase());
    case 'date':
      return DATE_WORDS.has(word) || YEAR.test(word);
    case 'person':
      return next !== undefined && /^\p{Lu}\p{Ll}/u.test(surface) && /^\p{Lu}\p{Ll}/u.test(next);
    default:
      return false;
  }
}

/**
 * 1 when a sentence holding matched words also holds the kind of answer the question asks for
 * (a word that is not itself a matched word), else 0. `define` is judged by `definesSubject`.
 */
export function hasAnswerNear(
  shape: Shape,
  text: string,
  analysis: ParagraphTerms,
  sentenceOf: readonly number[],
  matched: ReadonlySet<number>,
  around: ReadonlySet<number> = matched,
  focusAt?: readonly number[],
): number {
  if (shape === 'define') return 0;
  const sentences = new Set([...around].map((at) => sentenceOf[at]));
  const words = analysis.words;
  const surface = (at: number) => {
    const w = words[at];
    return w ? text.slice(w.start, w.end) : '';
  };
  const capital = (at: number) => /^\p{Lu}\p{Ll}/u.test(surface(at));
  const opens = (at: number) => at === 0 || sentenceOf[at - 1] !== sentenceOf[at];
  const between = (at: number) => {
    const a = words[at];
    const b = words[at + 1];
    return a && b ? text.slice(a.end, b.start) : '';
  };
  if (shape === 'person' && focusAt && X('FOCUS_AGENT')) {
    for (const f of focusAt) {
      const s0 = sentenceOf[f];
      const subject = [f - 1, f - 2].find((at) => at >= 0 && sentenceOf[at] === s0 && capital(at) && !opens(at) && !matched.has(at) && (at === f - 1 || /ly$/.test(surface(f - 1))));
      if (subject !== undefined) return 1;
      if (surface(f + 1) === 'by')
        for (let at = f + 2; at < f + 8 && sentenceOf[at] === s0; at++) if (capital(at) && !matched.has(at)) return 1;
    }
    if (!X('FOCUS_AGENT_ONLY')) return Number(process.env.FOCUS_AGENT) * hasAnswerNear(shape, text, analysis, sentenceOf, matched);
  }
  if (shape === 'role' || shape === 'places' || shape === 'place' || shape === 'refusal' || (shape === 'person' && X('PERSON2'))) {
    for (let at = 0; at < words.length; at++) {
      if (!sentences.has(sentenceOf[at])) continue;
      const word = surface(at).toLowerCase();
      switch (shape) {
        case 'role':
          if (!matched.has(at) && (ROLES.has(word) || (word === 'head' && surface(at + 1) === 'of'))) return 1;
          break;
        case 'places':
          if (
            capital(at) && capital(at + 1) && sentenceOf[at + 1] === sentenceOf[at] &&
            /^\s*(,|and|, and)\s*$/.test(between(at)) &&
            (!X('PLACES3') || (capital(at + 2) && /^\s*(,|and|, and)\s*$/.test(between(at + 1))))
          )
            return 1;
          break;
        case 'place':
          if (PLACE_PREPOSITIONS.has(surface(at)) && capital(at + 1) && !matched.has(at + 1) && sentenceOf[at + 1] === sentenceOf[at]) return 1;
          break;
        case 'refusal':
          if (!matched.has(at) && (REFUSALS.test(word) || /n['’]t$/.test(word))) return Number(process.env.REFV ?? 1);
          if (X('REFUSAL3') && /^(rul|stay|stayed|kept|keep|turn)/.test(word) && /^(out|down)$/.test(surface(at + 1).toLowerCase())) return Number(process.env.REFV ?? 1);
          if (X('REFUSAL3') && word === 'deaf' && X('DEAF')) return 1;
          break;
        case 'person': {
          if (!capital(at) || opens(at) || (at > 0 && capital(at - 1) && !opens(at - 1) && sentenceOf[at-1]===sentenceOf[at])) break;
          let end = at;
          while (capital(end + 1) && sentenceOf[end + 1] === sentenceOf[at] && /^\s+$/.test(between(end))) end++;
          const length = end - at + 1;
          if (length >= 2 && length <= 3 && !ORG_HEADS.has(surface(end).toLowerCase()) && ![...Array(length).keys()].some((i) => matched.has(at + i))) return 1;
          break;
        }
      }
    }
    return 0;
  }
  let best = 0;
  for (let at = 0; at < words.length; at++) {
    if (matched.has(at) || !sentences.has(sentenceOf[at])) continue;
    const word = words[at] as ParagraphTerms['words'][number];
    const next = words[at + 1];
    const nextSurface =
      next && sentenceOf[at + 1] === sentenceOf[at] && !matched.has(at + 1)
        ? text.slice(next.start, next.end)
        : undefined;
    // A capitalised word that opens a sentence is not evidence of a name.
    if (shape === 'person' && (at === 0 || sentenceOf[at - 1] !== sentenceOf[at])) continue;
    if (isAnswerWord(shape, text.slice(word.start, word.end), nextSurface)) {
      if (shape !== 'date' || !X('DATE2')) return 1;
      const w = surface(at).toLowerCase();
      const full = YEAR.test(w) || (sentenceOf[at + 1] === sentenceOf[at] && /^\d/.test(surface(at + 1))) || (at > 0 && sentenceOf[at - 1] === sentenceOf[at] && /^\d/.test(surface(at - 1)));
      if (full) return 1;
      best = Math.max(best, Number(process.env.DATE2));
    }
  }
  return best;
}

/**
 * What an acronym's gloss counts next to a definition: `Collective Security Treaty Organization
 * (CSTO)` names X, `X, usually shortened to CSTO, is a military alliance` says what it is.
 */
const GLOSS = 0.5;

/**
 * How well the paragraph defines a matched word: 1 for `X is/was/are …` (also `X, …` and
 * `X (…) is …`), `GLOSS` for a gloss in parentheses alone (`X (…)`, `(X)`), else 0.
 */
export function definesSubject(text: string, analysis: ParagraphTerms, matched: ReadonlySet<number>): number {
  let best = 0;
  for (const at of matched) {
    const word = analysis.words[at];
    if (!word) continue;
    const before = text.slice(Math.max(0, word.start - 2), word.start);
    const after = text.slice(word.end, word.end + 7);
    if (/^\)?,?\s+(is|was|are|were)\b/.test(after)) return 1;
    if (/\($/.test(before) || /^\s*\(/.test(after)) best = GLOSS;
  }
  return best;
}
