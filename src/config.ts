/**
 * Settings from the environment (and `.env`), validated in one place. A missing or malformed
 * variable stops the program with one line per variable that names it, echoes the bad value
 * (except secrets: the token and the database URL, which holds a password) and says how to fix it.
 */
import { config as readDotEnv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_BURST_ANSWERS } from './bot/cooldowns.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SNOWFLAKE = /^\d{17,20}$/;

/** Never echoed back in a message: the token, and the database URL (it carries a password). */
const SECRETS = new Set(['DISCORD_TOKEN', 'DATABASE_URL']);

/** Every variable, with the advice shown when it is wrong (the schema's message says what is wrong). */
const HINTS: Record<string, string> = {
  DISCORD_TOKEN:
    'set it to your bot token: create an application at https://discord.com/developers/applications, open "Bot", ' +
    'press "Reset Token" and put the token in .env as DISCORD_TOKEN=... (README: "Create the Discord application"). ' +
    'Without a token you can still search the corpus offline: npm run search -- "armenia"',
  DISCORD_API_BASE:
    'leave it unset for Discord itself, or give an http(s) URL such as http://127.0.0.1:8080/api',
  DISCORD_GUILD_IDS: 'give server ids separated by commas, or leave it unset to deploy globally',
  BOT_COMMAND:
    'use 1–24 lowercase letters, digits, "-" or "_" (Discord command names; "-sources", "-config" and "-admin" are appended)',
  CORPUS_DIR: 'give the directory that holds the article files (default: corpus)',
  DATA_DIR: 'give a writable directory for the index cache and settings (default: data)',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')}`,
  OWNER_IDS: 'give the Discord user ids of the operators, separated by commas',
  HTTP_PORT: 'give 1–65535 for /healthz and /metrics, or leave it unset for no HTTP server',
  HTTP_HOST:
    'give the address /healthz and /metrics listen on: 127.0.0.1 (default, this machine only), 0.0.0.0 (every interface) or one address',
  DATABASE_URL:
    'leave it unset for the SQLite file in DATA_DIR, or give a Postgres URL such as ' +
    'postgres://user:password@host:5432/database (README: "Deploying on several machines")',
  INTERACTIONS_PORT: "give 1–65535 for Discord's interactions endpoint (npm run start:http)",
  DISCORD_PUBLIC_KEY:
    "give the application's public key: 64 hex characters, from the Developer Portal (General Information → Public Key)",
  SHARD_COUNT: 'give a whole number from 1 to 1000, or "auto" to ask Discord (not with DISCORD_API_BASE)',
  BURST_ANSWERS:
    'give the answers one member may get per 10 s in a server, 1–10000 (default 5); the floor cannot be turned off',
};

const optional = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

const snowflakeList = (message: string) =>
  z.preprocess(
    optional,
    z
      .string()
      .transform((value) => value.split(',').map((id) => id.trim()))
      .pipe(z.array(z.string().regex(SNOWFLAKE, message)))
      .default([]),
  );

/** A whole number from `min` to `max`; anything else gets `message`, whatever was wrong with it. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number(message).int(message).min(min, message).max(max, message);

const SearchEnv = z.object({
  CORPUS_DIR: z.preprocess(optional, z.string().default('corpus')),
  DATA_DIR: z.preprocess(optional, z.string().default('data')),
  LOG_LEVEL: z.preprocess(optional, z.enum(LOG_LEVELS, 'is not a log level').default('info')),
});

/** Where the per-guild settings live: the SQLite file in DATA_DIR, or Postgres when DATABASE_URL is set. */
const SettingsEnv = SearchEnv.extend({
  DATABASE_URL: z.preprocess(
    optional,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'is not a postgres:// URL')
      .optional(),
  ),
});

const BotEnv = SettingsEnv.extend({
  DISCORD_TOKEN: z.preprocess(
    optional,
    z
      .string({ error: 'is not set' })
      .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'does not look like a bot token'),
  ),
  DISCORD_API_BASE: z.preprocess(
    optional,
    z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }).optional(),
  ),
  DISCORD_GUILD_IDS: snowflakeList('has an id that is not 17–20 digits'),
  OWNER_IDS: snowflakeList('has an id that is not 17–20 digits'),
  HTTP_PORT: z.preprocess(optional, wholeNumber(1, 65535, 'is not a port number').optional()),
  HTTP_HOST: z.preprocess(
    optional,
    z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], 'is not an IP address').default('127.0.0.1'),
  ),
  INTERACTIONS_PORT: z.preprocess(optional, wholeNumber(1, 65535, 'is not a port number').optional()),
  DISCORD_PUBLIC_KEY: z.preprocess(
    optional,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'is not 64 hex characters')
      .optional(),
  ),
  SHARD_COUNT: z.preprocess(
    optional,
    z
      .union(
        [z.literal('auto'), wholeNumber(1, 1000, 'is not a number of shards')],
        'is not a number of shards',
      )
      .default('auto'),
  ),
  BOT_COMMAND: z.preprocess(
    optional,
    z
      .string()
      .regex(/^[a-z0-9_-]{1,24}$/, 'is not a valid command name')
      .default('csto'),
  ),
  BURST_ANSWERS: z.preprocess(
    optional,
    wholeNumber(1, 10_000, 'is not a number of answers').default(DEFAULT_BURST_ANSWERS),
  ),
});

