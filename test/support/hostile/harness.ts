/**
 * The hostile-input harness: one local Discord, one real bot (in this process), and cases (inputs.ts) run one
 * after the other; every request the bot makes meanwhile goes through the judge (judge.ts), and every
 * interaction must get exactly one callback and no failure in the log.
 */
import type { InteractionHandle, Json, LocalDiscordServer } from '../../../src/local-discord/server.ts';
import { askData, MODERATOR_PERMISSIONS, type RunningBot, startWorld } from '../bot.ts';
import { copyShippedCorpus } from '../corpus.ts';
import {
  ASKER,
  BOT,
  CHANNEL,
  GUILD,
  MODERATOR,
  OTHER,
  OTHER_BOT,
  RU_CHANNEL,
  RU_GUILD,
  TARGET,
} from './cast.ts';
import { applyCorpusChange } from './corpus.ts';
import { type ButtonLabel, describeCase, type HostileCase, type Language } from './inputs.ts';
import { checkRequest, hasLoneSurrogate, type PayloadExpectation } from './judge.ts';

/** The kind each answer button's custom_id starts with: how a click finds its button in any language. */
const BUTTON_KINDS: Record<ButtonLabel, string> = {
  More: 'more',
  'Full ¶': 'para',
  'Post publicly': 'share',
};

/** How long one interaction may take before the case fails as unanswered (the bot answers in ms). */
const ANSWER_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

export interface HarnessStats {
  cases: number;
  interactions: number;
  messages: number;
  payloads: number;
  byKind: Record<HostileCase['kind'], number>;
  byLanguage: Record<Language, number>;
  /** What the bot logged as the outcome of each interaction and mention. */
  outcomes: Record<string, number>;
}

export class HostileHarness {
  readonly stats: HarnessStats = {
    cases: 0,
    interactions: 0,
    messages: 0,
    payloads: 0,
    byKind: { ask: 0, autocomplete: 0, mention: 0, config: 0, corpus: 0 },
    byLanguage: { en: 0, ru: 0 },
    outcomes: {},
  };
  #unhandled: unknown[] = [];
  readonly #onUnhandled = (reason: unknown) => this.#unhandled.push(reason);

