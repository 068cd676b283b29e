/**
 * `/<command>-config mentions|visibility|results|cooldown`: one subcommand per setting of the schema that takes
 * a single value, generated from its definition (name, line, option, bounds, choices). A new setting in
 * `src/settings/schema.ts` gets its subcommand here without code (its words in `src/i18n/ru.ts`).
 */
import { SlashCommandSubcommandBuilder } from 'discord.js';
import type { Catalogue } from '../../src/i18n/en.ts';
import { described, localized } from '../../src/i18n/index.ts';
import { changedMessage } from '../../src/render/settings.ts';
import {
  type GuildSettings,
  SETTING_NAMES,
  SETTINGS,
  type SettingInput,
  type SettingName,
} from '../../src/settings/schema.ts';
import type { ConfigRequest, ConfigSubcommand } from './subcommand.ts';

type ValueInput = Exclude<SettingInput, { kind: 'channel' }>;

/** The subcommand with its one required option, described in every language. */
function subcommandData(setting: SettingName, input: ValueInput): SlashCommandSubcommandBuilder {
  const sub = described(
    new SlashCommandSubcommandBuilder().setName(setting),
    (t) => t.settings[setting].description,
  );
  const hint = (t: Catalogue) => t.settings[setting].hint ?? ('hint' in input ? input.hint : '');
  switch (input.kind) {
    case 'switch':
      return sub.addBooleanOption((option) =>
        described(option.setName(input.option), hint).setRequired(true),
      );
    case 'choice':
      return sub.addStringOption((option) =>
        described(option.setName(input.option), hint)
          .setRequired(true)
          .addChoices(
            ...input.choices.map((value) => ({
              name: value,
              value,
              name_localizations: localized((t) => t.settings[setting].choices?.[value] ?? value),
            })),
          ),
      );
    case 'whole-number':
      return sub.addIntegerOption((option) =>
        described(option.setName(input.option), (t) =>
          t.configRangeDescription(input.min, input.max, SETTINGS[setting].default as number),
        )
          .setRequired(true)
          .setMinValue(input.min)
          .setMaxValue(input.max),
      );
  }
}

/** The value the moderator gave; the store validates it against the schema before anything is written. */
function givenValue(options: ConfigRequest['options'], input: ValueInput): boolean | string | number {
  switch (input.kind) {
    case 'switch':
      return options.getBoolean(input.option, true);
    case 'choice':
      return options.getString(input.option, true);
    case 'whole-number':
      return options.getInteger(input.option, true);
  }
}

function settingSubcommand(setting: SettingName, input: ValueInput): ConfigSubcommand {
  return {
    name: setting,
    data: () => subcommandData(setting, input),
    async run({ options, settings, guildId, memberId, t }) {
      const value = givenValue(options, input) as GuildSettings[typeof setting];
      return changedMessage(setting, await settings.set(guildId, memberId, setting, value), '', t);
    },
  };
}

/** One subcommand per single-value setting, in the schema's order. */
export const settingSubcommands: readonly ConfigSubcommand[] = SETTING_NAMES.flatMap((setting) => {
  const { input } = SETTINGS[setting];
  return input.kind === 'channel' ? [] : [settingSubcommand(setting, input)];
});
