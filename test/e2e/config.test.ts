/**
 * Moderator settings, end to end: `/csto-config` through the local Discord-protocol server, and
 * the bot obeying each setting on the very next interaction.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Json,
  LocalDiscordServer,
  type LocalUser,
  MEMBER_PERMISSIONS,
} from '../../src/local-discord/server.ts';
import { SETTINGS_FILE_NAME, SqliteSettingsStore } from '../../src/settings/store.ts';
import {
  EPHEMERAL,
  localGuild,
  MODERATOR_PERMISSIONS as MODERATOR,
  type RunningBot,
  runBot,
  sendAutocomplete,
  configure as sendConfig,
  sendQuestion,
  serverEnv,
  spawnScript,
  startDiscord,
  TEST_TOKEN,
} from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';

const GUILD = '100000000000000001';
const NEWS = '110000000000000001';
const GENERAL = '110000000000000002';
const mod: LocalUser = { id: '200000000000000011', username: 'mod' };
const mod2: LocalUser = { id: '200000000000000012', username: 'mod2' };
const member: LocalUser = { id: '200000000000000013', username: 'member' };

let server: LocalDiscordServer;
let running: RunningBot | undefined;

beforeAll(async () => {
  server = await startDiscord({
    guilds: [localGuild(GUILD, 'Test Guild', mod, { news: NEWS, general: GENERAL })],
  });
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

afterAll(async () => {
  await server?.close();
});

/** `/csto-config <group?> <sub> options…` as `user`, with `permissions`. */
const configure = (user: LocalUser, permissions: string, path: string[], options: Json[] = []) =>
  sendConfig(server, path, options, { user, permissions }).callback;

const ask = (query: string, channelId = NEWS, user = member) =>
  sendQuestion(server, query, { user, channelId }).callback;

const content = (response: Json) => String(response.data.content ?? '');

