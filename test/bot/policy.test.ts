/** The gate before every answer: the channel allow list, then the per-member burst floor. */
import { describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/bot/context.ts';
import { BURST_WINDOW_MS, BurstLimiter } from '../../src/bot/cooldowns.ts';
import { channelAllowed, cooldownNotice, gateQuestion } from '../../src/bot/policy.ts';
import { ru } from '../../src/i18n/ru.ts';
import { DEFAULT_SETTINGS, type GuildSettings } from '../../src/settings/schema.ts';

const GUILD = '100000000000000001';
const NEWS = '110000000000000001';
const GENERAL = '110000000000000002';
const MEMBER = '200000000000000001';
const onlyNews: GuildSettings = { ...DEFAULT_SETTINGS, channels: [NEWS] };

/** What the gate reads from the bot's context: the settings, the burst floor and the command's name. */
function context(settings: GuildSettings, burst = new BurstLimiter(2, () => 0)): BotContext {
  return { settings: { get: () => settings }, burst, command: 'csto' } as unknown as BotContext;
}

describe('channelAllowed', () => {
  it('allows every channel while the allow list is empty, and then only the listed ones', () => {
    expect(channelAllowed(DEFAULT_SETTINGS, GENERAL)).toBe(true);
    expect(channelAllowed(onlyNews, NEWS)).toBe(true);
    expect(channelAllowed(onlyNews, GENERAL)).toBe(false);
    expect(channelAllowed(onlyNews, null)).toBe(false);
  });
});

describe('gateQuestion', () => {
  const where = (channelId: string) => ({ guildId: GUILD, channelId, userId: MEMBER });

  it('opens with the guild settings where the bot is enabled', () => {
    expect(gateQuestion(context(onlyNews), where(NEWS))).toEqual({ open: true, settings: onlyNews });
  });

  it('refuses privately elsewhere, telling the member how moderators enable it, in their language', () => {
    const gate = gateQuestion(context(onlyNews), where(GENERAL));
    expect(gate).toMatchObject({ open: false, reason: 'not-enabled' });
    if (gate.open) return;
    expect(gate.payload.ephemeral).toBe(true);
    expect(gate.payload.allowedUsers).toEqual([]);
    expect(gate.payload.content).toContain('/csto-config channels add');
    const inRussian = gateQuestion(context(onlyNews), where(GENERAL), ru);
    expect(inRussian.open ? '' : inRussian.payload.content).toContain('Модераторы');
  });

  it('refuses a member over the burst floor until the window has passed', () => {
    let now = 0;
    const gate = context(DEFAULT_SETTINGS, new BurstLimiter(2, () => now));
    expect(gateQuestion(gate, where(NEWS)).open).toBe(true);
    expect(gateQuestion(gate, where(NEWS)).open).toBe(true);
    const refused = gateQuestion(gate, where(NEWS));
    expect(refused).toMatchObject({ open: false, reason: 'rate-limited' });
    expect(refused.open ? '' : refused.payload.content).toMatch(/<t:\d+:R>/);
    now = BURST_WINDOW_MS;
    expect(gateQuestion(gate, where(NEWS)).open).toBe(true);
  });

  it('does not spend the burst floor on a channel where the bot is not enabled', () => {
    const burst = new BurstLimiter(1, () => 0);
    expect(gateQuestion(context(onlyNews, burst), where(GENERAL)).open).toBe(false);
    expect(gateQuestion(context(onlyNews, burst), where(NEWS)).open).toBe(true);
  });
});

describe('cooldownNotice', () => {
  it("tells the member privately when they may ask again, in Discord's relative time, rounded up", () => {
    const notice = cooldownNotice(1_700_000_000_500);
    expect(notice.ephemeral).toBe(true);
    expect(notice.content).toBe("You're on cooldown here: you can ask again <t:1700000001:R>.");
  });
});
