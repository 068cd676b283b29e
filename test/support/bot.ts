/**
 * Starts the real bot (`startBot`, as `npm start` does) against a `LocalDiscordServer`, and gives
 * tests a compact way to act as Discord users.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PermissionFlagsBits, REST, Routes } from 'discord.js';
import pino from 'pino';
import { commands, registrationPayload } from '../../commands/registry.ts';
import { type Bot, type BotMode, startBot } from '../../src/bot/app.ts';
import type { BotConfig } from '../../src/config.ts';
import {
  type InteractionHandle,
  type InteractionInput,
  type Json,
  LocalDiscordServer,
  type LocalGuild,
  type LocalUser,
  MEMBER_PERMISSIONS,
} from '../../src/local-discord/server.ts';
import { LOGGER_OPTIONS } from '../../src/log.ts';
import { SHIPPED_CORPUS, tempDir } from './corpus.ts';
import { freePort } from './net.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Shaped like a real bot token, so configuration validation accepts it. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.GAbCdE.local-token-for-tests-only-00000000';
/**
 * The burst floor the suites run with: they play a crowd with one or two users, so the shipped floor
 * (5 answers per member per 10 s, test/e2e/abuse.test.ts) would refuse most of their questions.
 */
export const CROWD_BURST_ANSWERS = 10_000;
/** A member's permissions plus Manage Server: a moderator, who may run `/csto-config`. */
export const MODERATOR_PERMISSIONS = (
  BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild
).toString();

/** The flag Discord sets on a message only the member it answers can see (`MessageFlags.Ephemeral`). */
export const EPHEMERAL = 64;

/** The bot's user for `DiscordOptions.botUser`, with an id of the suite's own, for members to mention. */
export function botUser(id: string): LocalUser {
  return { id, username: 'CSTO answers', bot: true };
}

/**
 * A server (guild) of the local Discord for `DiscordOptions.guilds`, owned by `owner`, with text channels
 * given as name → id in the order listed (`{ general: CHANNEL }`; a name that is a number would be put first,
 * as JavaScript orders such keys); `preferredLocale` is its language.
 */
export function localGuild(
  id: string,
  name: string,
  owner: LocalUser | string,
  channels: Readonly<Record<string, string>>,
  preferredLocale?: string,
): LocalGuild {
  return {
    id,
    name,
    ownerId: typeof owner === 'string' ? owner : owner.id,
    channels: Object.entries(channels).map(([channelName, channelId]) => ({
      id: channelId,
      name: channelName,
    })),
    ...(preferredLocale ? { preferredLocale } : {}),
  };
}

export interface RunningBot {
  bot: Bot;
  config: BotConfig;
  /** Every log line the bot wrote, parsed. */
  logs: Json[];
  /** The first log line (already written, or written later) that `matches`. */
  logged(matches: (line: Json) => boolean): Promise<Json>;
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
    httpHost: '127.0.0.1',
    shardCount: 1,
    burstAnswers: CROWD_BURST_ANSWERS,
    databaseUrl: undefined,
    interactionsPort: undefined,
    publicKey: undefined,
    ...overrides,
  };
}

/**
 * Starts the bot in this process. In HTTP mode (`mode: 'http'`, on a free INTERACTIONS_PORT unless given) the
 * server's interactions endpoint is pointed at it, so every `sendInteraction` arrives by signed POST.
 */
