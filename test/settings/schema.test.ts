/**
 * The settings schema owns each setting's words and bounds (src/settings/schema.ts): they fit Discord's rules for
 * command options in every language, and `/<command>-config` and the summary show exactly them.
 */
import { describe, expect, it } from 'vitest';
import { registrationPayload } from '../../commands/registry.ts';
import { en } from '../../src/i18n/en.ts';
import { CATALOGUES } from '../../src/i18n/index.ts';
import { settingsMessage } from '../../src/render/settings.ts';
import { DEFAULT_SETTINGS, SETTING_NAMES, SETTINGS, validateSetting } from '../../src/settings/schema.ts';

/** Discord: option names 1–32 characters, lower-case; descriptions 1–100 characters. */
const OPTION_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX = 100;

describe('each setting in the schema', () => {
  it.each(SETTING_NAMES)('%s has words that fit Discord in every language', (name) => {
    const { input } = SETTINGS[name];
    expect(name).toMatch(OPTION_NAME);
    expect(input.option).toMatch(OPTION_NAME);
    for (const t of Object.values(CATALOGUES)) {
      const words = t.settings[name];
      expect(words.label.trim()).not.toBe('');
      expect(words.description.length).toBeGreaterThan(0);
      expect(words.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
      if ('hint' in input) expect((words.hint ?? input.hint).length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    }
    // English is the schema's own wording.
    expect(en.settings[name]).toMatchObject({
      label: SETTINGS[name].label,
      description: SETTINGS[name].description,
    });
  });

  it.each(SETTING_NAMES)('%s accepts its bounds and refuses just past them', (name) => {
    const { input } = SETTINGS[name];
    if (input.kind !== 'whole-number') return;
    expect(validateSetting(name, input.min)).toBe(input.min);
    expect(validateSetting(name, input.max)).toBe(input.max);
    expect(() => validateSetting(name, input.min - 1)).toThrow(/whole number/);
    expect(() => validateSetting(name, input.max + 1)).toThrow(/whole number/);
  });
});

describe('/<command>-config, generated from the schema', () => {
  const config = registrationPayload('csto').find((command) => command.name === 'csto-config');
  const options = config?.options ?? [];

  it('has one subcommand per setting, with the schema’s line, option and bounds', () => {
    for (const name of SETTING_NAMES) {
      const { input, description } = SETTINGS[name];
      const entry = options.find((option) => option.name === name) as
        | { description: string; options?: { name: string; min_value?: number; max_value?: number }[] }
        | undefined;
      expect(entry?.description).toBe(description);
      const given =
        input.kind === 'channel'
          ? (entry?.options?.[0] as { options?: { name: string }[] } | undefined)?.options?.[0]
          : entry?.options?.[0];
      expect(given?.name).toBe(input.option);
      if (input.kind === 'whole-number') {
        expect(given).toMatchObject({ min_value: input.min, max_value: input.max });
      }
    }
  });

  it('keeps its subcommands in the order moderators know', () => {
    expect(options.map((option) => option.name)).toEqual([
      'show',
      'mentions',
      'visibility',
      'results',
      'cooldown',
      'channels',
      'history',
      'reset',
    ]);
  });
});

describe('the settings summary', () => {
  it('names each setting by its label in the reader’s language', () => {
    for (const t of Object.values(CATALOGUES)) {
      const text = settingsMessage(DEFAULT_SETTINGS, 'csto', t).embeds[0]?.description ?? '';
      for (const name of SETTING_NAMES) expect(text).toContain(`**${t.settings[name].label}:**`);
    }
  });
});
