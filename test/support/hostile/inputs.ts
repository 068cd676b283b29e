/**
 * The hostile inputs, as fast-check arbitraries: text of every plane with markdown, mass mentions, mention
 * syntax, odd characters and real queries mixed in, and the cases built from it (`hostileCase`) that the
 * harness (harness.ts) runs through the bot: slash commands and their buttons, autocomplete, mentions,
 * `/csto-config` values and corpus edits (corpus.ts).
 */
import fc from 'fast-check';
import { ASKER, BOT, CHANNEL, GUILD, MODERATOR, OTHER, TARGET } from './cast.ts';
import { type CorpusChange, corpusChange } from './corpus.ts';

/** Every string a case feeds the bot is at most this long (Discord's own caps are lower). */
const MAX_HOSTILE_CHARS = 6000;

/** Queries real users ask, so hostile text also lands on real matches, excerpts and buttons. */
const REAL_QUERIES = [
  'armenia',
  'why did Kyrgyzstan cancel the drills?',
  'Collective Security Treaty Organization',
  'Pashinian',
  'border clashes Tajikistan',
  'Tokayev',
  'what did Zatulin say',
  'Kazakhstan military exercises',
  'Bshkekk',
  'Nagorno-Karabakh',
  'drills',
  'kyrg',
  'help',
  'Армения',
  'почему Кыргызстан отменил учения?',
  'ОДКБ',
  'Тоқаев',
  'граница Таджикистана',
] as const;

const MARKDOWN = [
  '**',
  '*',
  '__',
  '_',
  '~~',
  '||',
  '`',
  '```',
  '```js\n',
  '> ',
  '>>> ',
  '# ',
  '## ',
  '-# ',
  '- ',
  '1. ',
  '\\',
  '\\\\',
  '[x](https://evil.example)',
  '<https://evil.example>',
  '[**armenia**](https://evil.example "t")',
  '<#110000000000000077>',
  '<t:0:R>',
  '<:blob:300000000000000001>',
  '<a:blob:300000000000000002>',
  '</csto:300000000000000003>',
  ':',
  '“',
  '”',
  '¶',
] as const;

const MASS_MENTIONS = [
  '@everyone',
  '@here',
  '@EVERYONE',
  '@Here',
  '@ everyone',
  '@@everyone',
  '`@everyone`',
  '\\@everyone',
  '@\u200beveryone',
  '＠everyone',
  'e@everyone',
  '@everyone@here',
] as const;

/** Control, format and layout characters, lone and paired surrogates, astral planes, combining marks. */
const ODD_CHARACTERS = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r\n',
  '\u000b',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u00ad',
  '\u061c',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u2066',
  '\u3000',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\udfff\ud800',
  '😀',
  '👩‍👩‍👧‍👦',
  '🇦🇲',
  'e\u0301',
  'Z̴̡̧̛͓̗̝̫̩̒̋̓̆͗̌a̸̧̦̲̔l̷̢͕̈́g̶̖͋o̸̟͆',
  '\u{1d54f}',
  '\u{20000}',
  '\u{e0041}',
  '\u{f0000}',
  '\u{10ffff}',
  'ﷺ',
  'İ',
  'ß',
  'ﬃ',
] as const;

const snowflakeLike = fc.oneof(
  fc.constantFrom(BOT.id, ASKER.id, OTHER.id, TARGET.id, MODERATOR.id, GUILD, CHANNEL),
  fc.stringMatching(/^\d{1,25}$/),
);

/** `<@id>`, `<@!id>`, `<@&id>` and near misses, aimed at the bot, real members and made-up ids. */
const mentionSyntax = fc
  .tuple(
    fc.constantFrom('<@', '<@!', '<@&', '<#', '<@ ', '<@!!', '\\<@', '<<@'),
    snowflakeLike,
    fc.constantFrom('>', '>>', '', ' >'),
  )
  .map(([open, id, close]) => `${open}${id}${close}`);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One piece of hostile text. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REAL_QUERIES) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 3, arbitrary: fc.constantFrom(...MASS_MENTIONS) },
  { weight: 3, arbitrary: mentionSyntax },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: loneSurrogate, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n\n', '') },
);

const cap = (text: string) => text.slice(0, MAX_HOSTILE_CHARS);

/** A fragment repeated to a length anywhere up to 6,000 characters (the part "near a limit" needs). */
const longText = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: MAX_HOSTILE_CHARS }))
  .map(([parts, length]) => {
    const unit = parts.join(' ') || 'x';
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  });

