/**
 * EXPERIMENT (issue 9): names carried over from the previous paragraph.
 */
import { namesIn } from '../text/names.ts';
import { type Token, tokenize } from '../text/terms.ts';

const env = process.env;
export const CARRY = {
  quality: Number(env.CARRY_Q ?? '0.3'),
  what: env.CARRY_WHAT ?? 'names', // names | all | rare
  when: env.CARRY_WHEN ?? 'always', // always | anaphor
  depth: Number(env.CARRY_DEPTH ?? '1'),
  window: Number(env.CARRY_K ?? '6'),
  boost: Number(env.CARRY_BOOST ?? '0.1'),
  rareShare: Number(env.CARRY_RARE ?? '0.05'),
  mode: env.CARRY_MODE ?? 'index', // index | union (only paragraphs already holding a query word)
};

const PRONOUNS = new Set([
  'he', 'she', 'they', 'it', 'his', 'her', 'their', 'its', 'him', 'them',
  'this', 'that', 'these', 'those', 'both', 'such', 'there',
]);
const DESCRIPTIONS = new Set([
  'lawmaker', 'bloc', 'alliance', 'country', 'countries', 'organization', 'organisation', 'group', 'president',
  'minister', 'leader', 'leaders', 'official', 'officials', 'government', 'ministry', 'two', 'pair', 'body',
  'treaty', 'army', 'troops', 'forces', 'force', 'region', 'city', 'town', 'party', 'republic', 'capital',
  'kremlin', 'premier', 'analyst', 'researcher', 'spokesman', 'spokeswoman', 'agency', 'village', 'villages',
  'neighbours', 'neighbors', 'members', 'member', 'former', 'latter', 'man', 'woman', 'prime',
]);

/** Whether a paragraph opens with an anaphor within its first `window` words. */
export function opensWithAnaphor(text: string, tokens: readonly Token[] = tokenize(text)): boolean {
  const words = tokens.slice(0, CARRY.window).map((token) => token.surface.toLowerCase());
  return words.some(
    (word, at) => PRONOUNS.has(word) || (at > 0 && words[at - 1] === 'the' && DESCRIPTIONS.has(word)),
  );
}

export { namesIn };

/** EXPERIMENT: rank-time emulation, context terms by paragraph id. */
export const CONTEXT_BY_ID = new Map<string, ReadonlySet<string>>();
export const RANK_WINDOW = Number(env.CARRY_W ?? '20');
