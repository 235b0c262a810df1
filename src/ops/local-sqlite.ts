import type { DbConfig } from '../config/index.js';
import { OpsError } from './ops-error.js';

/**
 * The local SQLite file an operation works on. Backup, restore and the prefix rename read and write the file
 * itself (VACUUM INTO, ATTACH, one native connection), which a libSQL server (sqld, Turso) does not expose:
 * such a configuration is refused before anything is touched, rather than a file being made from the URL.
 */
export function localSqliteFile(config: DbConfig, operation: string): string {
  const remote = config.sqlite.remote;
  if (remote !== undefined) {
    throw new OpsError(`${operation} works on a local SQLite file, and DATABASE_URL names the libSQL server ${remote.url}`, {
      code: 'OPS_REMOTE_UNSUPPORTED',
      subject: 'DATABASE_URL',
      hint: `use the server's own tools (sqld's dump endpoint, turso db shell ... .dump), or run ${operation} against a local copy with DATABASE_URL=file:...`,
    });
  }
  return config.sqlite.path;
}