/** Text a user types: 0–6,000 characters of every plane, controls, markdown, mentions and real words. */
const hostileText: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.array(fragment, { maxLength: 30 }), fc.constantFrom(' ', '', '\n', ' ** '))
        .map(([parts, glue]) => parts.join(glue)),
    },
    { weight: 2, arbitrary: longText },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 400 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: MAX_HOSTILE_CHARS }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 400 }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: MAX_HOSTILE_CHARS, size: 'max' }),
    },
  )
  .map(cap);

/**
 * Hostile text around a real query, so most slash-command cases get an answer (embeds, footer, buttons that
 * carry the query) rather than "nothing found".
 */
const answerableText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: hostileText },
  {
    weight: 2,
    arbitrary: fc
      .tuple(hostileText, fc.constantFrom(...REAL_QUERIES), hostileText, fc.integer({ min: 0, max: 400 }))
      .map(([before, query, after, keep]) => cap(`${before.slice(0, keep)} ${query} ${after}`)),
  },
);

/** A display name: Discord caps it at 32 characters, the bot must not rely on that. */
const hostileName = fc.oneof(
  { weight: 3, arbitrary: hostileText.map((text) => text.slice(0, 32)) },
  { weight: 1, arbitrary: hostileText },
);

/** The answer's buttons a case may click, by their English labels. */
export type ButtonLabel = 'More' | 'Full ¶' | 'Post publicly';

/** Every case runs in one of the bot's languages: the asker's client locale, or the server's for mentions. */
export type Language = 'en' | 'ru';

export type HostileCase = {
  language: Language;
} /** `/csto query:<text> [hide] [mention]`, then maybe a click on one of the answer's buttons. */ & (
  | {
      kind: 'ask';
      query: string;
      hide?: boolean;
      mention?: 'member' | 'bot' | 'self';
      /** The asker's username (shown as "Shared by …"). */
      username: string;
      click?: { label: ButtonLabel; by: 'asker' | 'other' };
    }
  /** The autocomplete request while typing `<text>` into the query box (other options may be filled). */
  | { kind: 'autocomplete'; value: string; hide?: boolean }
  /** A message `<@bot> <text>` (or `<@!bot>`, or the mention at the end). */
  | { kind: 'mention'; text: string; form: 'plain' | 'nickname'; at: 'start' | 'end' }
  /** `/csto-config visibility mode:<text>`: the only string option of the settings command. */
  | { kind: 'config'; mode: string }
  /** A hostile corpus edit, reloaded live, then a question (corpus.ts). */
  | { kind: 'corpus'; change: CorpusChange }
);

const anyCase = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        kind: fc.constant('ask' as const),
        query: answerableText,
        hide: fc.boolean(),
        mention: fc.constantFrom('member' as const, 'bot' as const, 'self' as const),
        username: hostileName,
        click: fc.record({
          label: fc.constantFrom<ButtonLabel>('More', 'Full ¶', 'Post publicly'),
          by: fc.constantFrom('asker' as const, 'other' as const),
        }),
      },
      { requiredKeys: ['kind', 'query', 'username', 'click'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('autocomplete' as const), value: hostileText, hide: fc.boolean() },
      { requiredKeys: ['kind', 'value'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mention' as const),
      text: hostileText,
      form: fc.constantFrom('plain' as const, 'nickname' as const),
      at: fc.constantFrom('start' as const, 'end' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('config' as const),
      mode: fc.oneof(
        fc.constantFrom('public', 'ephemeral', ' public', 'PUBLIC', 'ephemeral\u0000'),
        hostileText,
      ),
    }),
  },
  { weight: 1, arbitrary: corpusChange.map((change) => ({ kind: 'corpus' as const, change })) },
);

export const hostileCase: fc.Arbitrary<HostileCase> = fc
  .tuple(anyCase, fc.constantFrom<Language>('en', 'ru'))
  .map(([testCase, language]) => ({ ...testCase, language }) as HostileCase);

/** A case as a short printable string: long inputs are cut, control characters shown escaped. */
export function describeCase(testCase: HostileCase): string {
  return JSON.stringify(testCase, (_key, value) =>
    typeof value === 'string' && value.length > 300
      ? `${value.slice(0, 300)}…(${value.length} chars)`
      : value,
  );
}

/** The options both runs pass to fast-check; shrinking as fast-check does it by default. */
export function fuzzParameters(seed: number, numRuns: number): fc.Parameters<[HostileCase]> {
  return { seed, numRuns, endOnFailure: false };
}
