/**
 * `/<command>-config`: moderators choose where and how the bot answers on their server.
 * Registered for members with Manage Server only, and checked again here, because server admins
 * can override command permissions. Every reply is ephemeral and states the new value.
 * Each subcommand is its own module in `commands/config/`; those that set a value are generated from the
 * settings schema (`src/settings/schema.ts`).
 */
import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/context.ts';
import type { Catalogue } from '../src/i18n/en.ts';
import { catalogueFor, described } from '../src/i18n/index.ts';
import { notice } from '../src/render/messages.ts';
import type { ReplyPayload } from '../src/render/payload.ts';
import { retryWhileBusy, SettingsStoreError } from '../src/settings/interface.ts';
import { SettingsValidationError } from '../src/settings/schema.ts';
import { channels } from './config/channels.ts';
import { history } from './config/history.ts';
import { reset } from './config/reset.ts';
import { settingSubcommands } from './config/setting.ts';
import { show } from './config/show.ts';
import type { ConfigSubcommand } from './config/subcommand.ts';

/** Answer directly when the store is this fast; otherwise defer (Discord's deadline is 3 s). */
const ACKNOWLEDGE_WITHIN_MS = 1000;

/** In the order Discord lists them. */
const SUBCOMMANDS: readonly ConfigSubcommand[] = [show, ...settingSubcommands, channels, history, reset];

export const config = {
  data: (command) => {
    const builder = described(new SlashCommandBuilder().setName(`${command}-config`), (t) =>
      t.configDescription(command),
    )
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild);
    for (const subcommand of SUBCOMMANDS) {
      const data = subcommand.data();
      if (data instanceof SlashCommandSubcommandGroupBuilder) builder.addSubcommandGroup(data);
      else builder.addSubcommand(data);
    }
    return builder.toJSON();
  },

  async execute(interaction, reply, context): Promise<Outcome> {
    const t = catalogueFor(interaction.locale);
    if (!interaction.inGuild()) {
      await reply.reply(notice(t.settingsInServersOnly));
      return { outcome: 'refused' };
    }
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      await reply.reply(notice(t.manageServerOnly));
      return { outcome: 'refused' };
    }
    const { options } = interaction;
    const name = options.getSubcommandGroup(false) ?? options.getSubcommand(true);
    const subcommand = SUBCOMMANDS.find((candidate) => candidate.name === name);
    if (!subcommand) {
      await reply.reply(notice(t.unknownSetting));
      return { outcome: 'refused' };
    }
    const request = {
      options,
      settings: context.settings,
      command: context.command,
      guildId: interaction.guildId,
      memberId: interaction.user.id,
      t,
    };
    // A store that is busy (SQLite locked by another process) or slow (Postgres reconnecting) is retried
    // asynchronously; when the answer is not there within ACKNOWLEDGE_WITHIN_MS, the reply is deferred so
    // Discord's 3 s deadline holds, and the result is sent as the deferred reply's edit.
    const result = retryWhileBusy(() => subcommand.run(request)).then(
      (payload) => ({ payload, outcome: 'updated' as const }),
      (error: unknown) => ({ payload: failureNotice(error, context, t), outcome: 'refused' as const }),
    );
    const quick = await Promise.race([result, delay(ACKNOWLEDGE_WITHIN_MS)]);
    if (quick) {
      await reply.reply(quick.payload);
      return { outcome: quick.outcome };
    }
    await reply.defer(true);
    const late = await result;
    await reply.edit(late.payload);
    return { outcome: late.outcome };
  },
} as const satisfies Command;

/** Resolves with undefined after `ms`, without keeping the process alive. */
function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

/** What the moderator is told when a change could not be made; anything unexpected is rethrown. */
function failureNotice(error: unknown, context: BotContext, t: Catalogue): ReplyPayload {
  // The validation message itself comes from the settings schema, in English.
  if (error instanceof SettingsValidationError) return notice(t.nothingChanged(error.message));
  if (error instanceof SettingsStoreError) {
    context.logger.error({ err: error }, 'settings store failed');
    return notice(t.settingsNotSaved);
  }
  throw error;
}
