/**
 * Faults, end to end: the real bot (`startBot`, one for the whole file) against the local Discord-protocol
 * server while the server misbehaves — the gateway dropped mid-burst, REST 429s and 5xx bursts, a stalled
 * endpoint, the settings database locked by another process, the corpus directory removed. After each, the
 * bot must still be up and answering. docs/operations.md lists every fault and what the bot did.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationPayload } from '../commands/index.ts';
import {
  type Json,
  LocalDiscordServer,
  type LocalUser,
  MEMBER_PERMISSIONS,
  type RecordedRequest,
} from '../src/local-discord/server.ts';
import { SETTINGS_FILE_NAME } from '../src/settings/store.ts';
import { askData, type RunningBot, runBot, TEST_TOKEN } from './support/bot.ts';
import { markdownArticle, SHIPPED_CORPUS, tempDir } from './support/corpus.ts';

const GUILD = '100000000000000051';
const CHANNEL = '110000000000000051';
const QUIET = '110000000000000052';
const BOT: LocalUser = { id: '190000000000000051', username: 'CSTO answers', bot: true };
const alice: LocalUser = { id: '200000000000000051', username: 'alice' };
const mod: LocalUser = { id: '200000000000000052', username: 'mod' };
const MODERATOR = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild).toString();
const EPHEMERAL = 64;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const QUERIES = ['armenia', 'drills', 'Pashinian', 'Tokayev', 'border clashes', 'Kyrgyzstan'];

let server: LocalDiscordServer;
let running: RunningBot;
let corpusDir: string;
let dataDir: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await LocalDiscordServer.start({
    token: TEST_TOKEN,
    botUser: BOT,
    guilds: [
      {
        id: GUILD,
        name: 'Faults',
        ownerId: mod.id,
        channels: [
          { id: CHANNEL, name: 'general' },
          { id: QUIET, name: 'quiet' },
        ],
      },
    ],
  });
  await new REST({ api: server.apiBase })
    .setToken(server.token)
    .put(Routes.applicationGuildCommands(server.applicationId, GUILD), { body: registrationPayload('csto') });
  // A copy of the corpus, because one test removes the directory.
  corpusDir = join(tempDir('corpus-'), 'corpus');
  cpSync(SHIPPED_CORPUS, corpusDir, { recursive: true });
  dataDir = tempDir();
  running = await runBot(server, { corpusDir, dataDir });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await running?.stop();
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ask = (query: string, channelId = CHANNEL) =>
  server.sendInteraction({ type: 2, data: askData(query), user: alice, channelId });

/** Every callback POST for one interaction, in the order answered, with what the server said. */
const callbacksOf = (id: string): RecordedRequest[] =>
  server.requests.filter(
    (request) => request.path.startsWith(`/interactions/${id}/`) && CALLBACK.test(request.path),
  );

const accepted = (id: string) => callbacksOf(id).filter((request) => request.status < 300);

const repliesTo = (messageId: string) =>
  server.requests.filter((request) => request.body?.message_reference?.message_id === messageId);

/** The log line the bot wrote for an interaction (or a mention message), if any yet. */
const logOf = (id: string): Json | undefined =>
  running.logs.find((line) => line.interaction === id || (line.message === id && 'outcome' in line));

/** Waits until the bot has logged an outcome for each id, or `ms` passed; returns the ids still silent. */
async function settle(ids: readonly string[], ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  let silent = ids.filter((id) => !logOf(id));
  while (silent.length > 0 && Date.now() < deadline) {
    await sleep(25);
    silent = silent.filter((id) => !logOf(id));
  }
  return silent;
}

/** A normal question, answered normally: the bot is up and serving. */
async function expectAnswering(query = 'armenia'): Promise<void> {
  const response = await ask(query).callback;
  expect(response.type).toBe(4);
  expect(response.data.embeds.length).toBeGreaterThan(0);
}

function configure(sub: string, options: Json[]) {
  return server.sendInteraction({
    type: 2,
    data: { name: 'csto-config', options: [{ name: sub, type: 1, options }] },
    user: mod,
    permissions: MODERATOR,
    channelId: CHANNEL,
  });
}