export interface SearchConfig {
  corpusDir: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
}

export interface BotConfig extends SearchConfig {
  token: string;
  /** REST base for a proxy or a local Discord-protocol server; undefined means Discord itself. */
  apiBase: string | undefined;
  guildIds: string[];
  /** The slash command's name; the corpus decides what the bot is about. */
  command: string;
  /** Operators: the only users `/<command>-admin` obeys. */
  ownerIds: string[];
  /** Port for `/healthz` and `/metrics`; undefined means no HTTP server. */
  httpPort: number | undefined;
  /** Address they listen on: loopback unless an operator opens them up. */
  httpHost: string;
  /** For `npm run start:sharded`. */
  shardCount: number | 'auto';
  /** The per-member burst floor: answers per 10 s in a server (see `BurstLimiter`); an operator's, never off. */
  burstAnswers: number;
  /** Postgres for settings and cooldowns shared by every process; undefined means the SQLite file. */
  databaseUrl: string | undefined;
  /** Port of Discord's interactions endpoint (`npm run start:http`). */
  interactionsPort: number | undefined;
  /** The application's Ed25519 public key (hex), which signs every interaction Discord POSTs. */
  publicKey: string | undefined;
}

/** Reads `.env` from the working directory, if there is one; real environment variables win. */
export function readEnvFile(): void {
  readDotEnv({ quiet: true });
}

/**
 * One line for a variable's first problem: its name, its value (unless secret or unset), what is wrong
 * and how to fix it, e.g. `- HTTP_PORT="0" is not a port number: give 1–65535 for …`.
 */
function describeProblem(name: string, value: string | undefined, problem: string): string {
  const shown =
    value === undefined || value.trim() === '' || SECRETS.has(name) ? '' : `=${JSON.stringify(value)}`;
  return `- ${name}${shown} ${problem}: ${HINTS[name] ?? 'see .env.example'}`;
}

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  // A list can have several bad entries: the variable is named once.
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const name = String(issue.path[0]);
    if (!problems.has(name)) problems.set(name, issue.message);
  }
  const lines = [...problems].map(([name, problem]) => describeProblem(name, env[name], problem));
  throw new ConfigError(`Configuration problem:\n${lines.join('\n')}`);
}

export function loadSearchConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig {
  const parsed = parse(SearchEnv, env);
  return { corpusDir: parsed.CORPUS_DIR, dataDir: parsed.DATA_DIR, logLevel: parsed.LOG_LEVEL };
}

/** For scripts that open the settings store the way the bot does (`npm run purge-settings`). */
export function loadSettingsConfig(env: NodeJS.ProcessEnv = process.env): {
  dataDir: string;
  databaseUrl: string | undefined;
} {
  const parsed = parse(SettingsEnv, env);
  return { dataDir: parsed.DATA_DIR, databaseUrl: parsed.DATABASE_URL };
}

export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = parse(BotEnv, env);
  return {
    corpusDir: parsed.CORPUS_DIR,
    dataDir: parsed.DATA_DIR,
    logLevel: parsed.LOG_LEVEL,
    token: parsed.DISCORD_TOKEN,
    apiBase: parsed.DISCORD_API_BASE,
    guildIds: parsed.DISCORD_GUILD_IDS,
    command: parsed.BOT_COMMAND,
    ownerIds: parsed.OWNER_IDS,
    httpPort: parsed.HTTP_PORT,
    httpHost: parsed.HTTP_HOST,
    shardCount: parsed.SHARD_COUNT,
    burstAnswers: parsed.BURST_ANSWERS,
    databaseUrl: parsed.DATABASE_URL,
    interactionsPort: parsed.INTERACTIONS_PORT,
    publicKey: parsed.DISCORD_PUBLIC_KEY,
  };
}

/** For an entry point: `.env` read, then `load`'s configuration, or the problem printed on stderr and exit code 2. */
export function configOrExit<T>(load: () => T): T {
  readEnvFile();
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** For the bot's entry points: the bot's configuration (see `configOrExit`). */
export function loadBotConfigOrExit(): BotConfig {
  return configOrExit(() => loadBotConfig());
}
