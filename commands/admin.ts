/**
 * `/<command>-admin reload|status`: for the operators in `OWNER_IDS` only. Registered only in the
 * servers of `DISCORD_GUILD_IDS` (never globally), and the handler checks the user itself.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import packageJson from '../package.json' with { type: 'json' };
import type { Command, Outcome } from '../src/bot/context.ts';
import type { Catalogue } from '../src/i18n/en.ts';
import { catalogueFor, described } from '../src/i18n/index.ts';
import { notice } from '../src/render/messages.ts';
import { statusMessage } from '../src/render/status.ts';
import type { ReloadSummary } from '../src/search/live.ts';

function describeReload(summary: ReloadSummary, t: Catalogue): string {
  if (summary.error) return t.reloadFailed(summary.error);
  const parts = [
    summary.added.length && t.reloadAdded(summary.added.length),
    summary.changed.length && t.reloadChanged(summary.changed.length),
    summary.removed.length && t.reloadRemoved(summary.removed.length),
    summary.glossaryChanged && t.reloadGlossaryChanged,
    summary.failed.length &&
      t.reloadUnparsed(summary.failed.length, summary.failed.map((f) => f.file).join(', ')),
  ].filter(Boolean);
  return t.reloadTook(parts.length > 0 ? parts.join(', ') : t.reloadNoChange, summary.durationMs);
}

export const admin = {
  scope: 'guild',
  data: (command) =>
    described(new SlashCommandBuilder().setName(`${command}-admin`), (t) => t.adminDescription)
      // Hidden from everyone but administrators; OWNER_IDS decides who may use it.
      .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
      .setContexts(InteractionContextType.Guild)
      .addSubcommand((sub) => described(sub.setName('reload'), (t) => t.adminReloadDescription))
      .addSubcommand((sub) => described(sub.setName('status'), (t) => t.adminStatusDescription))
      .toJSON(),

  async execute(interaction, reply, context): Promise<Outcome> {
    const t = catalogueFor(interaction.locale);
    if (!context.ownerIds.includes(interaction.user.id)) {
      await reply.reply(notice(t.operatorsOnly));
      return { outcome: 'refused' };
    }
    if (interaction.options.getSubcommand(true) === 'reload') {
      // A large corpus can take longer than Discord's 3 s to re-read: acknowledge first.
      await reply.defer(true);
      const summary = await context.live.reload();
      await reply.edit(notice(t.reloadDone(describeReload(summary, t))));
      return { outcome: summary.error ? 'refused' : 'updated' };
    }
    const { engine, live, startedAt, metrics } = context;
    const last = live.lastReload;
    await reply.reply(
      statusMessage(
        {
          version: packageJson.version,
          ...engine.stats,
          lastReload: last ? { at: last.at, summary: describeReload(last, t) } : null,
          uptimeSeconds: (Date.now() - startedAt.getTime()) / 1000,
          pingMs: interaction.client.ws.ping,
          problems: engine.problems.length,
          engineTimes: await metrics.engineTimes(),
        },
        t,
      ),
    );
    return { outcome: 'shown' };
  },
} as const satisfies Command;
