/**
 * The payload judge on its own: a judge that passed everything would make the fuzz suite (test/e2e/fuzz.test.ts,
 * `npm run fuzz`) pass whatever the bot sent. Each test hands it one payload with one known fault and checks
 * that the fault, and only it, is reported; well-formed payloads pass with no problem at all.
 */
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, type Json, type RecordedRequest } from '../../../src/local-discord/server.ts';
import {
  checkChoices,
  checkMessagePayload,
  checkRequest,
  hasLoneSurrogate,
  type PayloadExpectation,
  pinged,
} from './judge.ts';

const TARGET = '200000000000000103';
const STRANGER = '200000000000000999';
/** What the bot's sender writes on every payload: nobody may be pinged. */
const NOBODY = { parse: [], users: [], roles: [], replied_user: false };
const WELL_FORMED: PayloadExpectation = { wellFormedInput: true };
const CREATES: PayloadExpectation = { wellFormedInput: true, creates: true };

/** A new message as the bot sends an answer: one embed, a row of buttons, nobody pinged. */
function answer(overrides: Json = {}): Json {
  return {
    content: 'Found in 1 article',
    embeds: [
      {
        title: 'Armenia skips the drills',
        description: '> Armenia will not take part in the **drills** this year.',
        url: 'https://news.example.org/armenia-drills',
        footer: { text: '1 of 3' },
        fields: [{ name: 'Source', value: 'news.example.org' }],
      },
    ],
    components: [{ type: 1, components: [{ type: 2, label: 'More', custom_id: 'more:armenia:1' }] }],
    allowed_mentions: NOBODY,
    ...overrides,
  };
}

function request(method: string, path: string, body: Json, status = 200, faulted = false): RecordedRequest {
  return { method, path, query: {}, body, authorized: true, at: 0, status, faulted };
}

function choices(count: number, name = (i: number) => `armenia ${i}`): Json {
  return { choices: Array.from({ length: count }, (_, i) => ({ name: name(i), value: name(i) })) };
}

describe('a good payload', () => {
  it('passes: an answer with an embed, buttons and nobody pinged', () => {
    expect(checkMessagePayload(answer(), CREATES)).toEqual([]);
  });

  it('passes: an answer that pings only the mention target, who may be pinged', () => {
    const payload = answer({
      content: `<@${TARGET}> see this`,
      allowed_mentions: { ...NOBODY, users: [TARGET] },
    });
    expect(checkMessagePayload(payload, { ...CREATES, mayPing: TARGET })).toEqual([]);
  });

  it('passes: every field exactly at its limit', () => {
    const payload = answer({
      content: 'c'.repeat(DISCORD_LIMITS.content),
      embeds: [{ description: 'd'.repeat(DISCORD_LIMITS.embedDescription) }],
    });
    expect(checkMessagePayload(payload, CREATES)).toEqual([]);
  });

  it('passes: an edit that only changes the buttons', () => {
    const edit = { components: [], allowed_mentions: NOBODY };
    expect(checkMessagePayload(edit, WELL_FORMED)).toEqual([]);
  });

  it('passes: 25 autocomplete choices of 1–100 characters, and none', () => {
    expect(checkChoices(choices(DISCORD_LIMITS.choices), WELL_FORMED)).toEqual([]);
    expect(
      checkChoices(
        choices(1, () => 'x'.repeat(DISCORD_LIMITS.choiceText)),
        WELL_FORMED,
      ),
    ).toEqual([]);
    expect(checkChoices({ choices: [] }, WELL_FORMED)).toEqual([]);
  });
});

