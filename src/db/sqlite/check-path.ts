import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ConnectionError } from '../connection-error.js';
import { createPrivateFile } from './private-file.js';

const HEADER = 'SQLite format 3\0';

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
        hint: 'run `pnpm db:migrate` (or start the application) to create it, or fix SQLITE_DB_PATH',
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
  if (stat.size === 0) return; // an empty file is a new database
  const header = Buffer.alloc(HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw unusable(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'SQLITE_OPEN_FAILED', error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== HEADER) throw unusable(path, `it is not a SQLite database (${stat.size} bytes that do not start with the SQLite header)`, 'SQLITE_NOT_A_DATABASE');
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