/** Every mention got exactly one reply that Discord accepted, and was logged as answered. */
async function expectEachRepliedOnce(sent: Json[]): Promise<void> {
  expect(
    await settle(
      sent.map((message) => message.id),
      10_000,
    ),
  ).toEqual([]);
  for (const message of sent) {
    expect(repliesTo(message.id).filter((request) => request.status < 300)).toHaveLength(1);
    expect(logOf(message.id)?.outcome).toBe('answered');
  }
}

describe('the gateway dropped in the middle of a burst', () => {
  for (const [name, code] of [
    ['abruptly (1006: the client resumes, missed events are replayed)', undefined],
    ['with 4000 (resumable close)', 4000],
    ['with 1000 (the client identifies afresh: events sent meanwhile are lost)', 1000],
  ] as const) {
    it(`${name}: each interaction is answered exactly once or was never delivered`, async () => {
      const before = { ...server.gatewayStats };
      const ids: string[] = [];
      let refused = 0;
      for (let i = 0; i < 30; i++) {
        if (i === 10) server.dropGateway(code === undefined ? {} : { code });
        try {
          ids.push(ask(QUERIES[i % QUERIES.length] as string).id);
        } catch {
          refused++; // no gateway session at that instant: never sent
        }
        await sleep(15);
      }
      await expect
        .poll(() => server.gatewayStats.resumes + server.gatewayStats.identifies, { timeout: 10_000 })
        .toBeGreaterThan(before.resumes + before.identifies);
      await settle(ids, 4000);
      let answered = 0;
      let undelivered = 0;
      for (const id of ids) {
        const tries = callbacksOf(id);
        const ok = accepted(id);
        expect(ok.length, `interaction ${id}: ${tries.map((t) => t.status).join(',')}`).toBeLessThanOrEqual(
          1,
        );
        expect(tries.filter((request) => request.status === 400)).toEqual([]); // 40060: acknowledged twice
        if (ok.length === 1) answered++;
        else {
          // Not answered: then the bot never saw it — no callback tried, no log line.
          expect(tries, `interaction ${id} was delivered but not answered`).toEqual([]);
          expect(logOf(id)).toBeUndefined();
          undelivered++;
        }
      }
      console.info(
        `gateway drop ${code ?? 'abrupt'}: ${ids.length} sent, ${answered} answered once, ${undelivered} never delivered, ${refused} refused by the server (no session); resumes +${server.gatewayStats.resumes - before.resumes}, identifies +${server.gatewayStats.identifies - before.identifies}`,
      );
      expect(answered).toBeGreaterThan(0);
      await expectAnswering();
    });
  }
});

