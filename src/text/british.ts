/**
 * British spellings folded to American ones, by rule (`mobilisation` → `mobilization`, `labour` →
 * `labor`, `kilometre` → `kilometer`, `analyse` → `analyze`, `catalogue` → `catalog`), so that
 * readers and texts of either side meet. The words those endings would wrongly fold are listed as
 * exceptions (`promise`, `exercise`, `contour`, …); whole-word pairs (`defence`) are listed.
 */

import { memoize } from './memo.ts';

/** Words that end like a British `-ise` verb but are spelled `-ise` in American English too. */
const ISE_EXCEPTIONS = [
  'advertise',
  'advise',
  'apprise',
  'arise',
  'chastise',
  'circumcise',
  'comprise',
  'compromise',
  'concise',
  'demise',
  'despise',
  'devise',
  'disguise',
  'enterprise',
  'excise',
  'exercise',
  'expertise',
  'franchise',
  'improvise',
  'incise',
  'merchandise',
  'paradise',
  'precise',
  'premise',
  'promise',
  'reprise',
  'revise',
  'supervise',
  'surmise',
  'surprise',
  'televise',
  'treatise',
  'wise',
];
const OUR_EXCEPTIONS = ['amour', 'contour', 'detour', 'devour', 'troubadour'];
/** Whole words whose British and American spellings differ other than by a regular ending. */
const WORD_PAIRS: Record<string, string> = {
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  licence: 'license',
  licences: 'licenses',
  pretence: 'pretense',
  programme: 'program',
  programmes: 'programs',
  manoeuvre: 'maneuver',
  manoeuvres: 'maneuvers',
  grey: 'gray',
  sceptic: 'skeptic',
  sceptical: 'skeptical',
  scepticism: 'skepticism',
  judgement: 'judgment',
  judgements: 'judgments',
  ageing: 'aging',
  jewellery: 'jewelry',
  fulfil: 'fulfill',
  enrol: 'enroll',
  instalment: 'installment',
};

const ISE = /^(.{3,}[^aeiouy])is(e|ed|es|ing|ation|ations|er|ers)$/;
const YSE = /^(.{3,})ys(e|ed|es|ing|er|ers)$/;
const OUR =
  /^(.{2,}[^aeouy])our(s|ed|ing|er|ers|ful|able|ably|ite|ites|hood|hoods|al|ally|less|ism|ist|ists)?$/;
const RE = /^(.{2,})(t|b)re(s|d)?$/;
const OGUE = /^(.{3,})ogue(s)?$/;

/** The American spelling of a folded British word part; the part itself when no rule applies. */
export const americanSpelling: (part: string) => string = memoize(respell);

function respell(part: string): string {
  const pair = WORD_PAIRS[part];
  if (pair) return pair;
  const ise = ISE.exec(part);
  if (ise) {
    const base = `${ise[1]}ise`;
    if (!ISE_EXCEPTIONS.some((word) => base.endsWith(word))) return `${ise[1]}iz${ise[2]}`;
  }
  const yse = YSE.exec(part);
  if (yse) return `${yse[1]}yz${yse[2]}`;
  const our = OUR.exec(part);
  if (our && !OUR_EXCEPTIONS.some((word) => `${our[1]}our`.endsWith(word)))
    return `${our[1]}or${our[2] ?? ''}`;
  const re = RE.exec(part);
  if (re) return `${re[1]}${re[2]}er${re[3] === 'd' ? 'ed' : (re[3] ?? '')}`;
  const ogue = OGUE.exec(part);
  if (ogue) return `${ogue[1]}og${ogue[2] ?? ''}`;
  return part;
}
