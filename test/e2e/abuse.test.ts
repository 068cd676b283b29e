/**
 * Members trying to get more out of the bot than moderators allow, against the real bot (`startBot`) and
 * the local Discord-protocol server: simultaneous questions under a cooldown, "Post publicly" pressed many
 * times or after the channel was taken off the allow list, and floods with the cooldown off (the built-in
 * burst floor).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BURST_ANSWERS as BURST_ANSWERS } from '../../src/bot/cooldowns.ts';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import {
  botUser,
  EPHEMERAL,
  localGuild,
  MODERATOR_PERMISSIONS as MODERATOR,
  type RunningBot,
  configure as sendConfig,
  sendQuestion,
  startWorld,
} from '../support/bot.ts';

const GUILD = '100000000000000071';
const CHANNEL = '110000000000000071';
const OTHER_CHANNEL = '110000000000000072';
const BOT = botUser('190000000000000071');
const mod: LocalUser = { id: '200000000000000070', username: 'mod' };

let server: LocalDiscordServer;
let running: RunningBot;
let members = 0;
/** A member nobody has used yet: cooldowns and the burst floor are per member. */
const newMember = (): LocalUser => ({
  id: `2000000000000001${String(++members).padStart(2, '0')}`,
  username: `m${members}`,
});

beforeAll(async () => {
  const world = await startWorld({
    botUser: BOT,
    guilds: [localGuild(GUILD, 'Abuse', mod, { general: CHANNEL, other: OTHER_CHANNEL })],
    deploy: 'rest',
    // The floor as shipped (the other suites raise it to play a crowd with one user).
    bot: { burstAnswers: BURST_ANSWERS },
  });
  ({ server, running } = world);
  return world.stop;
});

async function configure(sub: string, options: Json[], group?: string): Promise<void> {
  const response = await sendConfig(server, group ? [group, sub] : [sub], options, {
    user: mod,
    permissions: MODERATOR,
    channelId: CHANNEL,
  }).callback;
  expect(response.data.content).not.toMatch(/could not|Nothing was changed|went wrong/);
}

const setCooldown = (seconds: number) =>
  configure('cooldown', [{ name: 'seconds', type: 4, value: seconds }]);

/** The logged outcome of each interaction or message id, once the bot has logged them all. */
const outcomes = (ids: string[]) =>
  Promise.all(
    ids.map(
      async (id) =>
        (
          await running.logged(
            (line) => line.interaction === id || (line.message === id && 'outcome' in line),
          )
        ).outcome as string,
    ),
  );

const count = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => {
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});

