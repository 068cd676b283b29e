/**
 * The per-guild settings model: every setting's name, type, validation and documented default, in one place.
 * Nothing here knows about Discord's client library or about storage.
 */
import { z } from 'zod';

/** Largest value a Discord snowflake (unsigned 64-bit integer) can take. */
const MAX_SNOWFLAKE = 2n ** 64n - 1n;
const SNOWFLAKE_PATTERN = /^\d{17,20}$/;

/** Upper bound on the channel allow list of one guild. */
export const MAX_CHANNELS = 50;
const RESULTS_MIN = 1;
const RESULTS_MAX = 5;
const COOLDOWN_MIN = 0;
/** One hour. */
const COOLDOWN_MAX = 3600;
export const VISIBILITIES = ['public', 'ephemeral'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Effective settings of one guild. Objects handed out by the store are frozen: never mutate them. */
export interface GuildSettings {
  /** Channel ids where the bot answers; an empty list means every channel. */
  readonly channels: readonly string[];
  /** Whether the bot answers when it is mentioned. */
  readonly mentions: boolean;
  /** Default reply visibility of the slash command. */
  readonly visibility: Visibility;
  /** Results per answer. */
  readonly results: number;
  /** Per-user cooldown in seconds; 0 means off. */
  readonly cooldown: number;
}

export type SettingName = keyof GuildSettings;

/** A value that failed validation. `message` is written for the moderator who typed it. */
export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
  constructor(
    message: string,
    /** The setting concerned, or null when an id (guild, member) was invalid. */
    readonly setting: SettingName | null = null,
  ) {
    super(message);
  }
}

/** True for a Discord snowflake: a string of 17–20 digits that fits in an unsigned 64-bit integer. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE_PATTERN.test(value) && BigInt(value) <= MAX_SNOWFLAKE;
}

function describeInput(input: unknown): string {
  if (typeof input === 'string') return `"${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return String(input);
  }
}

const channelId = z.custom<string>(isSnowflake, {
  error: (issue) =>
    `${describeInput(issue.input)} is not a valid channel id (a Discord id is 17 to 20 digits).`,
});

const wholeNumberMessage = (what: string, min: number, max: number, suffix = '') =>
  `${what} must be a whole number from ${min} to ${max}${suffix}.`;
const resultsMessage = wholeNumberMessage('Results per answer', RESULTS_MIN, RESULTS_MAX);
const cooldownMessage = wholeNumberMessage(
  'The cooldown',
  COOLDOWN_MIN,
  COOLDOWN_MAX,
  ' seconds (0 turns it off, 3600 is one hour)',
);

/**
 * How a moderator gives a setting's value in `/<command>-config`: the option's name (Discord: at most 32
 * characters, lower-case) and what it takes. Channels are added and removed one at a time.
 */
export type SettingInput =
  | { readonly kind: 'channel'; readonly option: string }
  | { readonly kind: 'switch'; readonly option: string; readonly hint: string }
  | {
      readonly kind: 'choice';
      readonly option: string;
      readonly choices: readonly string[];
      readonly hint: string;
    }
  | { readonly kind: 'whole-number'; readonly option: string; readonly min: number; readonly max: number };

interface SettingDefinition<T> {
  /** Validates a value supplied by a moderator (or read back from storage). */
  readonly schema: z.ZodType<T, unknown>;
  readonly default: T;
  /** What the settings summary and the history call it. */
  readonly label: string;
  /** Its line in `/<command>-config` (Discord: at most 100 characters). */
  readonly description: string;
  /** Its option in `/<command>-config`; a switch's or a choice's `hint` is that option's line. */
  readonly input: SettingInput;
}

type SettingDefinitions = { readonly [K in SettingName]: SettingDefinition<GuildSettings[K]> };

