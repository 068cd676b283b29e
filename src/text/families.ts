/**
 * Word families the stemmer cannot join: a verb and its noun, an adjective and its noun, whose
 * stems differ (`invade`/`invasion` stem to `invad`/`invas`). A query word is expanded with its
 * family's other stems, which count a little less than the word typed (Bilotti, Katz and Lin:
 * morphological query expansion with the variants weighted separately beats stemming alone).
 * Only the query is expanded; the index keeps what each paragraph says.
 *
 * Inflected forms that stem apart from their base word (`died`, `dies` → `di`, `dying` → `dy`,
 * `succeeded` → `succeed` while `succeed` → `succe`) are listed with it, or they would miss the family.
 *
 * General English, not corpus data. Pairs where one word has another frequent sense (`content`
 * of `contend`, `process` of `proceed`, `trial` of `try`, `length` of `long`) are left out.
 */
import { wordTerms } from './terms.ts';

const FAMILIES: readonly string[] = [
  'invade invasion',
  'decide decision',
  'explode explosion',
  'conclude conclusion',
  'divide division',
  'include inclusion',
  'collide collision',
  'intervene intervention',
  'expand expansion',
  'extend extension',
  'admit admission',
  'permit permission',
  'submit submission',
  'provide provision',
  'persuade persuasion',
  'erode erosion',
  'evade evasion',
  'suspend suspension',
  'compel compulsion',
  'expel expulsion',
  'respond response',
  'defend defense',
  'offend offense',
  'destroy destruction',
  'produce production',
  'reduce reduction',
  'introduce introduction',
  'absorb absorption',
  'assume assumption',
  'consume consumption',
  'resume resumption',
  'describe description',
  'receive reception',
  'deceive deception',
  'perceive perception',
  'depart departure',
  'seize seizure',
  'expose exposure',
  'deny denial',
  'bury burial',
  'fail failure',
  'die died dies dying dead death',
  'grow growth',
  'lose loss',
  'choose choice',
  'speak speech',
  'succeed succeeded succeeding success',
  'ally alliance',
  'comply compliance',
  'rely reliance',
  'maintain maintenance',
  'agree agreement',
  'pay payment',
  'detain detention',
  'retain retention',
  'abstain abstention',
  'occupy occupation',
  'apply application',
  'threat threaten',
  'strong strength',
  'wide width',
  'deep depth',
  'broad breadth',
  'poor poverty',
  'free freed freedom',
  'loyal loyalty',
  'stable stability',
];

/** Each stem of a family, with the family's other stems. */
const OTHERS: ReadonlyMap<string, readonly string[]> = (() => {
  const others = new Map<string, string[]>();
  for (const line of FAMILIES) {
    const stems = [...new Set(line.split(' ').flatMap((word) => wordTerms(word)))];
    for (const stem of stems)
      others.set(stem, [...(others.get(stem) ?? []), ...stems.filter((o) => o !== stem)]);
  }
  return others;
})();

/** The other stems of a term's word family (`invad` → `invas`); empty for most terms. */
export function familyStems(term: string): readonly string[] {
  return OTHERS.get(term) ?? [];
}
