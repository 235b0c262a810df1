import type { Client } from '@libsql/client';
import type { NativeConnection } from './db/sqlite/native-reads.js';
import type { WriteQueue } from './db/sqlite/write-queue.js';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Sql } from 'postgres';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbConfig } from './config/index.js';
import { openDatabase, type OpenDatabaseOptions } from './db/open-database.js';
import type { CtsPgTables, CtsSqliteTables } from './tables.js';
import type { ReplicaSet } from './db/postgres/replica-set.js';
import { loadPostgresqlKit, loadSqliteKit } from './app-dialect/dialect-kit.js';

/** An open database together with the CTS tables for the configured prefix. Narrow on `dialect`. */
export type AppDatabase =
  | {
      readonly dialect: 'postgresql';
      readonly db: PostgresJsDatabase;
      /** The postgres.js client, for what Drizzle does not cover (EXPLAIN, COPY). */
      readonly sql: Sql;
      /**
       * The read replicas (DATABASE_REPLICA_URLS), undefined without any: the typed accessors' reads outside a
       * transaction go there; writes and transactions go to `db`/`sql` (the primary).
       */
      readonly replicas: ReplicaSet | undefined;
      /** insertBulk through COPY FROM STDIN (DB_COPY); false: multi-row INSERTs, for a server or proxy without COPY. */
      readonly copy?: boolean;
      readonly tables: CtsPgTables;
      readonly prefix: string;
      close(): Promise<void>;
    }
  | {
      readonly dialect: 'sqlite';
      readonly db: LibSQLDatabase;
      /** The libSQL client. */
      readonly client: Client;
      /**
       * The read-only native connection for the accessors' prepared reads (opened on first use); without it
       * they run through `client`.
       */
      readonly nativeReads?: (() => NativeConnection) | undefined;
      /** Write transactions of this process one at a time (src/db/sqlite/write-queue.ts). */
      readonly writeQueue?: WriteQueue;
      readonly tables: CtsSqliteTables;
      readonly prefix: string;
      close(): Promise<void>;
    };

/**
 * Opens the configured database and builds the tables for its prefix.
 *
 * @example
 * const app = await openAppDatabase(resolveConfig());
 * const db = ctsDatabase(app); // the typed accessors, the same code on both dialects
 * const id = (await db.exchangeConnections.insert({ name: 'main', exchange: 'bybit' })).id;
 * await app.close();
 */
export async function openAppDatabase(
  config: DbConfig,
  options: Pick<OpenDatabaseOptions<Record<string, never>, Record<string, never>>, 'onNotice' | 'verify'> = {},
): Promise<AppDatabase> {
  const handle = await openDatabase(config, options);
  const prefix = config.prefix;
  if (handle.dialect === 'sqlite') {
    const kit = await loadSqliteKit();
    return { dialect: 'sqlite', db: handle.db, client: handle.client, nativeReads: handle.nativeReads, writeQueue: handle.writeQueue, tables: kit.tables(prefix), prefix, close: handle.close };
  }
  const kit = await loadPostgresqlKit();
  const replicas =
    (config.postgres?.replicaUrls ?? []).length === 0 || config.postgres === undefined
      ? undefined
      : (await import('./db/postgres/replica-set.js')).openReplicaSet(config.postgres, { sql: handle.sql, db: handle.db, target: handle.target, replica: false });
  return {
    dialect: 'postgresql',
    db: handle.db,
    sql: handle.sql,
    replicas,
    copy: config.postgres?.copy !== false,
    tables: kit.tables(prefix),
    prefix,
    close: async () => {
      await Promise.all([handle.close(), replicas?.close()]);
    },
  };
}
