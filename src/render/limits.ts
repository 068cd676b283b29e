/**
 * Discord's size limits, as named constants, and the one function that makes any payload fit
 * them. Excerpts are shortened (at a word, keeping markdown balanced) rather than letting Discord
 * reject the message with a 400.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import { sliceText } from '../text/slice.ts';
import { ELLIPSIS } from './quote.ts';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** All titles, descriptions, field names and values, footers and author names together. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceText: 100,
} as const;

/**
 * Shortens Discord markdown to at most `max` characters: at a word boundary when one is near,
 * without leaving a dangling escape or an unclosed `**`.
 */
export function truncateMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let cut = sliceText(text, max - 3); // room for a closing ** and the ellipsis
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.7) cut = cut.slice(0, space);
  cut = cut.replace(/\\+$/, (slashes) => (slashes.length % 2 === 0 ? slashes : slashes.slice(1)));
  if ((cut.match(/(?<!\\)\*\*/g) ?? []).length % 2 === 1) cut = `${cut.trimEnd()}**`;
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = truncateMarkdown(fitted.title, LIMITS.embedTitle);
  if (fitted.description) fitted.description = truncateMarkdown(fitted.description, LIMITS.embedDescription);
  if (fitted.footer)
    fitted.footer = { ...fitted.footer, text: truncateMarkdown(fitted.footer.text, LIMITS.footer) };
  if (fitted.author)
    fitted.author = { ...fitted.author, name: truncateMarkdown(fitted.author.name, LIMITS.authorName) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.embedFields).map((field) => ({
      ...field,
      name: truncateMarkdown(field.name, LIMITS.fieldName) || '\u200b',
      value: truncateMarkdown(field.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  return fitted;
}

/** Per-embed limits, then the 6,000-character total by shortening the longest descriptions. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(fitEmbed);
  let excess = fitted.reduce((sum, embed) => sum + embedLength(embed), 0) - LIMITS.embedTotal;
  while (excess > 0) {
    const longest = fitted.reduce((best, embed) =>
      (embed.description?.length ?? 0) > (best.description?.length ?? 0) ? embed : best,
    );
    const length = longest.description?.length ?? 0;
    if (length <= 1) {
      // Nothing left to shorten: drop the last embed rather than fail.
      const dropped = fitted.pop();
      excess -= dropped ? embedLength(dropped) : excess;
      continue;
    }
    const shorter = truncateMarkdown(longest.description ?? '', Math.max(1, length - excess - 4));
    excess -= length - shorter.length;
    longest.description = shorter;
  }
  return fitted;
}

export function fitComponents(
  rows: readonly APIActionRowComponent<APIButtonComponent>[],
): APIActionRowComponent<APIButtonComponent>[] {
  return rows
    .slice(0, LIMITS.actionRows)
    .map((row) => ({
      ...row,
      components: row.components
        .slice(0, LIMITS.buttonsPerRow)
        .filter((button) => !('custom_id' in button) || button.custom_id.length <= LIMITS.customId)
        .map((button) =>
          'label' in button && button.label
            ? { ...button, label: truncateMarkdown(button.label, LIMITS.buttonLabel) }
            : button,
        ),
    }))
    .filter((row) => row.components.length > 0);
}
