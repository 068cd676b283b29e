/**
 * The playground in a real browser: headless Chromium (Debian's package) drives the page while the
 * real bot answers through the local Discord. What is asserted is what a visitor sees. First, without
 * a browser, how the message box is read into the interactions Discord would send.
 *
 * Set PLAYGROUND_SCREENSHOT=docs/playground-armenia.png to save the `/csto armenia` answer.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, registrationPayload } from '../../commands/registry.ts';
import { buildCommand, type CommandDef, messageContent, suggest } from '../../src/playground/command-line.ts';
import { defaultNames, localizeCommands } from '../../src/playground/localize.ts';
import { type Playground, startPlayground } from '../../src/playground/start-playground.ts';
import { BOT, GUILD, PEOPLE, PERMISSIONS } from '../../src/playground/world.ts';
import { CROWD_BURST_ANSWERS } from '../support/bot.ts';
import { SHIPPED_CORPUS } from '../support/corpus.ts';

describe('the message box, read as Discord reads its command box', () => {
  const commands = registrationPayload('csto') as unknown as CommandDef[];
  const directory = { people: PEOPLE, channels: GUILD.channels, botAliases: { bot: BOT } };
  const build = (text: string) => buildCommand(text, commands, directory, PERMISSIONS.member);
  const [general, news] = GUILD.channels;

  it('fills the first required option with bare text, names the others, and resolves users', () => {
    expect(build('/csto why did Kyrgyzstan cancel the drills? hide:true mention:@max')).toEqual({
      ok: true,
      label: '/csto',
      data: {
        name: 'csto',
        options: [
          { name: 'query', type: 3, value: 'why did Kyrgyzstan cancel the drills?' },
          { name: 'hide', type: 5, value: true },
          { name: 'mention', type: 6, value: '300000000000000002' },
        ],
        resolved: { users: { '300000000000000002': expect.objectContaining({ username: 'max' }) } },
      },
    });
  });

  it('nests subcommands in their group and resolves channels', () => {
    const built = build(`/csto-config channels add channel:#${news?.name}`);
    expect(built).toMatchObject({
      ok: true,
      label: '/csto-config channels add',
      data: {
        options: [
          {
            name: 'channels',
            type: 2,
            options: [{ name: 'add', type: 1, options: [{ name: 'channel', value: news?.id }] }],
          },
        ],
        resolved: { channels: { [news?.id as string]: { name: news?.name, type: 0 } } },
      },
    });
  });

  it('in a Russian client, reads the localized names and sends the default ones, as Discord does', () => {
    const russian = localizeCommands(commands, 'ru');
    expect(russian.map((command) => command.name)).toContain('csto-источники');
    const built = buildCommand('/csto запрос:Армения скрыть:true', russian, directory, PERMISSIONS.member);
    expect(built?.ok).toBe(true);
    if (!built?.ok) return;
    expect(defaultNames(built.data, russian, commands)).toEqual({
      name: 'csto',
      options: [
        { name: 'query', type: 3, value: 'Армения' },
        { name: 'hide', type: 5, value: true },
      ],
    });
  });

  it('refuses what Discord would not send, saying why', () => {
    expect(build('/csto hide:true')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^query is required/),
    });
    expect(build('/csto-config results count:9')).toEqual({ ok: false, error: 'count must be from 1 to 5.' });
    expect(build('/csto-config mentions enabled:maybe')).toMatchObject({
      ok: false,
      error: expect.stringContaining('True or False'),
    });
    expect(build('/csto-config')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Choose what \/csto-config should do: show, mentions/),
    });
    expect(build('/nope')).toEqual({ ok: false, error: '/nope is not a command here.' });
  });

  it('when / is typed, each command says truthfully who may use it, and nothing is marked for the moderator', async () => {
    const menu = async (role: 'member' | 'moderator') =>
      Object.fromEntries(
        (
          await suggest('/', {
            commands,
            directory,
            permissions: PERMISSIONS[role],
            autocomplete: async () => [],
          })
        ).items.map((item) => [item.label, item.detail]),
      );
    const member = await menu('member');
    expect(member['/csto-admin']).toBe(
      'Operators (OWNER_IDS) only: reload the corpus, show the bot status · needs Administrator',
    );
    expect(member['/csto-config']).toMatch(/ · needs Manage Server$/);
    expect(member['/csto']).not.toContain('needs');
    expect(Object.values(await menu('moderator')).filter((detail) => detail.includes('needs'))).toEqual([]);
  });

  it('reads anything else as a message, with @name and #channel as mentions', () => {
    expect(build('@bot armenia')).toBeNull();
    expect(messageContent(`@bot what happened in #${general?.name}, @mia?`, directory)).toBe(
      `<@${BOT.id}> what happened in <#${general?.id}>, <@300000000000000001>?`,
    );
  });
});

const CHROMIUM = '/usr/bin/chromium';
// In CI a missing browser must fail the run, not skip it: .ci/run installs it.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip)
  console.warn(`Skipping the playground browser tests: ${CHROMIUM} is missing (apt-get install chromium).`);

let playground: Playground;
let context: BrowserContext;
let page: Page;
let profile: string;
/** Requests the page made anywhere but the playground: there must be none. */
const offsite: string[] = [];
const pageErrors: string[] = [];

