import fc from 'fast-check';
import {
  DISCORD_LIMITS,
  type InteractionHandle,
  type Json,
  type LocalDiscordServer,
  type LocalUser,
  MEMBER_PERMISSIONS,
  type RecordedRequest,
} from '../../src/local-discord/server.ts';
import { isLinkableUrl } from '../../src/text/url.ts';
import { askData, pinged, type RunningBot, startWorld } from './bot.ts';
import { copyShippedCorpus } from './corpus.ts';
import { applyCorpusChange, type CorpusChange, corpusChange } from './hostile-corpus.ts';

// ---------------------------------------------------------------------------------------------------------
// The cast: fixed ids, so the arbitraries can aim mentions at real members and at the bot itself.
// ---------------------------------------------------------------------------------------------------------

export const BOT: LocalUser = { id: '190000000000000001', username: 'CSTO answers', bot: true };
export const GUILD = '100000000000000077';
export const CHANNEL = '110000000000000077';
/** A server whose language is Russian: mentions there are answered in Russian. */
export const RU_GUILD = '100000000000000078';
export const RU_CHANNEL = '110000000000000078';
export const ASKER: LocalUser = { id: '200000000000000101', username: 'asker' };
export const OTHER: LocalUser = { id: '200000000000000102', username: 'other' };
/** The `mention` option's target: the only user any payload may ping, and only when asked to. */
export const TARGET: LocalUser = { id: '200000000000000103', username: 'target' };
export const MODERATOR: LocalUser = { id: '200000000000000104', username: 'moderator' };
const OTHER_BOT: LocalUser = { id: '200000000000000105', username: 'another bot', bot: true };
const MANAGE_GUILD = 1n << 5n;
const MODERATOR_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | MANAGE_GUILD).toString();

/** Every string a case feeds the bot is at most this long (Discord's own caps are lower). */
export const MAX_HOSTILE_CHARS = 6000;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

