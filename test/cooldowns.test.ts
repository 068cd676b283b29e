/** The cooldown store and the burst floor, on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BURST_ANSWERS as BURST_ANSWERS,
  BURST_WINDOW_MS,
  BurstLimiter,
  MemoryCooldowns,
} from '../src/bot/cooldowns.ts';

const G = '100000000000000001';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryCooldowns.claim', () => {
  it('claims once, then says when the member may ask again until the cooldown is over', async () => {
    const time = clock();
    const cooldowns = new MemoryCooldowns(time.now);
    expect(await cooldowns.claim(G, 'a', 10)).toBeNull();
    expect(await cooldowns.claim(G, 'a', 10)).toBe(time.now() + 10_000);
    expect(await cooldowns.claim(G, 'b', 10)).toBeNull(); // per member
    time.advance(10_000);
    expect(await cooldowns.claim(G, 'a', 10)).toBeNull();
  });

  it('with 0 seconds there is no cooldown at all', async () => {
    const cooldowns = new MemoryCooldowns(clock().now);
    expect(await cooldowns.claim(G, 'a', 0)).toBeNull();
    expect(await cooldowns.claim(G, 'a', 0)).toBeNull();
    expect(cooldowns.size).toBe(0);
  });

  it('expired cooldowns are let go as time passes, live ones kept, with 50,000 members', async () => {
    const time = clock();
    const cooldowns = new MemoryCooldowns(time.now);
    for (let i = 0; i < 50_000; i++) await cooldowns.claim(G, `short${i}`, 5);
    await cooldowns.claim(G, 'long', 3600);
    expect(cooldowns.size).toBe(50_001);
    time.advance(6_000);
    expect(await cooldowns.claim(G, 'next', 10)).toBeNull();
    expect(cooldowns.size).toBe(2);
    expect(await cooldowns.claim(G, 'long', 10)).toBe(1_000_000 + 3_600_000);
  });
});

describe('BurstLimiter.take', () => {
  it(`allows ${BURST_ANSWERS} answers per ${BURST_WINDOW_MS / 1000} s per member, on a sliding window`, () => {
    const time = clock();
    const burst = new BurstLimiter(BURST_ANSWERS, time.now);
    const first = time.now();
    for (let i = 0; i < BURST_ANSWERS; i++) {
      expect(burst.take(G, 'a')).toBeNull();
      time.advance(1000);
    }
    expect(burst.take(G, 'a')).toBe(first + BURST_WINDOW_MS);
    expect(burst.take(G, 'b')).toBeNull();
    time.advance(first + BURST_WINDOW_MS - time.now());
    expect(burst.take(G, 'a')).toBeNull(); // the oldest slot came free
    expect(burst.take(G, 'a')).not.toBeNull();
  });
});
