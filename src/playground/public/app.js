// @ts-check
/**
 * The playground page: a Discord-like channel view over the playground server's WebSocket. It shows
 * the messages the server streams, sends what is typed and clicked, and shows the suggestions the
 * server computes (the bot's own autocomplete among them). It decides nothing Discord would.
 */
import './renderer-config.js';
// Only the renderer's elements this page draws, to keep the bundle small.
import '@skyra/discord-components-core/discord-action-row.js';
import '@skyra/discord-components-core/discord-attachments.js';
import '@skyra/discord-components-core/discord-button.js';
import '@skyra/discord-components-core/discord-code.js';
import '@skyra/discord-components-core/discord-command.js';
import '@skyra/discord-components-core/discord-embed.js';
import '@skyra/discord-components-core/discord-embed-description.js';
import '@skyra/discord-components-core/discord-embed-field.js';
import '@skyra/discord-components-core/discord-embed-fields.js';
import '@skyra/discord-components-core/discord-embed-footer.js';
import '@skyra/discord-components-core/discord-header.js';
import '@skyra/discord-components-core/discord-link.js';
import '@skyra/discord-components-core/discord-mention.js';
import '@skyra/discord-components-core/discord-message.js';
import '@skyra/discord-components-core/discord-messages.js';
import '@skyra/discord-components-core/discord-quote.js';
import '@skyra/discord-components-core/discord-reply.js';
import '@skyra/discord-components-core/discord-spoiler.js';
import '@skyra/discord-components-core/discord-subscript.js';
import '@skyra/discord-components-core/discord-time.js';
import { avatar, renderMessage } from './render.js';

/**
 * @typedef {import('../protocol.ts').PlaygroundEvent} PlaygroundEvent
 * @typedef {import('../protocol.ts').UnnumberedRequest} UnnumberedRequest
 * @typedef {import('../protocol.ts').ShownMessage} ShownMessage
 * @typedef {import('../protocol.ts').Suggestion} Suggestion
 * @typedef {import('../protocol.ts').WorldView} WorldView
 * @typedef {import('../protocol.ts').Role} Role
 * @typedef {import('../protocol.ts').ClientLocale} ClientLocale
 */

/** Wait this long after a keystroke before asking for suggestions, so fast typing asks once. */
const SUGGEST_DELAY_MS = 120;

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page`);
  return element;
}

const view = {
  messages: byId('messages', HTMLElement),
  scroller: byId('scroller', HTMLElement),
  channels: byId('channels', HTMLUListElement),
  channelName: byId('channel-name', HTMLElement),
  topic: byId('topic', HTMLElement),
  guildName: byId('guild-name', HTMLElement),
  actingNote: byId('acting-note', HTMLElement),
  actingLegend: byId('acting-legend', HTMLElement),
  roleMember: byId('role-member', HTMLElement),
  roleModerator: byId('role-moderator', HTMLElement),
  languageLegend: byId('language-legend', HTMLElement),
  composer: byId('composer', HTMLFormElement),
  input: byId('composer-input', HTMLInputElement),
  error: byId('composer-error', HTMLElement),
  suggestions: byId('suggestions', HTMLElement),
  hint: byId('suggestions-hint', HTMLElement),
  list: byId('suggestions-list', HTMLElement),
};

const state = {
  /** @type {WorldView | null} */
  world: null,
  /** @type {Role} */
  role: 'member',
  /** The client language: the command picker, the page and the bot's replies follow it. @type {ClientLocale} */
  locale: 'en-US',
  channelId: '',
  /** Every message received, latest state, by id, in arrival order. @type {Map<string, ShownMessage>} */
  shown: new Map(),
  /** Ephemeral messages dismissed here: Discord forgets them locally too. @type {Set<string>} */
  dismissed: new Set(),
  /** @type {Suggestion[]} */
  suggestions: [],
  /** The highlighted suggestion; none until the arrow keys move, so Enter sends what was typed. */
  selected: -1,
  seq: 0,
  /** Requests waiting for their `done`, by seq. @type {Map<number, (error: string | null) => void>} */
  pending: new Map(),
  /** The seq of the latest `suggest`; older answers are dropped. */
  latestSuggest: 0,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  suggestTimer: undefined,
};

const socket = new WebSocket(`ws://${location.host}/socket`);
socket.addEventListener('message', (frame) => receive(JSON.parse(String(frame.data))));
socket.addEventListener('close', () =>
  showError(
    state.world?.strings[state.locale].stopped ??
      'The playground stopped. Restart it with npm run playground, then reload.',
  ),
);

