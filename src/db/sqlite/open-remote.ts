import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { RemoteSqliteSettings, SqliteSettings } from '../../config/index.js';
import type { OpenSqliteOptions, SqliteHandle } from './open-sqlite.js';
import { remoteConnectionError } from './remote-failure.js';
import { writeQueue } from './write-queue.js';

/**
 * Connects to a libSQL server (sqld, Turso) through @libsql/client's remote entry (hrana over HTTP or
 * WebSocket, chosen by the URL's scheme). A server keeps its own file settings (WAL, foreign keys), so no
 * pragma is sent; there is no native connection, so the accessors' prepared reads go through the client. One
 * `select 1` is sent here, so a wrong URL or token fails at open with the reason rather than at the first query.
 */
export async function openRemoteSqlite<TSchema extends Record<string, unknown> = Record<string, never>>(
  settings: SqliteSettings & { readonly remote: RemoteSqliteSettings },
  options: OpenSqliteOptions<TSchema> = {},
): Promise<SqliteHandle<TSchema>> {
  const { url, authToken } = settings.remote;
  const [{ createClient }, { drizzle }] = await Promise.all([import('@libsql/client'), import('drizzle-orm/libsql')]);
  const token = authToken?.reveal();
  const client = createClient({ url, ...(token === undefined ? {} : { authToken: token }) });
  try {
    await client.execute('select 1');
  } catch (cause) {
    client.close();
    throw remoteConnectionError(url, cause, token) ?? cause;
  }
  const db = drizzle({ client, ...(options.schema === undefined ? {} : { schema: options.schema }) }) as LibSQLDatabase<TSchema>;
  return {
    dialect: 'sqlite',
    db,
    client,
    nativeReads: undefined,
    target: url,
    // The server serialises writers too, but a transaction that waits for its lock can have it stolen after
    // sqld's transaction timeout (5 s): this process's own write transactions queue here first, as on a file.
    writeQueue: writeQueue(settings.busyTimeoutMs, url),
    close: async () => {
      client.close();
    },
  };
}
