/**
 * The one logger. Logs go to stderr so the CLI's stdout stays machine-readable, and secrets never
 * reach a line: they are redacted by path wherever they might be attached to a log object, and
 * errors are serialized without the interaction or webhook token in a failed request's URL and
 * without the request's body.
 */
import pino, { type Logger, type LoggerOptions } from 'pino';

const REDACTED_PATHS = [
  'token',
  '*.token',
  'config.token',
  'env.DISCORD_TOKEN',
  'DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'interaction.token',
];

/** `/interactions/<id>/<token>/…` and `/webhooks/<application>/<token>/…`: the token is a credential. */
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d+)\/[^/?#\s"'`]+/g;
/** What a failed request carries besides its URL: the body (tokens, message text) is never logged. */
const DROPPED_KEYS = new Set(['requestBody', 'headers']);

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(TOKEN_IN_PATH, '$1/[redacted]');
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DROPPED_KEYS.has(key))
      .map(([key, item]) => [key, scrub(item, depth + 1)]),
  );
}

/** pino's error serializer (with causes), minus tokens and request bodies. */
export function serializeError(error: unknown): unknown {
  return scrub(error instanceof Error ? pino.stdSerializers.errWithCause(error) : error);
}

/** What every logger of the bot is made with (the tests' loggers too). */
export const LOGGER_OPTIONS: LoggerOptions = {
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  serializers: { err: serializeError },
};

export function createLogger(level = 'info'): Logger {
  return pino({ level, ...LOGGER_OPTIONS }, pino.destination(2));
}
