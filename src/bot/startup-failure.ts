/**
 * How a failed start ends, for `npm start` and `npm run start:sharded` alike: one fatal log line that says
 * what went wrong and what to do, exit 1 — never a stack trace, never a crash loop.
 */
import type { Logger } from 'pino';
import { ConfigError } from '../config.ts';
import { releaseLogger } from '../log.ts';
import { SettingsStoreError } from '../settings/interface.ts';

/** The line for `error`: our own advice where we have it, otherwise the error and what caused it. */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof SettingsStoreError || error instanceof ConfigError) return error.message;
  const { code, message, cause } = error as { code?: string; message?: string; cause?: unknown };
  if (code === 'TokenInvalid') {
    return 'Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env';
  }
  // `fetch failed` says nothing by itself: the cause (ENOTFOUND, ECONNREFUSED, …) is the news.
  const because = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  const shard = code?.startsWith('ShardingReady') ? ' (the shard logged why above)' : '';
  return `could not start: ${(message ?? String(error)).replace(/\.$/, '')}${because}${shard}`;
}

export async function exitOnStartupFailure(logger: Logger, error: unknown): Promise<never> {
  logger.fatal({ code: (error as { code?: string }).code }, startupFailureMessage(error));
  await releaseLogger(logger);
  process.exit(1);
}
