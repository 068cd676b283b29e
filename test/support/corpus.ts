/** Temporary corpus directories for tests. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHIPPED_CORPUS = join(import.meta.dirname, '..', '..', 'corpus');
export const SEED_ARTICLE_ID = 'rferl-2022-10-csto-hardest-moment';

/** Writes `files` (name → content) into a fresh temporary directory and returns its path. */
export function makeCorpus(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function tempDir(prefix = 'data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of the shipped corpus (`…/corpus`) that a test may edit or remove. */
export function copyShippedCorpus(): string {
  const dir = join(tempDir('corpus-'), 'corpus');
  cpSync(SHIPPED_CORPUS, dir, { recursive: true });
  return dir;
}

/**
 * A small Markdown article with front matter. `body` is its Markdown, or its paragraphs in order (joined by
 * blank lines, so the first is `¶1`).
 */
export function markdownArticle(title: string, body: string | readonly string[], extra = ''): string {
  const text = typeof body === 'string' ? body : body.join('\n\n');
  return `---\ntitle: ${JSON.stringify(title)}\nsource: Test Wire\npublished: 2024-05-01\n${extra}---\n\n${text}\n`;
}
