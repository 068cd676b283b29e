/** `/<command>-config history`: who changed what, and when (the most recent changes). */
import { SlashCommandSubcommandBuilder } from 'discord.js';
import { described } from '../../src/i18n/index.ts';
import { historyMessage } from '../../src/render/settings.ts';
import type { ConfigSubcommand } from './subcommand.ts';

/** Changes shown: the newest ones, enough to fit one embed. */
const HISTORY_SHOWN = 15;

export const history = {
  name: 'history',
  data: () =>
    described(new SlashCommandSubcommandBuilder().setName('history'), (t) => t.configHistoryDescription),
  run: async ({ settings, guildId, t }) => historyMessage(await settings.history(guildId, HISTORY_SHOWN), t),
} as const satisfies ConfigSubcommand;
