/**
 * Starts the real bot (`startBot`, as `npm start` does) against a `LocalDiscordServer`, and gives
 * tests a compact way to act as Discord users.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type Bot, startBot } from '../../src/bot/app.ts';
import type { BotConfig } from '../../src/config.ts';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import { REDACTED_PATHS } from '../../src/log.ts';
import { SHIPPED_CORPUS, tempDir } from './corpus.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Shaped like a real bot token, so configuration validation accepts it. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GAbCdE.local-token-for-tests-only-00000000';

export interface RunningBot {
  bot: Bot;
  config: BotConfig;
  /** Every log line the bot wrote, parsed. */
  logs: Json[];
  stop(): Promise<void>;
}

export function botConfig(server: LocalDiscordServer, overrides: Partial<BotConfig> = {}): BotConfig {
  return {
    corpusDir: SHIPPED_CORPUS,
    dataDir: tempDir(),
    logLevel: 'info',
    token: server.token,
    apiBase: server.apiBase,
    guildIds: server.guilds.map((guild) => guild.id),
    command: 'csto',
    ownerIds: [],
    httpPort: undefined,
    shardCount: 1,
    ...overrides,
  };
}

export async function runBot(
  server: LocalDiscordServer,
  overrides: Partial<BotConfig> = {},
): Promise<RunningBot> {
  const config = botConfig(server, overrides);
  const logs: Json[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const bot = await startBot(config, logger);
  if (!bot.client.isReady()) await new Promise((resolve) => bot.client.once('clientReady', resolve));
  return { bot, config, logs, stop: () => bot.stop() };
}

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the package's scripts (`src/bot/deploy.ts`, …) as a child process, as npm would. */
export function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<ChildRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

export interface ScriptProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts one of the package's scripts as its own Node process (one process: signals reach it). */
export function spawnScript(script: string, env: Record<string, string>): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Registers the commands with the real deploy script, as an operator would, then starts the bot. */
export async function deployAndRunBot(server: LocalDiscordServer): Promise<RunningBot> {
  const deploy = await runScript('src/bot/deploy.ts', serverEnv(server));
  if (deploy.code !== 0) throw new Error(`deploy-commands failed (${deploy.code}): ${deploy.stderr}`);
  return runBot(server);
}

/** Environment that points the scripts at the local server. */
export function serverEnv(server: LocalDiscordServer, token = TEST_TOKEN): Record<string, string> {
  return {
    DISCORD_TOKEN: token,
    DISCORD_API_BASE: server.apiBase,
    DISCORD_GUILD_IDS: server.guilds.map((guild) => guild.id).join(','),
    LOG_LEVEL: 'warn',
  };
}

/** The chat-input options of `/csto`, as Discord sends them. */
export function askData(query: string, extra: { hide?: boolean; mention?: LocalUser } = {}): Json {
  const options: Json[] = [{ name: 'query', type: 3, value: query }];
  if (extra.hide !== undefined) options.push({ name: 'hide', type: 5, value: extra.hide });
  if (extra.mention) options.push({ name: 'mention', type: 6, value: extra.mention.id });
  return {
    name: 'csto',
    options,
    ...(extra.mention
      ? {
          resolved: {
            users: {
              [extra.mention.id]: { ...extra.mention, discriminator: '0', avatar: null, global_name: null },
            },
          },
        }
      : {}),
  };
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
