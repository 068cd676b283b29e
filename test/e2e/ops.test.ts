/**
 * Running it for real: operator command, health and metrics endpoints, live corpus updates in the
 * running bot — through the local Discord-protocol server.
 */
import { on } from 'node:events';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationPayload } from '../../commands/registry.ts';
import { loadBotConfig } from '../../src/config.ts';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import {
  type RunningBot,
  sendAutocomplete,
  sendQuestion,
  startWorld,
  TEST_TOKEN,
  type World,
} from '../support/bot.ts';
import { markdownArticle, SHIPPED_CORPUS, tempDir } from '../support/corpus.ts';
import { freePort } from '../support/net.ts';

const owner: LocalUser = { id: '200000000000000021', username: 'operator' };
const stranger: LocalUser = { id: '200000000000000022', username: 'stranger' };

let world: World;
let server: LocalDiscordServer;
let running: RunningBot;
let corpusDir: string;
let port: number;

beforeAll(async () => {
  corpusDir = tempDir('corpus-');
  cpSync(SHIPPED_CORPUS, corpusDir, { recursive: true });
  port = await freePort();
  world = await startWorld({ bot: { corpusDir, ownerIds: [owner.id], httpPort: port } });
  ({ server, running } = world);
});

afterAll(() => world?.stop());

const admin = (sub: string, user: LocalUser) =>
  server.sendInteraction({ type: 2, data: { name: 'csto-admin', options: [{ name: sub, type: 1 }] }, user });
const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, text: await response.text() };
};

describe('/csto-admin', () => {
  it('is registered only in the configured servers, never globally', () => {
    expect(registrationPayload('csto', 'global').map((command) => command.name)).not.toContain('csto-admin');
    expect(server.commands(server.guilds[0]?.id as string).map((command: Json) => command.name)).toContain(
      'csto-admin',
    );
  });

  it('when someone not in OWNER_IDS uses it, they are refused', async () => {
    const response = await admin('status', stranger).callback;
    expect(response.data.flags & 64).toBe(64);
    expect(response.data.content).toContain('OWNER_IDS');
  });

  it('when an operator asks for the status, it shows corpus size, index, reload, version, uptime and ping', async () => {
    const description: string = (await admin('status', owner).callback).data.embeds[0].description;
    expect(description).toContain('**Corpus:** 1 article, 39 paragraphs');
    expect(description).toMatch(/\*\*Index:\*\* (built|loaded from cache) in \d+ ms/);
    expect(description).toContain('**Version:** 0.1.0');
    expect(description).toContain('**Gateway ping:**');
    expect(description).toContain('**Uptime:**');
  });

  it('when people have asked and typed, the status shows the answer and autocomplete times since start', async () => {
    const before: string = (await admin('status', owner).callback).data.embeds[0].description;
    const answers =
      before.match(/\*\*Answer time:\*\* p50 [\d.]+ ms, p99 [\d.]+ ms \((\d+) since start\)/)?.[1] ?? '0';
    await sendQuestion(server, 'armenia', {}).callback;
    await sendAutocomplete(server, 'kyrg', {}).callback;
    const description: string = (await admin('status', owner).callback).data.embeds[0].description;
    const answered = /\*\*Answer time:\*\* p50 [\d.]+ ms, p99 [\d.]+ ms \((\d+) since start\)/.exec(
      description,
    );
    expect(Number(answered?.[1])).toBe(Number(answers) + 1);
    expect(description).toMatch(
      /\*\*Autocomplete time:\*\* p50 [\d.]+ ms, p99 [\d.]+ ms \([1-9]\d* since start\)/,
    );
  });

  it('when an operator reloads after adding an article, the reply defers, then reports it, and it answers', async () => {
    writeFileSync(
      join(corpusDir, 'uzbek.md'),
      markdownArticle('Uzbek exit', 'Tashkent said Uzbekistan would not rejoin.'),
    );
    const { token, callback } = admin('reload', owner);
    expect((await callback).type).toBe(5);
    const edit = await server.waitForRequest(
      (request) =>
        request.method === 'PATCH' && request.path.includes(token) && request.path.endsWith('@original'),
    );
    expect(edit.body.content).toMatch(/^Corpus reload: (1 added|no change) in \d+ ms\.$/);
    const answer = (await sendQuestion(server, 'rejoin Uzbekistan', {}).callback).data;
    expect(answer.embeds[0].description).toContain('**rejoin**');
  });
});

