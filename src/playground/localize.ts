/**
 * The command picker in the visitor's client language, as Discord's client shows it: names,
 * descriptions and choice names from the commands' `*_localizations` where they have one. What
 * the bot receives is what Discord sends whatever the client's language: the default names
 * (`defaultNames`), plus the client's `locale` on the interaction.
 */
import type { CommandData, CommandDef, OptionDef } from './command-line.ts';
import type { ClientLocale } from './protocol.ts';

interface Localizable {
  name: string;
  description: string;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
}

function localizeField<T extends Localizable>(field: T, locale: ClientLocale): T {
  return {
    ...field,
    name: field.name_localizations?.[locale] ?? field.name,
    description: field.description_localizations?.[locale] ?? field.description,
  };
}

function localizeOption(option: OptionDef, locale: ClientLocale): OptionDef {
  const localized = localizeField(option as OptionDef & Localizable, locale);
  return {
    ...localized,
    ...(option.choices
      ? {
          choices: option.choices.map((choice) => ({
            ...choice,
            name:
              (choice as { name_localizations?: Record<string, string> }).name_localizations?.[locale] ??
              choice.name,
          })),
        }
      : {}),
    ...(option.options ? { options: option.options.map((child) => localizeOption(child, locale)) } : {}),
  };
}

/** The registered commands as a client in `locale` shows them. */
export function localizeCommands(commands: readonly CommandDef[], locale: ClientLocale): CommandDef[] {
  if (locale === 'en-US') return [...commands];
  return commands.map((command) => {
    const localized = localizeField(command as CommandDef & Localizable, locale);
    return command.options
      ? { ...localized, options: command.options.map((option) => localizeOption(option, locale)) }
      : localized;
  });
}

/**
 * Interaction data built from localized commands, with every name put back to its default, the
 * way Discord delivers it. `localized` and `commands` are the same list in two languages.
 */
export function defaultNames(
  data: CommandData,
  localized: readonly CommandDef[],
  commands: readonly CommandDef[],
): CommandData {
  const at = localized.findIndex((command) => command.name === data.name);
  const original = commands[at];
  if (!original) return data;
  type Named = { name: string; options?: Named[] };
  const rename = (given: Named[] | undefined, shown: OptionDef[], real: OptionDef[]): Named[] | undefined =>
    given?.map((option) => {
      const index = shown.findIndex((candidate) => candidate.name === option.name);
      const match = real[index];
      return {
        ...option,
        name: match?.name ?? option.name,
        ...(option.options
          ? { options: rename(option.options, shown[index]?.options ?? [], match?.options ?? []) }
          : {}),
      };
    });
  return {
    ...data,
    name: original.name,
    options: rename(
      data.options,
      localized[at]?.options ?? [],
      original.options ?? [],
    ) as CommandData['options'],
  };
}
