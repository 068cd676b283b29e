/**
 * The glossary bridges the words readers type and the words the text uses (a synonym spinner's
 * substitutions, transliterations of names). It is corpus data (`corpus/synonyms.txt`), applied at
 * index time: where a paragraph contains a rule's phrase, the rule's reader words are indexed for
 * that paragraph in a separate, lower-weighted field, and the phrase is what gets highlighted.
 */
import { memoize } from '../text/memo.ts';
import { numberPhrases } from '../text/numbers.ts';
import { Spelling } from '../text/spelling.ts';
import { analyzeWord, phraseKeys, type Token, tokenize, type WordTerm } from '../text/terms.ts';
import { glossaryLineTooLong, tooManyNames } from './limits.ts';
import { RussianGlossary } from './russian-glossary.ts';

/** The glossary file's reserved name inside the corpus directory. */
export const GLOSSARY_FILE = 'synonyms.txt';

interface Rule {
  /** Phrase keys of the text side (stemmed, stop words kept). */
  keys: string[];
  /**
   * Search terms the line's reader side produces, possibly including the phrase's own: every name of a
   * mutual-alias line shares one list, so a line costs linear work in its names, not names².
   */
  reader: readonly WordTerm[];
  /** The phrase's own terms, left out of what it stands for. */
  own: ReadonlySet<string>;
  /** `reader` minus `own`, worked out the first time the phrase is found. */
  words?: readonly WordTerm[];
}

/** What a rule's phrase stands for: its reader words, minus the words the phrase already has. */
function wordsOfRule(rule: Rule): readonly WordTerm[] {
  rule.words ??= rule.reader.filter((word) => !rule.own.has(word.term));
  return rule.words;
}

/** Where a glossary phrase occurs in a text, and the reader words it stands for. */
export interface AliasSpan {
  start: number;
  end: number;
  words: readonly WordTerm[];
}

export interface GlossaryProblem {
  line: number;
  reason: string;
}

const MAX_PHRASE_WORDS = 8;

function phraseOf(text: string, spelling: Spelling): string[] {
  return tokenize(text).flatMap((token) => phraseKeys(token.surface, spelling));
}

function wordsOf(text: string, spelling: Spelling): WordTerm[] {
  return tokenize(text).flatMap((token) => analyzeWord(token.surface, false, spelling));
}

export class Glossary {
  /** Rules by their first key, longest phrase first, so matching is greedy. */
  readonly #rulesByFirstKey = new Map<string, Rule[]>();
  readonly ruleCount: number;
  readonly problems: readonly GlossaryProblem[];
  /**
   * The corpus's spelling folds (transliteration table): part of the glossary because every
   * analysis that uses the glossary — index, query, highlights — must fold the same way.
   */
  readonly spelling: Spelling;
  /** Russian words and their English readings, applied to queries only (`russian-glossary.ts`). */
  readonly russian: RussianGlossary;

  private constructor(
    allRules: Rule[],
    problems: GlossaryProblem[],
    spelling: Spelling,
    russian: RussianGlossary,
  ) {
    // A rule whose reader words are all in its own phrase adds nothing to the index. (`reader` holds
    // distinct terms, and a mutual line's reader side holds the phrase's own terms too.)
    const rules = mergeByPhrase(allRules).filter((rule) =>
      rule.reader.some((word) => !rule.own.has(word.term)),
    );
    for (const rule of rules) {
      const first = rule.keys[0] as string;
      const list = this.#rulesByFirstKey.get(first) ?? [];
      list.push(rule);
      list.sort((a, b) => b.keys.length - a.keys.length);
      this.#rulesByFirstKey.set(first, list);
    }
    this.ruleCount = rules.length;
    this.problems = problems;
    this.spelling = spelling;
    this.russian = russian;
  }

  static readonly empty = new Glossary([], [], Spelling.none, RussianGlossary.empty);

  /** Phrase keys of a written word, memoised: every analysed paragraph asks for all of its words. */
  readonly #keysOf = memoize((surface) => phraseKeys(surface, this.spelling));

  /**
   * Parses the glossary format:
   * `spun phrase => reader word, reader phrase` (one way: text side to reader side) and
   * `name = name = name` (mutual aliases). `#` starts a comment line.
   * A bad line is reported with its number and skipped; the others still apply. Both sides are
   * analysed with `spelling`, the corpus's transliteration table. `russian` rides along for queries.
   */
  static parse(
    source: string,
    spelling: Spelling = Spelling.none,
    russian: RussianGlossary = RussianGlossary.empty,
  ): Glossary {
    const rules: Rule[] = [];
    const problems: GlossaryProblem[] = [];
    source.split(/\r?\n/).forEach((raw, index) => {
      const text = raw.trim();
      if (!text || text.startsWith('#')) return;
      const tooLong = glossaryLineTooLong(text);
      if (tooLong) {
        problems.push({ line: index + 1, reason: tooLong });
        return;
      }
      const parsed = parseLine(text, spelling);
      if (typeof parsed === 'string') problems.push({ line: index + 1, reason: parsed });
      else rules.push(...parsed);
    });
    return new Glossary(rules, problems, spelling, russian);
  }