  private constructor(
    readonly server: LocalDiscordServer,
    readonly running: RunningBot,
    /** A copy of the shipped corpus, which corpus cases edit. */
    readonly corpusDir: string,
  ) {
    process.on('unhandledRejection', this.#onUnhandled);
  }

  /** Starts the local server, registers the commands and starts the real bot (in this process). */
  static async start(): Promise<HostileHarness> {
    const corpusDir = copyShippedCorpus();
    const { server, running } = await startWorld({
      botUser: BOT,
      guilds: [
        { id: GUILD, name: 'Fuzz', ownerId: MODERATOR.id, channels: [{ id: CHANNEL, name: 'general' }] },
        {
          id: RU_GUILD,
          name: 'Фазз',
          ownerId: MODERATOR.id,
          channels: [{ id: RU_CHANNEL, name: 'общий' }],
          preferredLocale: 'ru',
        },
      ],
      deploy: 'rest',
      bot: { corpusDir },
    });
    return new HostileHarness(server, running, corpusDir);
  }

  async close(): Promise<void> {
    process.off('unhandledRejection', this.#onUnhandled);
    await this.running.stop();
    await this.server.close();
  }

  /**
   * Runs one case through the bot and checks every request the bot made meanwhile. Throws a FuzzFailure
   * describing the case and each problem; returns quietly when every property holds.
   */
  async check(testCase: HostileCase): Promise<void> {
    const { server, running } = this;
    const firstRequest = server.requests.length;
    const firstLog = running.logs.length;
    const problems: string[] = [];
    const interactions: InteractionHandle[] = [];
    const inputs: string[] = [];
    let mayPing: string | undefined;
    let messageId: string | undefined;

    const interact = async (handle: InteractionHandle, what: string): Promise<Json | undefined> => {
      interactions.push(handle);
      this.stats.interactions++;
      try {
        const body = await withTimeout(handle.callback, ANSWER_TIMEOUT_MS, `${what} callback`);
        await withTimeout(
          running.logged((line) => line.interaction === handle.id),
          ANSWER_TIMEOUT_MS,
          `${what} log line`,
        );
        return body;
      } catch (error) {
        problems.push((error as Error).message);
        return undefined;
      }
    };

    this.stats.cases++;
    this.stats.byKind[testCase.kind]++;
    this.stats.byLanguage[testCase.language]++;
    const channelId = testCase.language === 'ru' ? RU_CHANNEL : CHANNEL;
    const locale = testCase.language === 'ru' ? 'ru' : 'en-US';
    switch (testCase.kind) {
      case 'ask': {
        inputs.push(testCase.query, testCase.username);
        const asker = { ...ASKER, username: testCase.username };
        const mention = { member: TARGET, bot: OTHER_BOT, self: asker }[testCase.mention ?? 'member'];
        if (testCase.mention === 'member' || testCase.mention === 'self') mayPing = mention.id;
        const handle = server.sendInteraction({
          type: 2,
          data: askData(testCase.query, {
            ...(testCase.hide === undefined ? {} : { hide: testCase.hide }),
            ...(testCase.mention ? { mention } : {}),
          }),
          user: asker,
          channelId,
          locale,
        });
        const answer = await interact(handle, 'ask');
        if (answer?.data && testCase.click) {
          // The answer as the channel shows it (server.messages() would copy every message so far: slow).
          const message = { ...answer.data, flags: answer.data.flags ?? 0 };
          // Found by what it does (labels are in the asker's language): its custom_id starts with its kind.
          const kind = BUTTON_KINDS[testCase.click.label];
          const button = (message.components ?? [])
            .flatMap((row: Json) => row.components as Json[])
            .find((candidate: Json) => String(candidate.custom_id).startsWith(`${kind}:`));
          if (button) {
            // Payloads answering the click may not ping anyone (a More keeps the old content, never re-pings).
            await interact(
              server.sendInteraction({
                type: 3,
                data: { custom_id: button.custom_id },
                message,
                user: testCase.click.by === 'asker' ? asker : { ...OTHER, username: testCase.username },
                channelId,
                locale,
              }),
              `click ${testCase.click.label}`,
            );
          }
        }
        break;
      }
      case 'autocomplete': {
        inputs.push(testCase.value);
        const options: Json[] = [{ name: 'query', type: 3, value: testCase.value, focused: true }];
        if (testCase.hide !== undefined) options.push({ name: 'hide', type: 5, value: testCase.hide });
        await interact(
          server.sendInteraction({
            type: 4,
            data: { name: 'csto', options },
            user: ASKER,
            channelId,
            locale,
          }),
          'autocomplete',
        );
        break;
      }
      case 'mention': {
        inputs.push(testCase.text);
        const pill = testCase.form === 'plain' ? `<@${BOT.id}>` : `<@!${BOT.id}>`;
        const content = testCase.at === 'start' ? `${pill} ${testCase.text}` : `${testCase.text} ${pill}`;
        const sent = server.sendMessage({ content, author: ASKER, channelId });
        messageId = sent.id;
        this.stats.messages++;
        try {
          await withTimeout(
            running.logged((line) => line.message === sent.id),
            ANSWER_TIMEOUT_MS,
            'mention log line',
          );
        } catch (error) {
          problems.push((error as Error).message);
        }
        const replies = server.requests
          .slice(firstRequest)
          .filter(
            (request) => request.body?.message_reference?.message_id === sent.id && request.status < 300,
          );
        if (replies.length !== 1) problems.push(`the mention got ${replies.length} replies (expected 1)`);
        break;
      }
      case 'corpus': {
        if (testCase.change.edit === 'glossary') inputs.push(testCase.change.line);
        if (testCase.change.edit === 'url') inputs.push(testCase.change.url);
        const applied = await applyCorpusChange(testCase.change, this.corpusDir, running);
        problems.push(...applied.problems);
        await interact(
          server.sendInteraction({
            type: 2,
            data: askData(applied.question),
            user: ASKER,
            channelId,
            locale,
          }),
          'ask after a corpus change',
        );
        await applied.cleanUp?.();
        break;
      }
      case 'config': {
        inputs.push(testCase.mode);
        await interact(
          server.sendInteraction({
            type: 2,
            data: {
              name: 'csto-config',
              options: [
                { name: 'visibility', type: 1, options: [{ name: 'mode', type: 3, value: testCase.mode }] },
              ],
            },
            user: MODERATOR,
            permissions: MODERATOR_PERMISSIONS,
            channelId,
            locale,
          }),
          'config',
        );
        break;
      }
    }

    const expect: PayloadExpectation = { wellFormedInput: !inputs.some(hasLoneSurrogate) };
    if (mayPing) expect.mayPing = mayPing;
    const requests = server.requests.slice(firstRequest);
    const ids = new Set(interactions.map((handle) => handle.id));
    for (const request of requests) {
      const callback = /^\/interactions\/(\d+)\//.exec(request.path);
      if (callback && !ids.has(callback[1] as string)) {
        problems.push(`a callback for interaction ${callback[1]}, not one of this case's: answered twice?`);
      }
      // Only the answer to the slash command itself may ping the mention target.
      const isAnswer = callback?.[1] === interactions[0]?.id && testCase.kind === 'ask';
      const found = checkRequest(request, isAnswer ? expect : { wellFormedInput: expect.wellFormedInput });
      this.stats.payloads++;
      if (found.length > 0) {
        problems.push(
          ...found.map(
            (problem) => `${request.method} ${request.path.replace(/\/[\w.-]{40,}/, '/…')}: ${problem}`,
          ),
        );
        problems.push(`  payload: ${JSON.stringify(request.body).slice(0, 3000)}`);
      }
    }
    for (const handle of interactions) {
      const accepted = requests.filter(
        (request) => request.path.startsWith(`/interactions/${handle.id}/`) && request.status < 300,
      );
      if (accepted.length !== 1)
        problems.push(`interaction ${handle.id} got ${accepted.length} callbacks (expected 1)`);
    }
    for (const line of running.logs.slice(firstLog)) {
      const mine = ids.has(line.interaction) || (messageId !== undefined && line.message === messageId);
      if (mine && typeof line.outcome === 'string') {
        const key = `${line.command === 'mention' ? 'mention' : String(line.command).replace(/^button:/, '')}:${line.outcome}`;
        this.stats.outcomes[key] = (this.stats.outcomes[key] ?? 0) + 1;
      }
      if (line.level >= 50 || line.outcome === 'error') {
        problems.push(
          `${mine ? '' : '(another case) '}log: ${line.msg} ${JSON.stringify(line.err ?? line).slice(0, 1500)}`,
        );
      }
    }
    if (this.#unhandled.length > 0) {
      problems.push(
        ...this.#unhandled.map(
          (reason) => `unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`,
        ),
      );
      this.#unhandled = [];
    }
    // Keep memory flat over 10,000 cases: what was checked is no longer needed.
    if (problems.length === 0) {
      running.logs.splice(0, running.logs.length);
      server.requests.splice(0, server.requests.length);
      return;
    }
    throw new FuzzFailure(`${problems.join('\n')}\ncase: ${describeCase(testCase)}`);
  }
}
