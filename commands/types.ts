/** The shape of a command module: its registration payload and its handlers. */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext, Outcome } from '../src/bot/context.ts';
import type { ButtonAction } from '../src/render/custom-id.ts';

export interface Command {
  /** Where deploy-commands registers it: everywhere (default), or only in `DISCORD_GUILD_IDS`. */
  scope?: 'everywhere' | 'guild';
  /** The registration payload, named after `BOT_COMMAND` (`command`). */
  data(command: string): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<Outcome>;
  /** Button kinds (see `ButtonAction`) this command's messages carry, and their handler. */
  buttons?: {
    kinds: readonly ButtonAction['kind'][];
    handle(interaction: ButtonInteraction, action: ButtonAction, context: BotContext): Promise<Outcome>;
  };
}
