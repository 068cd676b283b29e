/**
 * Discord markdown for quoted text: the corpus and users' queries are text, never formatting.
 */

/** Characters that start or end Discord formatting anywhere in a line. */
const INLINE = /[\\*_~`|<>[\]]/g;
/** Characters that only format at the start of a line (headings, lists, quotes). */
const LINE_START = /^(\s*)([#>-]|\d+\.)/gm;

/** Escapes text so Discord shows it literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, '\\$&')
    .replace(LINE_START, (_, space: string, mark: string) => `${space}\\${mark}`);
}

/** Bold for Discord; the caller escapes the inside first. */
export function bold(escaped: string): string {
  return `**${escaped}**`;
}

/**
 * Text a user typed, made safe to show back: markdown escaped, and `@everyone`/`@here` and links broken
 * with a zero-width space so they read the same but can never ping, link or preview, whatever
 * `allowed_mentions` or the message flags say.
 */
export function quoteUserText(text: string): string {
  return neutralizeLinks(neutralizeMassMentions(escapeMarkdown(text)));
}

/** `https://…` and invites (`discord.gg/…`) as text: Discord makes a link (and a preview) of neither. */
function neutralizeLinks(text: string): string {
  return text
    .replace(/:\/\//g, ':\u200b//')
    .replace(/(discord(?:app)?\.(?:gg|com\/invite))\//gi, '$1\u200b/');
}

export function neutralizeMassMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** For plain-text places (footers, button labels) where mention syntax shows raw: `<@123>` → `@user`. */
export function describeMentions(text: string): string {
  return neutralizeMassMentions(
    text
      .replace(/<@&\d+>/g, '@role')
      .replace(/<@!?\d+>/g, '@user')
      .replace(/<#\d+>/g, '#channel'),
  );
}
