/** Rows to insert, and the `set` of updates and upserts, as drafts over the case's pools. */
import fc from 'fast-check';
import type { ColumnInfo, TableInfo } from './fuzz-schema.js';
import type { Cell, Row } from './model-values.js';
import type { GenSettings } from './value-arbitraries.js';
import { all, cellArb, fixed, listOf, nullableCell, usable, type Arb, type Draft } from './drafts.js';

/** A column of an inserted row: given, null, or left to its default. Keys and `now` timestamps are always given. */
function insertedColumn(table: TableInfo, column: ColumnInfo, settings: GenSettings, inRange: boolean): Arb<readonly [string, Cell] | undefined> {
  const given = nullableCell(table, column, settings, inRange).map((d): Draft<readonly [string, Cell]> => (pools) => [column.key, d(pools)]);
  // The foreign key to a table the test never writes: any value would be refused; left NULL.
  if (column.kind === 'uuid' && !column.primaryKey && table.foreignKeys.some((f) => f.columns.includes(column.key) && f.table === undefined)) return fixed(fc.constant(undefined));
  if (column.primaryKey || column.default?.kind === 'now' || column.default?.kind === 'random_uuid') return given;
  if (column.default === undefined && !column.nullable) return given;
  return fc.oneof({ weight: 2, arbitrary: given }, { weight: 1, arbitrary: fixed(fc.constant(undefined)) });
}

export function rowArb(table: TableInfo, settings: GenSettings, inRange = false): Arb<Row> {
  return all(table.columns.map((c) => insertedColumn(table, c, settings, inRange))).map((d) => (pools) => Object.fromEntries(d(pools).filter((e) => e !== undefined)));
}

/** An update's (or upsert's) `set`: one to three columns; the primary key only rarely (it collides, or orphans children). */
export function setArb(table: TableInfo, settings: GenSettings): Arb<Row> {
  const columns = usable(table, settings).filter((c) => !(c.kind === 'uuid' && table.foreignKeys.some((f) => f.columns.includes(c.key) && f.table === undefined)));
  const entry = (c: ColumnInfo) => nullableCell(table, c, settings).map((d): Draft<readonly [string, Cell]> => (pools) => [c.key, d(pools)]);
  const ordinary = columns.filter((c) => !c.primaryKey);
  const key = columns.filter((c) => c.primaryKey);
  // Now and then arithmetic on a numeric column: { increment | decrement | multiply: a cell of the column } (an
  // upsert's set must refuse it, an update compute it from each row).
  const numeric = ordinary.filter((c) => c.kind === 'integer' || c.kind === 'bigint' || c.kind === 'decimal');
  const arithmetic = (c: ColumnInfo) =>
    fc.tuple(fc.constantFrom('increment', 'decrement', 'multiply'), cellArb(table, c, settings)).map(([op, d]): Draft<readonly [string, Cell]> => (pools) => [c.key, { [op]: d(pools) } as Cell]);
  const pick = fc.oneof(
    { weight: 15, arbitrary: fc.oneof(...ordinary.map(entry)) },
    ...key.map((c) => ({ weight: 1, arbitrary: entry(c) })),
    ...(numeric.length === 0 ? [] : [{ weight: 10, arbitrary: fc.oneof(...numeric.map(arithmetic)) }]),
  );
  return listOf(pick, 1, 3).map((d) => (pools) => Object.fromEntries(d(pools)));
}
