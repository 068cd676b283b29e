/**
 * Command-line options for the package's scripts (search, corpus:check, eval, migrate-settings, purge-settings, bench,
 * bench:bot, bench:load, fuzz), read
 * one way: `--help` prints the usage and exits 0; an unknown option or a bad value prints one plain
 * line and the usage on stderr and exits 2 — never a stack trace, never Node's parser wording.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Bad arguments: the message is shown to the user as it is. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandLine<O extends Options> {
  /** `--help` or `-h` was given: nothing else was checked. */
  help: boolean;
  values: {
    [K in keyof O]?: O[K] extends { multiple: true }
      ? (O[K]['type'] extends 'boolean' ? boolean : string)[]
      : O[K]['type'] extends 'boolean'
        ? boolean
        : string;
  };
  positionals: string[];
}

/** Node's parser messages quote the option in single quotes; the first one is the culprit. */
function culprit(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? '';
}

/** Parses `argv` against `options` (plus `--help`/`-h`); throws {@link UsageError} with a plain message. */
export function parseCommandLine<const O extends Options>(
  argv: readonly string[],
  options: O,
  { positionals = false }: { positionals?: boolean } = {},
): CommandLine<O> {
  try {
    const { values, positionals: found } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: positionals,
    });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { help: help === true, values: rest as CommandLine<O>['values'], positionals: found };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${culprit(message)}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = culprit(message).split(' ')[0] ?? '';
      const type = options[option.replace(/^-+/, '')]?.type;
      throw new UsageError(type === 'boolean' ? `${option} takes no value` : `${option} needs a value`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`unexpected argument ${culprit(message)}`);
    }
    throw error;
  }
}

/** `text` as a whole number from `min` to `max`, or a {@link UsageError} naming `option`. */
export function wholeNumber(option: string, text: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (/^\s*-?\d+\s*$/.test(text) && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  throw new UsageError(`${option} must be a whole number ${range}, got "${text}"`);
}

/**
 * For a script's entry point: runs `read` on the command line; on `--help` prints `usage` and exits 0,
 * on a {@link UsageError} prints `<script>: <problem>` and `usage` on stderr and exits 2.
 */
export function readCommandLine<T>(
  script: string,
  usage: string,
  read: (argv: readonly string[]) => T | 'help',
  argv: readonly string[] = process.argv.slice(2),
): T {
  let result: T | 'help';
  try {
    result = read(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${script}: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (result === 'help') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return result;
}

/** For a script's entry point: prints `message` on stderr and exits with `code`. */
export function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
