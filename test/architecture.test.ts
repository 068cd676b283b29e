/**
 * The layering the README promises (text -> corpus -> search -> render -> bot -> commands), checked on the
 * import graph of src/ and commands/: no import circles, the core layers know nothing of Discord's client
 * library or of the bot shell, text, corpus and search know nothing of rendering, and only the entry points
 * (src/main/) import the commands: every other module is handed the command list. Imports are read with a regex
 * over `import … from '…'` / `export … from '…'`,
 * which is all this code base uses for relative imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CORE_LAYERS = ['src/text', 'src/corpus', 'src/search', 'src/render', 'src/settings', 'src/eval'];
/** The layers below rendering: they hand structure up and never decide how it looks. */
const STRUCTURE_LAYERS = ['src/text', 'src/corpus', 'src/search'];
/** The entry points (one per npm script): they, and only they, pick the command registry to run. */
const ENTRY_POINTS = 'src/main/';

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm;

/** Every module's imports: project files as root-relative paths, packages by name. */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...source.matchAll(IMPORT)].map(([, specifier]) =>
      (specifier as string).startsWith('.')
        ? relative(ROOT, resolve(ROOT, dirname(file), specifier as string))
        : (specifier as string),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The import circles of `graph`, each as the path that closes it (depth-first search, one per back edge). */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === 'open') found.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

const graph = importGraph([...tsFiles('src'), ...tsFiles('commands')]);
const edges = [...graph].flatMap(([file, targets]) => targets.map((target) => ({ file, target })));

describe('the import graph of src/ and commands/', () => {
  it('is read: every module is found and the known edges are there', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('commands/ask.ts')).toContain('src/bot/context.ts');
    expect(graph.get('src/bot/app.ts')).toContain('discord.js');
  });

  it('has no import circles', () => {
    expect(circles(graph).map((path) => path.join(' -> '))).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const circular = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'discord.js']],
      ['c.ts', ['a.ts']],
    ]);
    expect(circles(circular)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('keeps the core layers free of discord.js and of the bot shell', () => {
    const offending = edges.filter(
      ({ file, target }) =>
        CORE_LAYERS.some((layer) => file.startsWith(`${layer}/`)) &&
        (target === 'discord.js' || target.startsWith('@discordjs/') || target.startsWith('src/bot/')),
    );
    expect(offending).toEqual([]);
  });

  it('keeps text, corpus and search free of rendering: the engine returns structure, src/render/ decides how it looks', () => {
    const offending = edges.filter(
      ({ file, target }) =>
        STRUCTURE_LAYERS.some((layer) => file.startsWith(`${layer}/`)) && target.startsWith('src/render/'),
    );
    expect(offending).toEqual([]);
    expect(graph.get('src/render/quote.ts')).toContain('src/search/excerpt.ts');
  });

  it('lets only the entry points (src/main/) import the commands; the commands import the shell, not the reverse', () => {
    const offending = edges.filter(
      ({ file, target }) =>
        file.startsWith('src/') && !file.startsWith(ENTRY_POINTS) && target.startsWith('commands/'),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the entry points as leaves: no module imports one', () => {
    expect(edges.filter(({ target }) => target.startsWith(ENTRY_POINTS))).toEqual([]);
  });
});
