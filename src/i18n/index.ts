/**
 * Which language the bot speaks: Russian to users whose Discord client is in Russian (the
 * interaction's `locale`; for a mention, which carries no locale, the server's
 * `preferred_locale`), English to everyone else. The catalogues (`en.ts`, `ru.ts`) are the only
 * place the bot's words live.
 */
import { type Catalogue, en } from './en.ts';
import { ru } from './ru.ts';

export type { Catalogue } from './en.ts';

/** Every catalogue by its Discord locale; the first is the default. */
export const CATALOGUES = { 'en-US': en, ru } as const satisfies Record<string, Catalogue>;

export type Language = keyof typeof CATALOGUES;

/** The catalogue for a Discord locale (`ru`, `en-GB`, …): Russian for `ru`, English otherwise. */
export function catalogueFor(locale: string | null | undefined): Catalogue {
  return locale?.toLowerCase().startsWith('ru') ? ru : en;
}

/**
 * A field's translations for Discord's `name_localizations`/`description_localizations`: every
 * language but the default, which is the field itself.
 */
export function localized(field: (t: Catalogue) => string): Record<string, string> {
  return { ru: field(ru) };
}

/** A command builder (command, group, subcommand or option) given its description in every language. */
export function described<
  T extends { setDescription(text: string): T; setDescriptionLocalizations(map: Record<string, string>): T },
>(builder: T, text: (t: Catalogue) => string): T {
  return builder.setDescription(text(en)).setDescriptionLocalizations(localized(text));
}