/** Queries real users ask, so hostile text also lands on real matches, excerpts and buttons. */
export const REAL_QUERIES = [
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
export const hostileText: fc.Arbitrary<string> = fc
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

export type ButtonLabel = 'More' | 'Full ¶' | 'Post publicly';
const BUTTON_KINDS: Record<ButtonLabel, string> = {
  More: 'more',
  'Full ¶': 'para',
  'Post publicly': 'share',
};

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
  /** A hostile corpus edit, reloaded live, then a question (test/support/hostile-corpus.ts). */
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

// ---------------------------------------------------------------------------------------------------------
// Properties of one payload
// ---------------------------------------------------------------------------------------------------------

/** Unpaired UTF-16 surrogates: text Discord cannot store. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export interface PayloadExpectation {
  /** The one user this payload may ping (the `mention` option's target), if any. */
  mayPing?: string;
  /** Whether the input was well-formed UTF-16: then the payload must be too (no half emoji from a cut). */
  wellFormedInput: boolean;
  /** Whether the payload creates a message (which must then show something) rather than edits one. */
  creates?: boolean;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

function over(problems: string[], what: string, value: unknown, max: number): void {
  if ((typeof value === 'string' || Array.isArray(value)) && value.length > max) {
    problems.push(`${what} is ${value.length} long (max ${max})`);
  }
}

/** Visible text that could render as a mass mention, were `allowed_mentions` ever to allow it. */
const RAW_MASS_MENTION = /@(everyone|here)/i;
/** A user or role mention that renders as a pill (not escaped with a backslash). */
const RAW_MENTION = /(?<!\\)<@([!&]?)(\d+)>/g;

/**
 * Every problem with one message payload (a callback's `data`, a channel message, an edit): Discord's size
 * limits, and that nothing can ping except `mayPing`. Empty when the payload is fine. The limits are the local
 * server's independent copy (`DISCORD_LIMITS`), never the bot's own `src/render/limits.ts`: a judge sharing the
 * bot's constants would pass a wrong constant.
 */
export function checkMessagePayload(payload: Json, expect: PayloadExpectation): string[] {
  const problems: string[] = [];
  if (!payload || typeof payload !== 'object') return ['payload is not an object'];
  over(problems, 'content', payload.content, DISCORD_LIMITS.content);
  const embeds: Json[] = payload.embeds ?? [];
  over(problems, 'embeds', embeds, DISCORD_LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    over(problems, `embeds[${i}].title`, embed.title, DISCORD_LIMITS.embedTitle);
    over(problems, `embeds[${i}].description`, embed.description, DISCORD_LIMITS.embedDescription);
    over(problems, `embeds[${i}].footer.text`, embed.footer?.text, DISCORD_LIMITS.footerText);
    over(problems, `embeds[${i}].author.name`, embed.author?.name, DISCORD_LIMITS.authorName);
    over(problems, `embeds[${i}].fields`, embed.fields, DISCORD_LIMITS.embedFields);
    const texts = [embed.title, embed.description, embed.footer?.text, embed.author?.name];
    (embed.fields ?? []).forEach((field: Json, j: number) => {
      over(problems, `embeds[${i}].fields[${j}].name`, field.name, DISCORD_LIMITS.fieldName);
      over(problems, `embeds[${i}].fields[${j}].value`, field.value, DISCORD_LIMITS.fieldValue);
      texts.push(field.name, field.value);
    });
    for (const text of texts) total += typeof text === 'string' ? text.length : 0;
    if (embed.url !== undefined && !isLinkableUrl(String(embed.url))) {
      problems.push(`embeds[${i}].url is not a link Discord takes: ${JSON.stringify(embed.url)}`);
    }
  });
  if (total > DISCORD_LIMITS.embedTotal)
    problems.push(`embeds total ${total} characters (max ${DISCORD_LIMITS.embedTotal})`);
  const rows: Json[] = payload.components ?? [];
  over(problems, 'components', rows, DISCORD_LIMITS.actionRows);
  rows.forEach((row, i) => {
    over(problems, `components[${i}].components`, row.components, DISCORD_LIMITS.rowComponents);
    (row.components ?? []).forEach((button: Json, j: number) => {
      over(problems, `components[${i}][${j}].custom_id`, button.custom_id, DISCORD_LIMITS.customId);
      over(problems, `components[${i}][${j}].label`, button.label, DISCORD_LIMITS.buttonLabel);
      if (typeof button.custom_id === 'string' && button.custom_id.length === 0) {
        problems.push(`components[${i}][${j}].custom_id is empty`);
      }
    });
  });
  const hasBody =
    (typeof payload.content === 'string' && payload.content.length > 0) ||
    embeds.length > 0 ||
    rows.length > 0;
  // An edit may leave everything but the buttons alone; a new message must show something.
  if (expect.creates && !hasBody) problems.push('empty message: no content, embeds or components');

  // Mentions: the allowed_mentions object, then what would ping judged as Discord does, then the text itself.
  const allowed = payload.allowed_mentions;
  if (!allowed) problems.push('no allowed_mentions: Discord would parse every mention');
  else {
    const parse: string[] = allowed.parse ?? [];
    if (parse.length > 0) problems.push(`allowed_mentions.parse is ${JSON.stringify(parse)}`);
    if ((allowed.roles ?? []).length > 0)
      problems.push(`allowed_mentions.roles is ${JSON.stringify(allowed.roles)}`);
    const users: string[] = allowed.users ?? [];
    if (users.some((id) => id !== expect.mayPing)) {
      problems.push(
        `allowed_mentions.users is ${JSON.stringify(users)} (may ping: ${expect.mayPing ?? 'nobody'})`,
      );
    }
    if (allowed.replied_user === true) problems.push('allowed_mentions.replied_user is true');
  }
  const pings = pinged(payload).filter((id) => id !== expect.mayPing);
  if (pings.length > 0) problems.push(`would ping ${pings.join(', ')}`);
  const visible = [
    payload.content,
    ...embeds.flatMap((embed) => [
      embed.title,
      embed.description,
      embed.footer?.text,
      embed.author?.name,
      ...(embed.fields ?? []).flatMap((field: Json) => [field.name, field.value]),
    ]),
    ...rows.flatMap((row) => (row.components ?? []).map((button: Json) => button.label)),
  ].filter((text): text is string => typeof text === 'string');
  for (const text of visible) {
    const mass = RAW_MASS_MENTION.exec(text);
    if (mass)
      problems.push(
        `visible text holds a raw ${mass[0]}: ${JSON.stringify(excerptAround(text, mass.index))}`,
      );
  }
  for (const match of String(payload.content ?? '').matchAll(RAW_MENTION)) {
    if (match[1] === '&' || match[2] !== expect.mayPing) {
      problems.push(`content shows a mention pill ${match[0]} that was not asked for`);
    }
  }
  if (expect.wellFormedInput) {
    const broken = strings(payload).find(hasLoneSurrogate);
    if (broken !== undefined) {
      problems.push(
        `a lone surrogate in the payload (the input had none): ${JSON.stringify(broken.slice(0, 200))}`,
      );
    }
  }
  return problems;
}

