/**
 * Russian readers end to end: the real bot and the real deploy script against the local Discord
 * server, with interactions whose `locale` is `ru` and a server whose `preferred_locale` is `ru`.
 * The bot's own words come back in Russian; excerpts and citations stay the article's English.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Json,
  type LocalDiscordServer,
  type LocalUser,
  MEMBER_PERMISSIONS,
} from '../../src/local-discord/server.ts';
import {
  configure,
  EPHEMERAL,
  localGuild,
  MODERATOR_PERMISSIONS,
  sendQuestion,
  startWorld,
} from '../support/bot.ts';
import { pinged } from '../support/hostile/judge.ts';

const ENGLISH_GUILD = '100000000000000201';
const RUSSIAN_GUILD = '100000000000000202';
const ENGLISH_CHANNEL = '110000000000000201';
const RUSSIAN_CHANNEL = '110000000000000202';
const olga: LocalUser = { id: '200000000000000201', username: 'olga' };
const aibek: LocalUser = { id: '200000000000000202', username: 'aibek' };

let server: LocalDiscordServer;

beforeAll(async () => {
  const world = await startWorld({
    guilds: [
      localGuild(ENGLISH_GUILD, 'Local', olga, { general: ENGLISH_CHANNEL }),
      localGuild(RUSSIAN_GUILD, 'Локальный', olga, { общий: RUSSIAN_CHANNEL }, 'ru'),
    ],
  });
  ({ server } = world);
  return world.stop;
});

const askInRussian = (query: string, user = olga, channelId = ENGLISH_CHANNEL) =>
  sendQuestion(server, query, { user, channelId, locale: 'ru' });

const buttons = (payload: Json): Json[] =>
  (payload.components ?? []).flatMap((row: Json) => row.components as Json[]);

describe('the command picker in Russian', () => {
  it('every command, option and description carries a Russian localization that Discord accepts', () => {
    const registered = server.commands(ENGLISH_GUILD);
    const fields: Json[] = registered.flatMap((command: Json) => [
      command,
      ...(command.options ?? []).flatMap((option: Json) => [option, ...(option.options ?? [])]),
    ]);
    for (const field of fields) {
      expect(field.description_localizations?.ru, `${field.name} description`).toMatch(
        /\p{Script=Cyrillic}/u,
      );
      expect(field.description_localizations.ru.length).toBeLessThanOrEqual(100);
      if (field.name_localizations?.ru)
        expect(field.name_localizations.ru).toMatch(/^[-_'\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u);
    }
    const csto = registered.find((command: Json) => command.name === 'csto');
    expect(csto.options.map((option: Json) => option.name_localizations?.ru)).toEqual([
      'запрос',
      'скрыть',
      'упомянуть',
    ]);
    expect(registered.find((command: Json) => command.name === 'csto-sources').name_localizations.ru).toBe(
      'csto-источники',
    );
  });
});

describe('/csto from a Russian client', () => {
  it('asked "Армения", answers with the English excerpts and a Russian footer and buttons', async () => {
    const { data } = await askInRussian('Армения').callback;
    expect(data.embeds).toHaveLength(3);
    for (const embed of data.embeds) expect(embed.description).toMatch(/\*\*Armenia/);
    expect(data.embeds[2].footer.text).toMatch(
      /^По запросу «Армения» найдено: \d+ абзац(а|ев)? · показаны 1–3$/,
    );
    expect(buttons(data).map((button) => button.label)).toEqual([
      expect.stringMatching(/^¶\d+ целиком$/),
      expect.stringMatching(/^¶\d+ целиком$/),
      expect.stringMatching(/^¶\d+ целиком$/),
      'Ещё',
    ]);
    expect(pinged(data)).toEqual([]);
  });

  it('the same question from an English client is answered in English', async () => {
    const { data } = await sendQuestion(server, 'Армения', { user: olga, channelId: ENGLISH_CHANNEL })
      .callback;
    expect(data.embeds[2].footer.text).toMatch(/^\d+ paragraphs matched “Армения” · showing 1–3$/);
  });

  it('when nothing matches, the note and the "did you mean" are in Russian', async () => {
    const { data } = await askInRussian('Bshkekk').callback;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.content).toBe(
      'По запросу “Bshkekk” ничего не найдено. Возможно, вы имели в виду **Bishkek**?',
    );
  });

  it('when someone else clicks the buttons, their note is in their own language', async () => {
    const answer = (await askInRussian('ОДКБ').callback).data;
    const more = buttons(answer).find((button) => button.label === 'Ещё');
    const message = { ...answer, id: '300000000000000201', flags: answer.flags ?? 0 };
    const clicked = await server.sendInteraction({
      type: 3,
      data: { custom_id: more.custom_id },
      message,
      user: aibek,
      channelId: ENGLISH_CHANNEL,
      locale: 'ru',
    }).callback;
    expect(clicked.data.content).toBe('Эти кнопки — для того, кто задал вопрос. Задайте свой через `/csto`.');
  });

  it('/csto-sources lists the articles with a Russian summary and the titles as written', async () => {
    const { data } = await server.sendInteraction({
      type: 2,
      data: { name: 'csto-sources' },
      user: olga,
      channelId: ENGLISH_CHANNEL,
      locale: 'ru',
    }).callback;
    expect(data.content).toBe('1 статья, 39 абзацев.');
    expect(data.embeds[0].title).toContain("The CSTO's hardest moment: Kyrgyzstan, Kazakhstan and Armenia");
  });
});

describe('/csto-config from a Russian client', () => {
  const moderator = MODERATOR_PERMISSIONS;
  const configureInRussian = (path: string[], options: Json[] = [], permissions = moderator) =>
    configure(server, path, options, { user: olga, channelId: ENGLISH_CHANNEL, permissions, locale: 'ru' })
      .callback;

  it('a change is confirmed in Russian, and the settings are listed in Russian', async () => {
    const changed = await configureInRussian(['results'], [{ name: 'count', type: 4, value: 5 }]);
    expect(changed.data.content).toBe('**Результаты:** теперь 5 в ответе.');
    const shown = await configureInRussian(['show']);
    expect(shown.data.embeds[0].title).toBe('Настройки /csto на этом сервере');
    expect(shown.data.embeds[0].description).toContain('**Ответы видят:** все (публично) *(по умолчанию)*');
  });

  it('a member without Manage Server is refused in Russian', async () => {
    const refused = await configureInRussian(['show'], [], MEMBER_PERMISSIONS);
    expect(refused.data.content).toBe(
      'Смотреть и менять эти настройки могут только участники с правом **Управлять сервером**.',
    );
  });
});

describe('mentions in a server whose language is Russian', () => {
  it('a mention with no words gets the help in Russian', async () => {
    const sent = server.sendMessage({
      content: `<@${server.botUser.id}>`,
      author: olga,
      channelId: RUSSIAN_CHANNEL,
    });
    const request = await server.waitForRequest(
      (candidate) => candidate.body?.message_reference?.message_id === sent.id,
    );
    expect(request.body.embeds[0].title).toBe('Ответы с цитатами из новостного корпуса');
    expect(request.body.embeds[0].description).toContain('/csto запрос:');
  });

  it('a mention with a question is answered with a Russian footer', async () => {
    const sent = server.sendMessage({
      content: `<@${server.botUser.id}> почему Кыргызстан отменил учения?`,
      author: aibek,
      channelId: RUSSIAN_CHANNEL,
    });
    const request = await server.waitForRequest(
      (candidate) => candidate.body?.message_reference?.message_id === sent.id,
    );
    expect(request.body.embeds.at(-1).footer.text).toMatch(
      /^По запросу «почему Кыргызстан отменил учения\?»/,
    );
    expect(JSON.stringify(request.body.embeds)).toMatch(/\*\*(drills|workout routines)\*\*/);
  });
});

describe('waiting, in Russian', () => {
  it('a member on cooldown is told privately, in Russian, when to ask again', async () => {
    const nina: LocalUser = { id: '200000000000000203', username: 'nina' };
    const moderator = MODERATOR_PERMISSIONS;
    const cooldown = (seconds: number) =>
      configure(server, ['cooldown'], [{ name: 'seconds', type: 4, value: seconds }], {
        user: olga,
        channelId: RUSSIAN_CHANNEL,
        permissions: moderator,
        locale: 'ru',
      }).callback;
    await cooldown(60);
    try {
      const first = await askInRussian('Армения', nina, RUSSIAN_CHANNEL).callback;
      expect(first.data.embeds.length).toBeGreaterThan(0);
      const second = await askInRussian('Армения', nina, RUSSIAN_CHANNEL).callback;
      expect(second.data.content).toMatch(/^У вас пауза между вопросами: снова спросить можно <t:\d+:R>\.$/);
      expect(second.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    } finally {
      await cooldown(0);
    }
  });
});
