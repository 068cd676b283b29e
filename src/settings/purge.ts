/**
 * The explicit purge of servers the bot was removed from (`npm run purge-settings`): settings are kept when the
 * bot leaves a server (removals are often undone), and deleted only when an operator asks, only for servers with
 * a recorded removal. See docs/settings.md ("Lifecycle").
 */
import type { GuildRemoval, SettingsStore } from './interface.ts';
import { assertSnowflake, SettingsValidationError } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What an operator asked to purge: these servers, and/or every server removed at least this many days ago. */
export interface PurgeRequest {
  guildIds: readonly string[];
  removedDaysAgo?: number;
}

export interface PurgedGuild extends GuildRemoval {
  /** Rows deleted. */
  settings: number;
  history: number;
}

/**
 * The recorded removals `request` selects, oldest first. A server asked for by id without a recorded removal
 * (the bot is still there, or never was) is refused: the whole request then changes nothing.
 */
export function selectPurge(
  removals: readonly GuildRemoval[],
  request: PurgeRequest,
  now: number,
): GuildRemoval[] {
  for (const guildId of request.guildIds) assertSnowflake(guildId, 'server id');
  const removed = new Set(removals.map((removal) => removal.guildId));
  const notRemoved = request.guildIds.filter((guildId) => !removed.has(guildId));
  if (notRemoved.length > 0) {
    throw new SettingsValidationError(
      `No removal is recorded for server ${notRemoved.join(', ')}: the bot is still there, or never was. ` +
        'Only servers the bot was removed from can be purged; nothing was purged.',
    );
  }
  const days = request.removedDaysAgo;
  return removals.filter(
    (removal) =>
      request.guildIds.includes(removal.guildId) ||
      (days !== undefined && now - Date.parse(removal.removedAt) >= days * DAY_MS),
  );
}

/** Deletes everything stored about the selected servers (one transaction each); returns what went. */
export async function purgeRemovedGuilds(
  store: SettingsStore,
  request: PurgeRequest,
  now = Date.now(),
): Promise<PurgedGuild[]> {
  const selected = selectPurge(await store.removedGuilds(), request, now);
  const purged: PurgedGuild[] = [];
  for (const removal of selected) purged.push({ ...removal, ...(await store.purgeGuild(removal.guildId)) });
  return purged;
}