describe('live corpus updates in the running bot', () => {
  it('when a file is written, the bot answers from the new text once the watcher reloads, without a restart', async () => {
    const reloads = on(running.bot.context.live, 'reload');
    writeFileSync(
      join(corpusDir, 'batken.md'),
      markdownArticle('Batken', 'Shelling reached Batken overnight.'),
    );
    for await (const [summary] of reloads) if (summary.added.includes('batken.md')) break;
    const answer = await sendQuestion(server, 'Batken shelling', {}).callback;
    expect(answer.data.embeds.length).toBeGreaterThan(0);
  });
});

describe('health and metrics', () => {
  it('when the bot is connected with an index and a database, /healthz is 200', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
  });

  it('/metrics reports interactions by command and outcome, latency, zero results and index size', async () => {
    await sendQuestion(server, 'armenia', {}).callback;
    await sendQuestion(server, 'Bshkekk', {}).callback;
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toMatch(/bot_interactions_total\{command="csto",outcome="answered"\} \d+/);
    expect(text).toMatch(/bot_reply_latency_seconds_bucket\{le="3",command="csto"\} \d+/);
    expect(text).toMatch(/bot_zero_result_queries_total [1-9]/);
    expect(text).toMatch(/bot_index_documents (4[0-9])/);
    expect(text).toContain('bot_corpus_reloads_total');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(/bot_engine_seconds\{quantile="0.99",path="answer"\} \d/);
    expect(text).toMatch(/bot_engine_seconds_count\{path="answer"\} [1-9]/);
  });

  it('when the settings database stops answering, /healthz is 503 and says why', async () => {
    running.bot.context.settings.close();
    const { status, text } = await get('/healthz');
    expect(status).toBe(503);
    expect(JSON.parse(text)).toEqual({ status: 'unavailable', reasons: ['settings database not answering'] });
  });
});

describe('operator endpoints are safe by default', () => {
  it('/healthz and /metrics listen on loopback unless HTTP_HOST says otherwise', () => {
    expect(loadBotConfig({ DISCORD_TOKEN: TEST_TOKEN }).httpHost).toBe('127.0.0.1');
    expect(loadBotConfig({ DISCORD_TOKEN: TEST_TOKEN, HTTP_HOST: '0.0.0.0' }).httpHost).toBe('0.0.0.0');
    expect(() => loadBotConfig({ DISCORD_TOKEN: TEST_TOKEN, HTTP_HOST: 'every interface' })).toThrow(
      /HTTP_HOST/,
    );
    expect(running.logs.find((line) => line.msg === 'serving /healthz and /metrics')).toMatchObject({
      host: '127.0.0.1',
      port,
    });
  });

  it('50 crafted button custom_ids add no metrics series: labels come from a closed set', async () => {
    const answer = await sendQuestion(server, 'armenia', { user: owner }).callback;
    const message = { ...answer.data, flags: 0 };
    const clicks = Array.from({ length: 50 }, (_, i) =>
      server.sendInteraction({
        type: 3,
        data: { custom_id: `crafted${i}:${owner.id}:x` },
        message,
        user: owner,
      }),
    );
    for (const click of clicks) expect((await click.callback).data.content).toMatch(/no longer works/);
    const { text } = await get('/metrics');
    expect(text).not.toMatch(/crafted/);
    expect(text).toMatch(/bot_interactions_total\{command="button:unknown",outcome="expired"\} 50/);
  });
});