describe('REST rate limits and server errors on replies', () => {
  it('a burst of 429s (retry_after 0.25 s) on interaction callbacks: every reply is retried and arrives once', async () => {
    server.addFault({ method: 'POST', path: CALLBACK, status: 429, retryAfterSeconds: 0.25, times: 12 });
    const handles = Array.from({ length: 12 }, (_, i) => ask(QUERIES[i % QUERIES.length] as string));
    const responses = await Promise.all(handles.map((handle) => handle.callback));
    expect(responses.map((response) => response.type)).toEqual(handles.map(() => 4));
    for (const handle of handles) expect(accepted(handle.id)).toHaveLength(1);
    const limited = handles
      .flatMap((handle) => callbacksOf(handle.id))
      .filter((request) => request.status === 429);
    expect(limited).toHaveLength(12);
    await expectAnswering();
  });

  it('a burst of 429s on mention replies (a channel route): every reply is retried and arrives once', async () => {
    server.addFault({
      method: 'POST',
      path: CHANNEL_MESSAGES,
      status: 429,
      retryAfterSeconds: 0.2,
      times: 4,
    });
    const sent = Array.from({ length: 4 }, (_, i) =>
      server.sendMessage({ content: `<@${BOT.id}> ${QUERIES[i]}`, author: alice, channelId: CHANNEL }),
    );
    await expectEachRepliedOnce(sent);
  });

  it('500/502 bursts shorter than the retries: the replies are retried and every interaction is answered once', async () => {
    server.addFault({ method: 'POST', path: CALLBACK, status: 502, times: 4 });
    server.addFault({ method: 'POST', path: CALLBACK, status: 500, times: 4 });
    const handles = Array.from({ length: 8 }, (_, i) => ask(QUERIES[i % QUERIES.length] as string));
    expect(
      await settle(
        handles.map((handle) => handle.id),
        15_000,
      ),
    ).toEqual([]);
    for (const handle of handles) expect(accepted(handle.id).length).toBeLessThanOrEqual(1);
    const statuses = handles.flatMap((handle) => callbacksOf(handle.id).map((request) => request.status));
    expect(statuses.filter((status) => status >= 500)).toHaveLength(8);
    const answered = handles.filter((handle) => accepted(handle.id).length === 1);
    expect(answered.length).toBeGreaterThanOrEqual(6);
    await expectAnswering();
  });

  it('a 500/502 outage longer than the retries: each reply fails, is logged, nothing is sent twice, and the bot answers once it ends', async () => {
    // 4 attempts per reply (1 + 3 retries) and 4 more for the apology: 6 interactions exhaust 48 faults.
    server.addFault({ method: 'POST', path: CALLBACK, status: 500, times: 24 });
    server.addFault({ method: 'POST', path: CALLBACK, status: 502, times: 24 });
    const handles = Array.from({ length: 6 }, (_, i) => ask(QUERIES[i] as string));
    expect(
      await settle(
        handles.map((handle) => handle.id),
        20_000,
      ),
    ).toEqual([]);
    for (const handle of handles) {
      expect(accepted(handle.id)).toHaveLength(0);
      expect(logOf(handle.id)).toMatchObject({ outcome: 'error', msg: 'interaction failed' });
    }
    expect(running.bot.client.isReady()).toBe(true);
    await expectAnswering('drills');
  });

  it('a 500/502 burst on mention replies: retried within the 3 retries, each reply arrives once', async () => {
    server.addFault({ method: 'POST', path: CHANNEL_MESSAGES, status: 500, times: 2 });
    server.addFault({ method: 'POST', path: CHANNEL_MESSAGES, status: 502, times: 1 });
    const sent = Array.from({ length: 3 }, (_, i) =>
      server.sendMessage({ content: `<@${BOT.id}> ${QUERIES[i]}`, author: alice, channelId: CHANNEL }),
    );
    await expectEachRepliedOnce(sent);
  });

  it('a mention reply that fails 4 times (1 + 3 retries) is logged as failed, not sent twice; the next is answered', async () => {
    server.addFault({ method: 'POST', path: CHANNEL_MESSAGES, status: 502, times: 4 });
    const failed = server.sendMessage({ content: `<@${BOT.id}> armenia`, author: alice, channelId: CHANNEL });
    expect(await settle([failed.id], 10_000)).toEqual([]);
    expect(repliesTo(failed.id).map((request) => request.status)).toEqual([502, 502, 502, 502]);
    expect(logOf(failed.id)).toMatchObject({ outcome: 'error' });
    const next = server.sendMessage({ content: `<@${BOT.id}> drills`, author: alice, channelId: CHANNEL });
    expect(await settle([next.id], 10_000)).toEqual([]);
    expect(repliesTo(next.id).map((request) => request.status)).toEqual([200]);
  });
});