/** Every problem with an autocomplete result: at most 25 choices, names and values 1–100 characters. */
export function checkChoices(data: Json, expect: PayloadExpectation): string[] {
  const problems: string[] = [];
  const choices: Json[] = data?.choices;
  if (!Array.isArray(choices)) return ['autocomplete result without a choices array'];
  over(problems, 'choices', choices, DISCORD_LIMITS.choices);
  choices.forEach((choice, i) => {
    for (const key of ['name', 'value'] as const) {
      const value = choice?.[key];
      if (typeof value !== 'string' || value.length < 1 || value.length > DISCORD_LIMITS.choiceText) {
        problems.push(
          `choices[${i}].${key} ${JSON.stringify(value)} is not 1–${DISCORD_LIMITS.choiceText} characters`,
        );
      } else if (value.trim() !== value || value.trim().length === 0) {
        problems.push(`choices[${i}].${key} ${JSON.stringify(value)} has surrounding whitespace`);
      } else if (expect.wellFormedInput && hasLoneSurrogate(value)) {
        problems.push(`choices[${i}].${key} holds a lone surrogate (the input had none)`);
      }
    }
  });
  return problems;
}

/** Problems with a REST request the bot made: a payload check by endpoint, or a status Discord refused. */
export function checkRequest(request: RecordedRequest, expect: PayloadExpectation): string[] {
  const problems: string[] = [];
  if (request.status >= 400 && !request.faulted) {
    problems.push(`${request.method} ${request.path} was refused: ${request.status}`);
  }
  if (request.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(request.path)) {
    const type = request.body?.type;
    if (type === 8) problems.push(...checkChoices(request.body.data, expect));
    else if (type === 4 || type === 7) {
      problems.push(...checkMessagePayload(request.body.data, { ...expect, creates: type === 4 }));
    } else if (type !== 5 && type !== 6) problems.push(`unexpected callback type ${type}`);
  } else if (
    (request.method === 'POST' || request.method === 'PATCH') &&
    (/^\/channels\/\d+\/messages/.test(request.path) || /^\/webhooks\//.test(request.path))
  ) {
    problems.push(...checkMessagePayload(request.body, { ...expect, creates: request.method === 'POST' }));
  }
  return problems;
}

function excerptAround(text: string, at: number): string {
  return text.slice(Math.max(0, at - 40), at + 40);
}

// ---------------------------------------------------------------------------------------------------------
// The harness: one server, one bot, cases run one after the other
// ---------------------------------------------------------------------------------------------------------

/** How long one interaction may take before the case fails as unanswered (the bot answers in ms). */
const ANSWER_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A case as a short printable string: long inputs are cut, control characters shown escaped. */
export function describeCase(testCase: HostileCase): string {
  return JSON.stringify(testCase, (_key, value) =>
    typeof value === 'string' && value.length > 300
      ? `${value.slice(0, 300)}…(${value.length} chars)`
      : value,
  );
}

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

export interface HarnessStats {
  cases: number;
  interactions: number;
  messages: number;
  payloads: number;
  byKind: Record<HostileCase['kind'], number>;
  byLanguage: Record<Language, number>;
  /** What the bot logged as the outcome of each interaction and mention. */
  outcomes: Record<string, number>;
}

export class HostileHarness {
  readonly stats: HarnessStats = {
    cases: 0,
    interactions: 0,
    messages: 0,
    payloads: 0,
    byKind: { ask: 0, autocomplete: 0, mention: 0, config: 0, corpus: 0 },
    byLanguage: { en: 0, ru: 0 },
    outcomes: {},
  };
  #unhandled: unknown[] = [];
  readonly #onUnhandled = (reason: unknown) => this.#unhandled.push(reason);

  private constructor(
    readonly server: LocalDiscordServer,
    readonly running: RunningBot,
    /** A copy of the shipped corpus, which corpus cases edit. */
    readonly corpusDir: string,
  ) {
    process.on('unhandledRejection', this.#onUnhandled);
  }

  /** Starts the local server, registers the commands and starts the real bot (in this process). */
  static async start(): Promise<HostileHarness> {
    const corpusDir = copyShippedCorpus();
    const { server, running } = await startWorld({
      botUser: BOT,
      guilds: [
        { id: GUILD, name: 'Fuzz', ownerId: MODERATOR.id, channels: [{ id: CHANNEL, name: 'general' }] },
        {
          id: RU_GUILD,
          name: 'Фазз',
          ownerId: MODERATOR.id,
          channels: [{ id: RU_CHANNEL, name: 'общий' }],
          preferredLocale: 'ru',
        },
      ],
      deploy: 'rest',
      bot: { corpusDir },
    });
    return new HostileHarness(server, running, corpusDir);
  }

  async close(): Promise<void> {
    process.off('unhandledRejection', this.#onUnhandled);
    await this.running.stop();
    await this.server.close();
  }

  /**
   * Runs one case through the bot and checks every request the bot made meanwhile. Throws a FuzzFailure
   * describing the case and each problem; returns quietly when every property holds.
   */
  async check(testCase: HostileCase): Promise<void> {
    const { server, running } = this;
    const firstRequest = server.requests.length;
    const firstLog = running.logs.length;
    const problems: string[] = [];
    const interactions: InteractionHandle[] = [];
    const inputs: string[] = [];
    let mayPing: string | undefined;
    let messageId: string | undefined;

    const interact = async (handle: InteractionHandle, what: string): Promise<Json | undefined> => {
      interactions.push(handle);
      this.stats.interactions++;
      try {
        const body = await withTimeout(handle.callback, ANSWER_TIMEOUT_MS, `${what} callback`);
        await withTimeout(
          running.logged((line) => line.interaction === handle.id),
          ANSWER_TIMEOUT_MS,
          `${what} log line`,
        );
        return body;
      } catch (error) {
        problems.push((error as Error).message);
        return undefined;
      }
    };

    this.stats.cases++;
    this.stats.byKind[testCase.kind]++;
    this.stats.byLanguage[testCase.language]++;
    const channelId = testCase.language === 'ru' ? RU_CHANNEL : CHANNEL;
    const locale = testCase.language === 'ru' ? 'ru' : 'en-US';
    switch (testCase.kind) {
      case 'ask': {
        inputs.push(testCase.query, testCase.username);
        const asker = { ...ASKER, username: testCase.username };
        const mention = { member: TARGET, bot: OTHER_BOT, self: asker }[testCase.mention ?? 'member'];
        if (testCase.mention === 'member' || testCase.mention === 'self') mayPing = mention.id;
        const handle = server.sendInteraction({
          type: 2,
          data: askData(testCase.query, {
            ...(testCase.hide === undefined ? {} : { hide: testCase.hide }),
            ...(testCase.mention ? { mention } : {}),
          }),
          user: asker,
          channelId,
          locale,
        });
        const answer = await interact(handle, 'ask');
        if (answer?.data && testCase.click) {
          // The answer as the channel shows it (server.messages() would copy every message so far: slow).
          const message = { ...answer.data, flags: answer.data.flags ?? 0 };
          // Found by what it does (labels are in the asker's language): its custom_id starts with its kind.
          const kind = BUTTON_KINDS[testCase.click.label];
          const button = (message.components ?? [])
            .flatMap((row: Json) => row.components as Json[])
            .find((candidate: Json) => String(candidate.custom_id).startsWith(`${kind}:`));
          if (button) {
            // Payloads answering the click may not ping anyone (a More keeps the old content, never re-pings).
            await interact(
              server.sendInteraction({
                type: 3,
                data: { custom_id: button.custom_id },
                message,
                user: testCase.click.by === 'asker' ? asker : { ...OTHER, username: testCase.username },
                channelId,
                locale,
              }),
              `click ${testCase.click.label}`,
            );
          }
        }
        break;
      }
      case 'autocomplete': {
        inputs.push(testCase.value);
        const options: Json[] = [{ name: 'query', type: 3, value: testCase.value, focused: true }];
        if (testCase.hide !== undefined) options.push({ name: 'hide', type: 5, value: testCase.hide });
        await interact(
          server.sendInteraction({
            type: 4,
            data: { name: 'csto', options },
            user: ASKER,
            channelId,
            locale,
          }),
          'autocomplete',
        );
        break;
      }
      case 'mention': {
        inputs.push(testCase.text);
        const pill = testCase.form === 'plain' ? `<@${BOT.id}>` : `<@!${BOT.id}>`;
        const content = testCase.at === 'start' ? `${pill} ${testCase.text}` : `${testCase.text} ${pill}`;
        const sent = server.sendMessage({ content, author: ASKER, channelId });
        messageId = sent.id;
        this.stats.messages++;
        try {
          await withTimeout(
            running.logged((line) => line.message === sent.id),
            ANSWER_TIMEOUT_MS,
            'mention log line',
          );
        } catch (error) {
          problems.push((error as Error).message);
        }
        const replies = server.requests
          .slice(firstRequest)
          .filter(
            (request) => request.body?.message_reference?.message_id === sent.id && request.status < 300,
          );
        if (replies.length !== 1) problems.push(`the mention got ${replies.length} replies (expected 1)`);
        break;
      }
      case 'corpus': {
        if (testCase.change.edit === 'glossary') inputs.push(testCase.change.line);
        if (testCase.change.edit === 'url') inputs.push(testCase.change.url);
        const applied = await applyCorpusChange(testCase.change, this.corpusDir, running);
        problems.push(...applied.problems);
        await interact(
          server.sendInteraction({
            type: 2,
            data: askData(applied.question),
            user: ASKER,
            channelId,
            locale,
          }),
          'ask after a corpus change',
        );
        await applied.cleanUp?.();
        break;
      }
      case 'config': {
        inputs.push(testCase.mode);
        await interact(
          server.sendInteraction({
            type: 2,
            data: {
              name: 'csto-config',
              options: [
                { name: 'visibility', type: 1, options: [{ name: 'mode', type: 3, value: testCase.mode }] },
              ],
            },
            user: MODERATOR,
            permissions: MODERATOR_PERMISSIONS,
            channelId,
            locale,
          }),
          'config',
        );
        break;
      }
    }

    const expect: PayloadExpectation = { wellFormedInput: !inputs.some(hasLoneSurrogate) };
    if (mayPing) expect.mayPing = mayPing;
    const requests = server.requests.slice(firstRequest);
    const ids = new Set(interactions.map((handle) => handle.id));
    for (const request of requests) {
      const callback = /^\/interactions\/(\d+)\//.exec(request.path);
      if (callback && !ids.has(callback[1] as string)) {
        problems.push(`a callback for interaction ${callback[1]}, not one of this case's: answered twice?`);
      }
      // Only the answer to the slash command itself may ping the mention target.
      const isAnswer = callback?.[1] === interactions[0]?.id && testCase.kind === 'ask';
      const found = checkRequest(request, isAnswer ? expect : { wellFormedInput: expect.wellFormedInput });
      this.stats.payloads++;
      if (found.length > 0) {
        problems.push(
          ...found.map(
            (problem) => `${request.method} ${request.path.replace(/\/[\w.-]{40,}/, '/…')}: ${problem}`,
          ),
        );
        problems.push(`  payload: ${JSON.stringify(request.body).slice(0, 3000)}`);
      }
    }
    for (const handle of interactions) {
      const accepted = requests.filter(
        (request) => request.path.startsWith(`/interactions/${handle.id}/`) && request.status < 300,
      );
      if (accepted.length !== 1)
        problems.push(`interaction ${handle.id} got ${accepted.length} callbacks (expected 1)`);
    }
    for (const line of running.logs.slice(firstLog)) {
      const mine = ids.has(line.interaction) || (messageId !== undefined && line.message === messageId);
      if (mine && typeof line.outcome === 'string') {
        const key = `${line.command === 'mention' ? 'mention' : String(line.command).replace(/^button:/, '')}:${line.outcome}`;
        this.stats.outcomes[key] = (this.stats.outcomes[key] ?? 0) + 1;
      }
      if (line.level >= 50 || line.outcome === 'error') {
        problems.push(
          `${mine ? '' : '(another case) '}log: ${line.msg} ${JSON.stringify(line.err ?? line).slice(0, 1500)}`,
        );
      }
    }
    if (this.#unhandled.length > 0) {
      problems.push(
        ...this.#unhandled.map(
          (reason) => `unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`,
        ),
      );
      this.#unhandled = [];
    }
    // Keep memory flat over 10,000 cases: what was checked is no longer needed.
    if (problems.length === 0) {
      running.logs.splice(0, running.logs.length);
      server.requests.splice(0, server.requests.length);
      return;
    }
    throw new FuzzFailure(`${problems.join('\n')}\ncase: ${describeCase(testCase)}`);
  }
}

/** The options both runs pass to fast-check; shrinking as fast-check does it by default. */
export function fuzzParameters(seed: number, numRuns: number): fc.Parameters<[HostileCase]> {
  return { seed, numRuns, endOnFailure: false };
}
