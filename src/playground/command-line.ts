/**
 * The playground's message box, understood the way Discord's own client understands its slash
 * command box, so that what reaches the bot is the interaction Discord would send:
 *
 * - `/csto armenia` fills the first required option, as Discord does when you type after the name;
 * - `name:value` fills any option (`/csto query:armenia hide:true mention:@mia`); a value runs to
 *   the next `name:` of that command, so questions keep their spaces;
 * - subcommand groups and subcommands come first (`/csto-config channels add channel:#general`);
 * - values are checked and converted by option type, users and channels are resolved by name.
 *
 * Everything is read from the commands as registered, so the playground cannot drift from them.
 * Anything else typed is a plain message, with `@name` and `#channel` turned into mentions.
 */
import { ApplicationCommandOptionType as OptionType, PermissionFlagsBits } from 'discord.js';
import { apiUser, type Json, type LocalUser } from '../local-discord/server.ts';
import type { Suggestion } from './protocol.ts';

/** The fields of a registered command option that the box needs. */
export interface OptionDef {
  type: OptionType;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  channel_types?: number[];
  options?: OptionDef[];
}

/** A registered chat-input command, as `GET …/commands` returns it. */
export interface CommandDef {
  name: string;
  description: string;
  default_member_permissions?: string | null;
  options?: OptionDef[];
}

export interface Directory {
  people: readonly LocalUser[];
  channels: readonly { id: string; name: string; type?: number }[];
  /** Extra names that mean the bot in a message (`@bot`). */
  botAliases: Record<string, LocalUser>;
}

/** A chat-input interaction's `data`, ready for `LocalDiscordServer.sendInteraction`. */
export interface CommandData {
  name: string;
  options: DataOption[];
  resolved?: { users?: Record<string, Json>; channels?: Record<string, Json> };
}

interface DataOption {
  name: string;
  type: OptionType;
  value?: string | number | boolean;
  focused?: boolean;
  options?: DataOption[];
}

export type Built = { ok: true; data: CommandData; label: string } | { ok: false; error: string };

/** What the box holds: where the cursor (always at the end) is, in Discord's terms. */
type Reading =
  | { stage: 'name'; typed: string }
  | { stage: 'unknown'; name: string }
  | { stage: 'branch'; command: CommandDef; path: string[]; branches: OptionDef[]; typed: string }
  | { stage: 'options'; command: CommandDef; path: string[]; options: OptionDef[]; segments: Segment[] };

/** One option's text: named (`hide:true`) or the bare text that fills the first required option. */
interface Segment {
  /** Null when bare text has no required option left to fill. */
  option: OptionDef | null;
  value: string;
  /** Where `value` starts in the box, so a suggestion can replace it. */
  at: number;
}

const isBranch = (option: OptionDef) =>
  option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const startsWith = (text: string, prefix: string) => text.toLowerCase().startsWith(prefix.toLowerCase());

/** Reads a slash command from the box, or null when the text is a plain message. */
function read(text: string, commands: readonly CommandDef[]): Reading | null {
  const head = /^\/(\S*)/.exec(text);
  if (!head) return null;
  const name = (head[1] ?? '').toLowerCase();
  if (head[0].length === text.length) return { stage: 'name', typed: name };
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) return { stage: 'unknown', name };

  let at = head[0].length;
  let options = command.options ?? [];
  const path: string[] = [];
  const word = /\s+(\S*)/y;
  while (options.some(isBranch)) {
    word.lastIndex = at;
    const match = word.exec(text);
    const typed = match?.[1] ?? '';
    const branch = options.find((option) => isBranch(option) && option.name === typed.toLowerCase());
    // A name without a space after it may still be growing (`res` → `results`, `reset`).
    if (!match || !branch || word.lastIndex === text.length) {
      return { stage: 'branch', command, path, branches: options.filter(isBranch), typed };
    }
    at = word.lastIndex;
    path.push(branch.name);
    options = branch.options ?? [];
  }
  return { stage: 'options', command, path, options, segments: segmentsOf(text, at, options) };
}

