/**
 * News-like text for the benchmark: what an archive of a few thousand articles looks like to an
 * index, without shipping anyone's articles.
 *
 * A vocabulary of tens of thousands of words follows Zipf's law (the r-th commonest word is used
 * about 1/r as often as the commonest): English function words take the top ranks, the shipped
 * article's own lowercase words are spread over the common-to-middling ranks, and pronounceable
 * pseudo-words (shorter ones more frequent, about one in eight capitalised like a name) fill the
 * long tail. The shipped article's names, regions and spun phrases enter at realistic rates — a
 * few percent of paragraphs — as single names inside sentences and as whole sentences sampled from
 * its Markov chain, so the glossary fires and the benchmark's questions have real answers. Every
 * word comes from seeded PRNGs: the same seed always gives the same vocabulary and text.
 */
import { mulberry32, type Random, sentence, type TextModel, type TextSource } from './synthetic.ts';

/** Words in the vocabulary, function words and the shipped article's words included. */
export const NEWS_VOCABULARY = 60_000;
/** Zipf exponent of English text. */
const ZIPF_EXPONENT = 1.0;
/** Per sentence: a sentence from the shipped article's chain (names, regions, spun phrases). */
const SEED_SENTENCE_RATE = 0.012;
/** Per word: a single name or region word from the shipped article. */
const SEED_NAME_RATE = 0.0008;
/** Per word: a comma after it. */
const COMMA_RATE = 0.06;

/** English function words, commonest first: the top of any news text's frequency list. */
const FUNCTION_WORDS = (
  'the of and to a in that is for on was with said as it by at from his he be has have an are ' +
  'were not but this which its their they or had been who will more after would also about than ' +
  'other over into two one new some when there all we can could last year people up out most her ' +
  'she only so what such while under may them if no before those because against during between'
).split(' ');

const ONSETS =
  'b c d f g h j k l m n p r s t v w z br bl ch cr dr fl fr gl gr kl kr pl pr sh sk sl sp st str th tr vl zh'.split(
    ' ',
  );
const VOWELS = 'a e i o u a e i o a e ai au ei ia io ou ya'.split(' ');
const CODAS = ' |  | | |n|r|s|t|l|m|nd|st|rk|ng|sh|v|z'.split('|');

function syllable(random: Random): string {
  const onset = random() < 0.85 ? (ONSETS[Math.floor(random() * ONSETS.length)] as string) : '';
  const vowel = VOWELS[Math.floor(random() * VOWELS.length)] as string;
  const coda = (CODAS[Math.floor(random() * CODAS.length)] as string).trim();
  return onset + vowel + coda;
}

/** A pronounceable pseudo-word; rarer ranks get more syllables, as rarer words are longer. */
function pseudoWord(random: Random, rank: number): string {
  const base = rank < 3_000 ? 1 : 2;
  const count = base + (random() < 0.5 ? 1 : 0);
  let word = '';
  for (let i = 0; i < count; i++) word += syllable(random);
  return word;
}

/** Lowercase words of the shipped article, without punctuation, that are not function words. */
function seedWords(model: TextModel): string[] {
  const skip = new Set(FUNCTION_WORDS);
  const words = new Set<string>();
  for (const token of model.next1.keys()) {
    const bare = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (/^\p{Ll}[\p{Ll}-]{2,}$/u.test(bare) && !skip.has(bare)) words.add(bare);
  }
  return [...words].sort();
}

export interface NewsVocabulary {
  /** Words by rank, commonest first. */
  words: string[];
  /** Cumulative Zipf weights, for sampling a rank by binary search. */
  cumulative: Float64Array;
  /** How many of the words are the shipped article's. */
  fromSeed: number;
}

