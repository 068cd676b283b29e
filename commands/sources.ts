/** `/<command>-sources`: the articles the answers come from, with citations and section sizes. */
import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/context.ts';
import { interactionReply, sendPayload } from '../src/bot/send.ts';
import { en } from '../src/i18n/en.ts';
import { catalogueFor, described, localized } from '../src/i18n/index.ts';
import { sourcesMessage } from '../src/render/messages.ts';

export const sources: Command = {
  data: (command) =>
    described(
      new SlashCommandBuilder()
        .setName(`${command}-${en.sourcesSuffix}`)
        .setNameLocalizations(localized((t) => `${command}-${t.sourcesSuffix}`)),
      (t) => t.sourcesDescription,
    )
      .setContexts(InteractionContextType.Guild)
      .toJSON(),

  async execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
    await sendPayload(sourcesMessage(context.engine.articles, catalogueFor(interaction.locale)), (sent) =>
      interaction.reply(interactionReply(sent)),
    );
    return { outcome: 'shown', results: context.engine.articles.length };
  },
};