/** Splits the text after the command path into option segments, in the order typed. */
function segmentsOf(text: string, from: number, options: OptionDef[]): Segment[] {
  if (options.length === 0)
    return text.slice(from).trim() ? [{ option: null, value: text.slice(from), at: from }] : [];
  const named = new RegExp(
    `(?<=^|\\s)(${options.map((option) => escapeRegExp(option.name)).join('|')}):`,
    'gi',
  );
  const marks = [...text.slice(from).matchAll(named)].map((match) => ({
    option: options.find((option) => option.name === match[1]?.toLowerCase()) as OptionDef,
    start: from + match.index,
    at: from + match.index + match[0].length,
  }));
  const segments: Segment[] = marks.map((mark, index) => ({
    option: mark.option,
    value: text.slice(mark.at, marks[index + 1]?.start ?? text.length),
    at: mark.at,
  }));
  const bare = text.slice(from, marks[0]?.start ?? text.length);
  // Bare text fills the first required option not named, as Discord's client focuses that one first.
  const free = options.find((option) => option.required && !marks.some((mark) => mark.option === option));
  if (bare.trim() || (marks.length === 0 && free)) {
    const at = from + (bare.length - bare.trimStart().length);
    segments.unshift({ option: free ?? null, value: bare.trimStart(), at });
  }
  return segments;
}

/** The interaction data for what was typed, or why Discord's client would not send it. */
export function buildCommand(
  text: string,
  commands: readonly CommandDef[],
  directory: Directory,
  permissions: string,
): Built | null {
  // A trailing space ends the last word, so `/csto-sources` and `/csto-config show` read as complete.
  const reading = read(`${text.trim()} `, commands);
  if (!reading) return null;
  switch (reading.stage) {
    case 'name':
    case 'unknown':
      return {
        ok: false,
        error: `/${reading.stage === 'name' ? reading.typed : reading.name} is not a command here.`,
      };
    case 'branch':
      return {
        ok: false,
        error: `Choose what /${[reading.command.name, ...reading.path].join(' ')} should do: ${reading.branches.map((branch) => branch.name).join(', ')}.`,
      };
    case 'options':
      return buildOptions(reading, directory, permissions);
  }
}

function buildOptions(
  reading: Extract<Reading, { stage: 'options' }>,
  directory: Directory,
  permissions: string,
): Built {
  const values: DataOption[] = [];
  const resolved: NonNullable<CommandData['resolved']> = {};
  for (const segment of reading.segments) {
    if (!segment.option) {
      const example = reading.options[0]?.name;
      return {
        ok: false,
        error: `“${segment.value.trim()}” fills no option.${example ? ` Name the option, e.g. ${example}:…` : ''}`,
      };
    }
    if (values.some((value) => value.name === segment.option?.name)) {
      return { ok: false, error: `${segment.option.name} is given twice.` };
    }
    const converted = convert(segment.option, segment.value.trim(), directory, permissions, resolved);
    if ('error' in converted) return { ok: false, error: converted.error };
    values.push({ name: segment.option.name, type: segment.option.type, value: converted.value });
  }
  const missing = reading.options.find(
    (option) => option.required && !values.some((value) => value.name === option.name),
  );
  if (missing) return { ok: false, error: `${missing.name} is required: ${missing.description}` };
  return {
    ok: true,
    data: {
      name: reading.command.name,
      options: nest(reading, values),
      ...(resolved.users || resolved.channels ? { resolved } : {}),
    },
    label: `/${[reading.command.name, ...reading.path].join(' ')}`,
  };
}

/** Puts the leaf's options inside its subcommand and group, as Discord nests them. */
function nest(reading: Extract<Reading, { stage: 'options' }>, leaf: DataOption[]): DataOption[] {
  let options = leaf;
  let scope = reading.command.options ?? [];
  const chain = reading.path.map((name) => {
    const branch = scope.find((option) => option.name === name) as OptionDef;
    scope = branch.options ?? [];
    return branch;
  });
  for (const branch of chain.reverse()) options = [{ name: branch.name, type: branch.type, options }];
  return options;
}

type Converted = { value: string | number | boolean } | { error: string };

