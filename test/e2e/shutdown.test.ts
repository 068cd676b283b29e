/**
 * Shutdown when the log reader is gone: `npm start` (src/main/start.ts) with stderr piped to a parent that
 * stopped reading (a supervisor or `| tee` that died). Every log line then fails with EPIPE; SIGTERM must
 * still stop the bot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDiscordServer } from '../../src/local-discord/server.ts';
import { type ScriptProcess, sendQuestion, serverEnv, spawnScript, startDiscord } from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';

let server: LocalDiscordServer;
let started: ScriptProcess | undefined;

// A bot that did not stop is not left behind.
afterEach(() => {
  if (started && started.child.exitCode === null && started.child.signalCode === null)
    started.child.kill('SIGKILL');
});

beforeAll(async () => {
  server = await startDiscord();
});

afterAll(async () => {
  await server?.close();
});

describe('the bot as a process, its stderr reader dead', () => {
  /** `npm start` as a child process, once connected. */
  async function startBot() {
    const bot = spawnScript('src/main/start.ts', {
      ...serverEnv(server),
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'info',
    });
    started = bot;
    await new Promise<void>((resolve) => {
      const listen = () => {
        if (!bot.output().includes('connected to Discord')) return;
        bot.child.stderr?.off('data', listen);
        resolve();
      };
      bot.child.stderr?.on('data', listen);
    });
    return bot;
  }

  it('SIGTERM right after the reader died: the first failed write is the shutdown log line, and it still exits', async () => {
    const bot = await startBot();
    bot.child.stderr?.destroy();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('a reader that stopped reading (the pipe full): it keeps answering, and SIGTERM still stops it', async () => {
    const bot = await startBot();
    bot.child.stderr?.pause();
    // About 450 KB of log lines (questions that match nothing are logged with their text): the pipe fills.
    for (let round = 0; round < 40; round++) {
      const batch = Array.from({ length: 25 }, (_, i) =>
        sendQuestion(server, `zzqv${round}x${i} ${'qqzx '.repeat(36)}`, {}),
      );
      for (const handle of batch) expect((await handle.callback).type).toBe(4);
    }
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 60_000);

  it('after the reader died, it keeps answering, and SIGTERM stops it', async () => {
    const bot = await startBot();
    bot.child.stderr?.destroy();
    const answer = await sendQuestion(server, 'armenia', {}).callback;
    expect(answer.data.embeds.length).toBeGreaterThan(0);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
