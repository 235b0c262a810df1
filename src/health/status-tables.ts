import { CRITICAL_TABLES, TABLE_CATEGORIES } from '../../generated/tables.js';
import type { MigrationStatusReport } from './health-types.js';

export interface StatusTable {
  /** Base name, as in schema/. */
  readonly name: string;
  /** The name in the database: `{prefix}_{name}`. */
  readonly table: string;
  readonly present: boolean;
  readonly critical: boolean;
}

export interface StatusCategory {
  readonly category: string;
  readonly tables: readonly StatusTable[];
}

/**
 * Every table of the schema by category with present/missing, from a migration status report: what a
 * status page shows a person (the report itself lists only the missing ones).
 */
export function statusTables(report: MigrationStatusReport): StatusCategory[] {
  const critical = new Set<string>(CRITICAL_TABLES);
  return Object.entries(TABLE_CATEGORIES as Readonly<Record<string, readonly string[]>>).map(([category, names]) => {
    const missing = new Set(report.tables.categories[category]?.missing ?? names.map((n) => `${report.prefix}_${n}`));
    return {
      category,
      tables: names.map((name) => {
        const table = `${report.prefix}_${name}`;
        return { name, table, present: !missing.has(table), critical: critical.has(name) };
      }),
    };
  });
}
