/** `/<command>-config reset`: every setting back to its default (recorded in the history as one change). */
import { SlashCommandSubcommandBuilder } from 'discord.js';
import { described } from '../../src/i18n/index.ts';
import { notice } from '../../src/render/messages.ts';
import type { ConfigSubcommand } from './subcommand.ts';

export const reset = {
  name: 'reset',
  data: () =>
    described(new SlashCommandSubcommandBuilder().setName('reset'), (t) => t.configResetDescription),
  async run({ settings, guildId, memberId, t }) {
    await settings.reset(guildId, memberId);
    return notice(t.settingsReset);
  },
} as const satisfies ConfigSubcommand;