describe.skipIf(skip)('the playground page', () => {
  beforeAll(async () => {
    // One scripted visitor asks faster than the shipped burst floor allows (test/e2e/abuse.test.ts covers it).
    playground = await startPlayground(commands, {
      port: 0,
      env: { LOG_LEVEL: 'silent', CORPUS_DIR: SHIPPED_CORPUS, BURST_ANSWERS: String(CROWD_BURST_ANSWERS) },
    });
    profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1040 },
    });
    context.on('request', (request) => {
      if (!request.url().startsWith(playground.url) && !request.url().startsWith('data:')) {
        offsite.push(request.url());
      }
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(playground.url);
    await page.locator('#channels button').first().waitFor();
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await playground?.stop();
  });

  const input = () => page.getByRole('textbox', { name: 'Message' });
  const botMessages = () => page.locator('discord-message[author="AnswerBot"]');
  /** The bot's reply to the slash command `label`, the latest one. */
  const replyTo = (label: string) =>
    botMessages()
      .filter({ has: page.locator(`discord-command[command="${label}"]`) })
      .last();

  /**
   * Vitest's own polling, as a web-first assertion: playwright-core has none. It waits for the page's
   * state, bounded only by just under the test's own timeout, so a slow machine is never a failure.
   */
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 25_000 });
  const text = (locator: Locator) => poll(() => locator.textContent());
  const attribute = (locator: Locator, name: string) => poll(() => locator.getAttribute(name));
  const count = (locator: Locator) => poll(() => locator.count());

  async function send(message: string): Promise<void> {
    await input().fill(message);
    await input().press('Enter');
    await poll(() => input().inputValue()).toBe('');
  }

  async function actAs(role: 'Member' | 'Moderator'): Promise<void> {
    await page.getByRole('radio', { name: role }).check();
  }

  it('when /csto armenia is sent, the answer shows as Discord shows it: embeds with bold highlights, a citation, a footer, buttons', async () => {
    await send('/csto armenia');
    const answer = replyTo('/csto');
    await count(answer.locator('discord-embed')).toBe(3);
    await attribute(answer.locator('discord-command'), 'author').toBe('mia');
    await text(answer.locator('discord-embed-description strong').first()).toMatch(/armenia/i);
    await text(answer.locator('discord-embed discord-subscript').first()).toContain('RFE/RL');
    await text(answer.locator('discord-embed-footer')).toMatch(/paragraphs matched “armenia” · showing 1–3/);
    expect(await answer.locator('discord-button').allTextContents()).toEqual([
      expect.stringMatching(/^Full ¶\d+$/),
      expect.stringMatching(/^Full ¶\d+$/),
      expect.stringMatching(/^Full ¶\d+$/),
      'More',
    ]);
    // No markdown shows raw: no ** and no -# left in what the visitor reads.
    expect(await answer.locator('discord-embed-description').first().textContent()).not.toMatch(/\*\*|-#/);
    if (process.env.PLAYGROUND_SCREENSHOT) {
      await page.locator('.app').screenshot({ path: process.env.PLAYGROUND_SCREENSHOT });
    }
  });

  it('when More and Full ¶ are clicked, the answer pages on and the whole paragraph shows to the asker only', async () => {
    const answer = replyTo('/csto');
    await answer.locator('discord-button', { hasText: 'More' }).click();
    await text(answer.locator('discord-embed-footer')).toMatch(/showing 4–6/);
    await attribute(answer, 'edited').toBe('');

    const before = await botMessages().count();
    await answer
      .locator('discord-button', { hasText: /^Full ¶/ })
      .first()
      .click();
    await count(botMessages()).toBe(before + 1);
    const paragraph = botMessages().last();
    await attribute(paragraph, 'ephemeral').toBe('');
    await paragraph.getByText('Only you can see this').waitFor();
    // The full citation, then the article's rights: the view ends with them.
    await text(paragraph.locator('discord-embed discord-subscript').first()).toContain('(editorial title)');
    await text(paragraph.locator('discord-embed discord-subscript').last()).toMatch(/^Rights: © RFE\/RL/);
  });

  it('when typing /csto kyrg, the bot suggests completions; picking one fills the query', async () => {
    await input().fill('');
    await input().pressSequentially('/csto kyrg', { delay: 15 });
    await page.getByRole('option', { name: 'Kyrgyzstan', exact: true }).click();
    await poll(() => input().inputValue()).toBe('/csto Kyrgyzstan ');
    await input().press('Enter');
    await text(replyTo('/csto').locator('discord-embed-footer')).toMatch(/matched “Kyrgyzstan”/);
  });

  it('when hide:true is given, the answer is for the asker only and Post publicly shares it', async () => {
    await send('/csto query:armenia hide:true');
    const hidden = replyTo('/csto');
    await attribute(hidden, 'ephemeral').toBe('');
    await hidden.getByText('Only you can see this').waitFor();
    await hidden.locator('discord-button', { hasText: 'Post publicly' }).click();
    const shared = botMessages().filter({ hasText: 'Shared by mia' });
    await count(shared).toBe(1);
    expect(await shared.getAttribute('ephemeral')).toBeNull();
  });

  it('when a message mentions the bot, it replies to that message with an answer', async () => {
    await send('@bot why did Kyrgyzstan cancel the drills?');
    const question = page.locator('discord-message[author="mia"]').last();
    await text(question.locator('discord-mention')).toBe('AnswerBot');
    const reply = botMessages()
      .filter({ has: page.locator('discord-reply[author="mia"]') })
      .last();
    await text(reply.locator('discord-embed-description strong').first()).toMatch(/kyrgyz|drill|cancel/i);
  });

  it('when a member tries /csto-config, the bot refuses; a moderator can turn mentions off, and mentions are then ignored', async () => {
    await actAs('Member');
    await send('/csto-config mentions enabled:false');
    await text(replyTo('/csto-config mentions')).toContain('Manage Server');

    await actAs('Moderator');
    // The member's refusal was for the member only.
    await count(replyTo('/csto-config mentions')).toBe(0);
    await send('/csto-config mentions enabled:false');
    await text(replyTo('/csto-config mentions')).toContain('Mentions: now ignored');

    await send('@bot armenia');
    await text(page.locator('discord-message[author="max"]').last()).toContain('armenia');
    // A later command's answer proves the bot has handled the mention before it.
    await send('/csto-config show');
    await text(replyTo('/csto-config show')).toContain('Mentions: ignored');
    await count(botMessages().filter({ has: page.locator('discord-reply[author="max"]') })).toBe(0);
  });

  it('when the moderator (the playground operator) uses /csto-admin status, the bot answers; a member is refused', async () => {
    await actAs('Moderator');
    await text(page.locator('#acting-note')).toContain('bot operator (OWNER_IDS)');
    await send('/csto-admin status');
    await text(replyTo('/csto-admin status')).toContain('Corpus: 1 article, 39 paragraphs');
    await actAs('Member');
    await send('/csto-admin status');
    await text(replyTo('/csto-admin status')).toContain('Only the bot’s operators (OWNER_IDS)');
    await actAs('Moderator');
  });

  it('when the bot answers only in #news, asking in #general is refused; a cooldown says when to ask again', async () => {
    await send('/csto-config channels add channel:#news');
    await text(replyTo('/csto-config channels add').locator('discord-mention')).toBe('news');
    await send('/csto armenia');
    await text(replyTo('/csto')).toContain("I'm not enabled in this channel");
    await send('/csto-config channels clear');
    await text(replyTo('/csto-config channels clear')).toContain('every channel');

    await send('/csto-config cooldown seconds:60');
    await send('/csto armenia');
    await send('/csto armenia');
    // `<t:…:R>` drawn as Discord draws it: a relative time, not the raw tag.
    await text(replyTo('/csto').locator('discord-time')).toMatch(/^in (1 minute|\d+ seconds)$/);
  });

  it('when the client language is Russian, the picker, the page and the bot speak Russian; excerpts stay English', async () => {
    await page.getByRole('radio', { name: 'Русский' }).check();
    await attribute(input(), 'placeholder').toBe('Написать в #general');
    // The moderator is on the cooldown the previous test set; the member is not.
    await page.getByRole('radio', { name: 'Участник' }).check();
    await input().fill('');
    await input().pressSequentially('/csto-', { delay: 15 });
    await page.getByRole('option', { name: /csto-источники/ }).waitFor();
    await send('/csto запрос:Армения');
    const answer = replyTo('/csto');
    await text(answer.locator('discord-embed-footer')).toMatch(/^По запросу «Армения» найдено: \d+/);
    await text(answer.locator('discord-embed-description strong').first()).toMatch(/armenia/i);
    await page.getByRole('radio', { name: 'English' }).check();
    await attribute(input(), 'placeholder').toBe('Message #general');
  });

  it('loads nothing from outside the machine and logs no errors', () => {
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
