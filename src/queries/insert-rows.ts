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
 * they provide, and a column a row leaves out is left out of the statement, so the table's DDL default fills
 * it on both dialects. (On SQLite the run-time tables also generate uuid/now values in the application, a
 * stand-in for Drizzle's own builder, which would otherwise inline the default expressions into every row; a
 * statement that omits the column needs neither, and binds three parameters fewer per indication row.)
 */
export async function insertRows<K extends TableKey>(app: AppDatabase, key: K, rows: readonly InsertOf<K>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const table = app.tables[key] as unknown as Table;
  const columns = getTableColumns(table) as Record<string, Column>;
  const name = getTableName(table);
  const keys = Object.keys(columns);
  const shapes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    let shape = '';
    for (const k of keys) if (row[k] !== undefined) shape = shape === '' ? k : `${shape},${k}`;
    let group = shapes.get(shape);
    if (group === undefined) {
      group = [];
      shapes.set(shape, group);
    }
    group.push(row);
  }
  const statements: { text: string; params: unknown[] }[] = [];
  for (const [shape, group] of shapes) {
    if (shape === '') {
      // Rows that provide nothing: every column takes its default.
      for (const _ of group) statements.push({ text: `insert into "${name}" default values`, params: [] });
      continue;
    }
    const provided = shape.split(',');
    const columnList = provided.map((k) => `"${columns[k]!.name}"`).join(', ');
    for (const batch of chunk(group, rowsPerStatement(app.dialect, provided.length))) {
      const params: unknown[] = [];
      const tuples = batch.map((row) => {
        const marks = provided.map((k) => {
          const value = row[k];
          params.push(value === null ? null : columns[k]!.mapToDriverValue(value));
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
