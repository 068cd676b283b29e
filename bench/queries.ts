/**
 * The questions the bot benchmarks ask, in rotation: names, topics, whole questions, a
 * transliteration, a glossary phrase, and a misspelling that finds nothing (the "did you mean" path).
 */
export const BOT_QUERIES = [
  'armenia',
  'why did Kyrgyzstan cancel the drills?',
  'Collective Security Treaty Organization',
  'Pashinyan',
  'border clashes Tajikistan',
  'Tokayev coup attempt',
  'what did Zatulin say about sanctions',
  'Kazakhstan military exercises',
  'Bshkekk',
  'Nagorno-Karabakh war',
] as const;
