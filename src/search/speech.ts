/**
 * Reported speech: a question asking what someone said ("what did Zatulin say about Kyrgyzstan",
 * "how did the foreign ministry describe…", "what does X think of Y", "according to X…", "what was
 * X's reaction") wants the paragraph where X is the SPEAKER: a word of X's name within a few words
 * of a speech verb (`said`, `told`, `warned`, `according to`, `in an interview`…) or of a quotation,
 * in one sentence. The word `say` itself is in every quotation and decides nothing; who speaks does.
 * General English, not corpus data.
 */
import { isCapitalised, type WordView } from './answer-phrases.ts';

/** Verbs a question uses to ask what someone said or thinks (`call` only as "what did X call Y"). */
const ASKING =
  'say|says|said|saying|tell|tells|told|think|thinks|thought|describe|describes|described|claim|claims|claimed|argue|argues|argued|write|writes|wrote|mean|meant|react|reacted|respond|responded|reply|replied|comment|commented|warn|warned|predict|predicted|feel|felt|believe|believes|make of|accuse|accused|blame|blamed|explain|explains|explained|announce|announced|insist|insisted|admit|admitted|deny|denied|complain|complained';
/** Nouns for what someone said: "what was Tokayev's reaction", "the response of the ministry". */
const SAYING =
  'reaction|response|explanation|view|views|position|opinion|comment|comments|answer|take|stance|words|statement|remarks|reply|verdict|assessment|warning|message';
const AUXILIARY = 'did|does|do|has|have|had|will|would|is|was|are|were';
/** Up to six words: "article 4 of the treaty" says things too. */
const SPEAKER = "((?:[\\p{L}\\p{N}'’-]+ ){0,5}?[\\p{L}\\p{N}'’-]+)";

const QUESTIONS: readonly RegExp[] = [
  new RegExp(`\\b(?:${AUXILIARY}) ${SPEAKER} (?:${ASKING})\\b`, 'u'),
  new RegExp(`^what (?:did|does|do) ${SPEAKER} call\\b`, 'u'),
  new RegExp(
    `^(?:what|how) (?!many |much )${SPEAKER} (?:said|says|told|thinks|thought|wrote|described|claimed|argued)\\b`,
    'u',
  ),
  new RegExp(
    `\\baccording to ${SPEAKER}(?=$|[,;:]| (?:about|on|of|in|for|why|what|when|how|did|does|is|was)\\b)`,
    'u',
  ),
  new RegExp(`\\b(?:${SAYING}) (?:of|from) ${SPEAKER}(?=$|[,;:]| (?:to|about|on|over|after|for)\\b)`, 'u'),
  new RegExp(`^(?:what|how) (?:is|was|were|are) ${SPEAKER}(?:['’]s?|s) (?:${SAYING})\\b`, 'u'),
];

/** Who is asked about: the speaker's words as written, `who` for "who said…", or null. */
export function questionSpeaker(question: string): string | null {
  const q = question
    .toLowerCase()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (new RegExp(`^(?:who|whom) (?:has |had |have )?(?:${ASKING})\\b`).test(q)) return 'who';
  for (const pattern of QUESTIONS) {
    const speaker = pattern.exec(q)?.[1];
    if (speaker !== undefined) return speaker.replace(/^(the|a|an) /, '');
  }
  return null;
}

/** Verbs and phrases that attribute words to a speaker, as news English writes them. */
const SPEECH =
  /^(say|says|said|saying|tell|tells|told|state|states|stated|note|notes|noted|write|writes|wrote|argue|argues|argued|add|adds|added|warn|warns|warned|insist|insists|insisted|observe|observes|observed|complain|complains|complained|fume|fumed|accuse|accuses|accused|claim|claims|claimed|declare|declares|declared|announce|announces|announced|explain|explains|explained|describe|describes|described|remark|remarked|comment|commented|stress|stressed|acknowledge|acknowledged|admit|admitted|deny|denied|denies|reply|replied|respond|responded|recall|recalled|suggest|suggested|urge|urged|vow|vowed|pledge|pledged|promise|promised|predict|predicted|criticise|criticised|criticize|criticized|tweet|tweeted|posted|interview|according)$/;
const QUOTE = /["“”«»„]/;

/** How far from the speaker's word a speech verb may stand. */
export const SPEAKER_WINDOW = Number(process.env.SAY_WINDOW ?? 3);
const QUOTES = process.env.SAY_QUOTES === '1';

/**
 * Whether one of the speaker's words (`speaker`: positions in the paragraph) stands within
 * `window` words of a speech verb, or with `quotes`, of a quotation mark, in its sentence.
 */
export function speaksAt(
  view: WordView,
  speaker: readonly number[],
  window = SPEAKER_WINDOW,
  quotes = QUOTES,
): boolean {
  for (const at of speaker) {
    const sentence = view.sentenceOf[at];
    for (let other = Math.max(0, at - window); other <= at + window && other < view.length; other++) {
      if (view.sentenceOf[other] !== sentence) continue;
      const word = view.surface(other).toLowerCase();
      if (
        other !== at &&
        SPEECH.test(word) &&
        (word !== 'according' || /^to$/i.test(view.surface(other + 1)))
      )
        return true;
      if (quotes && (QUOTE.test(view.gap(other - 1)) || QUOTE.test(view.gap(other)))) return true;
    }
  }
  return false;
}

/**
 * For "who said…": the words of names (two capitalised words in a row, not opening the sentence)
 * in the sentences of `matched`: any of them may be the speaker asked for.
 */
export function namesNear(view: WordView, matched: ReadonlySet<number>): number[] {
  const sentences = new Set([...matched].map((at) => view.sentenceOf[at]));
  const names: number[] = [];
  for (let at = 1; at < view.length; at++) {
    const sentence = view.sentenceOf[at];
    if (!sentences.has(sentence) || view.sentenceOf[at - 1] !== sentence || matched.has(at)) continue;
    const capital = (other: number) =>
      view.sentenceOf[other] === sentence &&
      other > 0 &&
      view.sentenceOf[other - 1] === sentence &&
      isCapitalised(view.surface(other));
    if (capital(at) && (capital(at - 1) || capital(at + 1))) names.push(at);
  }
  return names;
}
