/**
 * Countries and the words for their people and things (`Kyrgyzstan`: `Kyrgyz`, `Kyrgyzstani`),
 * which the stemmer never joins (`armenia` and `armenian` are two stems). A query word for a
 * people is expanded with its country's names, which count well below the word typed
 * (`QUALITY.demonym` in owners.ts): a reader asking about "Kyrgyz officials" or "the Tajik side" is
 * served by a paragraph that says "Kyrgyzstan" and "Tajikistan". The other way, a country
 * expanded with its people's words, was measured and loses: "Kazakhstan" then ranks paragraphs
 * about "Kazakh officials" above the ones about the country (docs/ranking.md, "Countries and
 * their peoples").
 *
 * General geographic knowledge, not corpus data: a corpus's own spellings (`Qazaqstan`) stay in
 * its transliteration table, which folds them to the names here before this table is read, and
 * its glossary. Only one-word names (a query term is one word). Left out: names and words with a
 * frequent other sense in news English (`Turkey` the bird, `Chad`, `Jordan`, `Guinea`, `Niger`,
 * `Polish` the verb, `Pole`, `Dominican`) and `English`, a language first.
 */
import { stemsOf, stemTable } from './stem-table.ts';

/** A country's names first, then `:` and the words for its people and things. */
const COUNTRIES: readonly string[] = [
  // The former Soviet Union.
  'Russia : Russian',
  'Ukraine : Ukrainian',
  'Belarus Byelorussia : Belarusian Belarussian Byelorussian',
  'Moldova : Moldovan',
  'Estonia : Estonian',
  'Latvia : Latvian',
  'Lithuania : Lithuanian',
  'Armenia : Armenian',
  'Azerbaijan : Azerbaijani Azeri',
  'Kazakhstan : Kazakh Kazakhstani',
  'Kyrgyzstan Kirghizia Kirgizia : Kyrgyz Kyrgyzstani Kirghiz Kirgiz',
  'Tajikistan : Tajik Tajikistani',
  'Turkmenistan : Turkmen Turkmenistani',
  'Uzbekistan : Uzbek Uzbekistani',
  // Europe.
  'Albania : Albanian',
  'Austria : Austrian',
  'Belgium : Belgian',
  'Bosnia : Bosnian',
  'Bulgaria : Bulgarian',
  'Croatia : Croatian Croat',
  'Cyprus : Cypriot',
  'Czechia : Czech',
  'Denmark : Danish Dane',
  'Finland : Finnish Finn',
  'France : French',
  'Germany : German',
  'Greece : Greek',
  'Hungary : Hungarian',
  'Iceland : Icelandic Icelander',
  'Ireland : Irish',
  'Italy : Italian',
  'Kosovo : Kosovar',
  'Macedonia : Macedonian',
  'Montenegro : Montenegrin',
  'Netherlands Holland : Dutch',
  'Norway : Norwegian',
  'Portugal : Portuguese',
  'Romania : Romanian',
  'Serbia : Serbian Serb',
  'Slovakia : Slovak Slovakian',
  'Slovenia : Slovenian Slovene',
  'Spain : Spanish Spaniard',
  'Sweden : Swedish Swede',
  'Switzerland : Swiss',
  'Britain : British Briton',
  // The Middle East and the Caucasus's neighbours.
  'Afghanistan : Afghan',
  'Bahrain : Bahraini',
  'Egypt : Egyptian',
  'Iran : Iranian',
  'Iraq : Iraqi',
  'Israel : Israeli',
  'Kuwait : Kuwaiti',
  'Lebanon : Lebanese',
  'Oman : Omani',
  'Palestine : Palestinian',
  'Qatar : Qatari',
  'Syria : Syrian',
  'Yemen : Yemeni',
  'Georgia : Georgian',
  // Asia.
  'Bangladesh : Bangladeshi',
  'Cambodia : Cambodian',
  'China : Chinese',
  'India : Indian',
  'Indonesia : Indonesian',
  'Japan : Japanese',
  'Korea : Korean',
  'Laos : Laotian',
  'Malaysia : Malaysian',
  'Mongolia : Mongolian',
  'Myanmar Burma : Burmese',
  'Nepal : Nepalese Nepali',
  'Pakistan : Pakistani',
  'Philippines : Philippine Filipino',
  'Singapore : Singaporean',
  'Taiwan : Taiwanese',
  'Thailand : Thai',
  'Vietnam : Vietnamese',
  'Australia : Australian',
  // The Americas.
  'Argentina : Argentine Argentinian',
  'Bolivia : Bolivian',
  'Brazil : Brazilian',
  'Canada : Canadian',
  'Chile : Chilean',
  'Colombia : Colombian',
  'Cuba : Cuban',
  'Ecuador : Ecuadorian',
  'Mexico : Mexican',
  'Peru : Peruvian',
  'Venezuela : Venezuelan',
  // Africa.
  'Algeria : Algerian',
  'Ethiopia : Ethiopian',
  'Kenya : Kenyan',
  'Libya : Libyan',
  'Morocco : Moroccan',
  'Nigeria : Nigerian',
  'Somalia : Somali',
  'Sudan : Sudanese',
  'Tunisia : Tunisian',
];

/** Each stem of the table with the stems it is expanded with. */
const related = stemTable((relate) => {
  for (const line of COUNTRIES) {
    const [countrySide = '', peopleSide = ''] = line.split(':');
    const countries = stemsOf(countrySide);
    const people = stemsOf(peopleSide);
    relate(countries, countries);
    relate(people, people);
    relate(people, countries);
  }
});

/** The stems of the words for peoples (`russian`, `kyrgyz`), not of the countries' names. */
const PEOPLE: ReadonlySet<string> = new Set(COUNTRIES.flatMap((line) => stemsOf(line.split(':')[1] ?? '')));

/** Whether a term is a people's word (`Russian`, `Tajik`) rather than a country's name. */
export function isPeopleWord(term: string): boolean {
  return PEOPLE.has(term);
}

/**
 * The stems a term meets in its country group: a people's word its country's names and its
 * other words (`kyrgyz` → `kyrgyzstani`, `kirghiz`, `kyrgyzstan`, `kirghizia`…), a country's name its
 * other names (`kyrgyzstan` → `kirghizia`), never its people's words; empty for any other term.
 */
export function demonymStems(term: string): readonly string[] {
  return related(term);
}
