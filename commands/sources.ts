/** `/<command>-sources`: the articles the answers come from, with citations and section sizes. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command, Outcome } from '../src/bot/context.ts';
import { en } from '../src/i18n/en.ts';
import { catalogueFor, described, localized } from '../src/i18n/index.ts';
import { sourcesMessage } from '../src/render/messages.ts';

export const sources = {
  data: (command) =>
    described(
      new SlashCommandBuilder()
        .setName(`${command}-${en.sourcesSuffix}`)
        .setNameLocalizations(localized((t) => `${command}-${t.sourcesSuffix}`)),
      (t) => t.sourcesDescription,
    )
      .setContexts(InteractionContextType.Guild)
      .toJSON(),

  async execute(interaction, reply, context): Promise<Outcome> {
    await reply.reply(sourcesMessage(context.engine.articles, catalogueFor(interaction.locale)));
    return { outcome: 'shown', results: context.engine.articles.length };
  },
} as const satisfies Command;
