/**
 * The migration functions of the package's entry, each importing the migrator when first called: an app that
 * only queries (a serverless function, migrated in its release step) never loads it. The signatures and the
 * documentation are the modules' own (migrator.ts, rollback.ts, initialize.ts).
 */
import type * as Initialize from './initialize.js';
import type * as Migrator from './migrator.js';
import type * as Rollback from './rollback.js';

const migrator = () => import('./migrator.js');

/** Applies pending migrations under the lock; see migrator.ts `migrate`. */
export async function migrate(...args: Parameters<typeof Migrator.migrate>): ReturnType<typeof Migrator.migrate> {
  return (await migrator()).migrate(...args);
}

/** The ledger against the migrations, read only; see migrator.ts `migrationStatus`. */
export async function migrationStatus(...args: Parameters<typeof Migrator.migrationStatus>): ReturnType<typeof Migrator.migrationStatus> {
  return (await migrator()).migrationStatus(...args);
}

/** What `migrate` would apply, without applying it; see migrator.ts `planMigrations`. */
export async function planMigrations(...args: Parameters<typeof Migrator.planMigrations>): ReturnType<typeof Migrator.planMigrations> {
  return (await migrator()).planMigrations(...args);
}

/** Records migrations up to a tag as applied without running them; see migrator.ts `baselineMigrations`. */
export async function baselineMigrations(...args: Parameters<typeof Migrator.baselineMigrations>): ReturnType<typeof Migrator.baselineMigrations> {
  return (await migrator()).baselineMigrations(...args);
}

/** Rolls back applied migrations with their down scripts; see rollback.ts `rollbackMigrations`. */
export async function rollbackMigrations(...args: Parameters<typeof Rollback.rollbackMigrations>): ReturnType<typeof Rollback.rollbackMigrations> {
  return (await import('./rollback.js')).rollbackMigrations(...args);
}

/**
 * Start-up initialisation: connects with bounded backoff, applies pending migrations, verifies the critical
 * tables; see initialize.ts `initializeDatabase`.
 */
export async function initializeDatabase(...args: Parameters<typeof Initialize.initializeDatabase>): ReturnType<typeof Initialize.initializeDatabase> {
  return (await import('./initialize.js')).initializeDatabase(...args);
}

/** The migrations embedded in the package, loaded on first use; see migration-source.ts `loadEmbeddedMigrations`. */
export async function loadEmbeddedMigrations(): ReturnType<typeof import('./migration-source.js').loadEmbeddedMigrations> {
  return (await import('./migration-source.js')).loadEmbeddedMigrations();
}
