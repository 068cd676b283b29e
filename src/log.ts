/**
 * The one logger. Logs go to stderr so the CLI's stdout stays machine-readable, and secrets are
 * redacted by path wherever they might be attached to a log object.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
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

export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.destination(2));
}
