export { MigrationError, type MigrationErrorCode } from './migration-error.js';
export { dataConflicts, describeConflict, type DataConflict } from './data-checks.js';
export { CROSS_PREFIX_RULE, describeViolation, type PrefixViolation } from './prefix-isolation.js';
export { readMigrationFiles, type MigrationDialect, type MigrationFile, type MigrationHead } from './migration-files.js';
export {
  toEmbeddedSet,
  type EmbeddedMigration,
  type EmbeddedMigrationData,
  type EmbeddedMigrationHead,
  type EmbeddedMigrationSet,
  type EmbeddedMigrationSql,
  type EmbeddedSql,
} from './embedded-migrations.js';
export { describeMigrationSource, loadEmbeddedMigrations, loadMigrationSource, type MigrationSource, type MigrationSourceOptions } from './migration-source.js';
export { ledgerTableName, type LedgerRow } from './ledger.js';
export {
  baselineMigrations,
  criticalTableNames,
  migrate,
  migrationStatus,
  planMigrations,
  type MigrateOptions,
  type MigrateResult,
  type MigrationRunResult,
  type MigrationState,
  type MigrationStatusRow,
  type PlanResult,
  type PlannedMigration,
  type StatusResult,
} from './migrator.js';
export { prefixSql, splitStatements } from './prefix-sql.js';
export { lockKeyFor } from './pg/lock-key.js';
export { initializeDatabase, type InitializeOptions, type InitializeSummary } from './initialize.js';
export { downPath, rollbackMigrations, type RollbackOptions, type RollbackResult, type RollbackStep } from './rollback.js';
export { resolveMigration, type ResolveOptions, type ResolveResult } from './resolve.js';
export { assertEmbeddingCurrent, staleEmbedding } from './stale-embedding.js';
export { describeHolders, type LockWait } from './lock-retries.js';
export type { LockHolder } from './migration-driver.js';
