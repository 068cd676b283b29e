/**
 * `/<command>-config`: moderators choose where and how the bot answers on their server.
 * Registered for members with Manage Server only, and checked again here, because server admins
 * can override command permissions. Every reply is ephemeral and states the new value.
 */
import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
  type SlashCommandIntegerOption,
} from 'discord.js';
import type { BotContext, Command, Outcome } from '../src/bot/context.ts';
import type { Received } from '../src/bot/send.ts';
import type { Catalogue } from '../src/i18n/en.ts';
import { catalogueFor, described, localized } from '../src/i18n/index.ts';
import { notice } from '../src/render/messages.ts';
import type { ReplyPayload } from '../src/render/payload.ts';
import { changedMessage, historyMessage, settingsMessage } from '../src/render/settings.ts';
import { retryWhileBusy, SettingsStoreError } from '../src/settings/interface.ts';
import {
  COOLDOWN_MAX,
  COOLDOWN_MIN,
  DEFAULT_SETTINGS,
  type GuildSettings,
  RESULTS_MAX,
  RESULTS_MIN,
  SettingsValidationError,
  type Visibility,
} from '../src/settings/schema.ts';

const HISTORY_SHOWN = 15;
/** Answer directly when the store is this fast; otherwise defer (Discord's deadline is 3 s). */
const ACKNOWLEDGE_WITHIN_MS = 1000;
const ANSWERABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** A required whole-number option with its range and default in the description. */
const range =
  (name: string, min: number, max: number, fallback: number) => (option: SlashCommandIntegerOption) =>
    described(option.setName(name), (t) => t.configRangeDescription(min, max, fallback))
      .setRequired(true)
      .setMinValue(min)
      .setMaxValue(max);

const channel = (option: SlashCommandChannelOption) =>
  described(option.setName('channel'), (t) => t.configChannelDescription)
    .setRequired(true)
    .addChannelTypes(...ANSWERABLE_CHANNELS);

export const config = {
  data: (command) =>
    described(new SlashCommandBuilder().setName(`${command}-config`), (t) => t.configDescription(command))
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild)
      .addSubcommand((sub) => described(sub.setName('show'), (t) => t.configShowDescription))
      .addSubcommand((sub) =>
        described(sub.setName('mentions'), (t) => t.configMentionsDescription).addBooleanOption((option) =>
          described(option.setName('enabled'), (t) => t.configEnabledDescription).setRequired(true),
        ),
      )
      .addSubcommand((sub) =>
        described(sub.setName('visibility'), (t) => t.configVisibilityDescription(command)).addStringOption(
          (option) =>
            described(option.setName('mode'), (t) => t.configModeDescription)
              .setRequired(true)
              .addChoices(
                { name: 'public', value: 'public', name_localizations: localized((t) => t.configModePublic) },
                {
                  name: 'ephemeral',
                  value: 'ephemeral',
                  name_localizations: localized((t) => t.configModeEphemeral),
                },
              ),
        ),
      )
      .addSubcommand((sub) =>
        described(sub.setName('results'), (t) => t.configResultsDescription).addIntegerOption(
          range('count', RESULTS_MIN, RESULTS_MAX, DEFAULT_SETTINGS.results),
        ),
      )
      .addSubcommand((sub) =>
        described(sub.setName('cooldown'), (t) => t.configCooldownDescription).addIntegerOption(
          range('seconds', COOLDOWN_MIN, COOLDOWN_MAX, DEFAULT_SETTINGS.cooldown),
        ),
      )
      .addSubcommandGroup((group) =>
        described(group.setName('channels'), (t) => t.configChannelsDescription)
          .addSubcommand((sub) =>
            described(sub.setName('add'), (t) => t.configChannelsAddDescription).addChannelOption(channel),
          )
          .addSubcommand((sub) =>
            described(sub.setName('remove'), (t) => t.configChannelsRemoveDescription).addChannelOption(
              channel,
            ),
          )
          .addSubcommand((sub) => described(sub.setName('clear'), (t) => t.configChannelsClearDescription)),
      )
      .addSubcommand((sub) => described(sub.setName('history'), (t) => t.configHistoryDescription))
      .addSubcommand((sub) => described(sub.setName('reset'), (t) => t.configResetDescription))
      .toJSON(),

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
    const guildId = interaction.guildId;
    // A store that is busy (SQLite locked by another process) or slow (Postgres reconnecting) is retried
    // asynchronously; when the answer is not there within ACKNOWLEDGE_WITHIN_MS, the reply is deferred so
    // Discord's 3 s deadline holds, and the result is sent as the deferred reply's edit.
    const result = retryWhileBusy(() => apply(interaction, context, guildId, interaction.user.id, t)).then(
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

/** Carries out one subcommand and describes the result. */
async function apply(
  interaction: Received<ChatInputCommandInteraction>,
  { settings, command }: BotContext,
  guildId: string,
  memberId: string,
  t: Catalogue,
): Promise<ReplyPayload> {
  const options = interaction.options;
  const group = options.getSubcommandGroup(false);
  const sub = options.getSubcommand(true);
  if (group === 'channels') {
    let updated: GuildSettings;
    if (sub === 'add')
      updated = await settings.addChannel(guildId, memberId, options.getChannel('channel', true).id);
    else if (sub === 'remove')
      updated = await settings.removeChannel(guildId, memberId, options.getChannel('channel', true).id);
    else updated = await settings.clearChannels(guildId, memberId);
    return changedMessage('channels', updated, updated.channels.length === 0 ? t.everyChannelAgain : '', t);
  }
  switch (sub) {
    case 'show':
      return settingsMessage(settings.get(guildId), command, t);
    case 'history':
      return historyMessage(await settings.history(guildId, HISTORY_SHOWN), t);
    case 'reset':
      await settings.reset(guildId, memberId);
      return notice(t.settingsReset);
    case 'mentions':
      return changedMessage(
        'mentions',
        await settings.set(guildId, memberId, 'mentions', options.getBoolean('enabled', true)),
        '',
        t,
      );
    case 'visibility': {
      const mode = options.getString('mode', true) as Visibility;
      return changedMessage('visibility', await settings.set(guildId, memberId, 'visibility', mode), '', t);
    }
    case 'results':
      return changedMessage(
        'results',
        await settings.set(guildId, memberId, 'results', options.getInteger('count', true)),
        '',
        t,
      );
    case 'cooldown':
      return changedMessage(
        'cooldown',
        await settings.set(guildId, memberId, 'cooldown', options.getInteger('seconds', true)),
        '',
        t,
      );
    default:
      return notice(t.unknownSetting);
  }
}
