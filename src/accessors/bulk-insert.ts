import { getTableName, type Column, type Table } from 'drizzle-orm';
import type { RawStatement } from './accessor-driver.js';

/**
 * The statements that insert many rows in as few statements as the parameter limit allows. Values go through
 * the same column mappings as Drizzle's own inserts (exact decimals, UUIDs, JSON, timestamps), but the SQL is
 * assembled once per batch rather than through Drizzle's general builder, which costs most of the time on
 * large arrays. Rows keep the caller's order: consecutive rows that provide the same columns share a
 * statement, and a column a row leaves out is left out of its statement, so the table's DDL default fills it.
 */
export function bulkInsertStatements(
  table: Table,
  columns: Readonly<Record<string, Column>>,
  rows: readonly Readonly<Record<string, unknown>>[],
  maxParameters: number,
  placeholder: (n: number) => string,
): RawStatement[] {
  const name = getTableName(table);
  const keys = Object.keys(columns);
  const runs: { shape: string; rows: Readonly<Record<string, unknown>>[] }[] = [];
  for (const row of rows) {
    let shape = '';
    for (const k of keys) if (row[k] !== undefined) shape = shape === '' ? k : `${shape},${k}`;
    const last = runs.at(-1);
    if (last !== undefined && last.shape === shape) last.rows.push(row);
    else runs.push({ shape, rows: [row] });
  }
  const statements: RawStatement[] = [];
  for (const { shape, rows: run } of runs) {
    if (shape === '') {
      // Rows that provide nothing: every column takes its default.
      for (let i = 0; i < run.length; i++) statements.push({ text: `insert into "${name}" default values`, params: [] });
      continue;
    }
    const provided = shape.split(',');
    const columnList = provided.map((k) => `"${columns[k]!.name}"`).join(', ');
    const perStatement = Math.max(1, Math.floor(maxParameters / provided.length));
    for (let start = 0; start < run.length; start += perStatement) {
      const params: unknown[] = [];
      const tuples = run.slice(start, start + perStatement).map((row) => {
        const marks = provided.map((k) => {
          const value = row[k];
          params.push(value === null ? null : columns[k]!.mapToDriverValue(value));
          return placeholder(params.length);
        });
        return `(${marks.join(', ')})`;
      });
      statements.push({ text: `insert into "${name}" (${columnList}) values ${tuples.join(', ')}`, params });
    }
  }
  return statements;
}
