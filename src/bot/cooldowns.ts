/**
 * Per-member cooldowns, per guild. In memory by default (one process: a cooldown is seconds to minutes long,
 * so losing them on restart is harmless); in Postgres when `DATABASE_URL` is set, so that a member on cooldown
 * on one process is on cooldown on every process (`postgres-cooldowns.ts`).
 */
export interface CooldownStore {
  /** Atomically claims an answer for this member: when they are not on cooldown, starts a cooldown of `seconds`
   *  (0 = none) and resolves null; otherwise resolves the epoch ms when they may ask again, changing nothing. */
  claim(guildId: string, userId: string, seconds: number): Promise<number | null>;
}

export class Cooldowns implements CooldownStore {
  readonly #until = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async claim(guildId: string, userId: string, seconds: number): Promise<number | null> {
    const key = `${guildId}:${userId}`;
    const now = this.#now();
    const until = this.#until.get(key);
    if (until !== undefined && until > now) return until;
    this.#until.delete(key);
    if (seconds > 0) {
      this.#sweep(now);
      this.#until.set(key, now + seconds * 1000);
    }
    return null;
  }

  /** Keeps the map from growing with users who never come back. */
  #sweep(now: number): void {
    if (this.#until.size < 10_000) return;
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
