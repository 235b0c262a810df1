import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates a folder and its missing parents one level at a time. Node's own `mkdirSync(..., { recursive:
 * true })` never returns where mkdir keeps failing with ENOENT (a path under /proc, seen here), so a bad
 * SQLITE_DB_PATH would hang the command instead of failing.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) mkdirSync(level, { mode: 0o700 });
}

/**
 * Creates the SQLite file (and its folder) readable by the owner only, before any SQLite library opens it:
 * SQLite creates files with the process umask (usually 0644), and gives -wal/-shm the mode of the main file.
 * An existing file is left as it is.
 */
export function createPrivateFile(path: string): void {
  makeFolders(dirname(path));
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
