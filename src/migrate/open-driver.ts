import type { DbConfig } from '../config/index.js';
import type { MigrationDriver } from './migration-driver.js';
import { openPgMigrationDriver } from './pg/pg-migration-driver.js';
import { openSqliteMigrationDriver } from './sqlite/sqlite-migration-driver.js';

export interface DriverOptions {
  readonly lockTimeoutMs: number;
  readonly onQuery?: (query: string) => void;
  /** SQLite: create the file when missing (default true). */
  readonly create?: boolean;
}

export function openMigrationDriver(config: DbConfig, options: DriverOptions): MigrationDriver {
  const common = { prefix: config.prefix, lockTimeoutMs: options.lockTimeoutMs, ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }) };
  return config.postgres !== undefined
    ? openPgMigrationDriver(config.postgres, common)
    : openSqliteMigrationDriver(config.sqlite, { ...common, ...(options.create === undefined ? {} : { create: options.create }) });
}
