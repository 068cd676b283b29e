/**
 * The contract between the bot shell and the command modules: what every command handler gets (the engine,
 * the guild settings, the bot's configuration), the shape of a command, and what a handler reports back.
 * Commands import this and the sender; the shell never imports the commands: its entry points hand it the list.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { ButtonAction } from '../render/custom-id.ts';
import type { AnswerEngine } from '../search/engine.ts';
import type { LiveCorpus } from '../search/live.ts';
import type { SettingsStore } from '../settings/interface.ts';
import type { BurstLimiter, CooldownStore } from './cooldowns.ts';
import type { BotMetrics } from './metrics.ts';
import type { Outcome } from './outcome.ts';
import type { ChoiceWriter, Received, ReplyWriter } from './send.ts';

export type { Outcome } from './outcome.ts';

export interface BotContext {
  engine: AnswerEngine;
  settings: SettingsStore;
  cooldowns: CooldownStore;
  /** The built-in per-member floor, under every moderator setting. */
  burst: BurstLimiter;
  /** The base command name (`BOT_COMMAND`); companions are `<command>-sources`, `-config` and `-admin`. */
  command: string;
  logger: Logger;
  metrics: BotMetrics;
  /** Watches the corpus directory; `/<command>-admin reload` asks it directly. */
  live: LiveCorpus;
  /** The only users `/<command>-admin` obeys (`OWNER_IDS`). */
  ownerIds: readonly string[];
  startedAt: Date;
}

/**
 * A command module: its registration payload and its handlers. A handler reads the interaction (typed without
 * its sending methods) and answers only through the writer it is given (`send.ts`).
 */
export interface Command {
  /** Where deploy-commands registers it: everywhere (default), or only in `DISCORD_GUILD_IDS`. */
  scope?: 'everywhere' | 'guild';
  /** The registration payload, named after `BOT_COMMAND` (`command`). */
  data(command: string): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(
    interaction: Received<ChatInputCommandInteraction>,
    reply: ReplyWriter<ChatInputCommandInteraction>,
    context: BotContext,
  ): Promise<Outcome>;
  autocomplete?(
    interaction: Received<AutocompleteInteraction>,
    choices: ChoiceWriter,
    context: BotContext,
  ): Promise<Outcome>;
  /** Button kinds (see `ButtonAction`) this command's messages carry, and their handler. */
  buttons?: {
    kinds: readonly ButtonAction['kind'][];
    handle(
      interaction: Received<ButtonInteraction>,
      action: ButtonAction,
      reply: ReplyWriter<ButtonInteraction>,
      context: BotContext,
    ): Promise<Outcome>;
  };
}