/** One option's typed text as Discord would send it, checked the way Discord's client checks it. */
function convert(
  option: OptionDef,
  raw: string,
  directory: Directory,
  permissions: string,
  resolved: NonNullable<CommandData['resolved']>,
): Converted {
  const name = option.name;
  if (!raw) return { error: `${name} needs a value: ${option.description}` };
  if (option.choices) {
    const choice = option.choices.find(
      (candidate) => candidate.name.toLowerCase() === raw.toLowerCase() || String(candidate.value) === raw,
    );
    return choice
      ? { value: choice.value }
      : { error: `${name} must be one of: ${option.choices.map((candidate) => candidate.name).join(', ')}.` };
  }
  switch (option.type) {
    case OptionType.String:
      if (raw.length < (option.min_length ?? 0) || raw.length > (option.max_length ?? 6000)) {
        return {
          error: `${name} must be ${option.min_length ?? 1}–${option.max_length ?? 6000} characters long.`,
        };
      }
      return { value: raw };
    case OptionType.Integer:
    case OptionType.Number: {
      const pattern = option.type === OptionType.Integer ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)$/;
      const value = Number(raw);
      const { min_value: min = -Infinity, max_value: max = Infinity } = option;
      if (!pattern.test(raw)) return { error: `${name} must be a number.` };
      if (value < min || value > max) return { error: `${name} must be from ${min} to ${max}.` };
      return { value };
    }
    case OptionType.Boolean: {
      const value = { true: true, yes: true, false: false, no: false }[raw.toLowerCase()];
      return value === undefined ? { error: `${name} must be True or False.` } : { value };
    }
    case OptionType.User: {
      const person = findPerson(raw, directory);
      if (!person)
        return {
          error: `Nobody called ${raw} is here. Try ${directory.people.map((p) => `@${p.username}`).join(', ')}.`,
        };
      resolved.users = { ...resolved.users, [person.id]: apiUser(person) };
      return { value: person.id };
    }
    case OptionType.Channel: {
      const channel = findChannel(raw, directory);
      const allowed = option.channel_types;
      if (!channel || (allowed && !allowed.includes(channel.type ?? 0))) {
        return {
          error: `${raw} is not a channel here. Try ${directory.channels.map((c) => `#${c.name}`).join(', ')}.`,
        };
      }
      resolved.channels = {
        ...resolved.channels,
        [channel.id]: { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions },
      };
      return { value: channel.id };
    }
    default:
      return { error: `${name} options cannot be typed in the playground.` };
  }
}

function findPerson(raw: string, directory: Directory): LocalUser | undefined {
  const id = /^<@!?(\d+)>$/.exec(raw)?.[1];
  const name = raw.replace(/^@/, '').toLowerCase();
  return (
    directory.people.find((person) => person.id === id || person.username.toLowerCase() === name) ??
    directory.botAliases[name]
  );
}

function findChannel(raw: string, directory: Directory) {
  const id = /^<#(\d+)>$/.exec(raw)?.[1];
  const name = raw.replace(/^#/, '').toLowerCase();
  return directory.channels.find((channel) => channel.id === id || channel.name === name);
}

/** A plain message's content as Discord stores it: `@mia` becomes `<@id>`, `#general` becomes `<#id>`. */
export function messageContent(text: string, directory: Directory): string {
  return text
    .replace(/(?<=^|\s)@([\w.-]+)/g, (typed, name: string) => {
      const person = findPerson(name, directory);
      return person ? `<@${person.id}>` : typed;
    })
    .replace(/(?<=^|\s)#([\w-]+)/g, (typed, name: string) => {
      const channel = findChannel(name, directory);
      return channel ? `<#${channel.id}>` : typed;
    });
}

export interface SuggestContext {
  commands: readonly CommandDef[];
  directory: Directory;
  permissions: string;
  /** Asks the bot for choices, as Discord does while an autocomplete option is being typed. */
  autocomplete(data: CommandData): Promise<{ name: string; value: string | number }[]>;
}

export interface Suggestions {
  /** The option being typed and what it wants. */
  hint: string | null;
  items: Suggestion[];
}

/** What Discord's client would offer for the text typed so far. */
export async function suggest(text: string, context: SuggestContext): Promise<Suggestions> {
  const reading = read(text, context.commands);
  if (!reading) return { hint: null, items: mentionItems(text, context.directory) };
  switch (reading.stage) {
    case 'name':
      return {
        hint: null,
        items: context.commands
          .filter((command) => startsWith(command.name, reading.typed))
          .map((command) => ({
            label: `/${command.name}`,
            detail: `${command.description}${restriction(command, context.permissions)}`,
            text: `/${command.name} `,
          })),
      };
    case 'unknown':
      return { hint: `/${reading.name} is not a command here.`, items: [] };
    case 'branch': {
      const before = text.slice(0, text.length - reading.typed.length);
      return {
        hint: null,
        items: reading.branches
          .filter((branch) => startsWith(branch.name, reading.typed))
          .map((branch) => ({
            label: `/${[reading.command.name, ...reading.path, branch.name].join(' ')}`,
            detail: branch.description,
            text: `${before}${branch.name} `,
          })),
      };
    }
    case 'options':
      return suggestOptions(text, reading, context);
  }
}

