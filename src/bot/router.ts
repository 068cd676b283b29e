/**
 * Dispatches interactions to command modules by name (and buttons by their kind), and contains
 * failures: one failing interaction is logged and, where possible, told so — it never takes the
 * process down. Logs exactly one line per interaction.
 */
import type { ButtonInteraction, Interaction } from 'discord.js';
import { catalogueFor } from '../i18n/index.ts';
import { decodeButton } from '../render/custom-id.ts';
import { notice } from '../render/messages.ts';
import type { BotContext, Command, Outcome } from './context.ts';
import { ChoiceWriter, ReplyWriter, received } from './send.ts';

/**
 * The one log line (and metrics) per interaction or mention: id, guild, command, latency, result
 * count, outcome. A question that matched nothing is logged with its text for corpus editors.
 */
export function logOutcome(
  context: BotContext,
  fields: { interaction?: string; message?: string; guild: string | null; command: string },
  started: number,
  result: Outcome | 'error',
  failure?: unknown,
): void {
  const latencyMs = Math.round(performance.now() - started);
  context.metrics.interaction(fields.command, result, latencyMs);
  if (result === 'error') {
    context.logger.error(
      { ...fields, latencyMs, results: 0, outcome: 'error', err: failure },
      'interaction failed',
    );
    return;
  }
  const line = { ...fields, latencyMs, results: result.results ?? 0, outcome: result.outcome };
  if (result.unanswered !== undefined)
    context.logger.info({ ...line, query: result.unanswered }, 'zero-result query');
  else context.logger.info(line, 'interaction');
}

export class InteractionRouter {
  readonly #byName = new Map<string, Command>();
  readonly #byButton = new Map<string, Command>();
  readonly #context: BotContext;

  constructor(commands: readonly Command[], context: BotContext) {
    this.#context = context;
    for (const command of commands) {
      this.#byName.set(command.data(context.command).name, command);
      for (const kind of command.buttons?.kinds ?? []) this.#byButton.set(kind, command);
    }
  }

  async handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const name =
      interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined;
    let result: Outcome = { outcome: 'ignored' };
    let failure: unknown;
    try {
      result = await this.#dispatch(interaction);
    } catch (error) {
      failure = error;
      await this.#apologise(interaction);
    } finally {
      // Log and metrics labels come from a closed set, never from what a client sent.
      const command =
        name === undefined
          ? interaction.isButton()
            ? `button:${decodeButton(interaction.customId)?.kind ?? 'unknown'}`
            : String(interaction.type)
          : this.#byName.has(name)
            ? name
            : 'unknown';
      logOutcome(
        this.#context,
        { interaction: interaction.id, guild: interaction.guildId, command },
        started,
        failure ? 'error' : result,
        failure,
      );
    }
  }

  async #dispatch(interaction: Interaction): Promise<Outcome> {
    const context = this.#context;
    if (interaction.isChatInputCommand()) {
      const command = this.#byName.get(interaction.commandName);
      return command
        ? command.execute(received(interaction), new ReplyWriter(interaction), context)
        : { outcome: 'ignored' };
    }
    if (interaction.isAutocomplete()) {
      const command = this.#byName.get(interaction.commandName);
      return command?.autocomplete
        ? command.autocomplete(received(interaction), new ChoiceWriter(interaction), context)
        : { outcome: 'ignored' };
    }
    if (interaction.isButton()) return this.#button(interaction);
    return { outcome: 'ignored' };
  }

  async #button(interaction: ButtonInteraction): Promise<Outcome> {
    const action = decodeButton(interaction.customId);
    const command = action ? this.#byButton.get(action.kind) : undefined;
    const reply = new ReplyWriter(interaction);
    if (!action || !command?.buttons) {
      const t = catalogueFor(interaction.locale);
      await reply.reply(notice(t.buttonExpired));
      return { outcome: 'expired' };
    }
    return command.buttons.handle(received(interaction), action, reply, this.#context);
  }

  /** Tells the user something went wrong, if the interaction can still be answered at all. */
  async #apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const t = catalogueFor(interaction.locale);
    const payload = notice(t.somethingWentWrong);
    const reply = new ReplyWriter(interaction);
    try {
      if (reply.answered) await reply.followUp(payload);
      else await reply.reply(payload);
    } catch {
      // The interaction expired or Discord is unreachable: the log line is all we can do.
    }
  }
}
