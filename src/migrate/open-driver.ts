import { operationsSettings, type DbConfig } from '../config/index.js';
import type { MigrationDriver } from './migration-driver.js';
import { openPgMigrationDriver } from './pg/pg-migration-driver.js';
import { openSqliteMigrationDriver } from './sqlite/sqlite-migration-driver.js';

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

export function openMigrationDriver(config: DbConfig, options: DriverOptions): MigrationDriver {
  const common = { prefix: config.prefix, lockTimeoutMs: options.lockTimeoutMs, ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }) };
  return config.postgres !== undefined
    ? openPgMigrationDriver(options.connection === 'app' ? config.postgres : operationsSettings(config.postgres), common)
    : openSqliteMigrationDriver(config.sqlite, { ...common, ...(options.create === undefined ? {} : { create: options.create }) });
}
