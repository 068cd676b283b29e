/**
 * HTTP interactions mode, end to end: the real bot (`startBot` in 'http' mode, as `npm run start:http`) behind
 * its interactions endpoint, with the local Discord-protocol server POSTing signed interactions to it as Discord
 * does. The same commands, autocomplete and buttons answer with the same payloads as over the gateway; every
 * request that is unsigned, tampered with, stale or replayed is refused before anything is parsed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/bot/interactions-endpoint.ts';
import { SIGNATURE_MAX_AGE_MS } from '../../src/bot/signature.ts';
import { InteractionSigner } from '../../src/local-discord/http-delivery.ts';
import {
  type Json,
  type LocalDiscordServer,
  type LocalUser,
  MEMBER_PERMISSIONS,
} from '../../src/local-discord/server.ts';
import {
  configure,
  EPHEMERAL,
  interactionsUrl,
  localGuild,
  MODERATOR_PERMISSIONS as MODERATOR,
  type RunningBot,
  sendAutocomplete,
  sendQuestion,
  startWorld,
} from '../support/bot.ts';

const GUILD = '100000000000000061';
const CHANNEL = '110000000000000061';
const mod: LocalUser = { id: '200000000000000061', username: 'mod' };
const member: LocalUser = { id: '200000000000000062', username: 'member' };

let server: LocalDiscordServer;
let running: RunningBot;
let url: string;

beforeAll(async () => {
  const world = await startWorld({
    guilds: [localGuild(GUILD, 'HTTP Guild', mod, { news: CHANNEL })],
    bot: { ownerIds: [mod.id] },
    mode: 'http',
  });
  ({ server, running } = world);
  url = interactionsUrl(running.config);
  return world.stop;
});

const ask = (query: string, user = member) => sendQuestion(server, query, { user, channelId: CHANNEL });

/** POSTs raw bytes to the endpoint with the given headers; resolves with the status. */
async function post(body: string | Buffer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** A real interaction payload (a /csto question) as Discord would send it, not yet signed. */
function interactionBody(id: string, query = 'armenia'): string {
  return JSON.stringify({
    id,
    application_id: server.applicationId,
    type: 2,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'news' },
    member: {
      user: { id: member.id, username: member.username, discriminator: '0', avatar: null, global_name: null },
      roles: [],
      joined_at: new Date().toISOString(),
      permissions: MEMBER_PERMISSIONS,
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: {
      type: 1,
      id: '120000000000000001',
      name: 'csto',
      options: [{ name: 'query', type: 3, value: query }],
    },
    app_permissions: MEMBER_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD },
    context: 0,
  });
}

/** Log lines of interactions the bot handled whose id starts with `prefix`. */
const handled = (prefix: string) =>
  running.logs.filter((line) => String(line.interaction ?? '').startsWith(prefix) && line.msg !== undefined);

