/**
 * The real bot, started as `npm start` starts it, driven through a local server that speaks
 * Discord's REST API and Gateway. Assertions are on the payloads the bot sends.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  type Json,
  type LocalDiscordServer,
  type LocalUser,
} from '../../src/local-discord/server.ts';
import {
  type askData,
  DEPLOY_SCRIPT,
  EPHEMERAL,
  type RunningBot,
  runScript,
  sendAutocomplete,
  sendQuestion,
  serverEnv,
  startWorld,
  TEST_TOKEN,
  type World,
} from '../support/bot.ts';
import { pinged } from '../support/hostile/judge.ts';

let world: World;
let server: LocalDiscordServer;
let running: RunningBot;
const alice: LocalUser = { id: '200000000000000001', username: 'alice' };
const bob: LocalUser = { id: '200000000000000002', username: 'bob' };

beforeAll(async () => {
  world = await startWorld();
  ({ server, running } = world);
});

afterAll(() => world?.stop());

const ask = (query: string, extra: Parameters<typeof askData>[1] = {}, user = alice) =>
  sendQuestion(server, query, { user }, extra);

/** The bot message that answered an interaction token. */
const messageOf = (token: string) =>
  server.messages().find((message: Json) => message.interaction_token === token);

const buttons = (payload: Json): Json[] =>
  (payload.components ?? []).flatMap((row: Json) => row.components as Json[]);