/**
 * @param {UnnumberedRequest} request
 * @returns {number}
 */
function request(request) {
  const seq = ++state.seq;
  socket.send(JSON.stringify({ ...request, seq }));
  return seq;
}

/** @param {PlaygroundEvent} event */
function receive(event) {
  switch (event.kind) {
    case 'hello':
      state.world = event.world;
      state.channelId = event.world.channels[0]?.id ?? '';
      for (const shown of event.messages) state.shown.set(shown.message.id, shown);
      drawWorld();
      drawMessages();
      return;
    case 'message': {
      const stuck = isScrolledDown();
      state.shown.set(event.shown.message.id, event.shown);
      drawMessages();
      if (stuck) scrollDown();
      return;
    }
    case 'delete':
      state.shown.delete(event.id);
      drawMessages();
      return;
    case 'suggestions':
      if (event.seq === state.latestSuggest) showSuggestions(event.hint, event.items);
      return;
    case 'done':
      state.pending.get(event.seq)?.(event.error);
      state.pending.delete(event.seq);
      return;
  }
}

/** Sends a request that ends with `done`; resolves with its error, null when all went well. */
function perform(/** @type {UnnumberedRequest} */ message) {
  return new Promise((resolve) => state.pending.set(request(message), resolve));
}

// ----- the world: server, channels, acting user -----------------------------------------------------------

function drawWorld() {
  const world = state.world;
  if (!world) return;
  const strings = world.strings[state.locale];
  document.documentElement.lang = state.locale === 'ru' ? 'ru' : 'en';
  view.guildName.textContent = world.guildName;
  view.topic.textContent = strings.topic;
  view.actingLegend.textContent = strings.actingAs;
  view.roleMember.textContent = strings.member;
  view.roleModerator.textContent = strings.moderator;
  view.languageLegend.textContent = strings.language;
  view.channels.replaceChildren(
    ...world.channels.map((channel) => {
      const item = document.createElement('li');
      const link = document.createElement('button');
      link.type = 'button';
      link.textContent = channel.name;
      link.className = channel.id === state.channelId ? 'channel active' : 'channel';
      link.addEventListener('click', () => {
        state.channelId = channel.id;
        drawWorld();
        drawMessages();
        scrollDown();
      });
      item.append(link);
      return item;
    }),
  );
  const channel = world.channels.find((candidate) => candidate.id === state.channelId);
  view.channelName.textContent = channel?.name ?? '';
  view.input.placeholder = strings.messagePlaceholder.replace('{channel}', channel?.name ?? '');
  const actor = world.actors[state.role];
  view.actingNote.replaceChildren(
    Object.assign(document.createElement('img'), { src: avatar(actor), alt: '' }),
    `${actor.username} · ${strings.roleNotes[state.role]}`,
  );
}

/**
 * A group of radio buttons that changes who the visitor is or the client's language: everything shown
 * is drawn again for the new choice.
 * @param {string} name
 * @param {(value: string) => void} choose
 */
function onChoice(name, choose) {
  for (const radio of document.querySelectorAll(`input[name="${name}"]`)) {
    radio.addEventListener('change', () => {
      if (!(radio instanceof HTMLInputElement) || !radio.checked) return;
      choose(radio.value);
      drawWorld();
      drawMessages();
      refreshSuggestions();
    });
  }
}
onChoice('role', (value) => {
  state.role = value === 'moderator' ? 'moderator' : 'member';
});
onChoice('locale', (value) => {
  state.locale = value === 'ru' ? 'ru' : 'en-US';
});

// ----- messages -------------------------------------------------------------------------------------------

/** @param {ShownMessage} shown Ephemeral messages are seen by the one who caused them, as on Discord. */
function visible({ message }) {
  if (message.channel_id !== state.channelId || state.dismissed.has(message.id)) return false;
  const ephemeral = ((message.flags ?? 0) & 64) !== 0;
  return !ephemeral || message.interaction_metadata?.user.id === state.world?.actors[state.role].id;
}

