/**
 * Deterministic synthetic corpora for the benchmark, built from the shipped corpus: articles of
 * about 40 paragraphs with varying titles and headings, whose words come from a `TextSource` —
 * news-like text (bench/newslike.ts, the default) or this file's Markov chain (the worst case).
 *
 * A word-level Markov chain (order 2, with order-1 jumps so sentences recombine) over the real
 * paragraphs produces text with the real vocabulary, sentence shapes and spun phrases ("Collective
 * Safety Treaty Group", "12 months", "folks"), so the glossary's rules fire on it as they do on the
 * real article. Single-word names are swapped for other real names now and then, so that names
 * co-occur in combinations the seed never had. Everything is driven by one seeded PRNG: the same
 * seed and size always give the same corpus, and a smaller corpus is a prefix of a larger one.
 */
import type { Corpus } from '../src/corpus/load.ts';
import type { Article, Paragraph } from '../src/corpus/types.ts';
import { MONTHS } from '../src/text/calendar.ts';

/** Tommy Ettinger's mulberry32: small, fast and good enough for sampling text. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** A word ending a sentence: `killed.`, `terrorists.”`, `CSTO?` — but not `St.` */
const SENTENCE_END = /[.!?…]["”’)\]]*$/u;
const ABBREVIATION = /^(?:St|Mr|Mrs|Ms|Dr|Gen|Lt|Col|U\.S|No)\.$/u;
/** A capitalised word with optional surrounding quotes/brackets and a possessive. */
const NAME_TOKEN = /^([“"(]?)(\p{Lu}[\p{L}-]*\p{L})(’s|'s)?([,.;:”")]*)$/u;

/** Capitalised words that are not names of people, places or organisations. */
const NOT_NAMES = new Set(['Article', 'Nineties', ...MONTHS]);

const END = '\u0000end';
const key2 = (a: string, b: string) => `${a}\u0001${b}`;

function endsSentence(token: string): boolean {
  return SENTENCE_END.test(token) && !ABBREVIATION.test(token);
}

/** The chain and word lists sampled from a corpus. */
export interface TextModel {
  /** Pairs of words that begin a sentence. */
  starts: [string, string][];
  /** Next words after a pair (repeats kept, so sampling follows the real frequencies). */
  next2: Map<string, string[]>;
  /** Next words after one word. */
  next1: Map<string, string[]>;
  /** Single-word proper names seen inside sentences. */
  names: string[];
  headings: string[];
  titles: string[];
  /** Words in the model, for reporting. */
  vocabulary: number;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildTextModel(articles: readonly Article[]): TextModel {
  const starts: [string, string][] = [];
  const next2 = new Map<string, string[]>();
  const next1 = new Map<string, string[]>();
  const capitalised = new Set<string>();
  const lowercase = new Set<string>();
  const words = new Set<string>();

  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      const tokens = paragraph.text.split(' ').filter((token) => token.length > 0);
      let sentenceStart = true;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as string;
        words.add(token);
        const following = i + 1 < tokens.length ? (tokens[i + 1] as string) : END;
        const afterNext = i + 2 < tokens.length ? (tokens[i + 2] as string) : END;
        if (sentenceStart && following !== END) starts.push([token, following]);
        push(next1, token, endsSentence(token) ? END : following);
        if (following !== END) push(next2, key2(token, following), endsSentence(following) ? END : afterNext);
        const name = NAME_TOKEN.exec(token);
        if (name?.[2]) {
          // A name in mid-sentence, between two lowercase words: safe to swap for another name.
          const previous = tokens[i - 1] ?? '';
          const isolated = !/^[“"(]?\p{Lu}/u.test(previous) && !/^[“"(]?\p{Lu}/u.test(following);
          if (!sentenceStart && isolated && name[2].length > 3) capitalised.add(name[2]);
        } else {
          const bare = token.replace(/[^\p{L}]/gu, '');
          if (bare) lowercase.add(bare.toLowerCase());
        }
        sentenceStart = endsSentence(token);
      }
    }
  }
  const names = [...capitalised]
    .filter((name) => !lowercase.has(name.toLowerCase()) && !NOT_NAMES.has(name))
    .sort();
  return {
    starts,
    next2,
    next1,
    names,
    headings: articles.flatMap((article) => article.sections),
    titles: articles.map((article) => article.title),
    vocabulary: words.size,
  };
}

/** Probability of an order-1 step, which lets a sentence wander into another sentence's ending. */
const JUMP = 0.2;
/** Probability of swapping an isolated single-word name for another real one. */
const NAME_SWAP = 0.15;
const MAX_SENTENCE_WORDS = 45;

