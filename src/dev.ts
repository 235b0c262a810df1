/**
 * `cts-db/dev`: the development side, never loaded by an app at run time. It needs the optional peer
 * dependencies drizzle-kit and ts-morph. Schema definition kit, code generation, the drift check.
 */
export * from './schema-kit/index.js';
export * from './schema-kit/build-tables.js';
export { schema, type Schema } from '../schema/index.js';
export { renderGenerated, writeGenerated, diffGenerated, type GeneratedDiff } from './codegen/generate.js';
export { buildManifest } from './codegen/manifest.js';
export { MIGRATION_MODULES, MIGRATIONS_MODULE, readMigrationSet, renderMigrationModules } from './codegen/migrations-module.js';
export { runDrizzleKit, type KitDialect, type KitRun } from './codegen/drizzle-kit.js';
export { endChildGroups, liveChildGroups } from './codegen/child-groups.js';
export { checkDrift, formatDriftReport, type DriftProblem, type DriftReport } from './drift/check-drift.js';
export { prefixSql, splitStatements } from './migrate/index.js';
