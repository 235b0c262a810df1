/**
 * `cts-db`: what app code uses at run time. Configuration, opening the database, the CTS tables and their row
 * types, typed queries, start-up initialisation, migrations and health. Nothing reachable from here imports a
 * development tool (drizzle-kit, ts-morph): those live in `cts-db/dev`.
 */
export { CtsDbError, isCtsDbError, redactSecrets, redactUrl, type CtsDbErrorDetails } from './errors/index.js';
export {
  ConfigError,
  Secret,
  describeConfig,
  resolveConfig,
  type ConfigErrorCode,
  type DbConfig,
  type Dialect,
  type PostgresSettings,
  type ResolveConfigOptions,
  type SqliteSettings,
} from './config/index.js';
export { NamingError, assertValidPrefix, sanitizeName } from './naming/index.js';
export { ConnectionError, openDatabase, type ConnectionErrorCode, type DatabaseHandle, type OpenDatabaseOptions } from './db/index.js';
export { DecimalError, ValueError, normalizeDecimal } from './schema-kit/index.js';
export { createTables, type CtsPgTables, type CtsSqliteTables, type CtsTables } from './tables.js';
export { openAppDatabase, type AppDatabase } from './app-database.js';
export { REPLICA_DOWN_MS, type ReadTarget, type ReplicaOutCode, type ReplicaRotationState, type ReplicaSet } from './db/postgres/replica-set.js';

// The schema's names, row types and validators, generated from schema/.
export * from '../generated/tables.js';
export * from '../generated/validators.js';
export { manifest as schemaManifest } from '../generated/manifest.js';
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

// Migrations and start-up.
export {
  MigrationError,
  baselineMigrations,
  loadEmbeddedMigrations,
  initializeDatabase,
  migrate,
  migrationStatus,
  planMigrations,
  rollbackMigrations,
  toEmbeddedSet,
  type EmbeddedMigration,
  type EmbeddedMigrationData,
  type EmbeddedMigrationHead,
  type EmbeddedMigrationSet,
  type InitializeOptions,
  type InitializeSummary,
  type MigrateOptions,
  type MigrateResult,
  type MigrationErrorCode,
  type MigrationRunResult,
  type MigrationState,
  type MigrationStatusRow,
  type PlanResult,
  type PlannedMigration,
  type RollbackOptions,
  type RollbackResult,
  type StatusResult,
} from './migrate/index.js';

// Start-up of a long-running app, and the process-wide database of its server code.
export { closeSharedDatabases, sharedDatabase, startDatabase, startupOf, type DatabaseStartup, type SharedDatabaseOptions, type StartDatabaseOptions, type StartupEvent } from './startup/index.js';

// Health and status.
export {
  createHealthChecker,
  createHealthHandler,
  createMigrationStatusHandler,
  closeSharedHealth,
  healthRoute,
  migrationStatusRoute,
  publicHealthReport,
  sharedHealth,
  statusTables,
  type CategoryTables,
  type PublicHealthReport,
  type PublicReplicaHealth,
  type HealthChecker,
  type HealthCheckerOptions,
  type HealthReport,
  type ReplicaHealth,
  type MigrationStatusReport,
  type RequestHandler,
  type SharedHealth,
  type SharedHealthOptions,
  type StatusCategory,
  type StatusTable,
} from './health/index.js';
