/**
 * Drafts: pieces of a generated call that are functions of the case's value pools. Each case first draws a
 * small pool of values per column; rows, filters and sets then mostly reuse pool values (so rows share
 * values, orders have ties and filters match rows) and sometimes take fresh ones. One `map` resolves the
 * drafts: fast-check shrinks the pools and the drafts' own choices, and the property only sees plain calls.
 */
import fc from 'fast-check';
import { TABLES, type ColumnInfo, type FuzzTable, type TableInfo } from './fuzz-schema.js';
import type { Cell } from './model-values.js';
import { textArb, valueArb, type GenSettings } from './value-arbitraries.js';

export type Pools = Readonly<Record<FuzzTable, Readonly<Record<string, readonly Cell[]>>>>;
export type Draft<T> = (pools: Pools) => T;
export type Arb<T> = fc.Arbitrary<Draft<T>>;

export const fixed = <T>(arb: fc.Arbitrary<T>): Arb<T> => arb.map((v) => () => v);
export const all = <T>(arbs: readonly Arb<T>[]): Arb<T[]> => fc.tuple(...arbs).map((ds) => (pools) => ds.map((d) => d(pools)));
export const listOf = <T>(arb: Arb<T>, min: number, max: number): Arb<T[]> => fc.array(arb, { minLength: min, maxLength: max }).map((ds) => (pools) => ds.map((d) => d(pools)));
export const optional = <T>(arb: Arb<T>): Arb<T | undefined> => fc.option(arb, { nil: undefined }).map((d) => (pools) => d?.(pools));

// Columns with a unique constraint of their own besides the key: their pools hold distinct values, and the
// setup gives row i pool value i, so the setup itself never collides.
const DISTINCT_POOL = 6;
export const isDistinct = (table: TableInfo, column: ColumnInfo) => table.uniqueKeys.some((k) => k.includes(column.key) && !column.primaryKey && column.kind === 'text');

/** Which columns a where, orderBy or set may use (FUZZ_SKIP can leave kinds out while exploring). */
export const usable = (table: TableInfo, settings: GenSettings) => table.columns.filter((c) => !settings.skip.has(c.kind));

/** One to three values per column (uuid columns use the fixed id pools), six distinct ones for unique text. */
export function poolsArb(settings: GenSettings): fc.Arbitrary<Pools> {
  const tablePools = (table: TableInfo) =>
    fc.record(
      Object.fromEntries(
        table.columns
          .filter((c) => c.kind !== 'uuid')
          .map((c) => {
            if (isDistinct(table, c)) return [c.key, fc.uniqueArray(textArb(settings), { minLength: DISTINCT_POOL, maxLength: DISTINCT_POOL })];
            return [c.key, fc.array(valueArb(table, c, settings), { minLength: 1, maxLength: 3 })];
          }),
      ) as Record<string, fc.Arbitrary<Cell[]>>,
    );
  return fc.record({ exchangeConnections: tablePools(TABLES.exchangeConnections), exchangePositions: tablePools(TABLES.exchangePositions) });
}

/**
 * A non-null value: mostly from the case's pool, sometimes fresh (and then now and then out of the column's
 * range, unless `inRange`). uuid columns draw from the fixed id pools.
 */
export function cellArb(table: TableInfo, column: ColumnInfo, settings: GenSettings, inRange = false): Arb<Cell> {
  if (column.kind === 'uuid') return fixed(valueArb(table, column, settings));
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.nat().map((i): Draft<Cell> => (pools) => {
        const pool = pools[table.key][column.key] ?? [];
        return pool[i % pool.length] ?? null;
      }),
    },
    { weight: 1, arbitrary: fixed(valueArb(table, column, settings, !inRange)) },
  );
}

export const nullableCell = (table: TableInfo, column: ColumnInfo, settings: GenSettings, inRange = false): Arb<Cell> =>
  column.nullable ? fc.oneof({ weight: 3, arbitrary: cellArb(table, column, settings, inRange) }, { weight: 1, arbitrary: fixed(fc.constant(null)) }) : cellArb(table, column, settings, inRange);