/** A whole number in [min, max]; every failure says the same thing to the moderator. */
function wholeNumber(min: number, max: number, message: string) {
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/**
 * The single source of truth for the settings: schema, default, bounds, and the English words for each
 * (`/<command>-config` and the settings summary are generated from them; `src/i18n/ru.ts` translates them).
 */
export const SETTINGS: SettingDefinitions = {
  channels: {
    schema: z
      .array(channelId, { error: 'The channel list must be a list of channel ids.' })
      .transform((ids) => [...new Set(ids)])
      .refine((ids) => ids.length <= MAX_CHANNELS, {
        error: `The bot can be limited to at most ${MAX_CHANNELS} channels. Remove one first, or clear the list to let it answer everywhere.`,
      }),
    default: Object.freeze([]),
    label: 'Answers in',
    description: 'Channels where the bot answers (none listed = every channel)',
    input: { kind: 'channel', option: 'channel' },
  },
  mentions: {
    schema: z.boolean({ error: 'Answering mentions must be switched on or off (true or false).' }),
    default: true,
    label: 'Mentions',
    description: 'Answer when members mention the bot',
    input: { kind: 'switch', option: 'enabled', hint: 'Answer mentions (default: yes)' },
  },
  visibility: {
    schema: z.enum(VISIBILITIES, { error: 'Reply visibility must be "public" or "ephemeral".' }),
    default: 'public',
    label: 'Replies visible to',
    description: 'Who sees answers by default (the hide option still overrides)',
    input: { kind: 'choice', option: 'mode', choices: VISIBILITIES, hint: 'public (default) or ephemeral' },
  },
  results: {
    schema: wholeNumber(RESULTS_MIN, RESULTS_MAX, resultsMessage),
    default: 3,
    label: 'Results',
    description: 'Results per answer',
    input: { kind: 'whole-number', option: 'count', min: RESULTS_MIN, max: RESULTS_MAX },
  },
  cooldown: {
    schema: wholeNumber(COOLDOWN_MIN, COOLDOWN_MAX, cooldownMessage),
    default: 0,
    label: 'Cooldown',
    description: 'Seconds a member waits between questions (0 = off)',
    input: { kind: 'whole-number', option: 'seconds', min: COOLDOWN_MIN, max: COOLDOWN_MAX },
  },
};

/** Setting names in display order. */
export const SETTING_NAMES: readonly SettingName[] = Object.freeze(Object.keys(SETTINGS) as SettingName[]);

function isSettingName(value: unknown): value is SettingName {
  return typeof value === 'string' && Object.hasOwn(SETTINGS, value);
}

/** Deep-freezes a settings object so cached instances can be shared safely. */
function freezeSettings(settings: GuildSettings): GuildSettings {
  if (!Object.isFrozen(settings.channels)) Object.freeze(settings.channels);
  return Object.freeze(settings);
}

/** Settings of a guild that nobody has configured. */
export const DEFAULT_SETTINGS: GuildSettings = freezeSettings({
  channels: SETTINGS.channels.default,
  mentions: SETTINGS.mentions.default,
  visibility: SETTINGS.visibility.default,
  results: SETTINGS.results.default,
  cooldown: SETTINGS.cooldown.default,
});

/** Validates a value for `setting`; returns it normalised (e.g. duplicate channels removed) or throws. */
export function validateSetting<K extends SettingName>(setting: K, value: unknown): GuildSettings[K] {
  const definition = SETTINGS[setting] as SettingDefinition<GuildSettings[K]> | undefined;
  if (definition === undefined) {
    throw new SettingsValidationError(`Unknown setting ${describeInput(setting)}.`);
  }
  const result = definition.schema.safeParse(value);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? `Invalid value for ${setting}.`;
    throw new SettingsValidationError(message, setting);
  }
  return result.data;
}

/** Throws a SettingsValidationError unless `value` is a snowflake; `what` names it, e.g. "guild id". */
export function assertSnowflake(value: unknown, what: string): asserts value is string {
  if (!isSnowflake(value)) {
    throw new SettingsValidationError(
      `${describeInput(value)} is not a valid ${what} (a Discord id is 17 to 20 digits).`,
    );
  }
}

/** Storage and history representation of a value: JSON text, readable as is. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Decodes a stored value; undefined when the text is not JSON or no longer passes validation (e.g. written by
 * another version of the bot), in which case the caller falls back to the default.
 */
function decodeStoredValue<K extends SettingName>(setting: K, text: string): GuildSettings[K] | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = SETTINGS[setting].schema.safeParse(raw);
  return result.success ? result.data : undefined;
}

/**
 * Effective settings from stored rows (setting name, JSON text): the defaults overlaid with every row that
 * still validates. A name this release does not know (written by a newer one) is ignored.
 */
export function settingsFromRows(rows: Iterable<{ setting: string; value: string }>): GuildSettings {
  const settings: Record<SettingName, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!isSettingName(row.setting)) continue;
    const value = decodeStoredValue(row.setting, row.value);
    if (value !== undefined) settings[row.setting] = value;
  }
  return freezeSettings(settings as unknown as GuildSettings);
}

/** `current` with one setting replaced, frozen. */
export function withSetting<K extends SettingName>(
  current: GuildSettings,
  setting: K,
  value: GuildSettings[K],
): GuildSettings {
  const next = { ...current, [setting]: value };
  if (setting === 'channels') next.channels = Object.freeze([...next.channels]);
  return freezeSettings(next);
}

/** The allow list with `channelId` added (the same list when it is already there); at most MAX_CHANNELS. */
export function withChannel(channels: readonly string[], channelId: string): readonly string[] {
  if (channels.includes(channelId)) return channels;
  if (channels.length >= MAX_CHANNELS) {
    throw new SettingsValidationError(
      `The bot is already limited to ${MAX_CHANNELS} channels, the most allowed. Remove one first, or clear ` +
        'the list to let it answer everywhere.',
      'channels',
    );
  }
  return [...channels, channelId];
}
