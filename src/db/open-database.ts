import type { DbConfig } from '../config/index.js';
import type { OpenPostgresOptions, PostgresHandle } from './postgres/open-postgres.js';
import type { SqliteHandle } from './sqlite/open-sqlite.js';

export type DatabaseHandle<
  TSqliteSchema extends Record<string, unknown> = Record<string, never>,
  TPgSchema extends Record<string, unknown> = Record<string, never>,
> = SqliteHandle<TSqliteSchema> | PostgresHandle<TPgSchema>;

export interface OpenDatabaseOptions<
  TSqliteSchema extends Record<string, unknown>,
  TPgSchema extends Record<string, unknown>,
> {
  readonly sqliteSchema?: TSqliteSchema;
  readonly pgSchema?: TPgSchema;
  readonly onNotice?: OpenPostgresOptions<TPgSchema>['onNotice'];
  readonly verify?: boolean;
}

/**
 * Opens the database the configuration selects. Narrow on `dialect` for the dialect's typed Drizzle instance.
 *
 * @example
 * const handle = await openDatabase(resolveConfig());
 * try {
 *   if (handle.dialect === 'sqlite') await handle.client.execute('select 1');
 *   else await handle.sql`select 1`;
 * } finally {
 *   await handle.close();
 * }
 */
export async function openDatabase<
  TSqliteSchema extends Record<string, unknown> = Record<string, never>,
  TPgSchema extends Record<string, unknown> = Record<string, never>,
>(config: DbConfig, options: OpenDatabaseOptions<TSqliteSchema, TPgSchema> = {}): Promise<DatabaseHandle<TSqliteSchema, TPgSchema>> {
  // Each dialect's driver and Drizzle core are imported here, when that dialect is opened: an app loads one.
  if (config.postgres !== undefined) {
    const { openPostgres } = await import('./postgres/open-postgres.js');
    return openPostgres<TPgSchema>(config.postgres, {
      ...(options.pgSchema === undefined ? {} : { schema: options.pgSchema }),
      ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
      ...(options.verify === undefined ? {} : { verify: options.verify }),
    });
  }
  const remote = config.sqlite.remote;
  if (remote !== undefined) {
    const { openRemoteSqlite } = await import('./sqlite/open-remote.js');
    return openRemoteSqlite<TSqliteSchema>({ ...config.sqlite, remote }, options.sqliteSchema === undefined ? {} : { schema: options.sqliteSchema });
  }
  const { openSqlite } = await import('./sqlite/open-sqlite.js');
  return openSqlite<TSqliteSchema>(config.sqlite, options.sqliteSchema === undefined ? {} : { schema: options.sqliteSchema });
}
