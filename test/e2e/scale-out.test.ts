/**
 * Several machines, on one: two HTTP replicas (`npm run start:http`) and one gateway process (`npm start`), each
 * its own Node process with its own data directory, sharing one Postgres (a throwaway cluster of this file's own,
 * since it is restarted mid-run). The local Discord-protocol server POSTs interactions to the replica a load
 * balancer would pick (`endpoint`). Every wait is on an event: a callback, a log line, a process exit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Json, LocalDiscordServer, LocalUser } from '../../src/local-discord/server.ts';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import {
  configure,
  MODERATOR_PERMISSIONS as MODERATOR,
  type ScriptProcess,
  sendQuestion,
  serverEnv,
  spawnScript,
  startDiscord,
} from '../support/bot.ts';
import { tempDir } from '../support/corpus.ts';
import { freePort } from '../support/net.ts';
import { startCluster, type TestCluster } from '../support/postgres.ts';

const GUILD = '100000000000000081';
const CHANNEL = '110000000000000081';
const BOT: LocalUser = { id: '190000000000000081', username: 'CSTO answers', bot: true };
const mod: LocalUser = { id: '200000000000000081', username: 'mod' };
const member = (n: number): LocalUser => ({
  id: String(200000000000000100n + BigInt(n)),
  username: `member${n}`,
});

let cluster: TestCluster;
let databaseUrl: string;
let server: LocalDiscordServer;
const replicas: { process: ScriptProcess; url: string; health: string }[] = [];
let gateway: ScriptProcess;

async function startReplica(): Promise<{ process: ScriptProcess; url: string; health: string }> {
  const port = await freePort();
  const healthPort = await freePort();
  const process = spawnScript(
    'src/main/start.ts',
    {
      ...serverEnv(server),
      DATABASE_URL: databaseUrl,
      INTERACTIONS_PORT: String(port),
      DISCORD_PUBLIC_KEY: server.publicKey,
      HTTP_PORT: String(healthPort),
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'info',
    },
    ['--http'],
  );
  await process.logLine((line) => line.msg?.startsWith('serving the interactions endpoint'));
  return {
    process,
    url: `http://127.0.0.1:${port}/interactions`,
    health: `http://127.0.0.1:${healthPort}/healthz`,
  };
}

beforeAll(async () => {
  if (inject('postgresUrl') === '') return;
  cluster = await startCluster();
  databaseUrl = await cluster.createDatabase();
  server = await startDiscord({
    botUser: BOT,
    guilds: [{ id: GUILD, name: 'Scaled Guild', ownerId: mod.id, channels: [{ id: CHANNEL, name: 'news' }] }],
  });
  gateway = spawnScript('src/main/start.ts', {
    ...serverEnv(server),
    DATABASE_URL: databaseUrl,
    DATA_DIR: tempDir(),
    LOG_LEVEL: 'info',
  });
  const connected = gateway.logLine((line) => line.msg === 'connected to Discord');
  replicas.push(...(await Promise.all([startReplica(), startReplica()])));
  await connected;
  // As in the Developer Portal: saving the URL makes Discord PING it (and send a forged request) first.
  await server.setInteractionsEndpoint(replicas[0]?.url ?? '');
  await server.setInteractionsEndpoint(replicas[1]?.url ?? '');
}, 60_000);

afterAll(async () => {
  for (const child of [gateway, ...replicas.map((replica) => replica.process)]) {
    if (child && child.child.exitCode === null && child.child.signalCode === null) {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  }
  await server?.close();
  await cluster?.destroy();
});

const via = (replica: number) => replicas[replica]?.url as string;

/** `/csto-config <sub> [option]` as the moderator, through `replica`. */
const configureVia = (replica: number, sub: string, options: Json[] = []) =>
  configure(server, [sub], options, {
    user: mod,
    permissions: MODERATOR,
    channelId: CHANNEL,
    endpoint: via(replica),
  }).callback;

const ask = (replica: number, user: LocalUser, query = 'armenia') =>
  sendQuestion(server, query, { user, channelId: CHANNEL, endpoint: via(replica) }).callback;

/** Resolves once `process` has applied a change of GUILD made by another process. */
const hears = (process: ScriptProcess) =>
  process.logLine((line) => line.msg === 'settings changed by another process' && line.guild === GUILD);

