/**
 * What one corpus file, paragraph or glossary line may be. Past a limit the file (or glossary line) is
 * refused with a logged reason that names the limit, and everything else keeps answering: a careless
 * edit must never freeze the bot or make one answer take seconds. docs/operations.md lists them.
 */

/** One article or glossary file: far above any news article (the seed article is 12 KB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** One paragraph, in characters: a news paragraph is a few hundred; highlighting works per paragraph. */
export const MAX_PARAGRAPH_CHARS = 10_000;
/** One glossary line, in characters. */
export const MAX_GLOSSARY_LINE_CHARS = 2_000;
/** Names on one `a = b = c` line: every name is indexed with the words of all the others. */
export const MAX_NAMES_PER_ALIAS_LINE = 50;

/** Why a glossary line (of either glossary) is too long, or null. */
export function glossaryLineTooLong(line: string): string | null {
  return line.length > MAX_GLOSSARY_LINE_CHARS
    ? `the line is ${line.length} characters, over the limit of ${MAX_GLOSSARY_LINE_CHARS}`
    : null;
}

/** Why an alias line (of either glossary) has too many names, or null. */
export function tooManyNames(names: number): string | null {
  return names > MAX_NAMES_PER_ALIAS_LINE
    ? `${names} names on one line, over the limit of ${MAX_NAMES_PER_ALIAS_LINE}: split the line`
    : null;
}

/** `20.0 MB`, `512 KB`: sizes in reasons a corpus editor reads. */
export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