const click = (message: Json, label: string, user = alice) => {
  const target = buttons(message).find((button) => button.label === label || button.label.startsWith(label));
  if (!target)
    throw new Error(
      `no "${label}" button among ${buttons(message)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return server.sendInteraction({ type: 3, data: { custom_id: target.custom_id }, message, user });
};

describe('deploying commands', () => {
  it('when deploy-commands runs, the command set is registered in each server with the query option first', () => {
    const registered = server.commands(server.guilds[0]?.id as string);
    expect(registered.map((command: Json) => command.name).sort()).toEqual([
      'csto',
      'csto-admin',
      'csto-config',
      'csto-sources',
    ]);
    const csto = registered.find((command: Json) => command.name === 'csto');
    expect(csto.options[0]).toMatchObject({ name: 'query', required: true, autocomplete: true, type: 3 });
    expect(csto.options.map((option: Json) => option.name)).toEqual(['query', 'hide', 'mention']);
  });

  it('when deploy-commands runs again, it registers the same set and says where', async () => {
    const before = server.commands(server.guilds[0]?.id as string).map((command: Json) => command.name);
    const again = await runScript(DEPLOY_SCRIPT, serverEnv(server));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `in server ${server.guilds[0]?.id}: /csto, /csto-sources, /csto-config, /csto-admin`,
    );
    expect(server.commands(server.guilds[0]?.id as string).map((command: Json) => command.name)).toEqual(
      before,
    );
  });

  it('when the token is rejected, deploy-commands fails without printing the token', async () => {
    const wrong = `${TEST_TOKEN.slice(0, -4)}XXXX`;
    const run = await runScript(DEPLOY_SCRIPT, serverEnv(server, wrong));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DISCORD_TOKEN was rejected');
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });
});

describe('/csto', () => {
  it('when asked "armenia", replies in public with cited excerpts, a footer and buttons, pinging nobody', async () => {
    const { callback } = ask('armenia');
    const response = await callback;
    expect(response.type).toBe(4);
    const data = response.data;
    expect((data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(data.embeds).toHaveLength(3);
    for (const embed of data.embeds) {
      expect(embed.description).toMatch(/\*\*Armenia/);
      expect(embed.title).toMatch(/^¶\d+/);
      // One compact source line, the section not repeated, what an editor supplied still named.
      const sourceLine = embed.description.split('\n').at(-1);
      expect(sourceLine).toBe("-# “The CSTO's hardest moment…” · RFE/RL · October 2022 · all inferred");
      const section = embed.title.split(' · ')[1];
      if (section) expect(embed.description).not.toContain(section);
      expect(embed.url).toBeUndefined();
    }
    expect(data.embeds[2].footer.text).toMatch(/^\d+ paragraphs matched “armenia” · showing 1–3$/);
    expect(buttons(data).map((button) => button.label)).toEqual([
      expect.stringMatching(/^Full ¶\d+$/),
      expect.stringMatching(/^Full ¶\d+$/),
      expect.stringMatching(/^Full ¶\d+$/),
      'More',
    ]);
    expect(pinged(data)).toEqual([]);
  });

  it('when typing in the query box, suggestions come from the index: at most 25, each 1–100 characters', async () => {
    const { callback } = sendAutocomplete(server, 'kyrg', {});
    const response = await callback;
    expect(response.type).toBe(8);
    const choices: Json[] = response.data.choices;
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
    expect(choices.map((choice) => choice.value)).toContain('Kyrgyzstan');
  });

  it('when a question is half typed, the first choices preview answering paragraphs, and picking one answers with it first', async () => {
    const typing = await sendAutocomplete(server, 'why did kyrgyzstan cancel the dri', {}).callback;
    const [first, second] = typing.data.choices as Json[];
    expect(first.name).toMatch(/^¶8 · Kyrgyzstan abruptly canceled CSTO coaching drills/);
    // Discord sends the picked choice's value as the query: the second preview's paragraph comes first.
    const number = /¶(\d+)$/.exec(second.value)?.[1];
    expect(second.name.startsWith(`¶${number} · `)).toBe(true);
    const answer = (await ask(second.value).callback).data;
    expect(buttons(answer)[0]?.label).toBe(`Full ¶${number}`);
  });

  it('when More is clicked, the same message shows the next results', async () => {
    const { token, callback } = ask('armenia');
    const first = (await callback).data;
    const response = await click(messageOf(token), 'More').callback;
    expect(response.type).toBe(7);
    expect(response.data.embeds.at(-1).footer.text).toContain('showing 4–6');
    const titles = (payload: Json) => payload.embeds.map((embed: Json) => embed.title);
    expect(titles(response.data)).not.toEqual(titles(first));
  });

  it('when Full paragraph is clicked, the whole paragraph comes to the asker only', async () => {
    const { token, callback } = ask('why did Kyrgyzstan cancel the drills?');
    await callback;
    const response = await click(messageOf(token), 'Full ¶8').callback;
    expect(response.type).toBe(4);
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(response.data.embeds[0].description).toContain('from October 10 to 14.');
    expect(response.data.embeds[0].description).toContain('**drills**');
    // The full citation, one click away from the compact line, and then the article's rights.
    const lines = response.data.embeds[0].description.split('\n');
    expect(lines.at(-2)).toBe(
      "-# “The CSTO's hardest moment: Kyrgyzstan, Kazakhstan and Armenia” (editorial title) — Bishkek Balks At Tajikistan Award, ¶8 — RFE/RL (inferred), October 2022 (inferred)",
    );
    expect(lines.at(-1)).toMatch(/^-# Rights: © RFE\/RL .*not relicensed/);
  });

  it('when someone else clicks the buttons, they get a private note and the answer stays as it was', async () => {
    const { token, callback } = ask('armenia');
    await callback;
    const response = await click(messageOf(token), 'More', bob).callback;
    expect(response.type).toBe(4);
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(response.data.content).toContain('belong to whoever asked');
    expect(messageOf(token).embeds.at(-1).footer.text).toContain('showing 1–3');
  });

  it('when hide is set, the answer is ephemeral and can be posted publicly, without a ping', async () => {
    const { token, callback } = ask('Pashinian', { hide: true });
    const data = (await callback).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const shared = await click({ ...messageOf(token), flags: EPHEMERAL }, 'Post publicly').callback;
    expect(shared.type).toBe(4);
    expect((shared.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(shared.data.content).toBe('Shared by alice');
    expect(shared.data.embeds[0].description).toContain('**Pashinian**');
    expect(pinged(shared.data)).toEqual([]);
  });

  it('when mention is set, the answer is suggested to that member and pings only them', async () => {
    const data = (await ask('Tokayev', { mention: bob }).callback).data;
    expect(data.content).toBe(`Suggested for <@${bob.id}>`);
    expect(pinged(data)).toEqual([bob.id]);
    expect(data.allowed_mentions).toMatchObject({ parse: [], users: [bob.id] });
  });

  it('when nothing matches, the asker alone is told so, with spellings that exist', async () => {
    const data = (await ask('Bshkekk').callback).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toContain('Nothing in the corpus matches “Bshkekk”');
    expect(data.content).toContain('Did you mean **Bishkek**?');
  });

  it.each([
    ['@everyone and @here', '@everyone @here armenia'],
    ['a user mention', `<@${bob.id}> armenia`],
    ['a role mention', '<@&300000000000000000> armenia'],
    ['markdown', '**armenia** __x__ `y` ||z|| [link](https://example.com)'],
    ['5,000 characters', `armenia ${'x'.repeat(4990)}`],
    ['no word at all', '@everyone ** __ || <@&1>'],
  ])('when the query holds %s, the reply is a valid payload that pings nobody', async (_, query) => {
    const response = await ask(query).callback;
    expect(response.type).toBe(4);
    expect(pinged(response.data)).toEqual([]);
    expect(response.data.allowed_mentions.parse).toEqual([]);
    const shown = JSON.stringify([response.data.content, response.data.embeds]);
    expect(shown).not.toMatch(/(?<!\\\\)<@&?\d+>|@everyone|@here/);
  });

  it('when /csto-sources is used, the articles are listed with their origin, rights and section sizes', async () => {
    const data = (await server.sendInteraction({ type: 2, data: { name: 'csto-sources' } }).callback).data;
    expect(data.content).toBe('1 article, 39 paragraphs.');
    const [embed] = data.embeds;
    expect(embed.title).toBe(
      "“The CSTO's hardest moment: Kyrgyzstan, Kazakhstan and Armenia” (editorial title)",
    );
    const lines = embed.description.split('\n');
    expect(lines[0]).toBe('RFE/RL (inferred), October 2022 (inferred)');
    expect(lines[1]).toMatch(/^Rights: © RFE\/RL .*third-party site.*not relicensed.*sample corpus/);
    expect(embed.description).not.toContain('hardest moment');
    expect(embed.description).toContain('Bishkek Balks At Tajikistan Award — 14 ¶');
  });
});

describe('mentions', () => {
  it('when a message mentions the bot with a question, the answer comes as a reply that pings nobody', async () => {
    const sent = server.sendMessage({
      content: `<@${server.botUser.id}> what did Pashinian say?`,
      author: alice,
    });
    const request = await server.waitForRequest(
      (candidate) => candidate.method === 'POST' && candidate.body?.message_reference?.message_id === sent.id,
    );
    expect(request.path).toBe(`/channels/${sent.channel_id}/messages`);
    expect(request.body.embeds[0].description).toContain('**Pashinian**');
    expect(request.body.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
  });

  it('when the mention has no words, the bot explains its commands', async () => {
    const sent = server.sendMessage({ content: `<@!${server.botUser.id}>`, author: alice });
    const request = await server.waitForRequest(
      (candidate) => candidate.body?.message_reference?.message_id === sent.id,
    );
    expect(request.body.embeds[0].description).toContain('/csto query:');
  });

  it('when a message only says @everyone, or comes from a bot or a webhook, the bot stays silent', async () => {
    const ignored = [
      server.sendMessage({
        content: '@everyone armenia',
        mentionEveryone: true,
        author: alice,
        mentions: [],
      }),
      server.sendMessage({
        content: `<@${server.botUser.id}> armenia`,
        author: { id: '200000000000000009', username: 'robot', bot: true },
      }),
      server.sendMessage({ content: `<@${server.botUser.id}> armenia`, webhookId: '200000000000000010' }),
    ];
    // A mention answered after these proves the bot has processed them.
    const marker = server.sendMessage({ content: `<@${server.botUser.id}> drills`, author: alice });
    await server.waitForRequest((candidate) => candidate.body?.message_reference?.message_id === marker.id);
    const answeredIds = server.requests.map((request) => request.body?.message_reference?.message_id);
    for (const message of ignored) expect(answeredIds).not.toContain(message.id);
  });
});

describe('failures', () => {
  it('when the gateway connection drops, the bot resumes and answers the next interaction', async () => {
    const resumes = server.gatewayStats.resumes;
    const resumed = once(running.bot.client, 'shardResume');
    server.dropGateway();
    await resumed;
    expect(server.gatewayStats.resumes).toBeGreaterThan(resumes);
    expect((await ask('armenia').callback).type).toBe(4);
  });

  it('when Discord answers the reply with 429 and retry_after, the reply is retried and arrives', async () => {
    server.addFault({
      method: 'POST',
      path: /^\/interactions\/.*\/callback$/,
      status: 429,
      retryAfterSeconds: 0.2,
    });
    const { id, callback } = ask('armenia');
    expect((await callback).type).toBe(4);
    const attempts = server.requests.filter((request) => request.path.startsWith(`/interactions/${id}/`));
    expect(attempts.map((request) => request.status)).toEqual([429, 204]);
  });

  it('when Discord answers the reply with 500s, the failure is logged and the next interaction is answered', async () => {
    server.addFault({ method: 'POST', path: /^\/interactions\/.*\/callback$/, status: 500, times: 8 });
    const failed = ask('armenia');
    await running.logged((line) => line.interaction === failed.id && line.outcome === 'error');
    expect((await ask('drills').callback).type).toBe(4);
  });

  it('writes one log line per interaction with its outcome and latency, and never the token', () => {
    const lines = running.logs.filter((line) => line.interaction !== undefined);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line).toEqual(
        expect.objectContaining({
          interaction: expect.any(String),
          guild: expect.any(String),
          latencyMs: expect.any(Number),
        }),
      );
    }
    expect(lines.map((line) => line.outcome)).toEqual(
      expect.arrayContaining(['answered', 'suggested', 'shown', 'updated', 'refused']),
    );
    expect(JSON.stringify(running.logs)).not.toContain(TEST_TOKEN);
    // Questions that found nothing are logged with their text, for whoever maintains the glossary.
    expect(running.logs).toContainEqual(
      expect.objectContaining({ msg: 'zero-result query', query: 'Bshkekk' }),
    );
  });
});
