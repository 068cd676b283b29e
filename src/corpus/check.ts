/**
 * The corpus check: every problem of a corpus directory, for an editor to fix before committing.
 * Pure: it judges a loaded corpus and writes the report; `npm run corpus:check` only loads, prints
 * and sets the exit code.
 *
 * Errors are what the bot skips (a file that does not parse or is not a corpus file, a glossary
 * line that does nothing); warnings are what the bot serves but a reader would miss (an article
 * that says nothing about its rights).
 */

import { count } from '../text/count.ts';
import type { Corpus, CorpusProblem } from './load.ts';
import type { Article } from './types.ts';

export interface CheckFinding extends CorpusProblem {
  severity: 'error' | 'warning';
}

function rightsWarning(article: Article): CheckFinding | null {
  if (article.rights || article.license) return null;
  const reason = /\.txt$/i.test(article.file)
    ? 'states no rights (a plain-text file cannot): make it a .md file with rights: or license: in its front matter'
    : 'states neither rights: nor license: in its front matter; readers are told its rights are unknown';
  return { file: article.file, reason, severity: 'warning' };
}

/** Every finding, by file and line; errors before warnings within a file. */
export function checkCorpus(corpus: Pick<Corpus, 'articles' | 'problems'>): CheckFinding[] {
  const findings: CheckFinding[] = [
    ...corpus.problems.map((problem): CheckFinding => ({ ...problem, severity: 'error' })),
    ...corpus.articles.map(rightsWarning).filter((finding) => finding !== null),
  ];
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** `a.md:4: error: …` lines, then a one-line summary. */
export function formatCheck(findings: readonly CheckFinding[], articleCount: number): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  // `file:line: severity: reason`, as compilers write theirs, so editors can jump to the line.
  const lines = findings.map(
    ({ file, line, severity, reason }) => `${file}${line ? `:${line}` : ''}: ${severity}: ${reason}`,
  );
  lines.push(
    `${count(articleCount, 'article')} read; ${count(errors, 'error')}, ${count(warnings, 'warning')}.`,
  );
  return `${lines.join('\n')}\n`;
}