/** Public messages the bot posted in a channel (answers, shares, mention replies). */
const publicPosts = (ids: string[]) =>
  server.requests.filter(
    (request) =>
      request.status < 300 &&
      ((request.path.match(/^\/interactions\/(\d+)\//)?.[1] !== undefined &&
        ids.includes(request.path.split('/')[2] as string) &&
        request.body?.type === 4 &&
        !(request.body.data?.flags & EPHEMERAL)) ||
        ids.includes(request.body?.message_reference?.message_id)),
  );

/** A hidden answer for `member`, and a way to press its "Post publicly" button. */
async function hiddenAnswer(member: LocalUser, channelId = CHANNEL) {
  const answer = await sendQuestion(server, 'armenia', { user: member, channelId }, { hide: true }).callback;
  const message = { ...answer.data, flags: answer.data.flags ?? 0 };
  const button = message.components
    .flatMap((row: Json) => row.components)
    .find((b: Json) => b.label === 'Post publicly');
  expect(button).toBeDefined();
  return () =>
    server.sendInteraction({
      type: 3,
      data: { custom_id: button.custom_id },
      message,
      user: member,
      channelId,
    });
}

describe('cooldowns hold under simultaneous requests', () => {
  it('30 simultaneous /csto from one member with a 10 s cooldown: one answer, every other one refused privately', async () => {
    await setCooldown(10);
    const member = newMember();
    const handles = Array.from({ length: 30 }, () =>
      sendQuestion(server, 'drills', { user: member, channelId: CHANNEL }),
    );
    const results = await outcomes(handles.map((handle) => handle.id));
    expect(count(results).answered).toBe(1);
    expect(results.every((outcome) => ['answered', 'cooldown', 'rate-limited'].includes(outcome))).toBe(true);
    expect(publicPosts(handles.map((handle) => handle.id))).toHaveLength(1);
    for (const handle of handles) {
      const data = (await handle.callback).data;
      if (!data.embeds?.length) expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
  });

  it('20 simultaneous mentions from one member with a 10 s cooldown: one reply', async () => {
    await setCooldown(10);
    const member = newMember();
    const sent = Array.from({ length: 20 }, () =>
      server.sendMessage({ content: `<@${BOT.id}> drills`, author: member, channelId: CHANNEL }),
    );
    const results = await outcomes(sent.map((message) => message.id));
    expect(count(results).answered).toBe(1);
    expect(publicPosts(sent.map((message) => message.id))).toHaveLength(1);
  });
});

describe('"Post publicly" goes through the same gate', () => {
  it('pressed 20 times at once under a 10 s cooldown: posted once', async () => {
    // The hidden answer came before the cooldown was set, so it claimed none: only the presses compete.
    await setCooldown(0);
    const member = newMember();
    const press = await hiddenAnswer(member);
    await setCooldown(10);
    const presses = Array.from({ length: 20 }, press);
    const results = await outcomes(presses.map((handle) => handle.id));
    expect(count(results).answered).toBe(1);
    expect(publicPosts(presses.map((handle) => handle.id))).toHaveLength(1);
  });

  it('pressed on an answer from a channel since taken off the allow list: refused, nothing posted there', async () => {
    await setCooldown(0);
    const member = newMember();
    const press = await hiddenAnswer(member, OTHER_CHANNEL);
    await configure('add', [{ name: 'channel', type: 7, value: CHANNEL }], 'channels');
    try {
      const handle = press();
      const response = await handle.callback;
      expect(response.data.content).toMatch(/not enabled in this channel/);
      expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(publicPosts([handle.id])).toEqual([]);
    } finally {
      await configure('clear', [], 'channels');
    }
  });
});

describe('the built-in burst floor (cooldown off)', () => {
  it(`10 questions in a row from one member: ${BURST_ANSWERS} answered, the rest told quietly to wait`, async () => {
    await setCooldown(0);
    const member = newMember();
    const results: Json[] = [];
    for (let i = 0; i < 10; i++) {
      results.push(
        (await sendQuestion(server, 'drills', { user: member, channelId: CHANNEL }).callback).data,
      );
    }
    const answered = results.filter((data) => data.embeds?.length > 0);
    const refused = results.filter((data) => !(data.embeds?.length > 0));
    expect(answered).toHaveLength(BURST_ANSWERS);
    for (const data of refused) {
      expect(data.content).toMatch(/you can ask again <t:\d+:R>/);
      expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
    // Another member is not affected.
    const other = await sendQuestion(server, 'drills', { user: newMember(), channelId: CHANNEL }).callback;
    expect(other.data.embeds.length).toBeGreaterThan(0);
  });

  it('a member whose client is in Russian is told to wait in Russian', async () => {
    await setCooldown(0);
    const member = newMember();
    const ask = () =>
      sendQuestion(server, 'drills', { user: member, channelId: CHANNEL, locale: 'ru' }).callback;
    for (let i = 0; i < BURST_ANSWERS; i++) expect((await ask()).data.embeds.length).toBeGreaterThan(0);
    const refused = await ask();
    expect(refused.data.content).toMatch(/^Слишком много вопросов подряд: снова спросить можно <t:\d+:R>\.$/);
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it(`20 mentions at once from one member: ${BURST_ANSWERS} replies, the rest ignored silently`, async () => {
    await setCooldown(0);
    const member = newMember();
    const sent = Array.from({ length: 20 }, () =>
      server.sendMessage({ content: `<@${BOT.id}> drills`, author: member, channelId: CHANNEL }),
    );
    const results = await outcomes(sent.map((message) => message.id));
    expect(count(results)).toEqual({ answered: BURST_ANSWERS, 'rate-limited': 20 - BURST_ANSWERS });
    expect(publicPosts(sent.map((message) => message.id))).toHaveLength(BURST_ANSWERS);
  });
});
