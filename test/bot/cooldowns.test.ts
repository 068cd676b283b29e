/**
 * Cooldown claims, in memory and in Postgres: one winner among concurrent claims, a running cooldown reported
 * and left alone, expiry, and (Postgres) a table that stays bounded.
 */
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  DEFAULT_BURST_ANSWERS as BURST_ANSWERS,
  BURST_WINDOW_MS,
  BurstLimiter,
  Cooldowns,
} from '../../src/bot/cooldowns.ts';
import { PostgresCooldowns, SWEEP_EVERY } from '../../src/bot/postgres-cooldowns.ts';
import { PostgresSettingsStore } from '../../src/settings/postgres.ts';
import { createDatabase } from '../support/postgres.ts';

const GUILD = '100000000000000091';
const ALICE = '200000000000000091';
const BOB = '200000000000000092';
const postgresUrl = inject('postgresUrl');

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('in-memory cooldowns', () => {
  it('a claim starts a cooldown, a second is refused with its end, and it ends on time', async () => {
    let now = 1_000_000;
    const cooldowns = new Cooldowns(() => now);
    expect(await cooldowns.claim(GUILD, ALICE, 0)).toBeNull(); // 0 starts nothing
    expect(await cooldowns.claim(GUILD, ALICE, 30)).toBeNull();
    expect(await cooldowns.claim(GUILD, ALICE, 30)).toBe(1_030_000);
    expect(await cooldowns.claim(GUILD, ALICE, 0)).toBe(1_030_000);
    expect(await cooldowns.claim(GUILD, BOB, 30)).toBeNull();
    now = 1_030_000;
    expect(await cooldowns.claim(GUILD, ALICE, 30)).toBeNull();
  });

  it('expired cooldowns are let go as time passes, live ones kept, with 50,000 members', async () => {
    const time = clock();
    const cooldowns = new Cooldowns(time.now);
    for (let i = 0; i < 50_000; i++) await cooldowns.claim(GUILD, `short${i}`, 5);
    await cooldowns.claim(GUILD, 'long', 3600);
    expect(cooldowns.size).toBe(50_001);
    time.advance(6_000);
    expect(await cooldowns.claim(GUILD, 'next', 10)).toBeNull();
    expect(cooldowns.size).toBe(2);
    expect(await cooldowns.claim(GUILD, 'long', 10)).toBe(1_000_000 + 3_600_000);
  });
});

describe('BurstLimiter.take', () => {
  it(`allows ${BURST_ANSWERS} answers per ${BURST_WINDOW_MS / 1000} s per member, on a sliding window`, () => {
    const time = clock();
    const burst = new BurstLimiter(BURST_ANSWERS, time.now);
    const first = time.now();
    for (let i = 0; i < BURST_ANSWERS; i++) {
      expect(burst.take(GUILD, 'a')).toBeNull();
      time.advance(1000);
    }
    expect(burst.take(GUILD, 'a')).toBe(first + BURST_WINDOW_MS);
    expect(burst.take(GUILD, 'b')).toBeNull();
    time.advance(first + BURST_WINDOW_MS - time.now());
    expect(burst.take(GUILD, 'a')).toBeNull(); // the oldest slot came free
    expect(burst.take(GUILD, 'a')).not.toBeNull();
  });
});

describe.skipIf(postgresUrl === '')('Postgres cooldowns', () => {
  const stores: PostgresSettingsStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });
  /** A fresh database with the schema, and `count` processes' cooldown stores on it. */
  const processes = async (count: number) => {
    const url = await createDatabase(postgresUrl);
    const opened = await Promise.all(Array.from({ length: count }, () => PostgresSettingsStore.open(url)));
    stores.push(...opened);
    return {
      url,
      cooldowns: opened.map((store) => new PostgresCooldowns(store.pool)),
      pool: opened[0]?.pool,
    };
  };

  it('of 20 claims from two processes at once, exactly one wins; the others learn when it ends', async () => {
    const { cooldowns } = await processes(2);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cooldowns[i % 2]?.claim(GUILD, ALICE, 60) ?? null),
    );
    expect(results.filter((until) => until === null)).toHaveLength(1);
    const ends = new Set(results.filter((until) => until !== null));
    expect(ends.size).toBe(1);
    const [end] = ends;
    // Ends about 60 s from now (the database's clock; allow for skew and a loaded machine).
    expect(end).toBeGreaterThan(started + 50_000);
    expect(end).toBeLessThan(Date.now() + 70_000);
    // Another member, and "nothing found" (0 s) for the one on cooldown, start nothing.
    expect(await cooldowns[1]?.claim(GUILD, BOB, 60)).toBeNull();
    expect(await cooldowns[0]?.claim(GUILD, ALICE, 0)).toBe(end);
  });

  it('once a cooldown has expired, the next claim wins again', async () => {
    const { cooldowns, pool } = await processes(1);
    const [one] = cooldowns;
    expect(await one?.claim(GUILD, ALICE, 600)).toBeNull();
    expect(await one?.claim(GUILD, ALICE, 600)).not.toBeNull();
    await pool?.query("UPDATE cooldowns SET expires_at = now() - interval '1 second'");
    expect(await one?.claim(GUILD, ALICE, 0)).toBeNull();
    expect(await one?.claim(GUILD, ALICE, 600)).toBeNull();
  });

  it('expired rows are swept as claims go on, so the table stays bounded', async () => {
    const { cooldowns, pool } = await processes(1);
    await pool?.query(
      `INSERT INTO cooldowns (key, expires_at)
       SELECT 'g:' || i, now() - interval '1 minute' FROM generate_series(1, 5000) AS i`,
    );
    for (let i = 0; i < SWEEP_EVERY; i++) await cooldowns[0]?.claim(GUILD, ALICE, 0);
    const count = await pool?.query<{ n: string }>('SELECT count(*) AS n FROM cooldowns');
    expect(Number(count?.rows[0]?.n)).toBe(0);
  });

  it('when Postgres does not answer, a claim lets the question through instead of failing it', async () => {
    const failures: unknown[] = [];
    const broken = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    const cooldowns = new PostgresCooldowns(broken, (error) => failures.push(error));
    expect(await cooldowns.claim(GUILD, ALICE, 60)).toBeNull();
    expect(failures).toHaveLength(1);
    await broken.end();
  });
});
