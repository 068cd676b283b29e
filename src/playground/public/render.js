// @ts-check
/**
 * A Discord message, as the bot sent it and Discord stored it, drawn the way Discord's client draws
 * it: author and time, the "used /command" or reply line above, content, embeds (title, link,
 * description, fields, footer, colour bar) and buttons, and the "Only you can see this" line for
 * ephemeral messages. Images and attachments are not drawn: the bot sends none, and the page loads
 * nothing from outside the machine.
 */
import { renderMarkdown } from './markdown.js';

/**
 * @typedef {import('discord-api-types/v10').APIMessage} APIMessage
 * @typedef {import('discord-api-types/v10').APIEmbed} APIEmbed
 * @typedef {import('discord-api-types/v10').APIUser} APIUser
 * @typedef {import('../protocol.ts').ShownMessage} ShownMessage
 * @typedef {import('./markdown.js').Names} Names
 *
 * @typedef {object} RenderContext
 * @property {Names} names
 * @property {(id: string) => APIMessage | undefined} message a message shown earlier, for reply lines
 * @property {(message: APIMessage, customId: string, button: import('@skyra/discord-components-core').DiscordButton) => void} click a button was pressed
 * @property {(id: string) => void} dismiss an ephemeral message was dismissed
 */

const EPHEMERAL = 64;
const LOADING = 128;
const BUTTON_STYLES = ['', 'primary', 'secondary', 'success', 'destructive'];
const AVATAR_COLOURS = ['#5865f2', '#3ba55c', '#faa61a', '#ed4245', '#eb459e', '#747f8d'];

/**
 * A round avatar with the user's initial, drawn here so no image is fetched.
 * @param {{ id: string, username: string }} user
 */
export function avatar(user) {
  const colour = AVATAR_COLOURS[Number(BigInt(user.id) % BigInt(AVATAR_COLOURS.length))];
  const initial = /[a-z0-9]/i.test(user.username[0] ?? '') ? user.username[0]?.toUpperCase() : '?';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="${colour}"/>` +
    `<text x="40" y="53" font-family="sans-serif" font-size="38" font-weight="600" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * @param {ShownMessage} shown
 * @param {RenderContext} context
 * @returns {HTMLElement}
 */
export function renderMessage({ message, command }, context) {
  const element = document.createElement('discord-message');
  setAttributes(element, {
    'data-id': message.id,
    author: displayName(message.author),
    avatar: avatar(message.author),
    bot: message.author.bot ?? false,
    edited: Boolean(message.edited_timestamp),
    timestamp: formatSent(new Date(message.timestamp)),
  });
  const reply = replyLine(message, command, context);
  if (reply) element.append(reply);
  if ((message.flags ?? 0) & LOADING) element.append(`${displayName(message.author)} is thinking…`);
  if (message.content) element.append(renderMarkdown(message.content, context.names));
  for (const embed of message.embeds) element.append(renderEmbed(embed, context.names));
  const buttons = renderComponents(message, context);
  if (buttons) element.append(buttons);
  if ((message.flags ?? 0) & EPHEMERAL) {
    element.setAttribute('ephemeral', '');
    element.dismissMessageClicked = () => context.dismiss(message.id);
  }
  return element;
}

/**
 * Attributes rather than properties, so the page's DOM reads like the message (and tests can find
 * `discord-message[author="AnswerBot"]`); `false` leaves a boolean attribute out.
 * @param {Element} element
 * @param {Record<string, string | boolean>} attributes
 */
function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string') element.setAttribute(name, value);
    else element.toggleAttribute(name, value);
  }
}

/** @param {APIUser} user */
function displayName(user) {
  return user.global_name ?? user.username;
}

/** "Today at 18:09", as Discord labels recent messages. @param {Date} date */
function formatSent(date) {
  const time = date.toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? `Today at ${time}` : date.toLocaleString('en');
}

/**
 * The line above a message: who used which command, or what it replies to.
 * @param {APIMessage} message
 * @param {string | null} command
 * @param {RenderContext} context
 * @returns {HTMLElement | null}
 */
function replyLine(message, command, context) {
  const interaction = message.interaction_metadata;
  if (interaction && command) {
    const line = document.createElement('discord-command');
    setAttributes(line, {
      slot: 'reply',
      author: displayName(interaction.user),
      avatar: avatar(interaction.user),
      command,
    });
    return line;
  }
  const target =
    message.referenced_message ??
    (interaction && 'interacted_message_id' in interaction && interaction.interacted_message_id
      ? context.message(interaction.interacted_message_id)
      : undefined);
  if (!target) return null;
  const line = document.createElement('discord-reply');
  setAttributes(line, {
    slot: 'reply',
    author: displayName(target.author),
    avatar: avatar(target.author),
    bot: target.author.bot ?? false,
  });
  line.append(renderMarkdown(preview(target), context.names));
  return line;
}

/** One line of a message, as Discord shows it in a reply line. @param {APIMessage} message */
function preview(message) {
  const text =
    message.content ||
    message.embeds[0]?.title ||
    message.embeds[0]?.description ||
    'Click to see the message';
  return text.replace(/\s+/g, ' ');
}

/**
 * @param {APIEmbed} embed
 * @param {Names} names
 */
function renderEmbed(embed, names) {
  const element = document.createElement('discord-embed');
  setAttributes(element, {
    slot: 'embeds',
    ...(embed.color === undefined ? {} : { color: `#${embed.color.toString(16).padStart(6, '0')}` }),
    ...(embed.title ? { 'embed-title': embed.title } : {}),
    ...(embed.url ? { url: embed.url } : {}),
    ...(embed.author ? { 'author-name': embed.author.name } : {}),
  });
  if (embed.description) {
    const description = document.createElement('discord-embed-description');
    description.slot = 'description';
    description.append(renderMarkdown(embed.description, names));
    element.append(description);
  }
  if (embed.fields?.length) {
    const fields = document.createElement('discord-embed-fields');
    fields.slot = 'fields';
    for (const field of embed.fields) {
      const item = document.createElement('discord-embed-field');
      setAttributes(item, { 'field-title': field.name, inline: field.inline ?? false });
      item.append(renderMarkdown(field.value, names));
      fields.append(item);
    }
    element.append(fields);
  }
  if (embed.footer) {
    const footer = document.createElement('discord-embed-footer');
    footer.slot = 'footer';
    footer.textContent = embed.footer.text;
    element.append(footer);
  }
  return element;
}

/**
 * The message's action rows; only buttons are drawn, the only components the bot sends.
 * @param {APIMessage} message
 * @param {RenderContext} context
 */
function renderComponents(message, context) {
  const rows = (message.components ?? []).filter((row) => row.type === 1);
  if (rows.length === 0) return null;
  const container = document.createElement('discord-attachments');
  container.slot = 'components';
  for (const row of rows) {
    const rowElement = document.createElement('discord-action-row');
    for (const component of row.components) {
      if (component.type !== 2 || !('custom_id' in component)) continue;
      const button = document.createElement('discord-button');
      setAttributes(button, {
        type: BUTTON_STYLES[component.style] || 'secondary',
        disabled: component.disabled ?? false,
      });
      button.textContent = component.label ?? '';
      button.addEventListener('click', () => {
        if (!button.disabled) context.click(message, component.custom_id, button);
      });
      rowElement.append(button);
    }
    container.append(rowElement);
  }
  return container;
}
