/**
 * The one writer (src/bot/send.ts): whatever a handler hands it, what reaches discord.js pings nobody unasked,
 * fits Discord's sizes and carries the right flags; a handler cannot reach the interaction's own sending methods.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Message,
  MessageFlags,
  RESTJSONErrorCodes,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ChoiceWriter, type Received, ReplyWriter, received, replyToMessage } from '../../src/bot/send.ts';
import { LIMITS } from '../../src/render/limits.ts';
import type { ReplyPayload } from '../../src/render/payload.ts';

const ASKER = '123456789012345678';
const STRANGER = '876543210987654321';

/** A stand-in interaction that records what the writer asked discord.js to send. */
function fakeInteraction(fail?: (method: string, options: Record<string, unknown>) => unknown) {
  const calls: { method: string; options: Record<string, unknown> }[] = [];
  const record = (method: string) => async (options: Record<string, unknown>) => {
    calls.push({ method, options });
    const error = fail?.(method, options);
    if (error) throw error;
  };
  const interaction = {
    replied: false,
    deferred: false,
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    update: record('update'),
    respond: record('respond'),
  };
  return { calls, interaction };
}

/** A draft that breaks every rule: a mass mention, a mention of someone not allowed, too many embeds. */
const unsafe: ReplyPayload = {
  content: `@everyone look, <@${STRANGER}> and <@${ASKER}>`,
  embeds: Array.from({ length: LIMITS.embeds + 3 }, (_, i) => ({
    title: `embed ${i}`,
    url: 'https://a.example',
  })),
  components: [],
  ephemeral: true,
  allowedUsers: [ASKER, STRANGER],
};

describe('ReplyWriter', () => {
  it('applies the safe-payload rules to a reply: no mass ping, one allowed user, at most 10 embeds, ephemeral', async () => {
    const { calls, interaction } = fakeInteraction();
    await new ReplyWriter(interaction as unknown as ChatInputCommandInteraction).reply(unsafe);
    expect(calls).toHaveLength(1);
    const options = calls[0]?.options as {
      content: string;
      embeds: unknown[];
      flags: number;
      allowedMentions: { parse: string[]; users: string[]; roles: string[] };
    };
    expect(options.content).not.toMatch(/@everyone/);
    expect(options.content).toContain(`<@${ASKER}>`);
    expect(options.content).not.toContain(`<@${STRANGER}>`);
    expect(options.embeds).toHaveLength(LIMITS.embeds);
    expect(options.allowedMentions).toEqual({ parse: [], users: [ASKER], roles: [], repliedUser: false });
    expect(options.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('defers with the ephemeral flag only when asked, and completes the deferral through the same rules', async () => {
    const { calls, interaction } = fakeInteraction();
    const writer = new ReplyWriter(interaction as unknown as ChatInputCommandInteraction);
    await writer.defer(true);
    await writer.defer(false);
    await writer.edit({ ...unsafe, embeds: [] });
    expect(calls.map((call) => call.method)).toEqual(['deferReply', 'deferReply', 'editReply']);
    expect(calls[0]?.options).toEqual({ flags: MessageFlags.Ephemeral });
    expect(calls[1]?.options).toEqual({});
    const edit = calls[2]?.options as { content: string; flags: number };
    expect(edit.content).not.toMatch(/@everyone/);
    // A text-only message never shows a link preview.
    expect(edit.flags).toBe(MessageFlags.SuppressEmbeds);
  });

  it('keeps the content of an update that does not set one, and follows up through the same rules', async () => {
    const { calls, interaction } = fakeInteraction();
    const writer = new ReplyWriter(interaction as unknown as ButtonInteraction);
    await writer.update({
      embeds: [{ title: 'page 2' }],
      components: [],
      ephemeral: false,
      allowedUsers: [],
    });
    await writer.followUp({ ...unsafe, ephemeral: false });
    expect(calls[0]?.method).toBe('update');
    expect(calls[0]?.options).not.toHaveProperty('content');
    expect(calls[1]?.method).toBe('followUp');
    expect(calls[1]?.options.content).not.toMatch(/@everyone/);
    expect(calls[1]?.options).not.toHaveProperty('flags');
  });

  it('sends again without embed links when Discord refuses one, and rethrows any other failure', async () => {
    const refused = new DiscordAPIError(
      { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body' },
      RESTJSONErrorCodes.InvalidFormBodyOrContentType,
      400,
      'POST',
      '/interactions/1/token/callback',
      {},
    );
    Object.defineProperty(refused, 'message', {
      value: 'Invalid Form Body\ndata.embeds[0].url[URL_TYPE_INVALID_URL]',
    });
    const { calls, interaction } = fakeInteraction((_, options) =>
      (options.embeds as { url?: string }[]).some((embed) => embed.url) ? refused : undefined,
    );
    await new ReplyWriter(interaction as unknown as ChatInputCommandInteraction).reply(unsafe);
    expect(calls).toHaveLength(2);
    const resent = (calls[1]?.options.embeds ?? []) as { url?: string }[];
    expect(resent).toHaveLength(LIMITS.embeds);
    expect(resent.every((embed) => embed.url === undefined)).toBe(true);

    const broken = fakeInteraction(() => new Error('network down'));
    await expect(
      new ReplyWriter(broken.interaction as unknown as ChatInputCommandInteraction).reply(unsafe),
    ).rejects.toThrow('network down');
    expect(broken.calls).toHaveLength(1);
  });
});

describe('ChoiceWriter', () => {
  it('offers at most Discord’s 25 choices', async () => {
    const { calls, interaction } = fakeInteraction();
    const choices = Array.from({ length: 40 }, (_, i) => ({ name: `choice ${i}`, value: `${i}` }));
    await new ChoiceWriter(interaction as unknown as AutocompleteInteraction).respond(choices);
    expect(calls[0]?.options).toHaveLength(LIMITS.choices);
  });
});

describe('replyToMessage', () => {
  it('never pings the author of the message it answers, nor anyone the payload does not allow', async () => {
    const { calls, interaction } = fakeInteraction();
    await replyToMessage(interaction as unknown as Message, { ...unsafe, allowedUsers: [] });
    const options = calls[0]?.options as { allowedMentions: { repliedUser: boolean; users: string[] } };
    expect(options.allowedMentions).toMatchObject({ repliedUser: false, users: [] });
  });
});

describe('Received', () => {
  it('is the same interaction, without a way to send that bypasses the writer', () => {
    const { interaction } = fakeInteraction();
    const handed: Received<ChatInputCommandInteraction> = received(
      interaction as unknown as ChatInputCommandInteraction,
    );
    expect(handed).toBe(interaction);
    // Type-level: each of these fails `tsc --noEmit` (part of `npm test`) if it ever type-checks again.
    const unsafeCalls = () => {
      // @ts-expect-error a handler cannot reply on its own
      void handed.reply({ content: 'x' });
      // @ts-expect-error nor edit a deferred reply
      void handed.editReply({ content: 'x' });
      // @ts-expect-error nor follow up
      void handed.followUp({ content: 'x' });
      // @ts-expect-error nor defer with flags of its own
      void handed.deferReply({ flags: 64 });
      if (handed.inGuild()) {
        // @ts-expect-error narrowing to a guild interaction does not bring them back
        void handed.reply({ content: 'x' });
      }
    };
    expect(typeof unsafeCalls).toBe('function');
  });
});
