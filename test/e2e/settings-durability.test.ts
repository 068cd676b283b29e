/**
 * An acknowledged setting is never lost: with DATA_DIR deleted under the running bot (the real `startBot`,
 * the local Discord-protocol server), a change is refused with a clear message instead of being "saved"
 * into a file no restart will read, and /healthz says the bot is unhealthy.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import {
  configure,
  MODERATOR_PERMISSIONS as MODERATOR,
  type RunningBot,
  runBot,
  sendQuestion,
  startWorld,
} from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';
import { freePort } from '../support/net.ts';

const mod: LocalUser = { id: '200000000000000091', username: 'mod' };

let server: LocalDiscordServer;
let running: RunningBot | undefined;
let dataDir: string;
let port: number;

beforeAll(async () => {
  dataDir = tempDir();
  port = await freePort();
  // The bot is restarted by a test below, so the server and the bot are stopped one by one.
  ({ server, running } = await startWorld({ bot: { dataDir, httpPort: port } }));
});

afterAll(async () => {
  await running?.stop();
  await server?.close();
});

const setResults = (count: number) =>
  configure(server, ['results'], [{ name: 'count', type: 4, value: count }], {
    user: mod,
    permissions: MODERATOR,
  }).callback;

const health = async () => {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
};

describe('DATA_DIR deleted while the bot runs', () => {
  it('a settings change is refused with a clear message (never acknowledged), and /healthz is 503 until a restart', async () => {
    expect((await setResults(2)).data.content).toContain('now 2 per answer');
    expect((await health()).status).toBe(200);

    rmSync(dataDir, { recursive: true, force: true });
    const refused = await setResults(4);
    expect(refused.data.content).toMatch(/could not be saved.*Nothing was changed/s);
    expect(refused.data.content).not.toContain('now 4');
    expect(await health()).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        reasons: ['settings database file deleted or replaced: changes would be lost at the next start'],
      },
    });
    const logged = running?.logs.find((line) => line.msg === 'settings store failed');
    expect(logged?.err?.message).toMatch(/was deleted or replaced while the bot was running/);

    // Restarted on the same DATA_DIR, created again empty: the refused 4 is not in effect (the 2 was deleted
    // with the directory, which /healthz reported).
    await running?.stop();
    running = await runBot(server, { dataDir, httpPort: port });
    const answer = await sendQuestion(server, 'armenia', {}).callback;
    expect(answer.data.embeds).toHaveLength(3); // the default
    expect((await health()).status).toBe(200);
  });
});
