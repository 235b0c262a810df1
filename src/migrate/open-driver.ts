import { operationsSettings, type DbConfig } from '../config/index.js';
import type { MigrationDriver } from './migration-driver.js';

export interface DriverOptions {
  readonly lockTimeoutMs: number;
  readonly onQuery?: (query: string) => void;
  /** SQLite: create the file when missing (default true). */
  readonly create?: boolean;
  /**
   * PostgreSQL: `operations` (default) connects with the direct URL when one is set (DATABASE_URL_UNPOOLED,
   * POSTGRES_URL_NON_POOLING, DIRECT_URL), `app` with DATABASE_URL as the app does (the health checker).
   */
  readonly connection?: 'operations' | 'app';
}

/** The configured dialect's migration driver; that dialect's module (and its driver) is imported here, on use. */
export async function openMigrationDriver(config: DbConfig, options: DriverOptions): Promise<MigrationDriver> {
  const common = { prefix: config.prefix, lockTimeoutMs: options.lockTimeoutMs, ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }) };
  if (config.postgres !== undefined) {
    const { openPgMigrationDriver } = await import('./pg/pg-migration-driver.js');
    return openPgMigrationDriver(options.connection === 'app' ? config.postgres : operationsSettings(config.postgres), common);
  }
  if (config.sqlite.remote !== undefined) {
    const { openRemoteMigrationDriver } = await import('./sqlite/remote-migration-driver.js');
    return openRemoteMigrationDriver(config.sqlite.remote, common);
  }
  const { openSqliteMigrationDriver } = await import('./sqlite/sqlite-migration-driver.js');
  return openSqliteMigrationDriver(config.sqlite, { ...common, ...(options.create === undefined ? {} : { create: options.create }) });
}