/** The permissions Discord's client lists a command for, by the names its settings show. */
const PERMISSION_NAMES: readonly [bigint, string][] = [
  [PermissionFlagsBits.Administrator, 'Administrator'],
  [PermissionFlagsBits.ManageGuild, 'Manage Server'],
];

/** ` · needs Administrator` when the acting member lacks what the command is listed for; otherwise nothing. */
function restriction(command: CommandDef, permissions: string): string {
  const needed = BigInt(command.default_member_permissions ?? 0);
  const missing = needed & ~BigInt(permissions);
  if (missing === 0n) return '';
  const names = PERMISSION_NAMES.filter(([bit]) => (missing & bit) !== 0n).map(([, name]) => name);
  return ` · needs ${names.length > 0 ? names.join(', ') : 'a permission you lack'}`;
}

async function suggestOptions(
  text: string,
  reading: Extract<Reading, { stage: 'options' }>,
  context: SuggestContext,
): Promise<Suggestions> {
  const focused = reading.segments.at(-1);
  const option = focused?.option;
  const typed = focused?.value.trim() ?? '';
  /** A value for the focused option; picking it replaces what was typed for that option. */
  const offer = (label: string, value = label): Suggestion => ({
    label,
    detail: '',
    text: `${text.slice(0, focused?.at)}${value} `,
  });
  let values: Suggestion[] = [];
  if (option?.autocomplete) {
    const choices = await context.autocomplete(autocompleteData(reading, focused as Segment, context));
    values = choices.map((choice) => offer(choice.name, String(choice.value)));
  } else if (option?.choices) {
    values = option.choices
      .filter((choice) => startsWith(choice.name, typed))
      .map((choice) => offer(choice.name));
  } else if (option?.type === OptionType.Boolean) {
    values = ['True', 'False'].filter((value) => startsWith(value, typed)).map((value) => offer(value));
  } else if (option?.type === OptionType.User) {
    values = context.directory.people
      .filter((person) => startsWith(person.username, typed.replace(/^@/, '')))
      .map((person) => offer(`@${person.username}`));
  } else if (option?.type === OptionType.Channel) {
    values = context.directory.channels
      .filter((channel) => !option.channel_types || option.channel_types.includes(channel.type ?? 0))
      .filter((channel) => startsWith(channel.name, typed.replace(/^#/, '')))
      .map((channel) => offer(`#${channel.name}`));
  }
  // Once a value is complete (a space after it), the options still to fill are offered too.
  const valueDone = !focused || (typed !== '' && /\s$/.test(text));
  const others = valueDone
    ? reading.options
        .filter((candidate) => !reading.segments.some((segment) => segment.option === candidate))
        .map((candidate) => ({
          label: `${candidate.name}:`,
          detail: candidate.description,
          text: `${text.trimEnd()} ${candidate.name}:`,
        }))
    : [];
  const hint = option
    ? `${option.name}${option.required ? '' : ' (optional)'}: ${option.description}`
    : focused
      ? `“${typed}” fills no option: name one, e.g. ${reading.options[0]?.name ?? 'none'}:…`
      : null;
  return { hint, items: [...values, ...others] };
}

/**
 * Autocomplete data as Discord sends it: the focused option as the raw text typed, and the other
 * options that already hold valid values, converted.
 */
function autocompleteData(
  reading: Extract<Reading, { stage: 'options' }>,
  focused: Segment,
  { directory, permissions }: SuggestContext,
): CommandData {
  const leaf: DataOption[] = [];
  for (const { option, value } of reading.segments) {
    if (!option || option === focused.option) continue;
    const converted = convert(option, value.trim(), directory, permissions, {});
    if ('value' in converted) leaf.push({ name: option.name, type: option.type, value: converted.value });
  }
  const option = focused.option as OptionDef;
  leaf.push({ name: option.name, type: option.type, value: focused.value.trim(), focused: true });
  return { name: reading.command.name, options: nest(reading, leaf) };
}

/** People to mention when the last word of a plain message starts with `@`. */
function mentionItems(text: string, directory: Directory): Suggestion[] {
  const typed = /(?<=^|\s)@([\w.-]*)$/.exec(text)?.[1];
  if (typed === undefined) return [];
  const before = text.slice(0, text.length - typed.length - 1);
  return directory.people
    .filter((person) => startsWith(person.username, typed))
    .map((person) => ({
      label: `@${person.username}`,
      detail: person.bot ? 'the bot: mention it with a question' : '',
      text: `${before}@${person.username} `,
    }));
}
