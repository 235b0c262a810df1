import { schema } from '../../schema/index.js';
import type { DbConfig } from '../config/index.js';
import type { MigrationDriver } from '../migrate/migration-driver.js';
import { tokenize } from '../migrate/sql-tokenizer.js';
import { buildPgTables, buildSqliteTables } from '../schema-kit/build-tables.js';
import { liveDrift, type LiveDifference, type LiveDriftReport } from './live-drift.js';

type Snapshot = { tables: Record<string, { columns: Record<string, unknown>; indexes: Record<string, unknown>; uniqueConstraints?: Record<string, unknown> }> };

/**
 * The statements that add what is missing, written by drizzle-kit's own differ: the snapshot of the schema
 * built for this prefix, minus the missing objects, diffed against the full one. Only additive differences
 * take part; a plan that would still drop something is refused.
 */
export async function planRepair(config: DbConfig, differences: readonly LiveDifference[]): Promise<string[]> {
  const additive = differences.filter((d) => d.additive);
  if (additive.length === 0) return [];
  const api = await import('drizzle-kit/api');
  const pg = config.dialect === 'postgresql';
  const full = pg
    ? (api.generateDrizzleJson(buildPgTables(schema, { prefix: config.prefix }) as Record<string, unknown>) as unknown as Snapshot)
    : ((await api.generateSQLiteDrizzleJson(buildSqliteTables(schema, { prefix: config.prefix }) as Record<string, unknown>)) as unknown as Snapshot);
  const without = structuredClone(full);
  const key = (table: string) => (pg ? `public.${config.prefix}_${table}` : `${config.prefix}_${table}`);
  for (const d of additive) {
    const table = without.tables[key(d.table)];
    if (table === undefined) continue;
    if (d.kind === 'missing-table') delete without.tables[key(d.table)];
    else if (d.kind === 'missing-column' && d.object !== undefined) delete table.columns[d.object];
    else if (d.kind === 'missing-index' && d.object !== undefined) {
      delete table.indexes[`${config.prefix}_${d.object}`];
      if (table.uniqueConstraints !== undefined) delete table.uniqueConstraints[`${config.prefix}_${d.object}`];
    }
  }
  const statements = pg
    ? await api.generateMigration(without as never, full as never)
    : await api.generateSQLiteMigration(without as never, full as never);
  const destructive = statements.filter(isDestructive);
  if (destructive.length > 0) {
    throw new Error(`the repair plan would drop or rebuild objects, which db:repair never does:\n  ${destructive.join('\n  ')}`);
  }
  return statements;
}

/** A statement whose first keyword is DROP, or that rebuilds a table (`__new_`), is not additive. */
function isDestructive(statement: string): boolean {
  const words = tokenize(statement).filter((t) => t.kind === 'word' || t.kind === 'quoted-identifier' || t.kind === 'backtick-identifier');
  return words[0]?.text.toLowerCase() === 'drop' || words.some((w) => w.text.replaceAll(/["`]/g, '').startsWith('__new_'));
}

export interface RepairResult {
  readonly before: LiveDriftReport;
  readonly statements: readonly string[];
  readonly after: LiveDriftReport;
}

/** Adds missing tables, columns and indexes under the migration lock, in one transaction; re-checks after. */
export async function repairLive(driver: MigrationDriver, config: DbConfig, options: { readonly dryRun?: boolean } = {}): Promise<RepairResult> {
  // Drift is read inside the locked transaction that repairs it, so a migration in between cannot make the plan stale.
  const planned = await driver.transaction(async (tx) => {
    const before = await liveDrift(driver, config);
    const statements = await planRepair(config, before.differences);
    if (options.dryRun !== true) for (const statement of statements) await tx.execute(statement);
    return { before, statements };
  });
  if (options.dryRun === true || planned.statements.length === 0) return { ...planned, after: planned.before };
  return { ...planned, after: await liveDrift(driver, config) };
}
