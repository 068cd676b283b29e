// @ts-check
/**
 * Discord's message markdown, drawn with the renderer's elements: the subset Discord shows in
 * message content and embed descriptions (bold, italics, underline, strikethrough, spoilers, code,
 * `-#` subtext, quotes, headings, mentions, `<t:…>` timestamps, escapes, links). The text is the
 * bot's, as it sent it; nothing here changes what it says, only how it looks. Built with DOM nodes,
 * never HTML strings, so corpus text can never become markup.
 */

/**
 * @typedef {object} Names
 * @property {(id: string) => string | undefined} person the username behind `<@id>`
 * @property {(id: string) => string | undefined} channel the channel name behind `<#id>`
 */

/**
 * Paired delimiters, longest first, and the element each draws. Bold, italics and underline are
 * plain HTML, as in Discord's client: the renderer's `discord-bold` and friends pad their text with
 * template whitespace, which shows as a stray space before punctuation (“**Armenia**,” → “Armenia ,”).
 */
const SPANS = [
  ['**', 'strong'],
  ['__', 'u'],
  ['~~', 's'],
  ['||', 'discord-spoiler'],
  ['*', 'em'],
  ['_', 'em'],
];

/** `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `<t:seconds:style>`, or a bare link. */
const TOKEN =
  /^(?:<@!?(\d+)>|<@&(\d+)>|<#(\d+)>|<t:(-?\d+)(?::([tTdDfFR]))?>|(https?:\/\/[^\s<]+[^\s<.,:;"')\]]))/;

/**
 * Renders a message's or an embed's markdown.
 * @param {string} text
 * @param {Names} names
 * @returns {DocumentFragment}
 */
export function renderMarkdown(text, names) {
  const fragment = document.createDocumentFragment();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const block = /^(-#|#{1,3}|>) (.*)$/.exec(line);
    if (block) {
      const [, mark, rest = ''] = block;
      const element =
        mark === '-#'
          ? document.createElement('discord-subscript')
          : mark === '>'
            ? document.createElement('discord-quote')
            : Object.assign(document.createElement('discord-header'), { level: mark?.length ?? 1 });
      element.append(...inline(rest, names));
      fragment.append(element);
      return;
    }
    fragment.append(...inline(line, names));
    if (index < lines.length - 1) fragment.append(document.createElement('br'));
  });
  return fragment;
}

/**
 * @param {string} text
 * @param {Names} names
 * @returns {Node[]}
 */
function inline(text, names) {
  /** @type {Node[]} */
  const nodes = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(document.createTextNode(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const char = text[i] ?? '';
    // Discord escapes any ASCII punctuation with a backslash; before anything else the backslash shows.
    if (char === '\\' && /^[!-/:-@[-`{-~]$/.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        const code = document.createElement('discord-code');
        code.textContent = text.slice(i + 1, end);
        nodes.push(code);
        i = end + 1;
        continue;
      }
    }
    const token = TOKEN.exec(rest);
    if (token) {
      flush();
      nodes.push(tokenNode(token, names));
      i += token[0].length;
      continue;
    }
    const span = SPANS.find(([mark]) => rest.startsWith(mark ?? ''));
    if (span) {
      const [mark = '', tag = ''] = span;
      const end = closing(text, i + mark.length, mark);
      if (end !== -1) {
        flush();
        const element = document.createElement(tag);
        element.append(...inline(text.slice(i + mark.length, end), names));
        nodes.push(element);
        i = end + mark.length;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  flush();
  return nodes;
}

/**
 * Where `mark` closes a span opened just before `from`, skipping escapes and code; -1 when it does
 * not. Single `*` and `_` do not close on a doubled one, and `_` only closes at the end of a word.
 * @param {string} text
 * @param {number} from
 * @param {string} mark
 */
function closing(text, from, mark) {
  if (text[from] === ' ' || from >= text.length) return -1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end !== -1) i = end;
      continue;
    }
    if (!text.startsWith(mark, i)) continue;
    if (mark.length === 1 && text[i + 1] === mark) {
      i++;
      continue;
    }
    if (mark === '_' && /\w/.test(text[i + 1] ?? '')) continue;
    if (i > from) return i;
  }
  return -1;
}

/**
 * @param {RegExpExecArray} token
 * @param {Names} names
 * @returns {Node}
 */
function tokenNode(token, names) {
  const [, user, role, channel, seconds, style, link] = token;
  if (link) {
    const anchor = document.createElement('discord-link');
    Object.assign(anchor, { href: link, target: '_blank', rel: 'noopener noreferrer' });
    anchor.textContent = link;
    return anchor;
  }
  if (seconds) {
    const time = document.createElement('discord-time');
    time.textContent = formatTimestamp(new Date(Number(seconds) * 1000), style ?? 'f');
    return time;
  }
  const mention = document.createElement('discord-mention');
  if (user) mention.textContent = names.person(user) ?? 'unknown-user';
  else if (channel) {
    mention.type = 'channel';
    mention.textContent = names.channel(channel) ?? 'unknown-channel';
  } else {
    mention.type = 'role';
    mention.textContent = `role ${role}`;
  }
  return mention;
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
/** @type {Record<string, Intl.DateTimeFormatOptions>} */
const STYLES = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

/**
 * A `<t:…>` timestamp in the viewer's time zone, in Discord's styles; `R` is relative ("in 30 seconds").
 * @param {Date} date
 * @param {string} style
 */
function formatTimestamp(date, style) {
  if (style !== 'R') return date.toLocaleString('en', STYLES[style] ?? STYLES.f);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  /** @type {[Intl.RelativeTimeFormatUnit, number][]} */
  const units = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  return RELATIVE.format(Math.round(seconds / size), unit);
}
