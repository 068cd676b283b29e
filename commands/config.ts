/**
 * `/<command>-config`: moderators choose where and how the bot answers on their server.
 * Registered for members with Manage Server only, and checked again here, because server admins
 * can override command permissions. Every reply is ephemeral and states the new value.
 */
import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
  type SlashCommandIntegerOption,
} from 'discord.js';
import type { BotContext, Outcome } from '../src/bot/context.ts';
import { interactionReply, messageOptions } from '../src/bot/send.ts';
import { notice } from '../src/render/messages.ts';
import type { ReplyPayload } from '../src/render/payload.ts';
import { changedMessage, historyMessage, settingsMessage } from '../src/render/settings.ts';
import { SettingsStoreError } from '../src/settings/interface.ts';
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
import { retryWhileBusy } from '../src/settings/store.ts';
import type { Command } from './types.ts';

const HISTORY_SHOWN = 15;
const ANSWERABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** A required whole-number option with its range and default in the description. */
const range =
  (name: string, min: number, max: number, fallback: number) => (option: SlashCommandIntegerOption) =>
    option
      .setName(name)
      .setDescription(`${min}–${max} (default ${fallback})`)
      .setRequired(true)
      .setMinValue(min)
      .setMaxValue(max);

const channel = (option: SlashCommandChannelOption) =>
  option
    .setName('channel')
    .setDescription('The channel')
    .setRequired(true)
    .addChannelTypes(...ANSWERABLE_CHANNELS);

export const config: Command = {
  data: (command) =>
    new SlashCommandBuilder()
      .setName(`${command}-config`)
      .setDescription(`Choose where and how /${command} answers on this server`)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
      .setContexts(InteractionContextType.Guild)
      .addSubcommand((sub) => sub.setName('show').setDescription('Show every setting'))
      .addSubcommand((sub) =>
        sub
          .setName('mentions')
          .setDescription('Answer when members mention the bot')
          .addBooleanOption((option) =>
            option.setName('enabled').setDescription('Answer mentions (default: yes)').setRequired(true),
          ),
      )
      .addSubcommand((sub) =>
        sub
          .setName('visibility')
          .setDescription(`Who sees /${command} answers by default (the hide option still overrides)`)
          .addStringOption((option) =>
            option
              .setName('mode')
              .setDescription('public (default) or ephemeral')
              .setRequired(true)
              .addChoices({ name: 'public', value: 'public' }, { name: 'ephemeral', value: 'ephemeral' }),
          ),
      )
      .addSubcommand((sub) =>
        sub
          .setName('results')
          .setDescription('Results per answer')
          .addIntegerOption(range('count', RESULTS_MIN, RESULTS_MAX, DEFAULT_SETTINGS.results)),
      )
      .addSubcommand((sub) =>
        sub
          .setName('cooldown')
          .setDescription('Seconds a member waits between questions (0 = off)')
          .addIntegerOption(range('seconds', COOLDOWN_MIN, COOLDOWN_MAX, DEFAULT_SETTINGS.cooldown)),
      )
      .addSubcommandGroup((group) =>
        group
          .setName('channels')
          .setDescription('Channels where the bot answers (none listed = every channel)')
          .addSubcommand((sub) =>
            sub
              .setName('add')
              .setDescription('Answer in this channel (and only the listed ones)')
              .addChannelOption(channel),
          )
          .addSubcommand((sub) =>
            sub.setName('remove').setDescription('Stop answering in this channel').addChannelOption(channel),
          )
          .addSubcommand((sub) => sub.setName('clear').setDescription('Answer in every channel again')),
      )
      .addSubcommand((sub) => sub.setName('history').setDescription('Who changed what, and when'))
      .addSubcommand((sub) => sub.setName('reset').setDescription('Put every setting back to its default'))
      .toJSON(),

  async execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome> {
    if (!interaction.inGuild()) {
      await interaction.reply(interactionReply(notice('Settings belong to a server: use this in one.')));
      return { outcome: 'refused' };
    }
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      await interaction.reply(
        interactionReply(
          notice('Only members with the **Manage Server** permission can view or change these settings.'),
        ),
      );
      return { outcome: 'refused' };
    }
    const run = () => apply(interaction, context, interaction.guildId, interaction.user.id);
    try {
      await interaction.reply(interactionReply(run()));
      return { outcome: 'updated' };
    } catch (error) {
      if (!(error instanceof SettingsStoreError && error.busy)) {
        await interaction.reply(interactionReply(failureNotice(error, context)));
        return { outcome: 'refused' };
      }
    }
    // Another process (a shard) holds the database: acknowledge now, keep trying without blocking.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      await interaction.editReply(messageOptions(await retryWhileBusy(run)));
      return { outcome: 'updated' };
    } catch (error) {
      await interaction.editReply(messageOptions(failureNotice(error, context)));
      return { outcome: 'refused' };
    }
  },
};

/** What the moderator is told when a change could not be made; anything unexpected is rethrown. */
function failureNotice(error: unknown, context: BotContext): ReplyPayload {
  if (error instanceof SettingsValidationError) return notice(`${error.message} Nothing was changed.`);
  if (error instanceof SettingsStoreError) {
    context.logger.error({ err: error }, 'settings store failed');
    return notice('The settings could not be saved just now. Nothing was changed; please try again.');
  }
  throw error;
}

/** Carries out one subcommand and describes the result. */
function apply(
  interaction: ChatInputCommandInteraction,
  { settings, command }: BotContext,
  guildId: string,
  memberId: string,
): ReplyPayload {
  const options = interaction.options;
  const group = options.getSubcommandGroup(false);
  const sub = options.getSubcommand(true);
  if (group === 'channels') {
    let updated: GuildSettings;
    if (sub === 'add')
      updated = settings.addChannel(guildId, memberId, options.getChannel('channel', true).id);
    else if (sub === 'remove')
      updated = settings.removeChannel(guildId, memberId, options.getChannel('channel', true).id);
    else updated = settings.clearChannels(guildId, memberId);
    return changedMessage(
      'channels',
      updated,
      updated.channels.length === 0 ? 'With no channel listed, I answer in every channel.' : '',
    );
  }
  switch (sub) {
    case 'show':
      return settingsMessage(settings.get(guildId), command);
    case 'history':
      return historyMessage(settings.history(guildId, HISTORY_SHOWN));
    case 'reset':
      settings.reset(guildId, memberId);
      return notice('Every setting is back to its default.');
    case 'mentions':
      return changedMessage(
        'mentions',
        settings.set(guildId, memberId, 'mentions', options.getBoolean('enabled', true)),
      );
    case 'visibility': {
      const mode = options.getString('mode', true) as Visibility;
      return changedMessage('visibility', settings.set(guildId, memberId, 'visibility', mode));
    }
    case 'results':
      return changedMessage(
        'results',
        settings.set(guildId, memberId, 'results', options.getInteger('count', true)),
      );
    case 'cooldown':
      return changedMessage(
        'cooldown',
        settings.set(guildId, memberId, 'cooldown', options.getInteger('seconds', true)),
      );
    default:
      return notice('Unknown setting.');
  }
}
