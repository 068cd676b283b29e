/**
 * `npm run corpus:check`: lists every problem of the corpus directory (`CORPUS_DIR`, default
 * `corpus`) — files that do not parse, unsupported files, glossary lines that do nothing, articles
 * that state no rights — one per line as `file:line: severity: reason`.
 *
 * Exit 0 when there is no error (warnings allowed), 1 when there is one or the directory cannot be
 * read, 2 on bad configuration. The judging is `checkCorpus` (src/corpus/check.ts); this only loads
 * and prints.
 */

import { parseCommandLine, readCommandLine } from '../cli/args.ts';
import { ConfigError, loadSearchConfig, readEnvFile } from '../config.ts';
import { checkCorpus, formatCheck } from '../corpus/check.ts';
import { loadCorpus } from '../corpus/load.ts';

const USAGE = 'Usage: npm run corpus:check   (checks CORPUS_DIR, default corpus)';

async function main(): Promise<number> {
  readCommandLine('corpus:check', USAGE, (argv) => (parseCommandLine(argv, {}).help ? 'help' : undefined));
  readEnvFile();
  const { corpusDir } = loadSearchConfig();
  const corpus = await loadCorpus(corpusDir);
  const findings = checkCorpus(corpus);
  process.stdout.write(`Checking ${corpusDir}\n${formatCheck(findings, corpus.articles.length)}`);
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`corpus:check: ${(error as Error).message}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
