import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the SQLite file (and its folder) readable by the owner only, before any SQLite library opens it:
 * SQLite creates files with the process umask (usually 0644), and gives -wal/-shm the mode of the main file.
 * An existing file is left as it is.
 */
export function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
