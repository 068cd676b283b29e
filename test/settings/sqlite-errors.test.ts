/**
 * SQLite failures as the operator and the moderator read them (src/settings/sqlite-errors.ts): each names the file
 * and says what to do; validation errors and errors already explained pass through unchanged.
 */
import { describe, expect, it } from 'vitest';
import { SettingsStoreError } from '../../src/settings/interface.ts';
import { SettingsValidationError } from '../../src/settings/schema.ts';
import { openFailure, operationFailure } from '../../src/settings/sqlite-errors.ts';

const FILE = '/srv/bot/data/settings.sqlite3';

function sqliteError(code: string, message = 'something failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('openFailure', () => {
  it('tells the operator to restore or move aside a corrupt file, with its -wal and -shm companions', () => {
    const error = openFailure(FILE, sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'), 5000);
    expect(error).toBeInstanceOf(SettingsStoreError);
    expect(error.file).toBe(FILE);
    expect(error.message).toContain(`Settings database ${FILE} is corrupt`);
    expect(error.message).toContain('database disk image is malformed [SQLITE_CORRUPT]');
    expect(error.message).toContain('settings.sqlite3-wal and settings.sqlite3-shm');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('says how long it waited for a lock, and that the lock is worth retrying', () => {
    const error = openFailure(FILE, sqliteError('SQLITE_BUSY'), 1234);
    expect(error.message).toContain('locked by another process for more than 1234 ms');
    expect(error.busy).toBe(true);
  });

  it('points at the data directory when the file cannot be written', () => {
    for (const code of ['SQLITE_CANTOPEN', 'SQLITE_READONLY_DBMOVED', 'EACCES', 'EISDIR']) {
      const { message } = openFailure(FILE, sqliteError(code), 5000);
      expect(message).toContain('Check that the data directory /srv/bot/data is a directory');
      expect(message).toContain(`[${code}]`);
    }
  });

  it('names the file for anything else, and passes an error already explained through', () => {
    expect(openFailure(FILE, new Error('odd'), 5000).message).toBe(
      `Cannot open settings database ${FILE} (odd).`,
    );
    const explained = new SettingsStoreError('newer release', FILE);
    expect(openFailure(FILE, explained, 5000)).toBe(explained);
  });
});

describe('operationFailure', () => {
  it('says what could not be done, where, and what each SQLite code means', () => {
    const cases: [string, string][] = [
      ['SQLITE_BUSY', 'Another process holds the database locked; try again.'],
      ['SQLITE_FULL', 'The disk is full.'],
      ['SQLITE_READONLY', 'The file or its directory is not writable.'],
      ['SQLITE_NOTADB', 'The file is corrupt'],
    ];
    for (const [code, advice] of cases) {
      const error = operationFailure(FILE, 'change results for server 1', sqliteError(code, 'failed'));
      expect(error).toBeInstanceOf(SettingsStoreError);
      expect((error as Error).message).toContain(
        `Could not change results for server 1 in settings database ${FILE} (failed [${code}]).`,
      );
      expect((error as Error).message).toContain(advice);
    }
  });

  it('leaves a moderator’s invalid value and an explained store error as they are', () => {
    const invalid = new SettingsValidationError('Results per answer must be a whole number from 1 to 5.');
    const explained = new SettingsStoreError('deleted under the bot', FILE);
    expect(operationFailure(FILE, 'x', invalid)).toBe(invalid);
    expect(operationFailure(FILE, 'x', explained)).toBe(explained);
  });
});
