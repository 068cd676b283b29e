/**
 * Between the page and the local Discord: turns what the visitor types and clicks into the
 * interactions and messages Discord would deliver to the bot, and streams every message the
 * channel gets (the visitor's and the bot's, as stored) back to each open page.
 */
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { ChannelMessageEvent, Json, LocalDiscordServer } from '../local-discord/server.ts';
import { buildCommand, type CommandDef, type Directory, messageContent, suggest } from './command-line.ts';
import { defaultNames, localizeCommands } from './localize.ts';
import type { ClientLocale, PageRequest, PlaygroundEvent, Role, ShownMessage } from './protocol.ts';
import { ACTORS, BOT, GUILD, PEOPLE, PERMISSIONS, worldView } from './world.ts';

const DIRECTORY: Directory = { people: PEOPLE, channels: GUILD.channels, botAliases: { bot: BOT } };

/** How long Discord's client waits for the bot to acknowledge before saying it did not respond. */
const RESPONSE_WAIT_MS = 3_500;

export class Bridge {
  readonly #discord: LocalDiscordServer;
  readonly #logger: Logger;
  readonly #pages = new Set<WebSocket>();
  /** Every message shown so far, latest state, in the order they appeared. */
  readonly #history = new Map<string, Json>();
  /** What each slash command interaction used, for the "mia used /csto" line above its reply. */
  readonly #commandLabels = new Map<string, string>();
  readonly #unsubscribe: () => void;
  readonly #command: string;

  /** `command` is the bot's `BOT_COMMAND`, for the examples on the page. */
  constructor(discord: LocalDiscordServer, command: string, logger: Logger) {
    this.#discord = discord;
    this.#command = command;
    this.#logger = logger;
    this.#unsubscribe = discord.onMessage((event) => this.#onMessage(event));
  }

  /** Serves one page: sends it the channel so far, then answers its requests. */
  attach(page: WebSocket): void {
    this.#pages.add(page);
    page.on('close', () => this.#pages.delete(page));
    page.on('message', (raw) => {
      let request: PageRequest;
      try {
        request = JSON.parse(String(raw));
      } catch {
        return;
      }
      this.#handle(request).then(
        (event) => send(page, event),
        (error: unknown) => {
          this.#logger.error({ err: error, request: request.kind }, 'playground request failed');
          if (request.kind !== 'suggest')
            send(page, { kind: 'done', seq: request.seq, error: 'The playground failed; see its terminal.' });
        },
      );
    });
    send(page, {
      kind: 'hello',
      world: worldView(this.#command),
      messages: [...this.#history.values()].map((m) => this.#shown(m)),
    });
  }

  /** Stops following the local server; the page server closes the pages themselves. */
  close(): void {
    this.#unsubscribe();
  }

  #onMessage({ type, message }: ChannelMessageEvent): void {
    let event: PlaygroundEvent;
    if (type === 'delete') {
      this.#history.delete(message.id);
      event = { kind: 'delete', id: message.id };
    } else {
      this.#history.set(message.id, message);
      event = { kind: 'message', shown: this.#shown(message) };
    }
    for (const page of this.#pages) send(page, event);
  }

  #shown(message: Json): ShownMessage {
    const interaction: string | undefined = message.interaction_metadata?.id;
    return { message, command: (interaction && this.#commandLabels.get(interaction)) || null };
  }

  async #handle(request: PageRequest): Promise<PlaygroundEvent> {
    switch (request.kind) {
      case 'suggest': {
        const shown = localizeCommands(this.#commands(), request.locale);
        const { hint, items } = await suggest(request.text, {
          commands: shown,
          directory: DIRECTORY,
          permissions: PERMISSIONS[request.as],
          autocomplete: (data) =>
            this.#autocomplete(
              defaultNames(data, shown, this.#commands()),
              request.as,
              request.channelId,
              request.locale,
            ),
        });
        return { kind: 'suggestions', seq: request.seq, hint, items };
      }
      case 'send':
        return {
          kind: 'done',
          seq: request.seq,
          error: await this.#send(request.text, request.as, request.channelId, request.locale),
        };
      case 'click':
        return {
          kind: 'done',
          seq: request.seq,
          error: await this.#click(request.messageId, request.customId, request.as, request.locale),
        };
    }
  }

  /** The commands as deploy-commands registered them in the playground server. */
  #commands(): CommandDef[] {
    return this.#discord.commands(GUILD.id);
  }

  async #autocomplete(data: Json, as: Role, channelId: string, locale: ClientLocale) {
    const { callback } = this.#discord.sendInteraction({
      type: 4,
      data,
      ...this.#actor(as),
      channelId,
      locale,
    });
    const response = await withDeadline(callback);
    return response?.data?.choices ?? [];
  }

  /** A slash command becomes an interaction; anything else a message. Returns why nothing was sent. */
  async #send(text: string, as: Role, channelId: string, locale: ClientLocale): Promise<string | null> {
    if (!text.trim()) return null;
    const shown = localizeCommands(this.#commands(), locale);
    const built = buildCommand(text, shown, DIRECTORY, PERMISSIONS[as]);
    if (!built) {
      this.#discord.sendMessage({ content: messageContent(text, DIRECTORY), author: ACTORS[as], channelId });
      return null;
    }
    if (!built.ok) return built.error;
    const { id, callback } = this.#discord.sendInteraction({
      type: 2,
      data: defaultNames(built.data, shown, this.#commands()),
      ...this.#actor(as),
      channelId,
      locale,
    });
    this.#commandLabels.set(id, built.label);
    return (await withDeadline(callback)) ? null : `${BOT.username} did not respond.`;
  }

  async #click(messageId: string, customId: string, as: Role, locale: ClientLocale): Promise<string | null> {
    const message = this.#history.get(messageId);
    if (!message) return 'This message is gone.';
    const { callback } = this.#discord.sendInteraction({
      type: 3,
      data: { custom_id: customId },
      message: { id: messageId },
      channelId: message.channel_id,
      ...this.#actor(as),
      locale,
    });
    return (await withDeadline(callback)) ? null : 'This interaction failed.';
  }

  #actor(as: Role) {
    return { user: ACTORS[as], permissions: PERMISSIONS[as] };
  }
}

function send(page: WebSocket, event: PlaygroundEvent): void {
  if (page.readyState === page.OPEN) page.send(JSON.stringify(event));
}

/** The interaction's response, or null once Discord's client would have given up on it. */
function withDeadline(callback: Promise<Json>): Promise<Json | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), RESPONSE_WAIT_MS);
    timer.unref();
    void callback.then((response) => {
      clearTimeout(timer);
      resolve(response);
    });
  });
}