/** One sentence from the chain, with the odd name swapped for another real one. */
export function sentence(model: TextModel, random: Random): string[] {
  const [first, second] = pick(random, model.starts);
  const words = [first, second];
  if (endsSentence(second)) return words;
  while (words.length < MAX_SENTENCE_WORDS) {
    const a = words[words.length - 2] as string;
    const b = words[words.length - 1] as string;
    const choices = (random() < JUMP ? undefined : model.next2.get(key2(a, b))) ?? model.next1.get(b);
    const word = choices ? pick(random, choices) : END;
    if (word === END) break;
    words.push(word);
    if (endsSentence(word)) break;
  }
  const last = words[words.length - 1] as string;
  if (!endsSentence(last)) words[words.length - 1] = `${last.replace(/[,;:—–-]+$/u, '')}.`;
  return words.map((word, index) => {
    if (index === 0 || random() >= NAME_SWAP) return word;
    const match = NAME_TOKEN.exec(word);
    if (!match?.[2] || !model.names.includes(match[2])) return word;
    return `${match[1] ?? ''}${pick(random, model.names)}${match[3] ?? ''}${match[4] ?? ''}`;
  });
}

function paragraphText(model: TextModel, random: Random): string {
  const target = between(random, 35, 65);
  const words: string[] = [];
  while (words.length < target) {
    const next = sentence(model, random);
    // Avoid overshooting a lot: a very long sentence ends the paragraph only when it is the first.
    if (words.length > 0 && words.length + next.length > target + 20) continue;
    words.push(...next);
  }
  return words.join(' ');
}

function phrase(model: TextModel, random: Random, minWords: number, maxWords: number): string {
  const words = sentence(model, random)
    .slice(0, between(random, minWords, maxWords))
    .map((word) => word.replace(/^[“"(]+|[,.;:!?”")]+$/gu, ''))
    .filter((word) => word.length > 0 && word !== '—');
  return words.map((word) => (word[0] ?? '').toUpperCase() + word.slice(1)).join(' ');
}

/** Where an article's words come from: the paragraphs, its headings and its title. */
export interface TextSource {
  /** `news` or `markov`: part of the corpus fingerprint. */
  name: string;
  /** For the benchmark's header: what kind of text, and how many distinct words it draws from. */
  describe: string;
  paragraph(random: Random): string;
  heading(random: Random): string;
  title(random: Random): string;
}

/** The worst case for posting-list length: the shipped article's few hundred words recombined. */
export function markovText(model: TextModel): TextSource {
  return {
    name: 'markov',
    describe: `Markov chain over the shipped corpus, ${model.vocabulary} distinct words, ${model.names.length} swappable names`,
    paragraph: (random) => paragraphText(model, random),
    heading: (random) => (random() < 0.3 ? pick(random, model.headings) : phrase(model, random, 3, 6)),
    title: (random) => (random() < 0.1 ? pick(random, model.titles) : phrase(model, random, 5, 10)),
  };
}

export interface SyntheticOptions {
  paragraphs: number;
  seed?: number;
  /** Average paragraphs per article; each article gets this ±10%. */
  perArticle?: number;
}

/** `paragraphs` paragraphs in articles of about `perArticle` paragraphs, with 2–4 headings each. */
export function syntheticArticles(text: TextSource, options: SyntheticOptions): Article[] {
  const { paragraphs: total, seed = 20221012, perArticle = 40 } = options;
  const random = mulberry32(seed);
  const articles: Article[] = [];
  let made = 0;
  for (let n = 1; made < total; n++) {
    const id = `synthetic-${String(n).padStart(6, '0')}`;
    const count = Math.min(
      total - made,
      between(random, Math.round(perArticle * 0.9), Math.round(perArticle * 1.1)),
    );
    const sections: string[] = [];
    for (let k = between(random, 2, 4); k > 0; k--) sections.push(text.heading(random));
    // Headings start after a lead of a few paragraphs, at increasing positions.
    const lead = Math.min(count, between(random, 3, 7));
    const starts = sections
      .map(() => lead + Math.floor(random() * Math.max(1, count - lead)))
      .sort((a, b) => a - b);
    const title = text.title(random);
    const body: Paragraph[] = [];
    for (let p = 0; p < count; p++) {
      let section: string | null = null;
      for (let h = 0; h < starts.length; h++) if (p >= (starts[h] as number)) section = sections[h] ?? null;
      body.push({
        id: `${id}#${p + 1}`,
        articleId: id,
        number: p + 1,
        section,
        text: text.paragraph(random),
      });
    }
    articles.push({
      id,
      title,
      source: 'Synthetic Wire',
      published: `2022-${String(1 + (n % 12)).padStart(2, '0')}`,
      url: null,
      rights: null,
      license: null,
      inferred: [],
      file: `${id}.md`,
      // Only headings that head at least one paragraph (two may start at the same place).
      sections: [...new Set(body.map((paragraph) => paragraph.section).filter((s) => s !== null))],
      paragraphs: body,
    });
    made += count;
  }
  return articles;
}

/** A corpus of `paragraphs` synthetic paragraphs with the base corpus' glossary. */
export function syntheticCorpus(base: Corpus, text: TextSource, options: SyntheticOptions): Corpus {
  return {
    articles: syntheticArticles(text, options),
    glossary: base.glossary,
    problems: [],
    files: new Map(),
    fingerprint: `synthetic:${text.name}:${options.seed ?? 'default'}:${options.paragraphs}:${options.perArticle ?? 40}`,
  };
}