describe('a REST endpoint that stalls past 3 s', () => {
  /** The stalled interaction, the ones sent during the stall, and when each got its callback. */
  let stalled: { id: string; sentAt: number };
  let during: { type: number; ms: number }[];

  beforeAll(async () => {
    const handle = ask('armenia');
    stalled = { id: handle.id, sentAt: Date.now() };
    // Held 4 s before the server answers: longer than the 3 s acknowledgement deadline.
    server.addFault({ method: 'POST', path: new RegExp(`^/interactions/${handle.id}/`), delayMs: 4000 });
    await sleep(200);
    during = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const response = await ask(QUERIES[i] as string).callback;
        return { type: response.type, ms: Date.now() - stalled.sentAt };
      }),
    );
    await settle([handle.id], 10_000);
    const tries = callbacksOf(handle.id);
    console.info(
      `stalled callback: ${tries.map((t) => `${t.status}${t.faulted ? ' (held 4 s)' : ''}, sent at +${t.at - stalled.sentAt} ms`).join('; ')}; outcome ${logOf(handle.id)?.outcome}; 5 others answered at ${during.map((t) => t.ms).join(', ')} ms`,
    );
  });

  it('an interaction callback held 4 s: other interactions are answered meanwhile, not queued behind it', () => {
    for (const timing of during) {
      expect(timing.type).toBe(4);
      expect(timing.ms).toBeLessThan(3000);
    }
  });

  it('the stalled interaction is not answered twice, and the bot reaches a logged outcome for it', () => {
    expect(accepted(stalled.id).length).toBeLessThanOrEqual(1);
    expect(callbacksOf(stalled.id).filter((request) => request.status === 400)).toEqual([]);
    expect(logOf(stalled.id)).toBeDefined();
  });

  it('the callback reached Discord within the deadline, so it counts as acknowledged and is logged as answered', () => {
    const [first] = callbacksOf(stalled.id);
    expect(first?.at).toBeDefined();
    expect((first?.at ?? 0) - stalled.sentAt).toBeLessThan(3000); // sent in time…
    // …so on Discord it is acknowledged, however late the HTTP response comes back (the local server judges
    // the deadline by arrival, as Discord does).
    expect(first?.status).toBe(204);
    expect(logOf(stalled.id)?.outcome).toBe('answered');
  });

  it('a mention reply held 4 s: it arrives late, once; interactions and other channels are answered meanwhile', async () => {
    server.addFault({ method: 'POST', path: CHANNEL_MESSAGES, delayMs: 4000 });
    const started = Date.now();
    const slow = server.sendMessage({ content: `<@${BOT.id}> armenia`, author: alice, channelId: CHANNEL });
    await sleep(200);
    const queued = server.sendMessage({ content: `<@${BOT.id}> drills`, author: alice, channelId: CHANNEL });
    const elsewhere = server.sendMessage({ content: `<@${BOT.id}> drills`, author: alice, channelId: QUIET });
    const answered = await Promise.all(
      Array.from({ length: 3 }, (_, i) => ask(QUERIES[i] as string).callback),
    );
    const duringMs = Date.now() - started;
    expect(answered.map((response) => response.type)).toEqual([4, 4, 4]);
    expect(await settle([slow.id, queued.id, elsewhere.id], 10_000)).toEqual([]);
    const at = (id: string) =>
      (repliesTo(id).find((request) => request.status < 300)?.at ?? Number.NaN) - started;
    console.info(
      `stalled mention reply sent at +${at(slow.id)} ms (answered after 4 s); a second mention in the same channel sent at +${at(queued.id)} ms; one in another channel at +${at(elsewhere.id)} ms; 3 interactions during the stall answered by +${duringMs} ms`,
    );
    for (const id of [slow.id, queued.id, elsewhere.id]) {
      expect(repliesTo(id).filter((request) => request.status < 300)).toHaveLength(1);
    }
    expect(duringMs).toBeLessThan(3000);
    expect(at(elsewhere.id)).toBeLessThan(3000);
    // discord.js sends one channel's messages in order (one rate-limit bucket per channel): the second reply
    // in the same channel waits for the stalled one. Documented, not a bug of the bot.
    expect(at(queued.id)).toBeGreaterThanOrEqual(3900);
  });
});

