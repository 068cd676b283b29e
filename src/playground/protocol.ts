/**
 * What the playground page and the playground server say to each other over their WebSocket, one
 * JSON object per frame. The page only types and clicks; everything Discord would decide (which
 * command was meant, which interaction to send, what the bot answered) is decided on the server,
 * so the page stays a thin viewer. Types only: the page (plain JavaScript) imports them in JSDoc.
 */
import type { APIMessage } from 'discord-api-types/v10';

/** The client languages the playground offers (Discord locale codes). */
export type ClientLocale = 'en-US' | 'ru';

/** Who the visitor is acting as: a plain member, or a moderator who is also an administrator and the bot's operator. */
export type Role = 'member' | 'moderator';

export interface PersonView {
  id: string;
  username: string;
  bot?: boolean;
}

/** The server, channels and people the page shows; fixed for a playground's lifetime. */
export interface WorldView {
  guildName: string;
  /** The ask command's name (`BOT_COMMAND`), for the examples the page shows. */
  command: string;
  channels: { id: string; name: string }[];
  bot: PersonView;
  actors: Record<Role, PersonView>;
  /** Everyone a message can mention, the bot and the actors included. */
  people: PersonView[];
  /** The page's own words in each client language (from the bot's catalogues). */
  strings: Record<ClientLocale, PageStrings>;
}

/** What the page writes around the channel; `{channel}` in `messagePlaceholder` is the channel's name. */
export interface PageStrings {
  topic: string;
  messagePlaceholder: string;
  actingAs: string;
  member: string;
  moderator: string;
  /** What each role may do, as the page shows it (`Manage Server and Administrator …`). */
  roleNotes: Record<Role, string>;
  language: string;
  stopped: string;
}

/** A message as Discord stored it, plus the one thing Discord shows that the local server does not keep. */
export interface ShownMessage {
  message: APIMessage;
  /** For a reply to a slash command: what was used (`/csto`), shown as "mia used /csto". */
  command: string | null;
}

/** One line of the suggestion list; picking it replaces the whole input with `text`. */
export interface Suggestion {
  label: string;
  detail: string;
  text: string;
}

export type PageRequest =
  | { kind: 'suggest'; seq: number; text: string; as: Role; channelId: string; locale: ClientLocale }
  | { kind: 'send'; seq: number; text: string; as: Role; channelId: string; locale: ClientLocale }
  | { kind: 'click'; seq: number; messageId: string; customId: string; as: Role; locale: ClientLocale };

/** A request as the page writes it, before it is numbered. */
export type UnnumberedRequest = {
  [Kind in PageRequest['kind']]: Omit<Extract<PageRequest, { kind: Kind }>, 'seq'>;
}[PageRequest['kind']];

export type PlaygroundEvent =
  | { kind: 'hello'; world: WorldView; messages: ShownMessage[] }
  /** A message appeared or changed: the page shows or replaces it by id. */
  | { kind: 'message'; shown: ShownMessage }
  | { kind: 'delete'; id: string }
  /** The answer to the `suggest` with this `seq`; `hint` describes the option being typed. */
  | { kind: 'suggestions'; seq: number; hint: string | null; items: Suggestion[] }
  /** The end of a `send` or `click`: `error` says why nothing (or nothing in time) came of it. */
  | { kind: 'done'; seq: number; error: string | null };
