/**
 * The operator's purge (src/settings/purge.ts), through a real SQLite store: only servers with a recorded
 * removal go, chosen by id or by age; anything else is refused and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { purgeRemovedGuilds, selectPurge } from '../../src/settings/purge.ts';
import { SettingsValidationError } from '../../src/settings/schema.ts';
import { SqliteSettingsStore } from '../../src/settings/store.ts';
import { tempDir } from '../support/corpus.ts';

const OLD = '100000000000000081';
const RECENT = '100000000000000082';
const STAYING = '100000000000000083';
const MOD = '200000000000000081';
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-30T12:00:00Z');

const removals = [
  { guildId: OLD, removedAt: '2026-05-01T00:00:00.000Z' },
  { guildId: RECENT, removedAt: '2026-06-29T00:00:00.000Z' },
];

describe('selectPurge', () => {
  it('selects servers by id, by removal age, or both, oldest first', () => {
    expect(selectPurge(removals, { guildIds: [RECENT] }, NOW)).toEqual([removals[1]]);
    expect(selectPurge(removals, { guildIds: [], removedDaysAgo: 30 }, NOW)).toEqual([removals[0]]);
    expect(selectPurge(removals, { guildIds: [RECENT], removedDaysAgo: 30 }, NOW)).toEqual(removals);
    expect(selectPurge(removals, { guildIds: [], removedDaysAgo: 0 }, NOW)).toEqual(removals);
    expect(selectPurge(removals, { guildIds: [], removedDaysAgo: 365 }, NOW)).toEqual([]);
  });

  it('refuses a server without a recorded removal, and an id that is not one', () => {
    expect(() => selectPurge(removals, { guildIds: [OLD, STAYING] }, NOW)).toThrow(
      new SettingsValidationError(
        `No removal is recorded for server ${STAYING}: the bot is still there, or never was. ` +
          'Only servers the bot was removed from can be purged; nothing was purged.',
      ),
    );
    expect(() => selectPurge(removals, { guildIds: ['general'] }, NOW)).toThrow(/not a valid server id/);
  });
});

describe('purgeRemovedGuilds', () => {
  function storeWithThreeServers(now: () => number) {
    const store = SqliteSettingsStore.open(tempDir(), { now });
    for (const guild of [OLD, RECENT, STAYING]) {
      store.set(guild, MOD, 'results', 4);
      store.set(guild, MOD, 'cooldown', 30);
    }
    return store;
  }

  it('deletes the settings, history and removal of the servers selected, and nothing of the others', async () => {
    let clock = NOW - 60 * DAY;
    const store = storeWithThreeServers(() => clock);
    try {
      store.markGuildRemoved(OLD);
      clock = NOW - DAY;
      store.markGuildRemoved(RECENT);

      const purged = await purgeRemovedGuilds(store, { guildIds: [], removedDaysAgo: 30 }, NOW);
      expect(purged).toEqual([
        { guildId: OLD, removedAt: new Date(NOW - 60 * DAY).toISOString(), settings: 2, history: 2 },
      ]);
      expect(store.get(OLD)).toMatchObject({ results: 3, cooldown: 0 });
      expect(store.history(OLD)).toEqual([]);
      expect(store.removedGuilds().map((removal) => removal.guildId)).toEqual([RECENT]);
      expect(store.get(RECENT)).toMatchObject({ results: 4, cooldown: 30 });
      expect(store.get(STAYING)).toMatchObject({ results: 4, cooldown: 30 });
    } finally {
      store.close();
    }
  });

  it('changes nothing when one server asked for is still served', async () => {
    const store = storeWithThreeServers(() => NOW);
    try {
      store.markGuildRemoved(OLD);
      await expect(purgeRemovedGuilds(store, { guildIds: [OLD, STAYING] }, NOW)).rejects.toThrow(
        SettingsValidationError,
      );
      expect(store.get(OLD).results).toBe(4);
      expect(store.history(OLD)).toHaveLength(2);
      expect(store.removedGuilds()).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