describe('the settings database locked by another process', () => {
  const file = () => join(dataDir, SETTINGS_FILE_NAME);
  const storedResults = (db: Database.Database) =>
    db
      .prepare("SELECT value FROM guild_settings WHERE guild_id = ? AND setting = 'results'")
      .pluck()
      .get(GUILD);
  const historyCount = (db: Database.Database) =>
    db.prepare('SELECT COUNT(*) FROM setting_history WHERE guild_id = ?').pluck().get(GUILD) as number;
  let change: { id: string; token: string };
  let question: { id: string };
  let before: { results: unknown; history: number };
  let after: { results: unknown; history: number };
  let heldMs = 0;

  beforeAll(async () => {
    const other = new Database(file(), { timeout: 0 });
    before = { results: storedResults(other), history: historyCount(other) };
    other.exec('BEGIN EXCLUSIVE'); // the write lock, held past the bot's 5 s busy timeout
    const lockedAt = Date.now();
    try {
      // The moderator's change, and right behind it a member's question (same gateway burst).
      change = configure('results', [{ name: 'count', type: 4, value: 2 }]);
      question = ask('armenia');
      await settle([change.id, question.id], 15_000);
      heldMs = Date.now() - lockedAt;
    } finally {
      other.exec('ROLLBACK');
    }
    after = { results: storedResults(other), history: historyCount(other) };
    other.close();
    const describeTries = (id: string) =>
      callbacksOf(id)
        .map((t) => `${t.status} at +${t.at - lockedAt} ms`)
        .join(', ') || 'no callback';
    console.info(
      `lock held ${heldMs} ms: /csto-config results → ${describeTries(change.id)} (outcome ${logOf(change.id)?.outcome}); /csto asked right after → ${describeTries(question.id)} (outcome ${logOf(question.id)?.outcome})`,
    );
  });

  it('nothing is half-written: the setting and its history are as before', () => {
    expect(after).toEqual(before);
  });

  it('the moderator gets a clear ephemeral failure in time', () => {
    // A write waits 50 ms for the lock, then the reply is deferred and the write retried asynchronously for 5 s.
    const reply = server.messages().find((message: Json) => message.interaction_token === change.token);
    expect(accepted(change.id)).toHaveLength(1);
    expect(reply?.content).toMatch(/could not be saved.*Nothing was changed/s);
    expect(reply?.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('/csto keeps answering while the lock is held (settings are only read)', () => {
    // Retries pause asynchronously: the event loop stays free for everyone else's questions.
    expect(accepted(question.id)).toHaveLength(1);
    expect(logOf(question.id)?.outcome).toBe('answered');
  });

  it('after the lock is released, the next change works and is recorded once', async () => {
    const retry = configure('results', [{ name: 'count', type: 4, value: 2 }]);
    const response = await retry.callback;
    expect(response.data.content).toContain('now 2 per answer');
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const db = new Database(file(), { readonly: true });
    try {
      expect(storedResults(db)).toBe('2');
      expect(historyCount(db)).toBe(before.history + 1);
    } finally {
      db.close();
    }
    const answer = await ask('armenia').callback;
    expect(answer.data.embeds).toHaveLength(2);
  });
});

describe('the corpus directory removed while running', () => {
  const WORD = 'quokkaville';

  it('the last corpus keeps answering, the loss is logged, and once the directory is back it is watched again', async () => {
    rmSync(corpusDir, { recursive: true, force: true });
    await expect
      .poll(() => running.logs.some((line) => line.msg?.startsWith('corpus directory unavailable')), {
        timeout: 10_000,
      })
      .toBe(true);
    // Still answering from the corpus in memory: questions, the full paragraph, the source list.
    const answer = await ask('why did Kyrgyzstan cancel the drills?').callback;
    expect(answer.data.embeds.length).toBeGreaterThan(0);
    const sources = await server.sendInteraction({ type: 2, data: { name: 'csto-sources' }, user: alice })
      .callback;
    expect(sources.data.content).toMatch(/^1 article, 39 paragraphs/);

    // The directory comes back (a deploy, a restored backup) with one more article: picked up by the retry.
    cpSync(SHIPPED_CORPUS, corpusDir, { recursive: true });
    writeFileSync(
      join(corpusDir, 'restored-article.md'),
      markdownArticle('Restored', `The ${WORD} delegation arrived in Yerevan for talks.`),
    );
    await expect
      .poll(async () => (await ask(WORD).callback).data.embeds?.length ?? 0, {
        timeout: 15_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);
    // And the directory is watched again: a new file is answered within seconds, without a retry timer.
    writeFileSync(
      join(corpusDir, 'after-restore.md'),
      markdownArticle('After', 'The wallabyton summit was postponed again.'),
    );
    await expect
      .poll(async () => (await ask('wallabyton').callback).data.embeds?.length ?? 0, {
        timeout: 4000,
        interval: 500,
      })
      .toBeGreaterThan(0);
  });
});

describe('after every fault', () => {
  it('no log line carries an interaction token or a request body, though replies failed and were logged', () => {
    const failures = running.logs.filter((line) => line.msg === 'interaction failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((line) => /\/interactions\/\d+\/\[redacted\]\/callback/.test(line.err?.url))).toBe(
      true,
    );
    const tokens = server.requests
      .map((request) => /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(request.path)?.[1])
      .filter((token): token is string => token !== undefined);
    expect(tokens.length).toBeGreaterThan(0);
    const leaks = running.logs
      .map((line) => JSON.stringify(line))
      .filter((text) => tokens.some((token) => text.includes(token)) || text.includes('requestBody'));
    expect(leaks).toEqual([]);
  });

  it('the process is still up: the client is ready, no unhandled rejection, and /csto armenia is answered', async () => {
    expect(running.bot.client.isReady()).toBe(true);
    expect(unhandled).toEqual([]);
    const response = await ask('armenia').callback;
    expect(response.type).toBe(4);
    expect(response.data.embeds[0].description).toMatch(/\*\*Armenia/);
  });
});
