/**
 * What a Postgres failure means for the settings store: whether trying again can help (`busy`), and a message
 * that names the database (never the password) and says what to do.
 */
import { errorCode, errorDetail, SettingsStoreError } from './interface.ts';
import { SettingsValidationError } from './schema.ts';

/**
 * SQLSTATE classes and codes worth retrying: connection exceptions (08), the server shutting down or starting
 * (57P01–57P03), serialization failures and deadlocks, too many connections.
 */
const TRANSIENT_SQLSTATE = /^(08|57P0[123]$|40001$|40P01$|53300$)/;
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** node-postgres reports a dropped connection or a connect timeout with these messages and no code. */
const TRANSIENT_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|connection error/i;

function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE.has(code)) return true;
  return error instanceof Error && TRANSIENT_MESSAGE.test(error.message);
}

/** A Postgres failure; `busy` when trying again later can succeed (the database restarting, say). */
class PostgresStoreError extends SettingsStoreError {
  override get busy(): boolean {
    return isTransient(this.cause);
  }
}

/** Server, port and database of a connection URL, without user or password: safe for messages and logs. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const socket = parsed.searchParams.get('host');
    return `${parsed.protocol}//${parsed.host || socket || 'localhost'}${parsed.pathname}`;
  } catch {
    return 'the Postgres database in DATABASE_URL';
  }
}

/** Why the store could not open: the database named, and what to check. */
export function openFailure(location: string, error: unknown): SettingsStoreError {
  if (error instanceof SettingsStoreError) return error;
  return new PostgresStoreError(
    `Cannot open settings database ${location} (${errorDetail(error)}). Check DATABASE_URL (server, port, ` +
      'database, user and password) and that the server accepts connections from this machine.',
    location,
    { cause: error },
  );
}

/** Why an operation (`what`) failed; validation errors and store errors pass through unchanged. */
export function operationFailure(location: string, what: string, error: unknown, closed: boolean): Error {
  if (error instanceof SettingsValidationError || error instanceof SettingsStoreError) return error;
  const advice = isTransient(error)
    ? ' The database is unreachable or restarting; try again.'
    : closed
      ? ' The store is closed.'
      : '';
  return new PostgresStoreError(
    `Could not ${what} in settings database ${location} (${errorDetail(error)}).${advice}`,
    location,
    { cause: error },
  );
}
