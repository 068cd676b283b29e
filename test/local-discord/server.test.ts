import { EventEmitter, once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  LocalDiscordServer,
  type LocalDiscordServerOptions,
  type RecordedRequest,
  snowflake,
} from '../../src/local-discord/server.ts';

let server: LocalDiscordServer | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** Starts a server and logs the real discord.js client in, resolving once `clientReady` fired. */
async function startBot(
  options?: LocalDiscordServerOptions,
): Promise<{ server: LocalDiscordServer; client: Client }> {
  server = await LocalDiscordServer.start(options);
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: server.apiBase },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(server.token);
  await ready;
  return { server, client };
}

/** Emits `settled` each time an `onInteraction` handler has finished, failed or not. */
const handlers = new EventEmitter<{ settled: [] }>();

/** Runs `handler` for every interaction; its failures are collected instead of becoming unhandled rejections. */
function onInteraction(bot: Client, handler: (interaction: Interaction) => Promise<unknown>): unknown[] {
  const failures: unknown[] = [];
  bot.on(Events.InteractionCreate, (interaction) => {
    handler(interaction)
      .catch((error: unknown) => failures.push(error))
      .finally(() => handlers.emit('settled'));
  });
  return failures;
}

const isCallback = (id: string) => (request: RecordedRequest) =>
  request.method === 'POST' &&
  request.path.startsWith(`/interactions/${id}/`) &&
  request.path.endsWith('/callback');