/** The ranked vocabulary: function words, then seed and pseudo-words interleaved, then the tail. */
export function newsVocabulary(model: TextModel, seed: number, size = NEWS_VOCABULARY): NewsVocabulary {
  const random = mulberry32(seed ^ 0x5eed);
  const fromSeed = seedWords(model);
  const taken = new Set<string>([...FUNCTION_WORDS, ...fromSeed]);
  const words = [...FUNCTION_WORDS];
  // The shipped article's words land at random ranks between the function words and rank 5,000:
  // common enough that the benchmark's topics match hundreds of paragraphs at 100k.
  const seedRanks = new Map<number, string>();
  for (const word of fromSeed) {
    let rank = 0;
    do rank = words.length + Math.floor(random() * 5_000);
    while (seedRanks.has(rank));
    seedRanks.set(rank, word);
  }
  while (words.length < size) {
    const fromArticle = seedRanks.get(words.length);
    if (fromArticle) {
      words.push(fromArticle);
      continue;
    }
    let word = pseudoWord(random, words.length);
    while (taken.has(word)) word = pseudoWord(random, words.length);
    taken.add(word);
    words.push(random() < 0.125 ? (word[0] as string).toUpperCase() + word.slice(1) : word);
  }
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let rank = 0; rank < words.length; rank++) {
    sum += 1 / (rank + 1) ** ZIPF_EXPONENT;
    cumulative[rank] = sum;
  }
  return { words, cumulative, fromSeed: fromSeed.length };
}

/** A word drawn by frequency: binary search of a uniform draw in the cumulative weights. */
function zipfWord(vocabulary: NewsVocabulary, random: Random): string {
  const { cumulative, words } = vocabulary;
  const target = random() * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return words[low] as string;
}

function capitalise(word: string): string {
  return (word[0] ?? '').toUpperCase() + word.slice(1);
}

/** A sentence of 6–28 words, capitalised, with the odd comma and name, ending in a full stop. */
function newsSentence(vocabulary: NewsVocabulary, model: TextModel, random: Random): string[] {
  if (random() < SEED_SENTENCE_RATE) return sentence(model, random);
  const length = 6 + Math.floor(random() * 23);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    let word =
      random() < SEED_NAME_RATE && model.names.length > 0
        ? (model.names[Math.floor(random() * model.names.length)] as string)
        : zipfWord(vocabulary, random);
    if (i === 0) word = capitalise(word);
    if (i < length - 1 && random() < COMMA_RATE) word += ',';
    words.push(word);
  }
  words[length - 1] += '.';
  return words;
}

/** A paragraph of 35–65 words. */
function newsParagraph(vocabulary: NewsVocabulary, model: TextModel, random: Random): string {
  const target = 35 + Math.floor(random() * 31);
  const words: string[] = [];
  while (words.length < target) words.push(...newsSentence(vocabulary, model, random));
  return words.join(' ');
}

/** A headline or heading of `min`–`max` words drawn mostly from the middle ranks, in title case. */
function newsHeadline(
  vocabulary: NewsVocabulary,
  model: TextModel,
  random: Random,
  min: number,
  max: number,
): string {
  const count = min + Math.floor(random() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    if (random() < 0.08 && model.names.length > 0) {
      words.push(model.names[Math.floor(random() * model.names.length)] as string);
      continue;
    }
    // Headlines skip most function words: redraw once when one comes up.
    let word = zipfWord(vocabulary, random);
    if (FUNCTION_WORDS.includes(word)) word = zipfWord(vocabulary, random);
    words.push(capitalise(word));
  }
  return words.join(' ');
}

/** The benchmark's default text: `NEWS_VOCABULARY` Zipf-ranked words and the shipped article's names. */
export function newsText(model: TextModel, seed: number): TextSource {
  const vocabulary = newsVocabulary(model, seed);
  return {
    name: 'news',
    describe: `news-like, Zipf vocabulary of ${vocabulary.words.length.toLocaleString('en-US')} words (${vocabulary.fromSeed} from the shipped article), its ${model.names.length} names and Markov sentences in a few percent of paragraphs`,
    paragraph: (random) => newsParagraph(vocabulary, model, random),
    heading: (random) => newsHeadline(vocabulary, model, random, 2, 5),
    title: (random) => newsHeadline(vocabulary, model, random, 5, 10),
  };
}
