/**
 * `npm run start:sharded` against the local server: two shards, each answering its own servers,
 * sharing the index cache and the settings database.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDiscordServer } from '../../src/local-discord/server.ts';
import { CACHE_FILE } from '../../src/search/cache.ts';
import {
  localGuild,
  sendQuestion,
  serverEnv,
  spawnScript,
  startDiscord,
  TEST_TOKEN,
} from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';

// Discord routes guild g to shard (g >> 22) % count: these two land on shards 0 and 1.
const GUILD_ON_SHARD_0 = '200000000000000000';
const GUILD_ON_SHARD_1 = '200000000004194304';

let server: LocalDiscordServer;

beforeAll(async () => {
  server = await startDiscord({
    guilds: [
      localGuild(GUILD_ON_SHARD_0, 'Zero', '200000000000000099', { a: '210000000000000000' }),
      localGuild(GUILD_ON_SHARD_1, 'One', '200000000000000099', { b: '210000000000000001' }),
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

const startSharded = (env: Record<string, string>) =>
  spawnScript('src/main/start-sharded.ts', { ...serverEnv(server), LOG_LEVEL: 'info', ...env });

describe('sharding', () => {
  it('when started with SHARD_COUNT=2, each shard answers its own servers and shards load the shared index cache', async () => {
    const dataDir = tempDir();
    const sharded = startSharded({ SHARD_COUNT: '2', DATA_DIR: dataDir });
    await sharded.logLine((line) => line.msg === 'all shards started');
    expect(server.gatewayStats.identifies).toBeGreaterThanOrEqual(2);

    for (const guildId of [GUILD_ON_SHARD_0, GUILD_ON_SHARD_1]) {
      const response = await sendQuestion(server, 'armenia', { guildId }).callback;
      expect(response.data.embeds.length).toBeGreaterThan(0);
    }
    const lines = sharded
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    const loads = lines.filter((line) => line.msg === 'corpus loaded');
    expect(loads).toHaveLength(2);
    for (const load of loads) expect(load.indexSource).toBe('cache');
    expect(readFileSync(join(dataDir, CACHE_FILE)).length).toBeGreaterThan(0);

    sharded.child.kill('SIGTERM');
    expect(await sharded.exited).toBe(0);
  }, 90_000);

  it('when a shard cannot start (Discord refuses the token), it ends with one clean line, as npm start does', async () => {
    const otherToken = TEST_TOKEN.replace(/0+$/, (zeros) => '1'.repeat(zeros.length));
    const sharded = spawnScript('src/main/start-sharded.ts', {
      ...serverEnv(server, otherToken),
      SHARD_COUNT: '1',
      DATA_DIR: tempDir(),
    });
    expect(await sharded.exited).toBe(1);
    const output = sharded.output();
    expect(output).toContain('Discord rejected DISCORD_TOKEN'); // the shard's own line
    expect(output).toContain("could not start: Shard 0's process exited before its Client became ready");
    expect(output).not.toMatch(/\n\s+at |DiscordjsError/); // no stack trace
  });

  it('when SHARD_COUNT=auto is combined with DISCORD_API_BASE, it refuses to start and says why', async () => {
    const sharded = startSharded({ SHARD_COUNT: 'auto', DATA_DIR: tempDir() });
    expect(await sharded.exited).toBe(2);
    expect(sharded.output()).toContain('SHARD_COUNT=auto');
  });
});
