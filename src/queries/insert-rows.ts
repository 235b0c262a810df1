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
 * general query builder, which costs most of the time on large arrays. Rows go in in the caller's order;
 * consecutive rows that provide the same columns share a statement, and a column a row leaves out is left out
 * of its statement, so the table's DDL default fills it on both dialects. (On SQLite the run-time tables also
 * generate uuid/now values in the application, a stand-in for Drizzle's own builder, which would otherwise
 * inline the default expressions into every row; a statement that omits the column needs neither, and binds
 * three parameters fewer per indication row.)
 */
export async function insertRows<K extends TableKey>(app: AppDatabase, key: K, rows: readonly InsertOf<K>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const table = app.tables[key] as unknown as Table;
  const columns = getTableColumns(table) as Record<string, Column>;
  const name = getTableName(table);
  const keys = Object.keys(columns);
  // Consecutive rows that provide the same columns share a statement (up to the bind-parameter limit), so the
  // rows go in in the caller's order; a uniform array batches exactly as if grouped.
  const runs: { shape: string; rows: Record<string, unknown>[] }[] = [];
  for (const row of rows as readonly Record<string, unknown>[]) {
    let shape = '';
    for (const k of keys) if (row[k] !== undefined) shape = shape === '' ? k : `${shape},${k}`;
    const last = runs.at(-1);
    if (last !== undefined && last.shape === shape) last.rows.push(row);
    else runs.push({ shape, rows: [row] });
  }
  const statements: { text: string; params: unknown[] }[] = [];
  for (const { shape, rows: run } of runs) {
    if (shape === '') {
      // Rows that provide nothing: every column takes its default.
      for (let i = 0; i < run.length; i++) statements.push({ text: `insert into "${name}" default values`, params: [] });
      continue;
    }
    const provided = shape.split(',');
    const columnList = provided.map((k) => `"${columns[k]!.name}"`).join(', ');
    for (const batch of chunk(run, rowsPerStatement(app.dialect, provided.length))) {
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
