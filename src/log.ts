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

const destinations = new WeakMap<Logger, ReturnType<typeof pino.destination>>();

/**
 * The logger on stderr. While stderr's reader is stalled (the pipe full) or gone (EPIPE), lines are
 * dropped rather than retried forever or queued without bound: logging never holds up answering or
 * shutting down.
 */
export function createLogger(level = 'info'): Logger {
  const destination = pino.destination({ dest: 2, retryEAGAIN: () => false });
  destination.on('error', () => {
    // The line is lost; there is nowhere left to say so.
  });
  const logger = pino({ level, ...LOGGER_OPTIONS }, destination);
  destinations.set(logger, destination);
  return logger;
}

/**
 * Whether the destination still holds lines: a write in flight or queued. sonic-boom has no public
 * accessor for this, and its `flush(cb)` calls back at once when `minLength` is 0 (ours), before the
 * queued lines are written; so the exit would race its own last lines ("stopped") and lose them.
 */
function holdsLines(destination: ReturnType<typeof pino.destination>): boolean {
  const state = destination as unknown as { _writing?: boolean; _len?: number };
  return state._writing === true || (state._len ?? 0) > 0;
}

/**
 * Before exiting: waits until the lines still queued are written (sonic-boom's `drain`), at most `ms`,
 * then lets go of stderr, so the exit never waits on a stalled or dead log reader (pino would otherwise
 * flush synchronously at exit, retrying forever).
 */
export async function releaseLogger(logger: Logger, ms = 1000): Promise<void> {
  const destination = destinations.get(logger);
  if (destination && holdsLines(destination)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        destination.off('drain', done);
        destination.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      destination.once('drain', done);
      destination.once('error', done);
    });
  }
  abandonLogger(logger);
}

/** Lets go of stderr at once, dropping queued lines: for an exit that must not wait at all. */
export function abandonLogger(logger: Logger): void {
  destinations.get(logger)?.destroy();
}