describe('pings', () => {
  it('catches a raw @everyone in the content, even with allowed_mentions closed', () => {
    const problems = checkMessagePayload(answer({ content: 'hello @everyone' }), CREATES);
    expect(problems).toEqual([expect.stringContaining('raw @everyone')]);
  });

  it('catches @here in an embed, a field or a button label, in any case', () => {
    const inDescription = answer({ embeds: [{ description: 'ask @HERE now' }] });
    expect(checkMessagePayload(inDescription, CREATES)).toEqual([expect.stringContaining('raw @HERE')]);
    const inField = answer({ embeds: [{ fields: [{ name: 'n', value: 'x @here' }] }] });
    expect(checkMessagePayload(inField, CREATES)).toEqual([expect.stringContaining('raw @here')]);
    const inLabel = answer({
      components: [{ type: 1, components: [{ type: 2, label: '@everyone', custom_id: 'more:x' }] }],
    });
    expect(checkMessagePayload(inLabel, CREATES)).toEqual([expect.stringContaining('raw @everyone')]);
  });

  it('catches allowed_mentions that would let Discord ping everyone', () => {
    const problems = checkMessagePayload(answer({ allowed_mentions: { parse: ['everyone'] } }), CREATES);
    expect(problems).toEqual([expect.stringContaining('allowed_mentions.parse is ["everyone"]')]);
  });

  it('catches a missing allowed_mentions (Discord would parse every mention)', () => {
    const { allowed_mentions: _, ...payload } = answer();
    expect(checkMessagePayload(payload, CREATES)).toContain(
      'no allowed_mentions: Discord would parse every mention',
    );
  });

  it('catches a user pinged who was not asked for, and a ping of the target when nobody may be', () => {
    const payload = answer({
      content: `<@${STRANGER}> look`,
      allowed_mentions: { ...NOBODY, users: [STRANGER] },
    });
    const problems = checkMessagePayload(payload, { ...CREATES, mayPing: TARGET }).join('\n');
    expect(problems).toContain(`allowed_mentions.users is ["${STRANGER}"]`);
    expect(problems).toContain(`would ping ${STRANGER}`);
    const target = answer({ content: `<@${TARGET}>`, allowed_mentions: { ...NOBODY, users: [TARGET] } });
    expect(checkMessagePayload(target, CREATES).join('\n')).toContain(`would ping ${TARGET}`);
  });

  it('catches a mention pill or a role pill in the content, but not an escaped one', () => {
    expect(checkMessagePayload(answer({ content: `hi <@!${STRANGER}>` }), CREATES)).toEqual([
      `content shows a mention pill <@!${STRANGER}> that was not asked for`,
    ]);
    // A role never: even the mention target's id as a role.
    expect(
      checkMessagePayload(answer({ content: `<@&${TARGET}>` }), { ...CREATES, mayPing: TARGET }),
    ).toEqual([`content shows a mention pill <@&${TARGET}> that was not asked for`]);
    expect(checkMessagePayload(answer({ content: `hi \\<@${STRANGER}>` }), CREATES)).toEqual([]);
  });

  it('catches replied_user: true (a reply to a mention would ping its author)', () => {
    const problems = checkMessagePayload(
      answer({ allowed_mentions: { ...NOBODY, replied_user: true } }),
      CREATES,
    );
    expect(problems).toEqual(['allowed_mentions.replied_user is true']);
  });

  it('pinged: who Discord would ping, from allowed_mentions and the content', () => {
    expect(pinged(answer())).toEqual([]);
    expect(pinged({ content: `<@${TARGET}> <@${STRANGER}>`, allowed_mentions: { users: [TARGET] } })).toEqual(
      [TARGET],
    );
    expect(
      pinged({ content: '@everyone <@&1>', allowed_mentions: { parse: ['everyone', 'roles'] } }),
    ).toEqual(['@everyone', 'role']);
    expect(pinged({ content: 'x' })).toEqual(['<no allowed_mentions: Discord parses everything>']);
  });
});

