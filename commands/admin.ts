/**
 * `/<command>-admin reload|status`: for the operators in `OWNER_IDS` only. Registered only in the
 * servers of `DISCORD_GUILD_IDS` (never globally), and the handler checks the user itself.
 */
import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import packageJson from '../package.json' with { type: 'json' };
import type { BotContext, Outcome } from '../src/bot/context.ts';
import { interactionReply } from '../src/bot/send.ts';
import { notice } from '../src/render/messages.ts';
import { statusMessage } from '../src/render/status.ts';
import type { ReloadSummary } from '../src/search/live.ts';
import type { Command } from './types.ts';

function describeReload(summary: ReloadSummary): string {
  if (summary.error) return `failed: ${summary.error}`;
  const parts = [
    summary.added.length && `${summary.added.length} added`,
    summary.changed.length && `${summary.changed.length} changed`,
    summary.removed.length && `${summary.removed.length} removed`,
    summary.glossaryChanged && 'glossary changed',
    summary.failed.length &&
      `${summary.failed.length} failed to parse (${summary.failed.map((f) => f.file).join(', ')})`,
  ].filter(Boolean);
  return `${parts.length > 0 ? parts.join(', ') : 'no change'} in ${summary.durationMs} ms`;
}

export const admin: Command = {
  scope: 'guild',
  data: (command) =>
    new SlashCommandBuilder()
      .setName(`${command}-admin`)
      .setDescription('Operators (OWNER_IDS) only: reload the corpus, show the bot status')
      // Hidden from everyone but administrators; OWNER_IDS decides who may use it.
      .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
      .setContexts(InteractionContextType.Guild)
      .addSubcommand((sub) => sub.setName('reload').setDescription('Re-read the corpus directory now'))
      .addSubcommand((sub) =>
        sub
          .setName('status')
          .setDescription(
            'Corpus size, index, answer and autocomplete times, last reload, version, uptime, ping',
          ),
      )
      .toJSON(),

  async execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
    if (!context.ownerIds.includes(interaction.user.id)) {
      await interaction.reply(
        interactionReply(notice('Only the bot’s operators (OWNER_IDS) can use this command.')),
      );
      return { outcome: 'refused' };
    }
    if (interaction.options.getSubcommand(true) === 'reload') {
      // A large corpus can take longer than Discord's 3 s to re-read: acknowledge first.
      await interaction.deferReply({ flags: 64 });
      const summary = await context.live.reload();
      await interaction.editReply({ content: `Corpus reload: ${describeReload(summary)}.` });
      return { outcome: summary.error ? 'refused' : 'updated' };
    }
    const { engine, live, startedAt, metrics } = context;
    const last = live.lastReload;
    await interaction.reply(
      interactionReply(
        statusMessage({
          version: packageJson.version,
          ...engine.stats,
          lastReload: last ? { at: last.at, summary: describeReload(last) } : null,
          uptimeSeconds: (Date.now() - startedAt.getTime()) / 1000,
          pingMs: interaction.client.ws.ping,
          problems: engine.problems.length,
          engineTimes: await metrics.engineTimes(),
        }),
      ),
    );
    return { outcome: 'shown' };
  },
};
