/** Generated call sequences: the setup inserts, then calls on both tables and transactions around them. */
import fc from 'fast-check';
import type { Call, FuzzCase, TableCall, WriteScope } from './calls.js';
import { FUZZ_TABLES, ID_POOLS, TABLES, type FuzzTable, type TableInfo } from './fuzz-schema.js';
import type { Row } from './model-values.js';
import type { GenSettings } from './value-arbitraries.js';
import { fixed, isDistinct, listOf, optional, poolsArb, type Arb, type Draft, type Pools } from './drafts.js';
import { rowArb, setArb } from './row-arbitraries.js';
import { findOptionsArb, whereArb } from './where-arbitraries.js';
import { aggregateArb, distinctFindArb, distinctRowsFindArb, groupByArb } from './aggregate-arbitraries.js';

function tableCallArb(key: FuzzTable, settings: GenSettings): Arb<TableCall> {
  const table = TABLES[key];
  const row = rowArb(table, settings);
  const where = whereArb(table, settings, 2, 1);
  // Mostly a where (which may still name no column, `{ AND: [] }`: refused); sometimes all: true, with or
  // without a where; rarely all: false.
  const scope: Arb<WriteScope> = fc.oneof(
    { weight: 8, arbitrary: where.map((w) => (pools: Pools): WriteScope => ({ where: w(pools) })) },
    { weight: 1, arbitrary: fixed(fc.constant({ all: true })) },
    { weight: 1, arbitrary: where.map((w) => (pools: Pools): WriteScope => ({ where: w(pools), all: true })) },
    { weight: 1, arbitrary: where.map((w) => (pools: Pools): WriteScope => ({ where: w(pools), all: false })) },
  );
  const set = setArb(table, settings);
  const call = <T>(arb: Arb<T>, make: (value: T) => TableCall): Arb<TableCall> => arb.map((d) => (pools) => make(d(pools)));
  return fc.oneof(
    call(row, (r) => ({ op: 'insert', table: key, row: r })),
    call(listOf(row, 0, 3), (rows) => ({ op: 'insertMany', table: key, rows })),
    call(listOf(row, 0, 3), (rows) => ({ op: 'insertBulk', table: key, rows })),
    { weight: 4, arbitrary: call(optional(findOptionsArb(table, settings, true)), (options) => ({ op: 'findMany', table: key, options })) },
    { weight: 2, arbitrary: call(optional(findOptionsArb(table, settings, false)), (options) => ({ op: 'findFirst', table: key, options })) },
    {
      weight: 2,
      arbitrary: call(
        fc.oneof(fixed(fc.constant(undefined)), fixed(fc.constant({})), whereArb(table, settings, 2, 0).map((w) => (pools: Pools) => ({ where: w(pools) }))),
        (options) => ({ op: 'count', table: key, options }),
      ),
    },
    { weight: 2, arbitrary: call(aggregateArb(table, settings), (options) => ({ op: 'aggregate', table: key, options })) },
    { weight: 2, arbitrary: call(distinctFindArb(table, settings), (options) => ({ op: 'findMany', table: key, options })) },
    { weight: 1, arbitrary: call(distinctRowsFindArb(table, settings), (options) => ({ op: 'findMany', table: key, options })) },
    { weight: 2, arbitrary: call(groupByArb(table, settings), (options) => ({ op: 'groupBy', table: key, options })) },
    call(fc.tuple(scope, set).map(([w, s]) => (pools: Pools) => [w(pools), s(pools)] as const), ([w, s]) => ({ op: 'update', table: key, scope: w, set: s })),
    call(fc.tuple(scope, set).map(([w, s]) => (pools: Pools) => [w(pools), s(pools)] as const), ([w, s]) => ({ op: 'updateReturning', table: key, scope: w, set: s })),
    call(scope, (w) => ({ op: 'delete', table: key, scope: w })),
    call(scope, (w) => ({ op: 'deleteReturning', table: key, scope: w })),
    {
      weight: 2,
      arbitrary: call(
        fc.tuple(row, fc.constantFrom(...table.uniqueKeys), fc.oneof({ weight: 6, arbitrary: optional(set) }, { weight: 1, arbitrary: fixed(fc.constant({})) })).map(([r, target, s]) => (pools: Pools) => [r(pools), target, s(pools)] as const),
        ([values, target, s]) => ({ op: 'upsert', table: key, values, target, ...(s === undefined ? {} : { set: s }) }),
      ),
    },
  );
}

function callArb(settings: GenSettings): Arb<Call> {
  const tableCall = fc.oneof(...FUZZ_TABLES.map((t) => tableCallArb(t, settings)));
  const transaction = fc
    .tuple(listOf(tableCall, 1, 4), fc.constantFrom<'commit' | 'throw'>('commit', 'throw'))
    .map(([body, end]): Draft<Call> => (pools) => ({ op: 'transaction', body: body(pools), end }));
  return fc.oneof({ weight: 8, arbitrary: tableCall }, { weight: 1, arbitrary: transaction });
}

/** The setup: 1-4 connections and 0-6 positions of them, with distinct keys, inserted with insertMany. */
function setupArb(settings: GenSettings): Arb<Call[]> {
  const connections = TABLES.exchangeConnections;
  const positions = TABLES.exchangePositions;
  const distinct = (table: TableInfo, i: number) => (pools: Pools): Row =>
    Object.fromEntries(table.columns.filter((c) => isDistinct(table, c)).map((c) => [c.key, pools[table.key][c.key]?.[i] ?? null]));
  return fc
    .tuple(fc.array(rowArb(connections, settings, true), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(rowArb(positions, settings, true), fc.nat(), fc.boolean()), { maxLength: 6 }))
    .map(([parents, children]) => (pools) => {
      const parentRows = parents.map((d, i) => ({ ...d(pools), ...distinct(connections, i)(pools), id: ID_POOLS.exchangeConnections[i]! }));
      const childRows = children.map(([d, parent, keyed], i) => {
        const own = distinct(positions, i)(pools);
        return { ...d(pools), ...(keyed ? own : Object.fromEntries(Object.keys(own).map((k) => [k, null]))), id: ID_POOLS.exchangePositions[i]!, connectionId: ID_POOLS.exchangeConnections[parent % parents.length]! };
      });
      return [
        { op: 'insertMany', table: 'exchangeConnections', rows: parentRows },
        { op: 'insertMany', table: 'exchangePositions', rows: childRows },
      ];
    });
}

/** A whole case: the setup, then 1..maxCalls calls (a transaction counting as one). */
export function caseArb(settings: GenSettings, maxCalls: number): fc.Arbitrary<FuzzCase> {
  return fc.tuple(poolsArb(settings), setupArb(settings), fc.array(callArb(settings), { minLength: 1, maxLength: maxCalls })).map(([pools, setup, calls]) => ({
    calls: [...setup(pools), ...calls.map((d) => d(pools))],
  }));
}
