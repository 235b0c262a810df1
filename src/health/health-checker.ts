import type { DbConfig } from '../config/index.js';
import type { MigrationSourceOptions } from '../migrate/migration-source.js';
import type { HealthReport, MigrationStatusReport } from './health-types.js';

export interface HealthCheckerOptions extends MigrationSourceOptions {
  /** Called with every query sent (tests count them). */
  readonly onQuery?: (query: string) => void;
  /** Base names of the tables to look for. Default: every table of the manifest. */
  readonly tables?: readonly string[];
  /** Critical base names (the ledger is always critical). Default: the manifest's. */
  readonly criticalTables?: readonly string[];
}

export interface HealthChecker {
  /** Never throws: an unreachable database is reported as `unhealthy`. */
  check(): Promise<HealthReport>;
  /** Never throws: an unreachable database is reported with `success: false`, status `error`. */
  migrationStatus(): Promise<MigrationStatusReport>;
  close(): Promise<void>;
}

/**
 * Health and migration status for one configured instance. It keeps one connection open between checks
 * (reopened after a failure) and asks the catalog once per check, however many tables there are. The checks
 * themselves (health-checks.ts, with the table manifest and the migration driver) are imported on the first
 * call: a route file that creates a checker at import costs an app nothing until it is asked.
 *
 * @example
 * const health = createHealthChecker(resolveConfig());
 * const report = await health.check(); // { status: 'healthy', database: { ... } }
 */
export function createHealthChecker(config: DbConfig, options: HealthCheckerOptions = {}): HealthChecker {
  let checker: Promise<HealthChecker> | undefined;
  const open = () => (checker ??= import('./health-checks.js').then((m) => m.openHealthChecker(config, options)));
  return {
    check: async () => (await open()).check(),
    migrationStatus: async () => (await open()).migrationStatus(),
    // Nothing to close before the first check.
    close: async () => {
      if (checker !== undefined) await (await checker).close();
    },
  };
}
