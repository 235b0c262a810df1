import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// The local-file entries: `@libsql/client` itself also loads the remote protocol (hrana-client, ws), 51 modules
// a SQLite file never uses.
import type { Client } from '@libsql/client';
import { createClient } from '@libsql/client/sqlite3';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/sqlite3';
import type { SqliteSettings } from '../../config/index.js';
import { checkSqlitePath, sqliteOpenError } from './check-path.js';
import { applyFilePragmas } from './file-pragmas.js';
import { openNativeReads, type NativeConnection } from './native-reads.js';
import { writeQueue, type WriteQueue } from './write-queue.js';

export interface SqliteHandle<TSchema extends Record<string, unknown> = Record<string, never>> {
  readonly dialect: 'sqlite';
  readonly db: LibSQLDatabase<TSchema>;
  readonly client: Client;
  /**
   * The read-only connection on libSQL's native API that the accessors' prepared reads use (native-reads.ts),
   * opened on first use and closed with the handle; undefined for a libSQL server (open-remote.ts).
   */
  readonly nativeReads: (() => NativeConnection) | undefined;
  /** Runs a write transaction after the earlier ones of this process (write-queue.ts says why). */
  readonly writeQueue: WriteQueue;
  /** Where the database lives, for messages. */
  readonly target: string;
  close(): Promise<void>;
}

export interface OpenSqliteOptions<TSchema extends Record<string, unknown>> {
  readonly schema?: TSchema;
}

/**
 * Opens (and if needed creates) the SQLite file through @libsql/client.
 *
 * The file is created with mode 0600 before libSQL touches it; SQLite gives the -wal and -shm files the
 * mode of the database file, so they are private too. WAL is a property of the file and persists;
 * foreign keys are on by default in libSQL and set again here so the guarantee does not hinge on that
 * default; the busy timeout is passed as the client's `timeout`, which every pooled connection gets, and
 * bounds the wait for other writers while the file is switched to WAL (file-pragmas.ts says why that waits).
 */
export async function openSqlite<TSchema extends Record<string, unknown> = Record<string, never>>(
  settings: SqliteSettings,
  options: OpenSqliteOptions<TSchema> = {},
): Promise<SqliteHandle<TSchema>> {
  const path = settings.path;
  checkSqlitePath(path, { create: true });

  let client: Client | undefined;
  try {
    client = createClient({ url: pathToFileURL(path).href, timeout: settings.busyTimeoutMs });
    await applyFilePragmas(client, settings.busyTimeoutMs);
  } catch (cause) {
    client?.close();
    throw sqliteOpenError(path, cause, { ms: settings.busyTimeoutMs, setting: 'SQLITE_BUSY_TIMEOUT_MS' });
  }
  const opened = client as Client;
  const db = drizzle({ client: opened, ...(options.schema === undefined ? {} : { schema: options.schema }) }) as LibSQLDatabase<TSchema>;
  let native: NativeConnection | undefined;
  // Resolved now, as the client's URL was: a later change of the working directory must not open another file.
  const absolute = resolve(path);
  let closed = false;
  return {
    dialect: 'sqlite',
    db,
    client: opened,
    nativeReads: () => {
      if (closed) throw new Error(`the SQLite database ${path} is closed`);
      native ??= openNativeReads(absolute, settings.busyTimeoutMs);
      return native;
    },
    target: path,
    writeQueue: writeQueue(settings.busyTimeoutMs, path),
    close: async () => {
      closed = true;
      const reads = native;
      native = undefined;
      try {
        reads?.close();
      } finally {
        opened.close();
      }
    },
  };
}
