import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { ConfigError } from './config-error.js';

/** The largest configuration file read: the real one is about 500 bytes, so anything near this is a wrong path. */
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

const FIX = 'point DB_CONFIG_FILE at a regular JSON file (at most 1 MiB), or unset it to use data/db-config.json';

/**
 * The text of the configuration file, or `undefined` when there is none. Only a regular file of at most
 * {@link CONFIG_FILE_MAX_BYTES} is read: a FIFO would block the read until a writer comes (for ever, in a
 * start-up script), `/dev/zero` never ends, and a directory or socket is never a configuration.
 */
export function readConfigText(path: string): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer. It changes nothing for a regular file.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // A Unix socket cannot be opened at all (ENXIO): say what it is rather than that it is unreadable.
    const stats = statOrUndefined(path);
    throw stats !== undefined && !stats.isFile() ? notRegular(path, stats) : unreadable(path, cause);
  }
  try {
    // fstat of the open descriptor, not stat of the path: the file checked is the file read.
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(path, stats);
    if (stats.size > CONFIG_FILE_MAX_BYTES) throw tooLarge(path);
    // Read at most one byte more than allowed, so a file that grows after the fstat is still refused.
    const buffer = Buffer.alloc(Math.min(stats.size, CONFIG_FILE_MAX_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > CONFIG_FILE_MAX_BYTES) throw tooLarge(path);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    throw unreadable(path, cause);
  } finally {
    closeSync(fd);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function notRegular(path: string, stats: Stats): ConfigError {
  return new ConfigError(`configuration file ${path} is ${kindOf(stats)}, not a regular file`, { code: 'CONFIG_FILE_NOT_REGULAR', subject: path, hint: FIX });
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a file of an unknown kind';
}

function tooLarge(path: string): ConfigError {
  return new ConfigError(`configuration file ${path} is larger than ${CONFIG_FILE_MAX_BYTES} bytes (1 MiB), the most that is read`, {
    code: 'CONFIG_FILE_TOO_LARGE',
    subject: path,
    hint: FIX,
  });
}

function unreadable(path: string, cause: unknown): ConfigError {
  return new ConfigError(`cannot read configuration file ${path}: ${(cause as Error).message}`, {
    code: 'CONFIG_FILE_UNREADABLE',
    subject: path,
    hint: 'check the file permissions, or point DB_CONFIG_FILE at a readable file',
    cause,
  });
}
