/** What a `/<command>-config` subcommand is (its registration, and the change it makes) and what it is given. */
import type {
  ChatInputCommandInteraction,
  SlashCommandSubcommandBuilder,
  SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { Catalogue } from '../../src/i18n/en.ts';
import type { ReplyPayload } from '../../src/render/payload.ts';
import type { SettingsStore } from '../../src/settings/interface.ts';

/** One moderator's subcommand, in one server. */
export interface ConfigRequest {
  options: ChatInputCommandInteraction['options'];
  settings: SettingsStore;
  /** The base command name (`BOT_COMMAND`). */
  command: string;
  guildId: string;
  memberId: string;
  t: Catalogue;
}

export interface ConfigSubcommand {
  /** The subcommand's (or subcommand group's) name, as Discord sends it back. */
  readonly name: string;
  data(): SlashCommandSubcommandBuilder | SlashCommandSubcommandGroupBuilder;
  /** Carries it out and describes the result (every reply states the new value). */
  run(request: ConfigRequest): Promise<ReplyPayload>;
}
