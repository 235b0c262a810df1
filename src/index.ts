/**
 * `cts-db`: what app code uses at run time. Configuration, opening the database, the CTS tables and their row
 * types, typed queries, start-up initialisation, migrations and health. Nothing reachable from here imports a
 * development tool (drizzle-kit, ts-morph): those live in `cts-db/dev`.
 */
// From the modules themselves, not the folders' index files: each index is one more module to load on import.
export { CtsDbError, isCtsDbError, type CtsDbErrorDetails } from './errors/cts-db-error.js';
export { redactSecrets, redactUrl } from './errors/redact.js';
export { ConfigError, type ConfigErrorCode } from './config/config-error.js';
export { Secret } from './config/secret.js';
export { describeConfig } from './config/describe-config.js';
export { databaseTarget, resolveConfig, type DbConfig, type Dialect, type PostgresSettings, type RemoteSqliteSettings, type ResolveConfigOptions, type SqliteSettings } from './config/resolve-config.js';
export { NamingError } from './naming/naming-error.js';
export { assertValidPrefix, sanitizeName } from './naming/sanitize.js';
export { ConnectionError, type ConnectionErrorCode } from './db/connection-error.js';
export { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './db/open-database.js';
export { DecimalError, normalizeDecimal } from './schema-kit/decimal.js';
export { ValueError } from './schema-kit/value-checks.js';
// createTables is `cts-db/tables`: it builds both dialects' Drizzle tables, and this entry loads only the
// configured dialect's Drizzle core and driver, when the database is opened.
export type { CtsPgTables, CtsSqliteTables, CtsTables } from './tables.js';
export { openAppDatabase, type AppDatabase } from './app-database.js';
export { REPLICA_DOWN_MS } from './db/postgres/replica-constants.js';
export type { ReadTarget, ReplicaOutCode, ReplicaRotationState, ReplicaSet } from './db/postgres/replica-set.js';

// The schema's names and row types, generated from schema/. Its zod insert validators are `cts-db/validators`,
// built when imported (building them was the largest part of this entry's import).
export * from '../generated/tables.js';
export type { Manifest, ManifestTable, ManifestColumn } from './codegen/manifest.js';

// Typed accessors: one API for both dialects.
export { ctsDatabase, openCtsDatabase, type CtsDatabase, type TransactionOptions } from './accessors/cts-database.js';
export { QueryError, type QueryErrorCode } from './accessors/query-error.js';
export type {
  FieldFilter,
  FieldOperators,
  FindOptions,
  OrderBy,
  RelationName,
  TableAccessor,
  UniqueTarget,
  UpsertOptions,
  Where,
  With,
  WithRelations,
} from './accessors/query-types.js';
export { RELATIONS, UNIQUE_KEYS, type CtsAccessors, type Relations, type UniqueKeys } from '../generated/accessors.js';

// Typed queries.
export { MAX_BIND_PARAMETERS, chunk, rowsPerStatement } from './queries/batch-size.js';
export * from './queries/trading-hot-paths.js';

// Migrations and start-up: the functions import the migrator when first called (entry.ts).
export { MigrationError, type MigrationErrorCode } from './migrate/migration-error.js';
export { baselineMigrations, initializeDatabase, loadEmbeddedMigrations, migrate, migrationStatus, planMigrations, rollbackMigrations } from './migrate/entry.js';
export { toEmbeddedSet, type EmbeddedMigration, type EmbeddedMigrationData, type EmbeddedMigrationHead, type EmbeddedMigrationSet } from './migrate/embedded-migrations.js';
export type { InitializeOptions, InitializeSummary } from './migrate/initialize.js';
export type {
  MigrateOptions,
  MigrateResult,
  MigrationRunResult,
  MigrationState,
  MigrationStatusRow,
  PlanResult,
  PlannedMigration,
  StatusResult,
} from './migrate/migrator.js';
export type { RollbackOptions, RollbackResult } from './migrate/rollback.js';

// Start-up of a long-running app, and the process-wide database of its server code.
export { closeSharedDatabases, sharedDatabase, type SharedDatabaseOptions } from './startup/shared-database.js';
export { startDatabase, startupOf, type DatabaseStartup, type StartDatabaseOptions, type StartupEvent } from './startup/start-database.js';

// Health and status.
export { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health/health-checker.js';
export type { CategoryTables, HealthReport, MigrationStatusReport, ReplicaHealth } from './health/health-types.js';
export { publicHealthReport, type PublicHealthReport, type PublicReplicaHealth } from './health/public-report.js';
// The HTTP handlers and routes are `cts-db/handlers` (with node:crypto for the admin token): a process that only
// queries does not load them.
export type { RequestHandler } from './health/http-handlers.js';
export { closeSharedHealth, sharedHealth, type SharedHealth, type SharedHealthOptions } from './health/shared-health.js';
export { statusTables, type StatusCategory, type StatusTable } from './health/status-tables.js';
