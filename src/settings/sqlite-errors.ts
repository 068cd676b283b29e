/**
 * What a SQLite (or file system) failure means for the settings store: a SettingsStoreError whose message names
 * the database file and says what to do. Validation errors and errors already translated pass through.
 */
import path from 'node:path';
import { errorCode, errorDetail, SettingsStoreError } from './interface.ts';
import { SettingsValidationError } from './schema.ts';

/** Why `file` could not be opened; `lockWaitMs` is how long opening waited for another process's lock. */
export function openFailure(file: string, error: unknown, lockWaitMs: number): SettingsStoreError {
  if (error instanceof SettingsStoreError) return error;
  const code = errorCode(error);
  const detail = errorDetail(error);
  const dir = path.dirname(file);
  const name = path.basename(file);
  let message: string;
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    message =
      `Settings database ${file} is corrupt or is not a SQLite database (${detail}). ` +
      'Stop every bot process, then restore the file from a backup, or move it aside (together with any ' +
      `${name}-wal and ${name}-shm files next to it) to start again with default ` +
      'settings for every server.';
  } else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    message =
      `Settings database ${file} stayed locked by another process for more than ${lockWaitMs} ms ` +
      `(${detail}). Check for a stuck bot process using the file, then start again.`;
  } else if (
    ['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH', 'SQLITE_IOERR'].some((prefix) =>
      code.startsWith(prefix),
    ) ||
    ['EACCES', 'EPERM', 'EEXIST', 'ENOTDIR', 'EROFS', 'EISDIR'].includes(code)
  ) {
    message =
      `Cannot open settings database ${file} for reading and writing (${detail}). ` +
      `Check that the data directory ${dir} is a directory (not a file), that the bot's user can create and ` +
      'write files in it, and that the database file itself is a writable regular file; or point DATA_DIR ' +
      'somewhere writable.';
  } else {
    message = `Cannot open settings database ${file} (${detail}).`;
  }
  return new SettingsStoreError(message, file, { cause: error });
}

/** Why `what` (e.g. "read the history of server …") failed on `file`. */
export function operationFailure(file: string, what: string, error: unknown): unknown {
  if (error instanceof SettingsValidationError || error instanceof SettingsStoreError) return error;
  const code = errorCode(error);
  const detail = errorDetail(error);
  let advice = '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    advice = ' Another process holds the database locked; try again.';
  } else if (code.startsWith('SQLITE_FULL')) {
    advice = ' The disk is full.';
  } else if (code.startsWith('SQLITE_READONLY')) {
    advice = ' The file or its directory is not writable.';
  } else if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    advice = ' The file is corrupt: stop the bot and restore it from a backup or move it aside.';
  }
  return new SettingsStoreError(
    `Could not ${what} in settings database ${file} (${detail}).${advice}`,
    file,
    { cause: error },
  );
}