describe.skipIf(inject('postgresUrl') === '')(
  'two HTTP replicas and a gateway process on one Postgres',
  () => {
    it('a setting changed through one replica is obeyed by the other replica and the gateway process', async () => {
      const heard = Promise.all([hears(replicas[1]?.process as ScriptProcess), hears(gateway)]);
      const change = await configureVia(0, 'results', [{ name: 'count', type: 4, value: 1 }]);
      expect(change.data.content).toBe('**Results:** now 1 per answer.');
      await heard;
      expect((await ask(1, member(1))).data.embeds).toHaveLength(1);

      const mention = server.sendMessage({
        content: `<@${BOT.id}> armenia`,
        author: member(1),
        channelId: CHANNEL,
      });
      const reply = await server.waitForRequest(
        (request) => request.body?.message_reference?.message_id === mention.id,
        15_000,
      );
      expect(reply.body.embeds).toHaveLength(1);
    });

    it('a cooldown started on one replica holds on the other', async () => {
      const heard = hears(replicas[1]?.process as ScriptProcess);
      await configureVia(0, 'cooldown', [{ name: 'seconds', type: 4, value: 600 }]);
      await heard;
      const asker = member(2);
      expect((await ask(0, asker)).data.embeds).toHaveLength(1);
      const refused = await ask(1, asker);
      expect(refused.data.content).toMatch(/on cooldown here: you can ask again <t:\d+:R>/);
      expect((await ask(1, member(3))).data.embeds).toHaveLength(1);

      const cleared = hears(replicas[0]?.process as ScriptProcess);
      await configureVia(1, 'cooldown', [{ name: 'seconds', type: 4, value: 0 }]);
      await cleared;
    });

    it('when Postgres restarts mid-run, a replica keeps answering with the last settings and then catches up', async () => {
      const replica = replicas[1]?.process as ScriptProcess;
      const lost = replica.logLine((line) => line.msg?.startsWith('settings database connection lost'));
      await cluster.stop();
      await lost;
      // Still answering, with results = 1 from before the outage (the cooldown claim is let through).
      expect((await ask(1, member(4))).data.embeds).toHaveLength(1);
      const health = configureVia(1, 'show');
      expect((await health).data.embeds[0].description).toContain('**Results:** 1');

      const back = replica.logLine((line) => line.msg === 'settings database reconnected');
      await cluster.start();
      await back;
      // Another process changes a setting: the replica hears of it and the next question obeys.
      const heard = hears(replica);
      const elsewhere = await PostgresSettingsStore.open(databaseUrl);
      try {
        await elsewhere.set(GUILD, mod.id, 'results', 3);
      } finally {
        await elsewhere.close();
      }
      await heard;
      expect((await ask(1, member(5))).data.embeds).toHaveLength(3);
    });

    it('a replica SIGKILLed mid-burst loses no acknowledged change', async () => {
      const victim = replicas[0]?.process as ScriptProcess;
      const KILL_AT = 10;
      const acknowledged: number[] = [];
      const killed = new Promise<void>((resolve) => {
        for (let seconds = 1; seconds <= 60; seconds++) {
          void configureVia(0, 'cooldown', [{ name: 'seconds', type: 4, value: seconds }]).then(
            (response: Json) => {
              if (!String(response.data.content).startsWith('**Cooldown:** now')) return;
              acknowledged.push(seconds);
              if (acknowledged.length === KILL_AT) {
                victim.child.kill('SIGKILL');
                resolve();
              }
            },
          );
        }
      });
      await killed;
      await victim.exited;
      expect(victim.child.signalCode).toBe('SIGKILL');
      const store = await PostgresSettingsStore.open(databaseUrl);
      try {
        const saved = (await store.history(GUILD, 1000))
          .filter((change) => change.setting === 'cooldown')
          .map((change) => Number(change.newValue));
        expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AT);
        for (const seconds of acknowledged) expect(saved).toContain(seconds);
      } finally {
        await store.close();
      }
      // The other replica answers on.
      expect((await ask(1, member(6))).data.embeds.length).toBeGreaterThan(0);
    });
  },
);
