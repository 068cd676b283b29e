/**
 * Links, end to end (the real bot, the local Discord-protocol server): an article URL Discord refuses
 * (simulated by the server's fault injection, answering 400 `URL_TYPE_INVALID_URL` as Discord does, since
 * the bot never sends a URL the server's own rule refuses) still gets the answer through, unlinked; without
 * a fault, the server's own URL rule takes the link; a URL a member types never comes back as a link.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import { botUser, localGuild, type RunningBot, sendQuestion, startWorld } from '../support/bot.ts';
import { copyShippedCorpus, markdownArticle } from '../support/corpus.ts';

const GUILD = '100000000000000081';
const CHANNEL = '110000000000000081';
const BOT = botUser('190000000000000081');
const member: LocalUser = { id: '200000000000000081', username: 'member' };
const ARTICLE_URL = 'https://news.example.org/2024/05/quokkastan-summit';
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const SUPPRESS_EMBEDS = 4;

/** What Discord answers for an embed URL it does not take. */
const refusedUrl = (prefix: string[]) => ({
  code: 50035,
  message: 'Invalid Form Body',
  errors: prefix.reduceRight<Json>((inner, key) => ({ [key]: inner }), {
    embeds: {
      0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] } },
    },
  }),
});

let server: LocalDiscordServer;
let running: RunningBot;

beforeAll(async () => {
  const corpusDir = copyShippedCorpus();
  writeFileSync(
    join(corpusDir, 'summit.md'),
    markdownArticle('Summit', 'The quokkastan summit ended without a statement.', `url: ${ARTICLE_URL}\n`),
  );
  const world = await startWorld({
    botUser: BOT,
    guilds: [localGuild(GUILD, 'Links', member, { general: CHANNEL })],
    deploy: 'rest',
    bot: { corpusDir },
  });
  ({ server, running } = world);
  return world.stop;
});

/** `/csto query` from the member, in the guild's channel. */
const ask = (query: string) => sendQuestion(server, query, { user: member, channelId: CHANNEL });

const requestsFor = (path: RegExp, matches: (body: Json) => boolean) =>
  server.requests.filter((request) => path.test(request.path) && matches(request.body));

describe('an article URL Discord refuses', () => {
  it('/csto: refused once with URL_TYPE_INVALID_URL, the answer is sent again without the link and arrives', async () => {
    server.addFault({ method: 'POST', path: CALLBACK, status: 400, body: refusedUrl(['data']) });
    const handle = ask('quokkastan');
    const answer = await handle.callback;
    expect(answer.data.embeds[0].description).toMatch(/\*\*quokkastan\*\*/);
    expect(answer.data.embeds[0].url).toBeUndefined();
    const tries = requestsFor(CALLBACK, () => true).filter((request) => request.path.includes(handle.id));
    expect(tries.map((request) => [request.status, request.body.data.embeds[0].url])).toEqual([
      [400, ARTICLE_URL],
      [204, undefined],
    ]);
    expect((await running.logged((line) => line.interaction === handle.id)).outcome).toBe('answered');
  });

  it('a mention: refused once, replied to without the link', async () => {
    server.addFault({ method: 'POST', path: CHANNEL_MESSAGES, status: 400, body: refusedUrl([]) });
    const sent = server.sendMessage({
      content: `<@${BOT.id}> quokkastan`,
      author: member,
      channelId: CHANNEL,
    });
    expect((await running.logged((line) => line.message === sent.id && 'outcome' in line)).outcome).toBe(
      'answered',
    );
    const replies = requestsFor(CHANNEL_MESSAGES, (body) => body?.message_reference?.message_id === sent.id);
    expect(replies.map((request) => [request.status, request.body.embeds[0].url])).toEqual([
      [400, ARTICLE_URL],
      [200, undefined],
    ]);
  });

  it("without a refusal, the link is kept: the server's own URL rule takes it the first time", async () => {
    const handle = ask('quokkastan');
    const answer = await handle.callback;
    expect(answer.data.embeds[0].url).toBe(ARTICLE_URL);
    // No fault is injected here: the local server judged the URL by its own rule (src/local-discord/urls.ts).
    const tries = requestsFor(CALLBACK, () => true).filter((request) => request.path.includes(handle.id));
    expect(tries.map((request) => request.status)).toEqual([204]);
  });
});

describe('a URL a member types', () => {
  it('a mention that finds nothing repeats it as text: no link, no preview', async () => {
    const typed = 'https://zzqx.invalid/qqzz and discord.gg/zzqq';
    const sent = server.sendMessage({ content: `<@${BOT.id}> ${typed}`, author: member, channelId: CHANNEL });
    await running.logged((line) => line.message === sent.id && 'outcome' in line);
    const [reply] = requestsFor(CHANNEL_MESSAGES, (body) => body?.message_reference?.message_id === sent.id);
    expect(reply?.body.content).toMatch(/Nothing in the corpus matches/);
    expect(reply?.body.content).not.toMatch(/https?:\/\//);
    expect(reply?.body.content).not.toMatch(/discord\.gg\//);
    expect(reply?.body.content).toContain('zzqx.invalid/qqzz');
    expect(reply?.body.flags & SUPPRESS_EMBEDS).toBe(SUPPRESS_EMBEDS);
  });
});