export async function runBot(
  server: LocalDiscordServer,
  overrides: Partial<BotConfig> = {},
  mode: BotMode = 'gateway',
): Promise<RunningBot> {
  const config = botConfig(server, {
    ...(mode === 'http' ? { interactionsPort: await freePort(), publicKey: server.publicKey } : {}),
    ...overrides,
  });
  const logs: Json[] = [];
  const waiters = new Set<{ matches: (line: Json) => boolean; resolve: (line: Json) => void }>();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n')) {
        if (!text) continue;
        const line = JSON.parse(text);
        logs.push(line);
        for (const waiter of waiters) {
          if (!waiter.matches(line)) continue;
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
      done();
    },
  });
  const logged = (matches: (line: Json) => boolean) =>
    new Promise<Json>((resolve) => {
      const found = logs.find(matches);
      if (found) resolve(found);
      else waiters.add({ matches, resolve });
    });
  const logger = pino({ level: 'info', ...LOGGER_OPTIONS }, sink);
  const bot = await startBot(commands, config, logger, mode);
  if (mode === 'http') await server.setInteractionsEndpoint(interactionsUrl(config));
  else if (!bot.client.isReady()) await new Promise((resolve) => bot.client.once('clientReady', resolve));
  return { bot, config, logs, logged, stop: () => bot.stop() };
}

/** The real deploy script, `npm run deploy-commands`. */
export const DEPLOY_SCRIPT = 'src/main/deploy-commands.ts';

export interface DiscordOptions {
  /** The servers (guilds) in the local Discord; by default the local server's one. */
  guilds?: LocalGuild[];
  /** The bot's user; by default the local server's. */
  botUser?: LocalUser;
  /**
   * How the command set gets registered in every guild: `script` runs the real deploy script as an operator
   * would (the default), `rest` PUTs `registrationPayload` itself (no child process).
   */
  deploy?: 'script' | 'rest';
  /** Commands registered beside the bot's (a benchmark's bare baseline command); with `deploy: 'rest'` only. */
  alsoRegister?: Json[];
  /** The acknowledgement deadline; Discord's 3 s by default, `Infinity` for a benchmark that measures past it. */
  acknowledgeWithinMs?: number;
}

/** A local Discord server with the command set registered in each of its servers (guilds). */
export async function startDiscord(options: DiscordOptions = {}): Promise<LocalDiscordServer> {
  const server = await LocalDiscordServer.start({
    token: TEST_TOKEN,
    ...(options.botUser ? { botUser: options.botUser } : {}),
    ...(options.guilds ? { guilds: options.guilds } : {}),
    ...(options.acknowledgeWithinMs === undefined
      ? {}
      : { acknowledgeWithinMs: options.acknowledgeWithinMs }),
  });
  try {
    if (options.deploy === 'rest') {
      const rest = new REST({ api: server.apiBase }).setToken(server.token);
      for (const guild of server.guilds) {
        await rest.put(Routes.applicationGuildCommands(server.applicationId, guild.id), {
          body: [...registrationPayload('csto'), ...(options.alsoRegister ?? [])],
        });
      }
    } else {
      if (options.alsoRegister) throw new Error('alsoRegister needs deploy: "rest"');
      const deploy = await runScript(DEPLOY_SCRIPT, serverEnv(server));
      if (deploy.code !== 0) throw new Error(`deploy-commands failed (${deploy.code}): ${deploy.stderr}`);
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

/** A local Discord with the commands deployed, and the real bot started against it and ready. */
export interface World {
  server: LocalDiscordServer;
  running: RunningBot;
  /** Stops the bot, then closes the local Discord. */
  stop(): Promise<void>;
}

export interface WorldOptions extends DiscordOptions {
  /** Configuration beyond `botConfig`'s defaults. */
  bot?: Partial<BotConfig>;
  mode?: BotMode;
}

/**
 * The fixture most end-to-end suites start in `beforeAll`, which returns its `stop` for vitest to call after
 * the file's last test.
 */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const server = await startDiscord(options);
  const running = await runBot(server, options.bot, options.mode).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    server,
    running,
    stop: async () => {
      await running.stop();
      await server.close();
    },
  };
}

/** Who sends an interaction, and where: user, permissions, channel, locale, endpoint (see `InteractionInput`). */
export type Sender = Omit<InteractionInput, 'type' | 'data'>;

/**
 * `/csto-config <group?> <sub> options…` as Discord sends it (`path` is `[sub]` or `[group, sub]`): a channel
 * option arrives with its channel resolved.
 */
function configData(path: readonly string[], options: Json[] = []): Json {
  const [first, second] = path;
  const withOptions = (name: string | undefined, type: number, children: Json[]) =>
    children.length > 0 ? { name, type, options: children } : { name, type };
  const sub = second
    ? withOptions(first, 2, [withOptions(second, 1, options)])
    : withOptions(first, 1, options);
  const channels = options.filter((option) => option.type === 7);
  return {
    name: 'csto-config',
    options: [sub],
    ...(channels.length > 0
      ? {
          resolved: {
            channels: Object.fromEntries(
              channels.map((option) => [
                option.value,
                { id: option.value, type: 0, name: 'news', permissions: '0' },
              ]),
            ),
          },
        }
      : {}),
  };
}

/** Sends `/csto-config …` (see `configData`) as `from` describes: user, permissions, channel, locale, endpoint. */
export function configure(
  server: LocalDiscordServer,
  path: readonly string[],
  options: Json[],
  from: Sender,
): InteractionHandle {
  return server.sendInteraction({ type: 2, data: configData(path, options), ...from });
}

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the package's scripts (`DEPLOY_SCRIPT`, …) as a child process, as npm would. */
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
  /**
   * Resolves with the exit code (null when a signal ended it) once the process has exited and its output
   * has all been read ('close', not 'exit': 'exit' can come before the last lines it wrote).
   */
  exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /**
   * Resolves with the next JSON log line, from now on, that `match` accepts (rejects if the process exits
   * first): call it before causing the event, so that it cannot be missed.
   */
  logLine(match: (line: Json) => boolean): Promise<Json>;
}

