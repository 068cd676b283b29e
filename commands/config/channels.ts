/**
 * `/<command>-config channels add|remove|clear`: the allow list, one channel at a time. Its name, line and
 * option come from the `channels` setting of the schema.
 */
import {
  ChannelType,
  type SlashCommandChannelOption,
  SlashCommandSubcommandBuilder,
  SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { described } from '../../src/i18n/index.ts';
import { changedMessage } from '../../src/render/settings.ts';
import { SETTINGS } from '../../src/settings/schema.ts';
import type { ConfigSubcommand } from './subcommand.ts';

const ANSWERABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const { option } = SETTINGS.channels.input;

const channel = (builder: SlashCommandChannelOption) =>
  described(builder.setName(option), (t) => t.configChannelDescription)
    .setRequired(true)
    .addChannelTypes(...ANSWERABLE_CHANNELS);

export const channels = {
  name: 'channels',
  data: () =>
    described(
      new SlashCommandSubcommandGroupBuilder().setName('channels'),
      (t) => t.settings.channels.description,
    )
      .addSubcommand(
        described(
          new SlashCommandSubcommandBuilder().setName('add'),
          (t) => t.configChannelsAddDescription,
        ).addChannelOption(channel),
      )
      .addSubcommand(
        described(
          new SlashCommandSubcommandBuilder().setName('remove'),
          (t) => t.configChannelsRemoveDescription,
        ).addChannelOption(channel),
      )
      .addSubcommand(
        described(
          new SlashCommandSubcommandBuilder().setName('clear'),
          (t) => t.configChannelsClearDescription,
        ),
      ),
  async run({ options, settings, guildId, memberId, t }) {
    const sub = options.getSubcommand(true);
    const updated =
      sub === 'add'
        ? await settings.addChannel(guildId, memberId, options.getChannel(option, true).id)
        : sub === 'remove'
          ? await settings.removeChannel(guildId, memberId, options.getChannel(option, true).id)
          : await settings.clearChannels(guildId, memberId);
    return changedMessage('channels', updated, updated.channels.length === 0 ? t.everyChannelAgain : '', t);
  },
} as const satisfies ConfigSubcommand;
