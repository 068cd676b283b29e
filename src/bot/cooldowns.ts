/**
 * Per-user cooldowns, per guild. Kept in memory: a cooldown is seconds to minutes long, so losing
 * them on restart is harmless, and a database write per question would not be.
 */
export class Cooldowns {
  readonly #until = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** When the user may ask again (epoch ms), or null when they may ask now. */
  remaining(guildId: string, userId: string): number | null {
    const until = this.#until.get(`${guildId}:${userId}`);
    if (until === undefined) return null;
    if (until <= this.#now()) {
      this.#until.delete(`${guildId}:${userId}`);
      return null;
    }
    return until;
  }

  /** Starts a cooldown after an answer; `seconds` 0 means none. */
  start(guildId: string, userId: string, seconds: number): void {
    if (seconds <= 0) return;
    this.#sweep();
    this.#until.set(`${guildId}:${userId}`, this.#now() + seconds * 1000);
  }

  /** Keeps the map from growing with users who never come back. */
  #sweep(): void {
    if (this.#until.size < 10_000) return;
    const now = this.#now();
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key);
  }
}