describe('sizes, judged with the local server’s limits', () => {
  it('catches content one character over', () => {
    const problems = checkMessagePayload(
      answer({ content: 'x'.repeat(DISCORD_LIMITS.content + 1) }),
      CREATES,
    );
    expect(problems).toEqual([
      `content is ${DISCORD_LIMITS.content + 1} long (max ${DISCORD_LIMITS.content})`,
    ]);
  });

  it('catches an oversize embed: a description over 4,096, a title over 256', () => {
    const payload = answer({
      embeds: [
        {
          title: 't'.repeat(DISCORD_LIMITS.embedTitle + 1),
          description: 'd'.repeat(DISCORD_LIMITS.embedDescription + 1),
        },
      ],
    });
    const problems = checkMessagePayload(payload, CREATES).join('\n');
    expect(problems).toContain(`embeds[0].title is ${DISCORD_LIMITS.embedTitle + 1} long`);
    expect(problems).toContain(`embeds[0].description is ${DISCORD_LIMITS.embedDescription + 1} long`);
  });

  it('catches embeds whose parts each fit but whose total is over 6,000 characters', () => {
    const half = 'x'.repeat(DISCORD_LIMITS.embedTotal / 2);
    const payload = answer({ embeds: [{ description: half }, { description: `${half}!` }] });
    expect(checkMessagePayload(payload, CREATES)).toEqual([
      `embeds total ${DISCORD_LIMITS.embedTotal + 1} characters (max ${DISCORD_LIMITS.embedTotal})`,
    ]);
  });

  it('catches too many embeds, fields, rows and buttons, and an over-long field, label or custom_id', () => {
    const button = (i: number) => ({ type: 2, label: `b${i}`, custom_id: `more:${i}` });
    const payload = answer({
      embeds: Array.from({ length: DISCORD_LIMITS.embeds + 1 }, (_, i) => ({ title: `e${i}` })),
      components: Array.from({ length: DISCORD_LIMITS.actionRows + 1 }, () => ({
        type: 1,
        components: Array.from({ length: DISCORD_LIMITS.rowComponents + 1 }, (_, i) => button(i)),
      })),
    });
    const problems = checkMessagePayload(payload, CREATES).join('\n');
    expect(problems).toContain(`embeds is ${DISCORD_LIMITS.embeds + 1} long`);
    expect(problems).toContain(`components is ${DISCORD_LIMITS.actionRows + 1} long`);
    expect(problems).toContain(`components[0].components is ${DISCORD_LIMITS.rowComponents + 1} long`);

    const parts = answer({
      embeds: [
        { fields: Array.from({ length: DISCORD_LIMITS.embedFields + 1 }, () => ({ name: 'n', value: 'v' })) },
      ],
      components: [
        {
          type: 1,
          components: [
            {
              type: 2,
              label: 'l'.repeat(DISCORD_LIMITS.buttonLabel + 1),
              custom_id: 'c'.repeat(DISCORD_LIMITS.customId + 1),
            },
            { type: 2, label: 'empty', custom_id: '' },
          ],
        },
      ],
    });
    const partProblems = checkMessagePayload(parts, CREATES).join('\n');
    expect(partProblems).toContain(`embeds[0].fields is ${DISCORD_LIMITS.embedFields + 1} long`);
    expect(partProblems).toContain(`components[0][0].label is ${DISCORD_LIMITS.buttonLabel + 1} long`);
    expect(partProblems).toContain(`components[0][0].custom_id is ${DISCORD_LIMITS.customId + 1} long`);
    expect(partProblems).toContain('components[0][1].custom_id is empty');
  });

  it("catches an empty new message, and every URL the local server's rule refuses", () => {
    expect(checkMessagePayload({ content: '', allowed_mentions: NOBODY }, CREATES)).toEqual([
      'empty message: no content, embeds or components',
    ]);
    const payload = answer({
      embeds: [
        {
          title: 't',
          url: 'javascript:alert(1)',
          author: {
            name: 'a',
            url: 'https://news.example.org/a',
            icon_url: 'https://news site.example/i.png',
          },
          image: { url: 'attachment://chart.png' },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 5, label: 'Read', url: `https://news.example.org/${'a'.repeat(2048)}` },
          ],
        },
      ],
    });
    expect(checkMessagePayload(payload, CREATES)).toEqual([
      'embeds[0].url is not a link Discord takes (URL_TYPE_INVALID_SCHEME): "javascript:alert(1)"',
      'embeds[0].author.icon_url is not a link Discord takes (URL_TYPE_INVALID_URL): "https://news site.example/i.png"',
      expect.stringMatching(
        /^components\[0\]\.components\[0\]\.url is not a link Discord takes \(BASE_TYPE_MAX_LENGTH\)/,
      ),
    ]);
  });

  it('catches 26 autocomplete choices', () => {
    expect(checkChoices(choices(DISCORD_LIMITS.choices + 1), WELL_FORMED)).toEqual([
      `choices is ${DISCORD_LIMITS.choices + 1} long (max ${DISCORD_LIMITS.choices})`,
    ]);
  });

  it('catches choices out of 1–100 characters, with surrounding whitespace, or missing altogether', () => {
    const problems = checkChoices(
      {
        choices: [
          { name: '', value: 'a' },
          { name: 'x'.repeat(DISCORD_LIMITS.choiceText + 1), value: 'b' },
          { name: ' armenia', value: 'c' },
          { name: 'd', value: 4 },
        ],
      },
      WELL_FORMED,
    );
    expect(problems).toHaveLength(4);
    expect(problems[2]).toContain('surrounding whitespace');
    expect(checkChoices({}, WELL_FORMED)).toEqual(['autocomplete result without a choices array']);
  });
});

