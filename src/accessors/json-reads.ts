import { sql, type Column, type SQL } from 'drizzle-orm';
import type { ColumnKind } from '../schema-kit/index.js';

/**
 * How a dialect reads related rows inside one statement as JSON (nested-reads.ts): a row as a JSON array of its
 * values by position, and a list of rows as one JSON array in a given order.
 *
 * Each value must come out of JSON as exactly what the driver gives for the column itself, so that the
 * column's own decoder reads it: the nested rows are then equal to the rows a find of that table returns.
 */
export interface JsonReads {
  /** A column's value inside the row's JSON array. */
  value(column: Column, kind: ColumnKind): SQL | Column;
  /** The row's values as a JSON array. */
  row(values: readonly (SQL | Column)[]): SQL;
  /** The rows of the sub-select as a JSON array, `[]` when there are none, in `order`. */
  list(row: SQL, order: readonly SQL[]): SQL;
}

/**
 * SQLite stores every kind as text or an integer, and JSON keeps both as they are: decimal keys and JSON text
 * stay strings, timestamps and booleans integers. A bigint past 2^53 would lose digits as a JSON number: as
 * text it reaches the column's decoder whole, which refuses it exactly as it does on a plain read.
 */
export const sqliteJsonReads: JsonReads = {
  value: (column, kind) => (kind === 'bigint' ? sql`cast(${column} as text)` : column),
  row: (values) => sql`json_array(${sql.join(values as SQL[], sql`, `)})`,
  // ORDER BY inside the aggregate (SQLite 3.44+; libSQL has 3.45): the order is the statement's, not the scan's.
  list: (row, order) => sql`json_group_array(${row} order by ${sql.join([...order], sql`, `)})`,
};

/**
 * PostgreSQL's JSON has its own forms for numeric (a JSON number: a float to JSON.parse) and timestamptz (ISO
 * 8601 with a T): both are read as their text, which is what the driver receives for the column.
 */
export const pgJsonReads: JsonReads = {
  value: (column, kind) => (kind === 'decimal' || kind === 'timestamp' || kind === 'bigint' ? sql`${column}::text` : column),
  row: (values) => sql`json_build_array(${sql.join(values as SQL[], sql`, `)})`,
  list: (row, order) => sql`coalesce(json_agg(${row} order by ${sql.join([...order], sql`, `)}), '[]'::json)`,
};
