/**
 * Who may be answered now: the moderators' per-member cooldown and the built-in per-member burst floor, both
 * claimed atomically, so simultaneous requests cannot all slip through. Cooldowns are in memory by default
 * (one process: a cooldown is seconds to minutes long, so losing them on restart is harmless); in Postgres
 * when `DATABASE_URL` is set, so that a member on cooldown on one process is on cooldown on every process
 * (`postgres-cooldowns.ts`).
 */

export interface CooldownStore {
  /** Atomically claims an answer for this member: when they are not on cooldown, starts a cooldown of `seconds`
   *  (0 = none) and resolves null; otherwise resolves the epoch ms when they may ask again, changing nothing. */
  claim(guildId: string, userId: string, seconds: number): Promise<number | null>;
}

/**
 * Keys with an expiry time, dropped once expired without scanning the live ones: keys are filed in
 * one-second buckets by expiry, and each call empties only the buckets that have come due (amortised
 * constant work per key, however many are live).
 */
class Expiring<V extends { until: number }> {
  readonly #entries = new Map<string, V>();
  readonly #buckets = new Map<number, string[]>();
  /** The earliest second whose bucket may still hold keys. */
  #next = Number.NaN;

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, now: number): V | undefined {
    this.#expire(now);
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    this.#entries.set(key, value);
    const second = Math.ceil(value.until / 1000);
    const bucket = this.#buckets.get(second);
    if (bucket) bucket.push(key);
    else this.#buckets.set(second, [key]);
    if (!(second >= this.#next)) this.#next = second;
  }

  #expire(now: number): void {
    if (this.#buckets.size === 0) {
      this.#next = Number.NaN;
      return;
    }
    const due = Math.floor(now / 1000);
    for (; this.#next <= due && this.#buckets.size > 0; this.#next++) {
      for (const key of this.#buckets.get(this.#next) ?? []) {
        // A key filed again later (a new cooldown) stays until its latest expiry.
        const entry = this.#entries.get(key);
        if (entry && entry.until <= now) this.#entries.delete(key);
      }
      this.#buckets.delete(this.#next);
    }
  }
}

/** This process's cooldowns: seconds to minutes long, so losing them on restart is harmless. */
export class Cooldowns implements CooldownStore {
  readonly #until = new Expiring<{ until: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Live cooldowns (expired ones are dropped as time passes). */
  get size(): number {
    return this.#until.size;
  }

  claim(guildId: string, userId: string, seconds: number): Promise<number | null> {
    const key = `${guildId}:${userId}`;
    const now = this.#now();
    const current = this.#until.get(key, now);
    if (current && current.until > now) return Promise.resolve(current.until);
    if (seconds > 0) this.#until.set(key, { until: now + seconds * 1000 });
    return Promise.resolve(null);
  }
}

/**
 * The floor under every moderator setting: one member gets at most `answers` answers (default 5) per
 * `BURST_WINDOW_MS` in a server, even with the cooldown off, so nobody can flood a channel through the
 * bot. Moderators cannot change it; an operator can raise it (`BURST_ANSWERS`, e.g. for load tests that
 * play a crowd with one user), never turn it off. Kept per process (a server is served by one shard).
 */
export const DEFAULT_BURST_ANSWERS = 5;
export const BURST_WINDOW_MS = 10_000;

export class BurstLimiter {
  /** Per member, the times of their latest answers (at most `answers`), oldest first. */
  readonly #recent = new Expiring<{ until: number; times: number[] }>();
  readonly #answers: number;
  readonly #now: () => number;

  constructor(answers = DEFAULT_BURST_ANSWERS, now: () => number = Date.now) {
    this.#answers = Math.max(1, answers);
    this.#now = now;
  }

  /** Takes one answer for this member: null when within the floor, else the epoch ms of the next free slot. */
  take(guildId: string, userId: string): number | null {
    const key = `${guildId}:${userId}`;
    const now = this.#now();
    const times = (this.#recent.get(key, now)?.times ?? []).filter((at) => at > now - BURST_WINDOW_MS);
    if (times.length >= this.#answers) return (times[0] as number) + BURST_WINDOW_MS;
    times.push(now);
    this.#recent.set(key, { until: now + BURST_WINDOW_MS, times });
    return null;
  }
}