function drawMessages() {
  const world = state.world;
  if (!world) return;
  /** @type {import('./render.js').RenderContext} */
  const context = {
    names: {
      person: (id) => world.people.find((person) => person.id === id)?.username,
      channel: (id) => world.channels.find((channel) => channel.id === id)?.name,
    },
    message: (id) => state.shown.get(id)?.message,
    click: pressButton,
    dismiss: (id) => {
      state.dismissed.add(id);
      drawMessages();
    },
  };
  view.messages.replaceChildren(
    ...[...state.shown.values()].filter(visible).map((shown) => renderMessage(shown, context)),
  );
}

/**
 * @param {import('discord-api-types/v10').APIMessage} message
 * @param {string} customId
 * @param {import('@skyra/discord-components-core').DiscordButton} button
 */
async function pressButton(message, customId, button) {
  button.disabled = true;
  const error = await perform({
    kind: 'click',
    messageId: message.id,
    customId,
    as: state.role,
    locale: state.locale,
  });
  button.disabled = false;
  if (error) showError(error);
}

function isScrolledDown() {
  const { scrollTop, scrollHeight, clientHeight } = view.scroller;
  return scrollHeight - scrollTop - clientHeight < 80;
}

function scrollDown() {
  requestAnimationFrame(() => {
    view.scroller.scrollTop = view.scroller.scrollHeight;
  });
}

/** @param {string | null} text */
function showError(text) {
  view.error.hidden = !text;
  view.error.textContent = text ?? '';
}

// ----- the composer and its suggestions -------------------------------------------------------------------

view.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = view.input.value;
  if (!text.trim()) return;
  hideSuggestions();
  showError(null);
  const error = await perform({
    kind: 'send',
    text,
    as: state.role,
    channelId: state.channelId,
    locale: state.locale,
  });
  if (error) showError(error);
  else if (view.input.value === text) view.input.value = '';
  scrollDown();
});

view.input.addEventListener('input', () => {
  showError(null);
  refreshSuggestions();
});

view.input.addEventListener('keydown', (event) => {
  const count = state.suggestions.length;
  if (view.suggestions.hidden || count === 0) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    state.selected = (state.selected + step + count) % count;
    drawSuggestions();
  } else if (event.key === 'Tab' || (event.key === 'Enter' && state.selected >= 0)) {
    event.preventDefault();
    pick(state.suggestions[Math.max(state.selected, 0)]);
  } else if (event.key === 'Escape') {
    hideSuggestions();
  }
});

function refreshSuggestions() {
  clearTimeout(state.suggestTimer);
  state.suggestTimer = setTimeout(() => {
    const text = view.input.value;
    if (!text.startsWith('/') && !/(^|\s)@[\w.-]*$/.test(text)) {
      hideSuggestions();
      return;
    }
    state.latestSuggest = request({
      kind: 'suggest',
      text,
      as: state.role,
      channelId: state.channelId,
      locale: state.locale,
    });
  }, SUGGEST_DELAY_MS);
}

/**
 * @param {string | null} hint
 * @param {Suggestion[]} items
 */
function showSuggestions(hint, items) {
  state.suggestions = items;
  state.selected = -1;
  view.hint.textContent = hint ?? '';
  view.hint.hidden = !hint;
  view.suggestions.hidden = !hint && items.length === 0;
  drawSuggestions();
}

function drawSuggestions() {
  view.list.replaceChildren(
    ...state.suggestions.map((item, index) => {
      const option = document.createElement('div');
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === state.selected));
      const label = Object.assign(document.createElement('span'), {
        className: 'label',
        textContent: item.label,
      });
      const detail = Object.assign(document.createElement('span'), {
        className: 'detail',
        textContent: item.detail,
      });
      option.append(label, detail);
      // mousedown, not click: the input keeps its focus.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(item);
      });
      return option;
    }),
  );
}

/** @param {Suggestion | undefined} item */
function pick(item) {
  if (!item) return;
  view.input.value = item.text;
  view.input.focus();
  refreshSuggestions();
}

function hideSuggestions() {
  clearTimeout(state.suggestTimer);
  state.latestSuggest = 0;
  state.suggestions = [];
  view.suggestions.hidden = true;
}

view.input.focus();