describe('HTTP interactions mode', () => {
  it('answers /csto, autocomplete and a button with the same payloads as the gateway bot, and never logs in', async () => {
    const answer = await ask('why did Kyrgyzstan cancel the drills?').callback;
    expect(answer.type).toBe(4);
    expect(answer.data.embeds.length).toBeGreaterThan(0);
    expect(answer.data.allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });

    const choices = await sendAutocomplete(server, 'arm', { user: member, channelId: CHANNEL }).callback;
    expect(choices.type).toBe(8);
    expect(choices.data.choices.length).toBeGreaterThan(0);

    const message = server.messages().at(-1);
    const button = message.components[0].components.find((c: Json) => c.custom_id?.startsWith('para:'));
    const paragraph = await server.sendInteraction({
      type: 3,
      data: { custom_id: button.custom_id },
      user: member,
      channelId: CHANNEL,
      message,
    }).callback;
    expect(paragraph.data.embeds).toHaveLength(1);
    expect(paragraph.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(server.gatewayStats.identifies).toBe(0);
  });

  it("a moderator's change is acknowledged in the HTTP response and obeyed by the next question", async () => {
    const change = await configure(server, ['results'], [{ name: 'count', type: 4, value: 1 }], {
      user: mod,
      permissions: MODERATOR,
      channelId: CHANNEL,
    }).callback;
    expect(change.data.content).toBe('**Results:** now 1 per answer.');
    expect((await ask('armenia').callback).data.embeds).toHaveLength(1);
    await running.bot.context.settings.reset(GUILD, mod.id);
  });

  it('work that may pass 3 s is deferred in the HTTP response and finished over REST', async () => {
    const reload = server.sendInteraction({
      type: 2,
      data: { name: 'csto-admin', options: [{ name: 'reload', type: 1, options: [] }] },
      user: mod,
      channelId: CHANNEL,
    });
    expect((await reload.callback).type).toBe(5);
    const edit = await server.waitForRequest(
      (request) => request.method === 'PATCH' && request.path.includes(reload.token),
      10_000,
    );
    expect(edit.status).toBe(200);
    expect(edit.body.content).toMatch(/^Corpus reload: /);
  });

  it('refuses unsigned, tampered, forged and stale requests with 401 before handling anything (fast-check, 1,000 cases)', async () => {
    const signer = new InteractionSigner(); // another application's key: its signatures are forgeries here
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const attack = fc.oneof(
      fc.record({
        kind: fc.constant('unsigned' as const),
        drop: fc.constantFrom('signature', 'timestamp', 'both'),
      }),
      fc.record({
        kind: fc.constant('tampered body' as const),
        at: fc.nat(),
        byte: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({
        kind: fc.constant('tampered signature' as const),
        at: fc.nat({ max: 127 }),
        digit: fc.integer({ min: 1, max: 15 }),
      }),
      fc.record({
        kind: fc.constant('tampered timestamp' as const),
        delta: fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0),
      }),
      fc.record({ kind: fc.constant('other key' as const) }),
      fc.record({
        kind: fc.constant('stale' as const),
        skewSeconds: fc.oneof(
          fc.integer({ min: SIGNATURE_MAX_AGE_MS / 1000 + 2, max: 10 ** 7 }),
          fc.integer({ min: -(10 ** 7), max: -(SIGNATURE_MAX_AGE_MS / 1000 + 2) }),
        ),
      }),
      fc.record({
        kind: fc.constant('garbage headers' as const),
        signature: fc.string(),
        timestamp: fc.string(),
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        const body = interactionBody(String(900000000000000000n + BigInt(n++)));
        const timestamp = String(nowSeconds());
        const real = (ts: string, bytes: string | Buffer = body) => server.sign(ts, bytes);
        let sent: string | Buffer = body;
        let headers: Record<string, string>;
        switch (a.kind) {
          case 'unsigned':
            headers = { 'x-signature-ed25519': real(timestamp), 'x-signature-timestamp': timestamp };
            if (a.drop !== 'timestamp') delete headers['x-signature-ed25519'];
            if (a.drop !== 'signature') delete headers['x-signature-timestamp'];
            break;
          case 'tampered body': {
            const bytes = Buffer.from(body);
            const at = a.at % bytes.length;
            bytes[at] = (bytes[at] as number) ^ a.byte;
            sent = bytes;
            headers = { 'x-signature-ed25519': real(timestamp), 'x-signature-timestamp': timestamp };
            break;
          }
          case 'tampered signature': {
            const signature = real(timestamp);
            const digit = (Number.parseInt(signature[a.at] as string, 16) ^ a.digit).toString(16);
            headers = {
              'x-signature-ed25519': signature.slice(0, a.at) + digit + signature.slice(a.at + 1),
              'x-signature-timestamp': timestamp,
            };
            break;
          }
          case 'tampered timestamp':
            headers = {
              'x-signature-ed25519': real(timestamp),
              'x-signature-timestamp': String(nowSeconds() + a.delta),
            };
            break;
          case 'other key':
            headers = signer.headers(body);
            break;
          case 'stale': {
            const old = String(nowSeconds() + a.skewSeconds);
            headers = { 'x-signature-ed25519': real(old), 'x-signature-timestamp': old };
            break;
          }
          case 'garbage headers':
            headers = { 'x-signature-ed25519': a.signature, 'x-signature-timestamp': a.timestamp };
            break;
        }
        expect(await post(sent, headers)).toBe(401);
      }),
      { numRuns: 1000, seed: 11 },
    );
    // Not one of them reached a handler (their ids are 900000000000000000 + n; refusals are logged without one).
    expect(handled('900000000000000')).toEqual([]);
  });

  it('handles a correctly signed interaction once, and refuses the same request replayed', async () => {
    const body = interactionBody('910000000000000001');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'x-signature-ed25519': server.sign(timestamp, body),
      'x-signature-timestamp': timestamp,
    };
    const first = await fetch(url, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(((await first.json()) as Json).data.embeds.length).toBeGreaterThan(0);
    expect(await post(body, headers)).toBe(401);
  });

  it('answers PING with PONG, refuses an oversized body with 413 and other routes with 404/405', async () => {
    const ping = JSON.stringify({ id: '920000000000000001', type: 1, token: 't', version: 1 });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-signature-ed25519': server.sign(timestamp, ping), 'x-signature-timestamp': timestamp },
      body: ping,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ type: 1 });
    expect(await post(Buffer.alloc(MAX_BODY_BYTES + 1, 32), {})).toBe(413);
    expect((await fetch(url.replace('/interactions', '/other'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(url)).status).toBe(405);
  });
});