/** Starts one of the package's scripts as its own Node process (one process: signals reach it). */
export function spawnScript(script: string, env: Record<string, string>, args: string[] = []): ScriptProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
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
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const logLine = (match: (line: Json) => boolean) =>
    new Promise<Json>((resolve, reject) => {
      let pending = '';
      const onData = (chunk: Buffer) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const text of lines) {
          let line: Json;
          try {
            line = JSON.parse(text);
          } catch {
            continue;
          }
          if (!match(line)) continue;
          stop();
          resolve(line);
          return;
        }
      };
      const onExit = () => {
        stop();
        reject(new Error(`${script} exited before the awaited log line: ${output}`));
      };
      const stop = () => {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.off('close', onExit);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('close', onExit);
    });
  return { child, exited, output: () => output, logLine };
}

/** Environment that points the scripts at the local server. */
export function serverEnv(server: LocalDiscordServer, token = TEST_TOKEN): Record<string, string> {
  return {
    DISCORD_TOKEN: token,
    DISCORD_API_BASE: server.apiBase,
    DISCORD_GUILD_IDS: server.guilds.map((guild) => guild.id).join(','),
    LOG_LEVEL: 'warn',
    BURST_ANSWERS: String(CROWD_BURST_ANSWERS),
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

/** Sends `/csto query` (`askData(query, extra)`) as `from` describes. */
export function sendQuestion(
  server: LocalDiscordServer,
  query: string,
  from: Sender,
  extra?: Parameters<typeof askData>[1],
): InteractionHandle {
  return server.sendInteraction({ type: 2, data: askData(query, extra), ...from });
}

/** Sends the autocomplete request Discord sends while `/csto`'s query reads `typed`, as `from` describes. */
export function sendAutocomplete(server: LocalDiscordServer, typed: string, from: Sender): InteractionHandle {
  return server.sendInteraction({
    type: 4,
    data: { name: 'csto', options: [{ name: 'query', type: 3, value: typed, focused: true }] },
    ...from,
  });
}

/** The interactions endpoint of a bot started in HTTP mode with `config`. */
export function interactionsUrl(config: Pick<BotConfig, 'interactionsPort'>): string {
  return `http://127.0.0.1:${config.interactionsPort}/interactions`;
}