  /**
   * Finds glossary phrases in a tokenized text, longest match first, without overlaps.
   * Hyphenated words count as their parts, so a rule may match inside `Qasym-Zhomart`'s parts
   * only as a whole token sequence. A number written as several words (`forty four`) is a phrase
   * too, standing for its figure (`44`, see `numbers.ts`), unless a rule's phrase covers it.
   */
  findAliases(tokens: readonly Token[]): AliasSpan[] {
    const spans = this.#ruleAliases(tokens);
    const numbers = numberPhrases(tokens);
    if (numbers.length === 0) return spans;
    for (const { first, last, term, surface } of numbers) {
      const start = (tokens[first] as Token).start;
      const end = (tokens[last] as Token).end;
      if (!spans.some((span) => span.start < end && start < span.end))
        spans.push({ start, end, words: [{ term, surface }] });
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  #ruleAliases(tokens: readonly Token[]): AliasSpan[] {
    if (this.ruleCount === 0) return [];
    // Flatten to one key per word part, remembering which token each part came from.
    const keys: string[] = [];
    const owner: number[] = [];
    tokens.forEach((token, index) => {
      for (const key of this.#keysOf(token.surface)) {
        keys.push(key);
        owner.push(index);
      }
    });
    // A phrase must cover whole tokens: `give up` may not match half of `give-up-able`.
    const boundary = (at: number) => at === 0 || at === keys.length || owner[at - 1] !== owner[at];
    const spans: AliasSpan[] = [];
    let i = 0;
    while (i < keys.length) {
      const end = (rule: Rule) => i + rule.keys.length;
      const rule = boundary(i)
        ? this.#rulesByFirstKey
            .get(keys[i] as string)
            ?.find((candidate) => matchesAt(keys, i, candidate) && boundary(end(candidate)))
        : undefined;
      if (rule) {
        const first = tokens[owner[i] as number] as Token;
        const last = tokens[owner[end(rule) - 1] as number] as Token;
        spans.push({ start: first.start, end: last.end, words: wordsOfRule(rule) });
        i = end(rule);
      } else {
        i += 1;
      }
    }
    return spans;
  }
}

/**
 * One rule per phrase: a later line for a phrase that already has a rule adds its reader words to
 * that rule (`Yerevan = Ереван` after `Yerevan = Erevan = Erivan`), instead of never matching.
 */
function mergeByPhrase(rules: readonly Rule[]): Rule[] {
  const byPhrase = new Map<string, Rule>();
  for (const rule of rules) {
    const phrase = rule.keys.join(' ');
    const earlier = byPhrase.get(phrase);
    if (!earlier) byPhrase.set(phrase, rule);
    else {
      // A new list: the earlier one may be shared by the other names of its line.
      const known = new Set(earlier.reader.map((word) => word.term));
      const added = rule.reader.filter((word) => !known.has(word.term) && !earlier.own.has(word.term));
      byPhrase.set(phrase, { ...earlier, reader: [...earlier.reader, ...added] });
    }
  }
  return [...byPhrase.values()];
}

/** The rules one glossary line stands for, or why the line is unusable. */
function parseLine(text: string, spelling: Spelling): Rule[] | string {
  const oneWay = text.split('=>');
  if (oneWay.length > 2) return 'more than one "=>"';
  if (oneWay.length === 2) {
    // `a ==> b`, `a =>> b`: a mistyped arrow would otherwise leave `=` or `>` in a phrase.
    if (/[=>]/.test(oneWay.join(''))) return 'a stray "=" or ">" next to "=>" (write "phrase => words")';
    const readerSides = (oneWay[1] ?? '').split(',').map((side) => side.trim());
    if (readerSides.some((side) => !side)) return 'empty reader word';
    const rule = makeRule((oneWay[0] ?? '').trim(), distinctWords(readerSides, spelling), spelling);
    return typeof rule === 'string' ? rule : [rule];
  }
  const names = text.split('=').map((name) => name.trim());
  if (names.length < 2 || names.some((name) => !name)) return 'expected "phrase => words" or "name = name"';
  const crowded = tooManyNames(names.length);
  if (crowded) return crowded;
  // Each name stands for the words of all the names; `makeRule` leaves its own out.
  const reader = distinctWords(names, spelling);
  const rules: Rule[] = [];
  for (const name of names) {
    const rule = makeRule(name, reader, spelling);
    if (typeof rule === 'string') return rule;
    rules.push(rule);
  }
  return rules;
}

/** The search terms of several phrases, each term once, in order. */
function distinctWords(phrases: readonly string[], spelling: Spelling): WordTerm[] {
  const words = new Map<string, WordTerm>();
  for (const word of phrases.flatMap((phrase) => wordsOf(phrase, spelling)))
    if (!words.has(word.term)) words.set(word.term, word);
  return [...words.values()];
}

function makeRule(textSide: string, reader: readonly WordTerm[], spelling: Spelling): Rule | string {
  const keys = phraseOf(textSide, spelling);
  if (keys.length === 0) return `"${textSide}" has no words`;
  if (keys.length > MAX_PHRASE_WORDS) return `"${textSide}" is longer than ${MAX_PHRASE_WORDS} words`;
  return { keys, reader, own: new Set(wordsOf(textSide, spelling).map((word) => word.term)) };
}

function matchesAt(keys: readonly string[], at: number, rule: Rule): boolean {
  return rule.keys.every((key, offset) => keys[at + offset] === key);
}
