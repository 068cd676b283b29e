/** `safeReply`, the one function every payload passes through before it is sent: pings, mass mentions, limits. */
import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { type ReplyPayload, safeReply } from '../../src/render/payload.ts';

const ASKER = '200000000000000001';
const TARGET = '200000000000000002';

const draft = (overrides: Partial<ReplyPayload> = {}): ReplyPayload => ({
  embeds: [],
  components: [],
  ephemeral: false,
  allowedUsers: [],
  ...overrides,
});

describe('safeReply', () => {
  it('shows an unasked user or role mention in the content as escaped text, so it cannot ping', () => {
    const reply = safeReply(draft({ content: `ask <@${ASKER}>, <@!${ASKER}> or <@&300000000000000001>` }));
    expect(reply.content).toBe(`ask \\<@${ASKER}\\>, \\<@!${ASKER}\\> or \\<@&300000000000000001\\>`);
    expect(reply.allowedUsers).toEqual([]);
  });

  it('lets the one mention target ping, and only when the content names them', () => {
    const named = safeReply(draft({ content: `<@${TARGET}>, see this`, allowedUsers: [TARGET, ASKER] }));
    expect(named.content).toBe(`<@${TARGET}>, see this`);
    expect(named.allowedUsers).toEqual([TARGET]);
    // Only the first allowed user counts: a second one stays escaped.
    const second = safeReply(draft({ content: `<@${ASKER}>`, allowedUsers: [TARGET, ASKER] }));
    expect(second.content).toBe(`\\<@${ASKER}\\>`);
    expect(safeReply(draft({ content: 'no one named', allowedUsers: [TARGET] })).allowedUsers).toEqual([]);
  });

  it('defuses @everyone and @here in the content, embed titles, descriptions and footers', () => {
    const reply = safeReply(
      draft({
        content: '@everyone look',
        embeds: [{ title: '@here', description: 'hi @Everyone', footer: { text: 'by <@1> for @here' } }],
      }),
    );
    const texts = [
      reply.content,
      reply.embeds[0]?.title,
      reply.embeds[0]?.description,
      reply.embeds[0]?.footer?.text,
    ];
    for (const text of texts) expect(text).not.toMatch(/@(everyone|here)/i);
    // A footer shows no markdown: a mention there is described, not shown as raw syntax.
    expect(reply.embeds[0]?.footer?.text).toBe('by @user for @\u200bhere');
  });

  it("meets Discord's limits by shortening, never by failing", () => {
    const long = 'word '.repeat(1000);
    const embeds: APIEmbed[] = Array.from({ length: 12 }, () => ({
      title: 't'.repeat(300),
      description: long,
    }));
    const reply = safeReply(draft({ content: long, embeds }));
    expect(reply.content?.length).toBeLessThanOrEqual(2000);
    expect(reply.content?.endsWith('…')).toBe(true);
    expect(reply.embeds).toHaveLength(10);
    for (const embed of reply.embeds) expect(embed.title?.length).toBeLessThanOrEqual(256);
    const total = reply.embeds.reduce(
      (sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0),
      0,
    );
    expect(total).toBeLessThanOrEqual(6000);
  });

  it('never sends an empty message, and leaves the draft it was given unchanged', () => {
    expect(safeReply(draft()).content).toBe('…');
    const given = draft({ content: '@everyone', embeds: [{ description: '@here' }] });
    const copy = structuredClone(given);
    safeReply(given);
    expect(given).toEqual(copy);
  });
});
