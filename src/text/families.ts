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
 * of `contend`, `process` of `proceed`, `trial` of `try`, `length` of `long`, `found` of `find`,
 * `resolution` of the UN, `train` the railway, `bore` of `bear`, `lead` of `lead to`, and `present`,
 * `press`, `close`, `own`, `back`, `work`, `direct`, `office`, `favor`, `fantastic`) are left out,
 * and so are nouns in -ship (`membership` is a standing, not a member) and `secretariat` (an
 * office, not a secretary): measured, they put the wrong paragraphs first (docs/ranking.md), as
 * `angry`/`anger` did, which is left out for that alone.
 */
import { stemsOf, stemTable } from './stem-table.ts';

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
  'speak speech speaker',
  'succeed succeeded succeeding success',
  'ally alliance',
  'comply compliance',
  'rely reliance',
  'maintain maintenance',
  'agree agreement',
  'pay payment',
  'detain detention detainee',
  'retain retention',
  'abstain abstention',
  'occupy occupation',
  'apply application',
  'threat threaten',
  'strong strength strengthen',
  'wide width',
  'deep depth',
  'broad breadth',
  'poor poverty',
  'free freed freedom',
  'loyal loyalty',
  'stable stability',
  // Where Porter keeps the final `y` of a verb before a suffix but turns it to `i` when inflected
  // (`deployed` → `deploi`, `deployment` → `deploy`).
  'deploy deployment',
  'employ employment employer employee',
  'enjoy enjoyment',
  'betray betrayal',
  'portray portrayal',
  'play player',
  // An adjective and its noun in -ence, -th, -y, -ity, -dom, -hood… that Porter leaves apart.
  'hungry hunger',
  'violent violence',
  'silent silence',
  'absent absence',
  'true truth',
  'young youth',
  'warm warmth',
  'high height',
  'weigh weight',
  'proud pride',
  'wise wisdom',
  'king kingdom',
  'child childhood',
  'humble humility',
  'vain vanity',
  'generous generosity',
  'curious curiosity',
  'anxious anxiety',
  'various variety',
  'brave bravery',
  // A verb and its noun.
  'fly flight',
  'believe belief',
  'relieve relief',
  'advise advice',
  'solve solution',
  'explain explanation',
  'repeat repetition',
  'compete competition competitor',
  'oppose opposition opponent',
  'enter entry entrance',
  'remember remembrance',
  'migrate migrant',
  // Verbs in -en from their adjective or noun.
  'weak weaken',
  'short shorten',
  'hard harden',
  'tight tighten',
  'worse worsen',
  // Who does it or has it done to them (-er and -or after a short stem, -ee, -ian, -ist).
  'fight fighter',
  'kill killer',
  'win winner',
  'trade trader',
  'buy buyer',
  'sell seller',
  'farm farmer',
  'protest protestor',
  'invest investor',
  'govern governor',
  'survive survivor',
  'aggression aggressor',
  'succeed successor',
  'inspect inspector',
  'invent inventor',
  'evacuate evacuee',
  'nominate nominee',
  'president presidential',
  'politics politician',
  'history historian',
  'economy economist',
  // A noun in -y or -sis and its adjective or agent in -ic, -ize, -at.
  'hero heroic heroism',
  'terror terrorist terrorism',
  'energy energetic',
  'sympathy sympathetic sympathize',
  'emphasis emphasize',
  'analysis analyze analyst analytic',
  'democracy democratic democrat',
  'bureaucracy bureaucratic bureaucrat',
  'diplomacy diplomatic diplomat',
  'strategy strategic',
  'tragedy tragic',
  'drama dramatic',
];

/** Each stem of a family, with the family's other stems. */
const others = stemTable((relate) => {
  for (const line of FAMILIES) {
    const stems = stemsOf(line);
    relate(stems, stems);
  }
});

/** The other stems of a term's word family (`invad` → `invas`); empty for most terms. */
export function familyStems(term: string): readonly string[] {
  return others(term);
}
