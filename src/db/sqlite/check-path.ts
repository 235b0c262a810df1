import { statSync } from 'node:fs';
import { ConnectionError } from '../connection-error.js';
import { isBusy } from './file-pragmas.js';
import { createPrivateFile } from './private-file.js';
import { commandName } from '../../errors/command-name.js';

/**
 * Checks SQLITE_DB_PATH before any SQLite library opens it, so that an ordinary mistake (a directory, a
 * device such as /dev/null, a text file, a read-only location) is a coded error naming the path and the
 * fix, not a driver message like "disk I/O error" or "ConnectionFailed(...: 14)". With `create`, a missing
 * file is created (mode 0600, with its folder); without, a missing file is an error.
 */
export function checkSqlitePath(path: string, options: { readonly create: boolean }): void {
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw unusable(path, 'a folder on its path is a file', 'SQLITE_PATH_INVALID', error);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unusable(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'SQLITE_OPEN_FAILED', error);
  }
  if (stat === undefined) {
    if (!options.create) {
      throw new ConnectionError(`SQLite database ${path} does not exist`, {
        code: 'SQLITE_OPEN_FAILED',
        subject: path,
        hint: `run \`${commandName('migrate')}\` (or start the application) to create it, or fix SQLITE_DB_PATH`,
      });
    }
    try {
      createPrivateFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw unusable(path, `the file or its folder cannot be created there (${code}: a read-only or missing location)`, 'SQLITE_PATH_NOT_WRITABLE', error);
    }
    return;
  }
  if (stat.isDirectory()) throw unusable(path, 'it is a directory', 'SQLITE_PATH_INVALID');
  if (!stat.isFile()) throw unusable(path, 'it is not a regular file (a device, socket or pipe)', 'SQLITE_PATH_INVALID');
  // The content is left to SQLite itself (see sqliteOpenError): opening and closing the file here would drop
  // the POSIX locks every SQLite connection of this process holds on it (close() releases all of them).
}

/** How long opening waited for other writers, and the setting that says so (none: a fixed wait of the caller). */
export interface BusyWait {
  readonly ms: number;
  readonly setting?: string;
}

/** A failure of SQLite's first statement on the file: "file is not a database" gets its own code. */
export function sqliteOpenError(path: string, cause: unknown, busyWait?: BusyWait): ConnectionError {
  const code = String((cause as { code?: unknown }).code ?? '');
  const message = cause instanceof Error ? cause.message : String(cause);
  if (code.startsWith('SQLITE_NOTADB') || /file is not a database/i.test(message)) {
    return unusable(path, 'it is not a SQLite database (SQLite does not recognise its header)', 'SQLITE_NOT_A_DATABASE', cause);
  }
  if (isBusy(cause) && busyWait !== undefined) {
    const limit = busyWait.setting === undefined ? `${busyWait.ms} ms` : `${busyWait.setting} (${busyWait.ms} ms)`;
    return new ConnectionError(`cannot open SQLite database ${path}: another connection held a write lock on it for longer than ${limit}`, {
      code: 'SQLITE_OPEN_FAILED',
      subject: path,
      hint: `find the program holding a long write transaction on the file${busyWait.setting === undefined ? '' : `, or raise ${busyWait.setting}`}`,
      cause,
    });
  }
  return new ConnectionError(`cannot open SQLite database ${path}: ${message}`, {
    code: 'SQLITE_OPEN_FAILED',
    subject: path,
    hint: 'check that the file is a SQLite database, readable and writable, and not locked by another program',
    cause,
  });
}

function unusable(path: string, why: string, code: 'SQLITE_OPEN_FAILED' | 'SQLITE_PATH_INVALID' | 'SQLITE_NOT_A_DATABASE' | 'SQLITE_PATH_NOT_WRITABLE', cause?: unknown): ConnectionError {
  return new ConnectionError(`SQLITE_DB_PATH ${path} cannot hold the SQLite database: ${why}`, {
    code,
    subject: path,
    hint:
      code === 'SQLITE_PATH_NOT_WRITABLE'
        ? 'set SQLITE_DB_PATH to a file in a writable folder (on serverless hosts, under /tmp)'
        : code === 'SQLITE_NOT_A_DATABASE'
          ? 'point SQLITE_DB_PATH at a SQLite database file (or at a new file name); the file there was left untouched'
          : 'set SQLITE_DB_PATH to a file name, e.g. data/cts.db',
    ...(cause === undefined ? {} : { cause }),
  });
}
