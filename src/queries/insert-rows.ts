import { getTableColumns, getTableName, type Column, type Table } from 'drizzle-orm';
import type { AppDatabase } from '../app-database.js';
import type { CtsPgTables } from '../tables.js';
import { chunk, rowsPerStatement } from './batch-size.js';

export type TableKey = keyof CtsPgTables;
export type InsertOf<K extends TableKey> = CtsPgTables[K]['$inferInsert'];

/**
 * Inserts many typed rows in as few statements as the dialect's bind-parameter limit allows, in one
 * transaction (all or nothing). Values go through the same column mappings as Drizzle's own inserts (exact
 * decimals, UUIDs, JSON, timestamps), but the SQL is assembled once per batch rather than through Drizzle's
 * general query builder, which costs most of the time on large arrays. Rows are grouped by the set of columns
 * they provide, so a column a row leaves out keeps its database default on both dialects.
 */
export async function insertRows<K extends TableKey>(app: AppDatabase, key: K, rows: readonly InsertOf<K>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const table = app.tables[key] as unknown as Table;
  const columns = getTableColumns(table) as Record<string, Column>;
  const name = getTableName(table);
  const shapes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    const provided = Object.keys(columns).filter((k) => row[k] !== undefined || columns[k]!.defaultFn !== undefined);
    const shape = provided.join(',');
    const group = shapes.get(shape) ?? [];
    group.push(row);
    shapes.set(shape, group);
  }
  const statements: { text: string; params: unknown[] }[] = [];
  for (const [shape, group] of shapes) {
    const keys = shape.split(',');
    const columnList = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
    for (const batch of chunk(group, rowsPerStatement(app.dialect, keys.length))) {
      const params: unknown[] = [];
      const tuples = batch.map((row) => {
        const marks = keys.map((k) => {
          const column = columns[k]!;
          const value = row[k] === undefined ? column.defaultFn!() : row[k];
          params.push(value === null ? null : column.mapToDriverValue(value));
          return app.dialect === 'postgresql' ? `$${params.length}` : '?';
        });
        return `(${marks.join(', ')})`;
      });
      statements.push({ text: `insert into "${name}" (${columnList}) values ${tuples.join(', ')}`, params });
    }
  }
  if (app.dialect === 'postgresql') {
    await app.sql.begin(async (tx) => {
      for (const s of statements) await tx.unsafe(s.text, s.params as never[], { prepare: true });
    });
  } else {
    const tx = await app.client.transaction('write');
    try {
      for (const s of statements) await tx.execute({ sql: s.text, args: s.params as never[] });
      await tx.commit();
    } finally {
      tx.close();
    }
  }
  return rows.length;
}
