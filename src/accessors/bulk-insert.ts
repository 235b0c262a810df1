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
  conflict?: BulkConflict,
): RawStatement[] {
  const name = getTableName(table);
  const statements: RawStatement[] = [];
  for (const { shape, rows: run } of runsByShape(columns, rows)) {
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
      statements.push({ text: `insert into "${name}" (${columnList}) values ${tuples.join(', ')}${conflict === undefined ? '' : conflictClause(columns, provided, conflict)}`, params });
    }
  }
  return statements;
}

/** Consecutive rows that give the same columns. */
export interface ShapeRun<R extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  /** The keys the rows give, in the table's order, comma-separated; '' when they give none. */
  readonly shape: string;
  readonly rows: R[];
}

/** Consecutive rows that give the same columns (`shape`: their keys in the table's order, comma-separated). */
export function runsByShape<R extends Readonly<Record<string, unknown>>>(columns: Readonly<Record<string, Column>>, rows: readonly R[]): ShapeRun<R>[] {
  const keys = Object.keys(columns);
  const runs: { shape: string; rows: R[] }[] = [];
  for (const row of rows) {
    let shape = '';
    for (const k of keys) if (row[k] !== undefined) shape = shape === '' ? k : `${shape},${k}`;
    const last = runs.at(-1);
    if (last !== undefined && last.shape === shape) last.rows.push(row);
    else runs.push({ shape, rows: [row] });
  }
  return runs;
}

/** The columns a run updates on conflict (see BulkConflict.update); the key itself when the rows give only the key. */
export function conflictUpdates(provided: readonly string[], conflict: BulkConflict): readonly string[] {
  if (conflict.update !== undefined) return conflict.update;
  const update = provided.filter((k) => !conflict.target.includes(k));
  return update.length === 0 ? [conflict.target[0]!] : update;
}

/** An upsert's conflict handling: the unique key, what to take from the new row, and whether rows come back. */
export interface BulkConflict {
  /** Column keys of a unique key of the table. */
  readonly target: readonly string[];
  /**
   * Column keys taken from the new row when the key exists; undefined: every column the rows give except the key.
   * Empty: the existing row stays as it is (`DO NOTHING`).
   */
  readonly update: readonly string[] | undefined;
  /** `RETURNING` the table's columns, in getTableColumns order (the row mapper reads them by position). */
  readonly returning: boolean;
}

const quoted = (columns: Readonly<Record<string, Column>>, key: string) => `"${columns[key]!.name}"`;

/**
 * `ON CONFLICT (key) DO UPDATE SET c = excluded.c ...`, the same text on both engines. When the rows give only
 * the key, the key is set to itself: the existing row counts as written and comes back with RETURNING, as `upsert`.
 */
function conflictClause(columns: Readonly<Record<string, Column>>, provided: readonly string[], conflict: BulkConflict): string {
  const target = conflict.target.map((k) => quoted(columns, k)).join(', ');
  const returning = conflict.returning ? ` returning ${Object.keys(columns).map((k) => quoted(columns, k)).join(', ')}` : '';
  const update = conflictUpdates(provided, conflict);
  if (update.length === 0) return ` on conflict (${target}) do nothing${returning}`;
  return ` on conflict (${target}) do update set ${update.map((k) => `${quoted(columns, k)} = excluded.${quoted(columns, k)}`).join(', ')}${returning}`;
}
