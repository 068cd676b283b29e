/**
 * Cooldowns shared by every process through Postgres (`DATABASE_URL`): one atomic statement per claim, so two
 * processes answering the same member at the same instant cannot both start a cooldown. The table (created by
 * the settings migrations, `src/settings/postgres-schema.ts`) is unlogged: a crash of the database empties it,
 * which only ends cooldowns early.
 */
import type pg from 'pg';
import type { CooldownStore } from './cooldowns.ts';

/** Expired rows are deleted once per this many claims, so the table holds little more than live cooldowns. */
export const SWEEP_EVERY = 500;
/**
 * A claim the database does not settle within this time is let through: while Postgres is unreachable the bot
 * keeps answering (without cooldowns) instead of failing every question or missing Discord's 3 s deadline.
 */
const CLAIM_DEADLINE_MS = 500;

export class PostgresCooldowns implements CooldownStore {
  #claims = 0;

  readonly #pool: pg.Pool;
  /** Told when a claim failed or timed out and was let through. */
  readonly #onFailure: (error: unknown) => void;

  constructor(pool: pg.Pool, onFailure: (error: unknown) => void = () => undefined) {
    this.#pool = pool;
    this.#onFailure = onFailure;
  }

  async claim(guildId: string, userId: string, seconds: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from Postgres within ${CLAIM_DEADLINE_MS} ms`)),
        CLAIM_DEADLINE_MS,
      );
    });
    try {
      return await Promise.race([this.#claimNow(`${guildId}:${userId}`, seconds), deadline]);
    } catch (error) {
      this.#onFailure(error);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One statement claims: it inserts the cooldown, or replaces an expired one, and returns a row only then
   * (RETURNING gives nothing when the conflict's WHERE fails), so exactly one of any number of concurrent claims
   * wins. A loser reads when the running cooldown ends; should it have ended or been swept in between, it
   * claims again. With `seconds` 0 an answer starts no cooldown: the row is only read. Times come from the
   * database's clock, which every process shares.
   */
  async #claimNow(key: string, seconds: number): Promise<number | null> {
    if (++this.#claims % SWEEP_EVERY === 0) await this.#sweep();
    for (;;) {
      if (seconds > 0) {
        const claimed = await this.#pool.query(
          `INSERT INTO cooldowns (key, expires_at) VALUES ($1, now() + $2 * interval '1 second')
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE cooldowns.expires_at <= now()
           RETURNING expires_at`,
          [key, seconds],
        );
        if (claimed.rowCount === 1) return null;
      }
      const { rows } = await this.#pool.query<{ until: string }>(
        `SELECT (extract(epoch FROM expires_at) * 1000)::bigint AS until FROM cooldowns
         WHERE key = $1 AND expires_at > now()`,
        [key],
      );
      if (rows[0]) return Number(rows[0].until);
      if (seconds <= 0) return null;
    }
  }

  async #sweep(): Promise<void> {
    await this.#pool.query('DELETE FROM cooldowns WHERE expires_at <= now()').catch(() => undefined);
  }
}
