import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { CATALOGUES, catalogueFor } from '../../src/i18n/index.ts';
import { ru } from '../../src/i18n/ru.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every TypeScript file the bot runs (commands, src), except the catalogues themselves. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return relative(ROOT, path) === join('src', 'i18n') ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
const code = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'commands'))]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** Arguments of the right kind for any catalogue entry, so every message can be rendered. */
const sample = (entry: unknown): string | string[] =>
  typeof entry === 'function'
    ? (entry as (...args: unknown[]) => string | string[])(...Array.from({ length: entry.length }, () => '7'))
    : typeof entry === 'object' && entry !== null
      ? Object.values(entry).flatMap(sample) // a group of words, like `settings`
      : (entry as string);

describe('the catalogues', () => {
  it.each(Object.entries(CATALOGUES))('the %s catalogue has exactly the English keys', (_, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('"%s" is used by the bot', (key) => {
    expect(code).toMatch(new RegExp(`\\bt\\.${key}\\b|\\ben\\.${key}\\b`));
  });

  it.each(Object.keys(en))('"%s" says something in every language, and Russian says it in Russian', (key) => {
    for (const catalogue of Object.values(CATALOGUES)) {
      const text = [sample(catalogue[key as keyof typeof catalogue])].flat().join('\n');
      expect(text.trim().length).toBeGreaterThan(0);
    }
    const russian = [sample(ru[key as keyof typeof ru])].flat().join('\n');
    const english = [sample(en[key as keyof typeof en])].flat().join('\n');
    // Nothing is left in English (a template of arguments alone, like a history line, has no words).
    if (/\p{L}/u.test(english.replace(/<[^>]*>|7/g, '')))
      expect(russian === english ? 'untranslated' : russian).not.toBe('untranslated');
  });

  it('Russian nouns agree with their numbers', () => {
    expect(ru.sourcesSummary(1, 21)).toBe('1 статья, 21 абзац.');
    expect(ru.sourcesSummary(3, 2)).toBe('3 статьи, 2 абзаца.');
    expect(ru.sourcesSummary(5, 39)).toBe('5 статей, 39 абзацев.');
  });
});

describe('choosing the language', () => {
  it.each([
    ['ru', ru],
    ['en-US', en],
    ['en-GB', en],
    ['uk', en],
    [null, en],
    [undefined, en],
  ])('locale %s speaks the right catalogue', (locale, catalogue) => {
    expect(catalogueFor(locale)).toBe(catalogue);
  });
});
