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
