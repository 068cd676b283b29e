/**
 * A careless corpus editor against the running bot (the real `startBot`, the local Discord-protocol server):
 * a 20 MB article, a glossary line of 4,000 names and a large-but-allowed article are dropped into the
 * watched corpus directory while a member keeps asking. Every question must be answered within Discord's
 * 3 s deadline while they load (the local server refuses a late callback with 10062, as Discord does), and
 * what is over a limit is refused with a logged reason while the rest keeps answering.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_GLOSSARY_LINE_CHARS } from '../../src/corpus/limits.ts';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import { botUser, localGuild, type RunningBot, sendQuestion, startWorld } from '../support/bot.ts';
import { copyShippedCorpus, markdownArticle } from '../support/corpus.ts';

const GUILD = '100000000000000061';
const CHANNEL = '110000000000000061';
const BOT = botUser('190000000000000061');
const member: LocalUser = { id: '200000000000000061', username: 'member' };
const QUERIES = ['armenia', 'drills', 'Pashinian', 'Tokayev', 'border clashes', 'Kyrgyzstan'];

let server: LocalDiscordServer;
let running: RunningBot;
let corpusDir: string;

beforeAll(async () => {
  corpusDir = copyShippedCorpus();
  const world = await startWorld({
    botUser: BOT,
    guilds: [localGuild(GUILD, 'Limits', member, { general: CHANNEL })],
    deploy: 'rest',
    bot: { corpusDir },
  });
  ({ server, running } = world);
  return world.stop;
});

const ask = (query: string) => sendQuestion(server, query, { user: member, channelId: CHANNEL });

/** Callbacks Discord accepted for one interaction. */
const accepted = (id: string) =>
  server.requests.filter(
    (request) => request.path.startsWith(`/interactions/${id}/`) && request.status < 300,
  );

/**
 * Makes `change` to the corpus and asks question after question (each once the previous one is logged)
 * until the bot logs the reload line `done` matches; returns the interactions asked meanwhile.
 */
async function askWhile(change: () => void, done: (line: Json) => boolean): Promise<string[]> {
  let finished = false;
  const reloaded = running.logged(done).then(() => {
    finished = true;
  });
  change();
  const asked: string[] = [];
  // At least one question after the reload, so the answers after it are checked too.
  for (let i = 0; !finished || asked.length === 0; i++) {
    const handle = ask(QUERIES[i % QUERIES.length] as string);
    asked.push(handle.id);
    await running.logged((line) => line.interaction === handle.id);
  }
  await reloaded;
  const last = ask('armenia');
  asked.push(last.id);
  await running.logged((line) => line.interaction === last.id);
  return asked;
}

function expectAllAnsweredInTime(asked: string[]): void {
  const reload = running.logs.findLast((line) => line.msg === 'corpus reloaded');
  const slowest = Math.max(
    ...asked.map((id) => running.logs.find((line) => line.interaction === id)?.latencyMs),
  );
  console.info(
    `${asked.length} questions asked while loading; slowest answered in ${slowest} ms; ${JSON.stringify(reload)}`,
  );
  const late = asked.filter((id) => accepted(id).length !== 1);
  expect(late, `${late.length} of ${asked.length} questions not answered in time`).toEqual([]);
  for (const id of asked)
    expect(running.logs.find((line) => line.interaction === id)?.outcome).toBe('answered');
}

/** An article in our own words, `paragraphs` paragraphs of about 570 characters. */
function bulkyArticle(title: string, word: string, paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `Report ${i + 1}: the ${word} committee met again in the capital and heard from envoys of several ` +
      'neighbouring states about the planned exercises, the supply of equipment, the schedule of the next ' +
      'summit and the many complaints that officials had collected from the border districts during the ' +
      'past month. Observers said the talks were long, the statements were careful and the outcome was ' +
      'left open, while the delegations agreed to meet once more before the end of the season.',
  );
  return markdownArticle(title, body);
}

describe('corpus changes past the limits, while members ask', () => {
  it('a 20 MB article: every question is answered within the deadline, and the file is refused with its reason', async () => {
    const huge = bulkyArticle('Huge', 'quokkafield', 44_000);
    expect(huge.length).toBeGreaterThan(20_000_000);
    const asked = await askWhile(
      () => writeFileSync(join(corpusDir, 'huge.md'), huge),
      (line) =>
        line.file === 'huge.md' || (line.msg === 'corpus reloaded' && line.added?.includes('huge.md')),
    );
    expectAllAnsweredInTime(asked);
    const refused = running.logs.find((line) => line.file === 'huge.md');
    expect(refused?.reason).toMatch(/the file is 2\d\.\d MB, over the limit of 2\.0 MB/);
    expect((await ask('quokkafield').callback).data.content).toMatch(/Nothing in the corpus matches/);
  });

  it('a glossary line of 4,000 names: every question is answered within the deadline, the line is refused, the rest of the glossary applies', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `Wombatov${i}`).join(' = ');
    expect(names.length).toBeGreaterThan(MAX_GLOSSARY_LINE_CHARS);
    const asked = await askWhile(
      () => appendFileSync(join(corpusDir, 'synonyms.txt'), `\n${names}\nquokkaland = Kremlin\n`),
      (line) => line.msg === 'corpus reloaded' && line.glossary === true,
    );
    expectAllAnsweredInTime(asked);
    const refused = running.logs.find((line) => line.file === 'synonyms.txt' && line.scope === 'line');
    expect(refused?.reason).toMatch(/the line is \d+ characters, over the limit of 2000/);
    // The line after it still applies: the reader's word finds the text's.
    expect((await ask('quokkaland').callback).data.embeds?.length).toBeGreaterThan(0);
  });

  it('an article just under the size limit loads while members keep being answered, then answers', async () => {
    const paragraphs = Math.floor((MAX_FILE_BYTES - 200) / 490);
    const large = bulkyArticle('Large', 'wallabyton', paragraphs);
    expect(large.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
    const asked = await askWhile(
      () => writeFileSync(join(corpusDir, 'large.md'), large),
      (line) => line.msg === 'corpus reloaded' && line.added?.includes('large.md'),
    );
    expectAllAnsweredInTime(asked);
    const answer = await ask('wallabyton').callback;
    expect(answer.data.embeds.at(-1).footer.text).toMatch(new RegExp(`^${paragraphs} paragraphs matched`));
  });
});
