/** `/<command>-sources`: the articles the answers come from, with citations and section sizes. */
import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotContext, Outcome } from '../src/bot/context.ts';
import { interactionReply, sendPayload } from '../src/bot/send.ts';
import { sourcesMessage } from '../src/render/messages.ts';
import type { Command } from './types.ts';

export const sources: Command = {
  data: (command) =>
    new SlashCommandBuilder()
      .setName(`${command}-sources`)
      .setDescription('List the articles the answers come from')
      .setContexts(InteractionContextType.Guild)
      .toJSON(),

  async execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
    await sendPayload(sourcesMessage(context.engine.articles), (sent) =>
      interaction.reply(interactionReply(sent)),
    );
    return { outcome: 'shown', results: context.engine.articles.length };
  },
};
