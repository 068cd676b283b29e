/**
 * The payload judge: every problem with a payload the bot sent, judged as Discord would (sizes, who it
 * pings, what it shows). Pure functions of the recorded request; the limits and the URL rule are the local
 * server's own (`DISCORD_LIMITS` in src/local-discord/wire.ts, `urlError` in src/local-discord/urls.ts), never
 * the bot's `src/render/limits.ts` or `src/text/url.ts`.
 */
import {
  DISCORD_LIMITS,
  type Json,
  messageUrls,
  type RecordedRequest,
  urlError,
} from '../../../src/local-discord/server.ts';

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

/** Every user id and role a payload would ping, judged as Discord does from `allowed_mentions`. */
export function pinged(payload: Json): string[] {
  const allowed = payload.allowed_mentions;
  if (!allowed) return ['<no allowed_mentions: Discord parses everything>'];
  const parse: string[] = allowed.parse ?? [];
  const text = [
    payload.content ?? '',
    ...(payload.embeds ?? []).map((embed: Json) => embed.description ?? ''),
  ].join(' ');
  const pings: string[] = [];
  if (parse.includes('everyone') && /@(everyone|here)/.test(text)) pings.push('@everyone');
  for (const match of String(payload.content ?? '').matchAll(/(?<!\\)<@!?(\d+)>/g)) {
    const id = match[1] as string;
    if (parse.includes('users') || (allowed.users ?? []).includes(id)) pings.push(id);
  }
  if (parse.includes('roles') && /<@&\d+>/.test(payload.content ?? '')) pings.push('role');
  return pings;
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
  });
  if (total > DISCORD_LIMITS.embedTotal)
    problems.push(`embeds total ${total} characters (max ${DISCORD_LIMITS.embedTotal})`);
  for (const { path, value, media } of messageUrls(payload)) {
    const error = urlError(value, media);
    if (error) {
      problems.push(
        `${fieldName(path)} is not a link Discord takes (${error.code}): ${JSON.stringify(value)}`,
      );
    }
  }
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

/** A field path as the other problems name it: `embeds[0].author.url`. */
function fieldName(path: (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function excerptAround(text: string, at: number): string {
  return text.slice(Math.max(0, at - 40), at + 40);
}
