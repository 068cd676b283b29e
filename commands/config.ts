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
import type { Command } from './types.ts';

const HISTORY_SHOWN = 15;
/** Answer directly when the store is this fast; otherwise defer (Discord's deadline is 3 s). */
const ACKNOWLEDGE_WITHIN_MS = 1000;
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
    const guildId = interaction.guildId;
    // A store that is busy (SQLite locked by another process) or slow (Postgres reconnecting) is retried
    // asynchronously; when the answer is not there within ACKNOWLEDGE_WITHIN_MS, the reply is deferred so
    // Discord's 3 s deadline holds, and the result is sent as the deferred reply's edit.
    const result = retryWhileBusy(() => apply(interaction, context, guildId, interaction.user.id)).then(
      (payload) => ({ payload, outcome: 'updated' as const }),
      (error: unknown) => ({ payload: failureNotice(error, context), outcome: 'refused' as const }),
    );
    const quick = await Promise.race([result, delay(ACKNOWLEDGE_WITHIN_MS)]);
    if (quick) {
      await interaction.reply(interactionReply(quick.payload));
      return { outcome: quick.outcome };
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const late = await result;
    await interaction.editReply(messageOptions(late.payload));
    return { outcome: late.outcome };
  },
};

/** Resolves with undefined after `ms`, without keeping the process alive. */
function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

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
async function apply(
  interaction: ChatInputCommandInteraction,
  { settings, command }: BotContext,
  guildId: string,
  memberId: string,
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
      return historyMessage(await settings.history(guildId, HISTORY_SHOWN));
    case 'reset':
      await settings.reset(guildId, memberId);
      return notice('Every setting is back to its default.');
    case 'mentions':
      return changedMessage(
        'mentions',
        await settings.set(guildId, memberId, 'mentions', options.getBoolean('enabled', true)),
      );
    case 'visibility': {
      const mode = options.getString('mode', true) as Visibility;
      return changedMessage('visibility', await settings.set(guildId, memberId, 'visibility', mode));
    }
    case 'results':
      return changedMessage(
        'results',
        await settings.set(guildId, memberId, 'results', options.getInteger('count', true)),
      );
    case 'cooldown':
      return changedMessage(
        'cooldown',
        await settings.set(guildId, memberId, 'cooldown', options.getInteger('seconds', true)),
      );
    default:
      return notice('Unknown setting.');
  }
}
