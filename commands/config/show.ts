/** `/<command>-config show`: every setting, its value, and which are defaults. */
import { SlashCommandSubcommandBuilder } from 'discord.js';
import { described } from '../../src/i18n/index.ts';
import { settingsMessage } from '../../src/render/settings.ts';
import type { ConfigSubcommand } from './subcommand.ts';

export const show = {
  name: 'show',
  data: () => described(new SlashCommandSubcommandBuilder().setName('show'), (t) => t.configShowDescription),
  run: async ({ settings, guildId, command, t }) => settingsMessage(settings.get(guildId), command, t),
} as const satisfies ConfigSubcommand;
