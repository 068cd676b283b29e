/**
 * `/<command> query:<text> [hide] [mention]`: the best cited excerpts for a question, with
 * autocomplete from the index and buttons for the full paragraph, more results and sharing.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/context.ts';
import { cooldownNotice, type Gate, gateQuestion } from '../src/bot/policy.ts';
import { answerQuestion } from '../src/bot/question.ts';
import type { Received, ReplyWriter } from '../src/bot/send.ts';
import { type Catalogue, en } from '../src/i18n/en.ts';
import { catalogueFor, described, localized } from '../src/i18n/index.ts';
import { completionChoices } from '../src/render/choices.ts';
import { LIMITS } from '../src/render/limits.ts';
import { answerMessage, notice, paragraphMessage } from '../src/render/messages.ts';
import { MAX_QUERY_CHARS } from '../src/search/query.ts';

/** The gate (`policy.ts`) for this member in this channel; a refusal is told to them privately here. */
async function passGate(
  interaction: Received<ChatInputCommandInteraction | ButtonInteraction> & { guildId: string },
  reply: ReplyWriter,
  context: BotContext,
  t: Catalogue,
): Promise<Gate> {
  const gate = gateQuestion(
    context,
    { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id },
    t,
  );
  if (!gate.open) await reply.reply(gate.payload);
  return gate;
}

export const ask = {
  data: (command) =>
    described(new SlashCommandBuilder().setName(command), (t) => t.askDescription)
      .setContexts(InteractionContextType.Guild)
      // First and required, so `/csto armenia` fills it the way Discord fills a first required option.
      .addStringOption((option) =>
        described(
          option.setName(en.queryOption).setNameLocalizations(localized((t) => t.queryOption)),
          (t) => t.queryDescription,
        )
          .setRequired(true)
          .setAutocomplete(true)
          .setMaxLength(MAX_QUERY_CHARS),
      )
      .addBooleanOption((option) =>
        described(
          option.setName(en.hideOption).setNameLocalizations(localized((t) => t.hideOption)),
          (t) => t.hideDescription,
        ),
      )
      .addUserOption((option) =>
        described(
          option.setName(en.mentionOption).setNameLocalizations(localized((t) => t.mentionOption)),
          (t) => t.mentionDescription,
        ),
      )
      .toJSON(),

  async execute(interaction, reply, context): Promise<Outcome> {
    const t = catalogueFor(interaction.locale);
    if (!interaction.inGuild()) {
      await reply.reply(notice(t.serversOnly));
      return { outcome: 'refused' };
    }
    const gate = await passGate(interaction, reply, context, t);
    if (!gate.open) return { outcome: gate.reason };
    const target = interaction.options.getUser(en.mentionOption);
    const hidden = interaction.options.getBoolean(en.hideOption) ?? gate.settings.visibility === 'ephemeral';
    const question = {
      text: interaction.options.getString(en.queryOption, true),
      guildId: interaction.guildId,
      requesterId: interaction.user.id,
      settings: gate.settings,
      ephemeral: hidden,
      // An ephemeral answer cannot be suggested to anyone else; bots are not suggested to.
      mentionUserId: target && !target.bot && !hidden ? target.id : null,
      t,
    };
    const { payload, outcome } = await answerQuestion(context, question);
    await reply.reply(payload);
    return outcome;
  },

  async autocomplete(interaction, choices, context): Promise<Outcome> {
    const offered = completionChoices(
      context.metrics.timeEngine('autocomplete', () =>
        context.engine.complete(interaction.options.getFocused(), LIMITS.choices),
      ),
    );
    await choices.respond(offered);
    return { outcome: 'shown', results: offered.length };
  },

  buttons: {
    kinds: ['more', 'para', 'share'],
    async handle(interaction, action, reply, context): Promise<Outcome> {
      const t = catalogueFor(interaction.locale);
      if (interaction.user.id !== action.requesterId) {
        await reply.reply(notice(t.buttonsBelongToAsker(context.command)));
        return { outcome: 'refused' };
      }
      const limit = interaction.inGuild() ? context.settings.get(interaction.guildId).results : undefined;
      switch (action.kind) {
        case 'para': {
          const view = context.engine.paragraph(action.paragraphId, action.query);
          if (!view) {
            await reply.reply(notice(t.paragraphGone));
            return { outcome: 'expired' };
          }
          await reply.reply(paragraphMessage(view));
          return { outcome: 'shown', results: 1 };
        }
        case 'more':
        case 'share': {
          if (action.kind === 'share' && interaction.inGuild()) {
            // Posting publicly is a new answer in the channel: the allow list as it is now, the burst floor
            // and the cooldown apply, as to `/<command>` itself.
            const gate = await passGate(interaction, reply, context, t);
            if (!gate.open) return { outcome: gate.reason };
            const until = await context.cooldowns.claim(
              interaction.guildId,
              interaction.user.id,
              gate.settings.cooldown,
            );
            if (until !== null) {
              await reply.reply(cooldownNotice(until, t));
              return { outcome: 'cooldown' };
            }
          }
          const answer = context.metrics.timeEngine('answer', () =>
            context.engine.answer(action.query, { limit, offset: action.offset }),
          );
          if (answer.results.length === 0) {
            await reply.reply(notice(t.noMoreResults));
            return { outcome: 'expired' };
          }
          const message = answerMessage({
            answer,
            offset: action.offset,
            limit: limit ?? answer.results.length,
            requesterId: action.requesterId,
            ephemeral: action.kind === 'more' && action.hidden,
            ...(action.kind === 'share' ? { sharedBy: interaction.user.displayName } : {}),
            t,
          });
          if (action.kind === 'more') await reply.update(message);
          else await reply.reply(message);
          return { outcome: action.kind === 'more' ? 'updated' : 'answered', results: answer.results.length };
        }
      }
    },
  },
} as const satisfies Command;
