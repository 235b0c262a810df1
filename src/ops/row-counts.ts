import type { MigrationDriver } from '../migrate/migration-driver.js';

export type RowCounts = Readonly<Record<string, number>>;

/** Row count of every given table in ONE query (a UNION ALL of counts), however many tables there are. */
export async function countRows(driver: MigrationDriver, tables: readonly string[]): Promise<RowCounts> {
  if (tables.length === 0) return {};
  const union = tables.map((t, i) => `select ${i} as i, count(*) as n from "${t.replaceAll('"', '""')}"`).join(' union all ');
  const rows = await driver.query<{ i: number | string; n: number | string }>(union);
  const counts: Record<string, number> = {};
  for (const row of rows) counts[tables[Number(row.i)] as string] = Number(row.n);
  return counts;
}