describe('LocalDiscordServer with the real discord.js client', () => {
  it('when the client logs in, it becomes ready with the guild and its channels cached', async () => {
    const { server, client } = await startBot();
    const [guild] = server.guilds;

    expect(client.user?.id).toBe(server.botUser.id);
    expect(client.application?.id).toBe(server.applicationId);
    const cached = client.guilds.cache.get(guild?.id ?? '');
    expect(cached?.channels.cache.map((channel) => channel.name)).toEqual(['general']);
    expect(cached?.members.me?.id).toBe(server.botUser.id);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/gateway/bot',
      authorized: true,
      status: 200,
    });
    expect(server.gatewayStats).toEqual({ identifies: 1, resumes: 0, connections: 1 });
  });

  it('when the token is wrong, login fails as with Discord and the 401 is recorded', async () => {
    server = await LocalDiscordServer.start();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.apiBase } });

    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(server.requests[0]).toMatchObject({ path: '/gateway/bot', authorized: false, status: 401 });
  });

  it('when a slash command arrives, interaction.reply reaches the callback as type 4', async () => {
    const { server, client } = await startBot();
    const asker = { id: snowflake(), username: 'asker' };
    const seen: {
      command: string;
      question: string | null;
      userId: string;
      canManage: boolean | undefined;
    }[] = [];
    const replies: unknown[] = [];
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({
        command: interaction.commandName,
        question: interaction.options.getString('question'),
        userId: interaction.user.id,
        canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
      });
      const response = await interaction.reply({ content: 'An answer', withResponse: true });
      replies.push(response.resource?.message?.content);
    });

    const settled = once(handlers, 'settled');
    const handle = server.sendInteraction({
      type: 2,
      data: { name: 'ask', options: [{ name: 'question', type: 3, value: 'Who signed?' }] },
      user: asker,
    });

    expect(await handle.callback).toEqual({
      type: 4,
      data: expect.objectContaining({ content: 'An answer' }),
    });
    await server.waitForRequest(isCallback(handle.id));
    await settled;
    expect(replies).toEqual(['An answer']);
    expect(seen).toEqual([{ command: 'ask', question: 'Who signed?', userId: asker.id, canManage: false }]);
    expect(server.messages()).toMatchObject([
      {
        content: 'An answer',
        type: 20,
        interaction_token: handle.token,
        interaction_metadata: { id: handle.id },
      },
    ]);
    expect(failures).toEqual([]);
  });

  it('when the bot defers, edits and follows up, the server sees type 5, PATCH @original, then a webhook POST', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'Done thinking' });
      await interaction.followUp({ content: 'One more thing' });
    });

    const handle = server.sendInteraction({ type: 2, data: { name: 'ask' } });

    expect(await handle.callback).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edit = await server.waitForRequest((r) => r.method === 'PATCH');
    expect(edit.path).toBe(`/webhooks/${server.applicationId}/${handle.token}/messages/@original`);
    expect(edit.body).toMatchObject({ content: 'Done thinking' });
    const followUp = await server.waitForRequest(
      (r) => r.method === 'POST' && r.path.startsWith('/webhooks/'),
    );
    expect(followUp).toMatchObject({ query: { wait: 'true' }, body: { content: 'One more thing' } });
    const [reply, more] = server.messages();
    expect(reply).toMatchObject({ content: 'Done thinking', flags: MessageFlags.Ephemeral });
    expect(more).toMatchObject({ interaction_metadata: { original_response_message_id: reply.id } });
    expect(failures).toEqual([]);
  });

  it('when autocomplete fires, interaction.respond arrives as type 8 with the choices', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed} treaty`, value: 'treaty' }]);
    });

    const handle = server.sendInteraction({
      type: 4,
      data: { name: 'ask', options: [{ name: 'question', type: 3, value: 'CSTO', focused: true }] },
    });

    expect(await handle.callback).toEqual({
      type: 8,
      data: { choices: [{ name: 'CSTO treaty', value: 'treaty' }] },
    });
    expect(failures).toEqual([]);
  });

  it("when a button on the bot's reply is pressed, interaction.update rewrites that message (type 7)", async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const button = new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary);
        await interaction.reply({
          content: 'Page 1',
          components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
        });
      } else if (interaction.isButton() && interaction.customId === 'more') {
        await interaction.update({ content: 'Page 2', components: [] });
      }
    });

    await server.sendInteraction({ type: 2, data: { name: 'ask' } }).callback;
    const [original] = server.messages();
    const press = server.sendInteraction({
      type: 3,
      data: { custom_id: 'more', component_type: 2 },
      message: original,
    });

    expect(await press.callback).toMatchObject({ type: 7, data: { content: 'Page 2', components: [] } });
    expect(server.messages()).toMatchObject([{ id: original.id, content: 'Page 2', components: [] }]);
    expect(failures).toEqual([]);
  });

  it('when a user mentions the bot, message.reply posts to the channel with a message_reference', async () => {
    const { server, client } = await startBot();
    const contents: string[] = [];
    client.on(Events.MessageCreate, async (message) => {
      if (message.author.bot) return;
      contents.push(message.content);
      if (message.mentions.users.has(client.user?.id ?? '')) await message.reply('Here is what I found');
    });

    server.sendMessage({ content: 'no mention, so no content without the intent' });
    const question = server.sendMessage({ content: `<@${server.botUser.id}> who signed?` });

    const post = await server.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(post.path).toBe(`/channels/${question.channel_id}/messages`);
    expect(post.body).toMatchObject({
      content: 'Here is what I found',
      message_reference: { message_id: question.id },
    });
    expect(contents).toEqual(['', `<@${server.botUser.id}> who signed?`]);
    expect(server.messages()).toMatchObject([{ type: 19, message_reference: { message_id: question.id } }]);
  });

  it('when commands are bulk-overwritten through REST, they are stored and keep their ids', async () => {
    server = await LocalDiscordServer.start();
    const guildId = server.guilds[0]?.id ?? '';
    const rest = new REST({ api: server.apiBase }).setToken(server.token);
    const route = Routes.applicationGuildCommands(server.applicationId, guildId);
    const body = [{ name: 'ask', description: 'Ask the corpus', options: [] }];

    const [created] = (await rest.put(route, { body })) as { id: string }[];
    const [overwritten] = (await rest.put(route, { body })) as { id: string }[];

    expect(created).toMatchObject({ name: 'ask', application_id: server.applicationId, guild_id: guildId });
    expect(overwritten?.id).toBe(created?.id);
    expect(server.commands(guildId)).toMatchObject([{ id: created?.id, name: 'ask' }]);
    expect(server.commands('global')).toEqual([]);
    await expect(rest.put(route, { body: [{ name: 'Ask', description: '' }] })).rejects.toMatchObject({
      code: 50035,
    });
  });

  it.each([
    ['abruptly', undefined],
    ['with close code 4000', 4000],
  ])(
    'when the gateway drops %s, the client resumes and receives what was dispatched meanwhile',
    async (_how, code) => {
      const { server, client } = await startBot();
      const failures = onInteraction(client, async (interaction) => {
        if (interaction.isChatInputCommand()) await interaction.reply(`reply to ${interaction.commandName}`);
      });
      const resumed = once(client, Events.ShardResume);

      server.dropGateway({ code });
      const missed = server.sendInteraction({ type: 2, data: { name: 'missed' } });

      expect(await missed.callback).toMatchObject({ type: 4, data: { content: 'reply to missed' } });
      await resumed;
      const after = server.sendInteraction({ type: 2, data: { name: 'after' } });
      expect(await after.callback).toMatchObject({ data: { content: 'reply to after' } });
      expect(server.gatewayStats).toEqual({ identifies: 1, resumes: 1, connections: 2 });
      expect(failures).toEqual([]);
    },
  );

  it('when the callback route answers 429, discord.js waits retry_after and the retried reply arrives', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply('after the rate limit');
    });
    server.addFault({ method: 'POST', path: /\/callback$/, status: 429, retryAfterSeconds: 0.2 });

    const handle = server.sendInteraction({ type: 2, data: { name: 'ask' } });

    expect(await handle.callback).toMatchObject({ type: 4, data: { content: 'after the rate limit' } });
    await server.waitForRequest((r) => isCallback(handle.id)(r) && r.status === 204);
    const attempts = server.requests.filter(isCallback(handle.id));
    expect(attempts.map((r) => [r.status, r.faulted])).toEqual([
      [429, true],
      [204, false],
    ]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    expect(failures).toEqual([]);
  });

  it('when the callback route keeps failing with 500, reply rejects after the retries and the next interaction works', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply('answer');
    });
    // @discordjs/rest retries a 5xx three times before giving up with HTTPError.
    server.addFault({ method: 'POST', path: /\/callback$/, status: 500, times: 4 });

    const settled = once(handlers, 'settled');
    const failed = server.sendInteraction({ type: 2, data: { name: 'ask' } });
    await settled;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(HTTPError);
    expect(failures[0]).toMatchObject({ status: 500 });
    expect(server.requests.filter(isCallback(failed.id))).toHaveLength(4);

    const next = server.sendInteraction({ type: 2, data: { name: 'ask' } });
    expect(await next.callback).toMatchObject({ type: 4, data: { content: 'answer' } });
  });

  it('when a 4xx fault or a second acknowledgement hits the callback, discord.js rejects with DiscordAPIError', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply('answer');
    });
    server.addFault({ path: /\/callback$/, status: 403, body: { code: 50001, message: 'Missing Access' } });

    const settled = once(handlers, 'settled');
    server.sendInteraction({ type: 2, data: { name: 'ask' } });
    await settled;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(DiscordAPIError);
    expect(failures[0]).toMatchObject({ status: 403, code: 50001 });

    const handle = server.sendInteraction({ type: 2, data: { name: 'ask' } });
    await handle.callback;
    const rest = new REST({ api: server.apiBase });
    await expect(
      rest.post(Routes.interactionCallback(handle.id, handle.token), {
        body: { type: 4, data: { content: 'x' } },
        auth: false,
      }),
    ).rejects.toMatchObject({ status: 400, code: 40060 });
  });

  it('when a reply breaks a Discord limit, it is refused with 50035 and the interaction stays answerable', async () => {
    const { server, client } = await startBot();
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) return;
      await interaction.reply('x'.repeat(2001)).catch(async (error: unknown) => {
        failures.push(error);
        await interaction.reply('short');
      });
    });

    const handle = server.sendInteraction({ type: 2, data: { name: 'ask' } });

    expect(await handle.callback).toMatchObject({ data: { content: 'short' } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ status: 400, code: 50035 });
    expect(String((failures[0] as Error).message)).toContain('data.content');
  });

  it('when an embed or a link button carries a malformed URL, the message is refused with 50035 at that field; a good URL goes through', async () => {
    const { server, client } = await startBot();
    const good = 'https://news.example.org/2024/summit';
    const urlErrors = (error: unknown) => (error as DiscordAPIError).rawError;
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction
        .reply({ embeds: [{ title: 'Summit', url: 'https://news site.example/a' }] })
        .catch(async (error: unknown) => {
          failures.push(error);
          await interaction.deferReply();
          const button = { type: 2, style: ButtonStyle.Link, label: 'Read', url: 'javascript:void(0)' };
          await interaction
            .editReply({ components: [{ type: 1, components: [button] }] })
            .catch((edit: unknown) => failures.push(edit));
          await interaction.editReply({ embeds: [{ title: 'Summit', url: good }] });
          const channel = interaction.channel;
          if (channel?.isSendable()) {
            await channel
              .send({ embeds: [{ title: 'Long', url: `${good}/${'a'.repeat(2048)}` }] })
              .catch((sent: unknown) => failures.push(sent));
          }
        });
    });

    const settled = once(handlers, 'settled');
    server.sendInteraction({ type: 2, data: { name: 'ask' } });
    await settled;

    expect(
      failures.map((error) => [(error as DiscordAPIError).status, (error as DiscordAPIError).code]),
    ).toEqual([
      [400, 50035],
      [400, 50035],
      [400, 50035],
    ]);
    expect(urlErrors(failures[0])).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        data: {
          embeds: {
            0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }] } },
          },
        },
      },
    });
    expect(urlErrors(failures[1])).toMatchObject({
      errors: {
        components: { 0: { components: { 0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_SCHEME' }] } } } } },
      },
    });
    expect(urlErrors(failures[2])).toMatchObject({
      errors: { embeds: { 0: { url: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
    // Only the message with the good URL exists, its link intact.
    expect(server.messages().map((message) => message.embeds?.[0]?.url)).toEqual([good]);
  });

  it('when the bot answers after the acknowledgement deadline, it gets Unknown interaction (10062)', async () => {
    const { server, client } = await startBot({ acknowledgeWithinMs: 50 });
    const failures = onInteraction(client, async (interaction) => {
      if (!interaction.isRepliable()) return;
      // Twice the deadline at least, however fast or slow the machine: a lower bound, not a race.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await interaction.reply('too late');
    });

    const settled = once(handlers, 'settled');
    server.sendInteraction({ type: 2, data: { name: 'ask' } });
    await settled;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ status: 404, code: 10062 });
  });
});

describe('LocalDiscordServer gateway protocol', () => {
  /** Opens a raw gateway socket and collects what the server sends. */
  async function openGateway(): Promise<{
    socket: WebSocket;
    next: () => Promise<{ op: number; d: unknown }>;
  }> {
    const { url } = (await (await fetch(`${server?.apiBase}/v10/gateway`)).json()) as { url: string };
    const socket = new WebSocket(`${url}?v=10&encoding=json`);
    const inbox: { op: number; d: unknown }[] = [];
    const waiting: ((payload: { op: number; d: unknown }) => void)[] = [];
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString());
      const taker = waiting.shift();
      if (taker) taker(payload);
      else inbox.push(payload);
    });
    const next = () => {
      const queued = inbox.shift();
      return queued
        ? Promise.resolve(queued)
        : new Promise<{ op: number; d: unknown }>((r) => waiting.push(r));
    };
    return { socket, next };
  }

  it('when a client heartbeats, resumes an unknown session or identifies with a bad token, it answers like Discord', async () => {
    server = await LocalDiscordServer.start({ heartbeatIntervalMs: 1000 });

    const first = await openGateway();
    expect(await first.next()).toEqual({ op: 10, d: { heartbeat_interval: 1000 } });
    first.socket.send(JSON.stringify({ op: 1, d: null }));
    expect(await first.next()).toMatchObject({ op: 11 });
    first.socket.send(JSON.stringify({ op: 6, d: { token: server.token, session_id: 'gone', seq: 3 } }));
    expect(await first.next()).toEqual({ op: 9, d: false });
    first.socket.close();

    const second = await openGateway();
    await second.next();
    const closed = once(second.socket, 'close');
    second.socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    const [code] = await closed;
    expect(code).toBe(4004);
  });
});