describe('/csto-config', () => {
  it('is registered for Manage Server only, in servers only, with exactly the documented subcommands', () => {
    const command = server.commands(GUILD).find((candidate: Json) => candidate.name === 'csto-config');
    expect(command.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(command.contexts).toEqual([0]);
    const names = command.options.map((option: Json) =>
      option.type === 2
        ? `${option.name}:${option.options.map((sub: Json) => sub.name).join('/')}`
        : option.name,
    );
    expect(names).toEqual([
      'show',
      'mentions',
      'visibility',
      'results',
      'cooldown',
      'channels:add/remove/clear',
      'history',
      'reset',
    ]);
  });

  it('when a member without Manage Server tries to change a setting, they are refused and nothing changes', async () => {
    running = await runBot(server);
    const store = running.bot.context.settings;
    const response = await configure(
      member,
      MEMBER_PERMISSIONS,
      ['results'],
      [{ name: 'count', type: 4, value: 1 }],
    );
    expect(response.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(content(response)).toContain('Manage Server');
    expect(store.get(GUILD).results).toBe(3);
    expect(await store.history(GUILD)).toEqual([]);
  });

  it('when a value is out of range, the moderator is told and nothing changes', async () => {
    running = await runBot(server);
    const response = await configure(
      mod,
      MODERATOR,
      ['cooldown'],
      [{ name: 'seconds', type: 4, value: 99999 }],
    );
    expect(content(response)).toContain('Nothing was changed');
    expect(await running.bot.context.settings.history(GUILD)).toEqual([]);
  });

  it('when each setting changes, the very next interaction obeys it', async () => {
    running = await runBot(server);

    const results = await configure(mod, MODERATOR, ['results'], [{ name: 'count', type: 4, value: 1 }]);
    expect(content(results)).toBe('**Results:** now 1 per answer.');
    expect((await ask('armenia')).data.embeds).toHaveLength(1);

    await configure(mod, MODERATOR, ['visibility'], [{ name: 'mode', type: 3, value: 'ephemeral' }]);
    expect((await ask('armenia')).data.flags & EPHEMERAL).toBe(EPHEMERAL);
    // The hide option still overrides the server's default.
    const shown = await sendQuestion(server, 'armenia', { user: member, channelId: NEWS }, { hide: false })
      .callback;
    expect((shown.data.flags ?? 0) & EPHEMERAL).toBe(0);

    const channels = await configure(
      mod,
      MODERATOR,
      ['channels', 'add'],
      [{ name: 'channel', type: 7, value: NEWS }],
    );
    expect(content(channels)).toBe(`**Answers in:** now <#${NEWS}>.`);
    const elsewhere = await ask('armenia', GENERAL);
    expect(elsewhere.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(content(elsewhere)).toContain('/csto-config channels add');
    expect((await ask('armenia', NEWS)).data.embeds).toHaveLength(1);

    await configure(mod, MODERATOR, ['mentions'], [{ name: 'enabled', type: 5, value: false }]);
    const ignored = server.sendMessage({
      content: `<@${server.botUser.id}> armenia`,
      author: member,
      channelId: NEWS,
    });
    await configure(mod, MODERATOR, ['mentions'], [{ name: 'enabled', type: 5, value: true }]);
    const answered = server.sendMessage({
      content: `<@${server.botUser.id}> armenia`,
      author: member,
      channelId: NEWS,
    });
    await server.waitForRequest((request) => request.body?.message_reference?.message_id === answered.id);
    expect(
      server.requests.some((request) => request.body?.message_reference?.message_id === ignored.id),
    ).toBe(false);

    await configure(mod, MODERATOR, ['cooldown'], [{ name: 'seconds', type: 4, value: 600 }]);
    expect((await ask('armenia')).data.embeds).toHaveLength(1);
    const cooling = await ask('zzqqxx-nothing');
    expect(content(cooling)).toMatch(/ask again <t:\d+:R>/);
    expect(content(cooling)).not.toContain('Did you mean');
    // Autocomplete is never blocked by the cooldown.
    const choices = await sendAutocomplete(server, 'arm', { user: member, channelId: NEWS }).callback;
    expect(choices.data.choices.length).toBeGreaterThan(0);

    const show = await configure(mod, MODERATOR, ['show']);
    expect(show.data.embeds[0].description).toContain('**Cooldown:** 600 s per member');
    expect(show.data.embeds[0].description).toContain(`**Answers in:** <#${NEWS}>`);

    const history = await configure(mod, MODERATOR, ['history']);
    expect(history.data.embeds[0].description).toContain(`<@${mod.id}> results: 3 per answer → 1 per answer`);

    expect(content(await configure(mod, MODERATOR, ['reset']))).toContain('back to its default');
    expect(running.bot.context.settings.get(GUILD)).toMatchObject({ results: 3, channels: [], cooldown: 0 });
  });

  it('when two moderators change settings at the same time, both changes land in history', async () => {
    running = await runBot(server);
    await Promise.all([
      configure(mod, MODERATOR, ['results'], [{ name: 'count', type: 4, value: 2 }]),
      configure(mod2, MODERATOR, ['cooldown'], [{ name: 'seconds', type: 4, value: 5 }]),
    ]);
    const history = await running.bot.context.settings.history(GUILD, 2);
    expect(history.map((change) => [change.memberId, change.setting]).sort()).toEqual([
      [mod.id, 'results'],
      [mod2.id, 'cooldown'],
    ]);
  });

  it('when the bot restarts, the settings are still there', async () => {
    running = await runBot(server);
    const dataDir = running.config.dataDir;
    await configure(mod, MODERATOR, ['results'], [{ name: 'count', type: 4, value: 4 }]);
    await running.stop();
    running = await runBot(server, { dataDir });
    expect((await ask('armenia')).data.embeds).toHaveLength(4);
  });
});

/** `npm start` as a child process against the local server. */
const startChild = (dataDir: string) =>
  spawnScript('src/main/start.ts', { ...serverEnv(server), DATA_DIR: dataDir, LOG_LEVEL: 'info' });

describe('the bot as a process', () => {
  it('when killed with SIGKILL in the middle of a burst of changes, the database opens cleanly with every acknowledged change', async () => {
    const dataDir = tempDir();
    const bot = startChild(dataDir);
    await bot.logLine((line) => line.msg === 'connected to Discord');

    // A burst of changes with WINDOW always in flight; the kill comes with the KILL_AT-th acknowledgement
    // (an event, not a moment), so changes are in flight when it lands and the rest are never sent.
    const TOTAL = 200;
    const WINDOW = 20;
    const KILL_AT = 50;
    const acknowledged: number[] = [];
    let sent = 0;
    let killed = false;
    await new Promise<void>((resolve) => {
      const sendNext = () => {
        if (killed || sent === TOTAL) return;
        const seconds = ++sent;
        const settled = (response?: Json) => {
          if (response && content(response).startsWith('**Cooldown:** now')) acknowledged.push(seconds);
          if (killed) return;
          if (acknowledged.length < KILL_AT) return sendNext();
          bot.child.kill('SIGKILL');
          killed = true;
          resolve();
        };
        configure(mod, MODERATOR, ['cooldown'], [{ name: 'seconds', type: 4, value: seconds }]).then(
          settled,
          () => settled(),
        );
      };
      for (let i = 0; i < WINDOW; i++) sendNext();
    });
    await bot.exited;
    expect(bot.child.signalCode).toBe('SIGKILL');
    // By construction the kill landed mid-burst: at most KILL_AT + WINDOW changes were ever sent.
    expect(sent).toBeLessThan(TOTAL);
    // Acknowledgements already on their way when the kill landed still count: they were acknowledged too.

    const file = join(dataDir, SETTINGS_FILE_NAME);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const store = SqliteSettingsStore.open(dataDir);
    const saved = store
      .history(GUILD, 1000)
      .filter((change) => change.setting === 'cooldown')
      .map((change) => Number(change.newValue));
    store.close();
    for (const seconds of acknowledged) expect(saved).toContain(seconds);
  });

  it('when SIGTERM arrives, the bot finishes and exits 0', async () => {
    const bot = startChild(tempDir());
    await bot.logLine((line) => line.msg === 'connected to Discord');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('stopped');
  });

  it('when Discord has gone away, SIGTERM still ends the process', async () => {
    const other = await LocalDiscordServer.start({ token: TEST_TOKEN });
    const bot = spawnScript('src/main/start.ts', {
      ...serverEnv(other),
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'info',
    });
    await bot.logLine((line) => line.msg === 'connected to Discord');
    await other.close();
    bot.child.kill('SIGTERM');
    expect([0, 1]).toContain(await bot.exited);
  });

  it.each([
    [
      'corrupt',
      (dir: string) => writeFileSync(join(dir, SETTINGS_FILE_NAME), 'this is not a database'.repeat(200)),
    ],
    ['unusable (a directory)', (dir: string) => mkdirSync(join(dir, SETTINGS_FILE_NAME))],
  ])(
    'when the settings database is %s at start, the bot exits 1 with a message naming the file',
    async (_, spoil) => {
      const dataDir = tempDir();
      spoil(dataDir);
      chmodSync(dataDir, 0o755);
      const bot = startChild(dataDir);
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toContain(join(dataDir, SETTINGS_FILE_NAME));
    },
  );
});