describe('lone surrogates', () => {
  it('hasLoneSurrogate: half an emoji is one, a whole emoji or an astral letter is not', () => {
    expect(hasLoneSurrogate('ok\ud83d')).toBe(true);
    expect(hasLoneSurrogate('\ude00 ok')).toBe(true);
    expect(hasLoneSurrogate('\udfff\ud800')).toBe(true);
    expect(hasLoneSurrogate('ok 😀 \u{1d54f}')).toBe(false);
  });

  it('catches half an emoji cut by the bot when the input was well-formed, anywhere in the payload', () => {
    const inFooter = answer({ embeds: [{ title: 't', footer: { text: 'cut 😀'.slice(0, -1) } }] });
    expect(checkMessagePayload(inFooter, CREATES)).toEqual([expect.stringContaining('a lone surrogate')]);
    const inChoice = { choices: [{ name: 'ok\ud83d', value: 'ok' }] };
    expect(checkChoices(inChoice, WELL_FORMED)).toEqual([expect.stringContaining('lone surrogate')]);
  });

  it('lets a lone surrogate through when the input had one (the bot may echo what it was given)', () => {
    const echoed = answer({ content: 'you asked: \ud800' });
    expect(checkMessagePayload(echoed, { wellFormedInput: false, creates: true })).toEqual([]);
    expect(checkChoices({ choices: [{ name: 'a\ud800', value: 'a' }] }, { wellFormedInput: false })).toEqual(
      [],
    );
  });
});

describe('checkRequest: each endpoint judged by what it carries', () => {
  const callback = '/interactions/300000000000000001/token/callback';

  it('judges a reply callback (4) as a new message and an update (7) as an edit', () => {
    expect(checkRequest(request('POST', callback, { type: 4, data: answer() }), WELL_FORMED)).toEqual([]);
    const empty = { content: '', allowed_mentions: NOBODY };
    expect(checkRequest(request('POST', callback, { type: 4, data: empty }), WELL_FORMED)).toEqual([
      'empty message: no content, embeds or components',
    ]);
    expect(checkRequest(request('POST', callback, { type: 7, data: empty }), WELL_FORMED)).toEqual([]);
  });

  it('judges an autocomplete callback (8) as choices, and passes deferrals (5, 6)', () => {
    const tooMany = { type: 8, data: choices(DISCORD_LIMITS.choices + 1) };
    expect(checkRequest(request('POST', callback, tooMany), WELL_FORMED)).toHaveLength(1);
    expect(checkRequest(request('POST', callback, { type: 5 }), WELL_FORMED)).toEqual([]);
    expect(checkRequest(request('POST', callback, { type: 6 }), WELL_FORMED)).toEqual([]);
    expect(checkRequest(request('POST', callback, { type: 9 }), WELL_FORMED)).toEqual([
      'unexpected callback type 9',
    ]);
  });

  it('judges channel messages and webhook edits, and ignores reads', () => {
    const ping = answer({ content: '@everyone' });
    expect(
      checkRequest(request('POST', '/channels/110000000000000077/messages', ping), WELL_FORMED),
    ).toHaveLength(1);
    expect(
      checkRequest(request('PATCH', '/webhooks/1/token/messages/@original', ping), WELL_FORMED),
    ).toHaveLength(1);
    expect(checkRequest(request('GET', '/channels/110000000000000077/messages', ping), WELL_FORMED)).toEqual(
      [],
    );
  });

  it('reports a request Discord refused, unless a fault rule of the test made it fail', () => {
    const refused = request('POST', '/channels/1/messages', answer(), 400);
    expect(checkRequest(refused, WELL_FORMED)).toEqual(['POST /channels/1/messages was refused: 400']);
    const faulted = request('POST', '/channels/1/messages', answer(), 429, true);
    expect(checkRequest(faulted, WELL_FORMED)).toEqual([]);
  });
});
