/**
 * Generated `aggregate` and `groupBy` calls: aggregates over the columns they take (now and then one they do
 * not, which both the engines and the model must refuse), `having` compared with values from the case's pools,
 * orders by aggregates and by the `by` columns, pages.
 */
import fc from 'fast-check';
import type { AggregateCallOptions, AggregateSpec, FindOptions, GroupByCallOptions } from './calls.js';
import type { ColumnInfo, TableInfo } from './fuzz-schema.js';
import type { Cell } from './model-values.js';
import type { GenSettings } from './value-arbitraries.js';
import { cellArb, fixed, optional, usable, type Arb, type Draft, type Pools } from './drafts.js';
import { whereArb } from './where-arbitraries.js';

const SUMMABLE = new Set(['integer', 'bigint', 'decimal']);
const ORDERED = new Set(['integer', 'bigint', 'decimal', 'text', 'timestamp']);
const direction = fc.constantFrom<'asc' | 'desc'>('asc', 'desc');

/** `{ column: true }` over some of `columns`, and rarely a column outside them (to be refused). */
function flagsArb(columns: readonly ColumnInfo[], others: readonly ColumnInfo[]): fc.Arbitrary<Record<string, boolean> | undefined> {
  const valid = columns.map((c) => c.key);
  const stray = others.filter((c) => !valid.includes(c.key)).map((c) => c.key);
  return fc.option(
    fc
      .tuple(fc.subarray(valid, { maxLength: Math.min(3, valid.length) }), fc.boolean(), stray.length === 0 ? fc.constant(undefined) : fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...stray) }))
      .map(([keys, withFalse, wrong]) => {
        const flags: Record<string, boolean> = Object.fromEntries(keys.map((k, i) => [k, !(withFalse && i === 0)]));
        if (wrong !== undefined) flags[wrong] = true;
        return flags;
      }),
    { nil: undefined, freq: 2 },
  );
}

function specArb(table: TableInfo, settings: GenSettings): fc.Arbitrary<AggregateSpec> {
  const columns = usable(table, settings);
  const summable = columns.filter((c) => SUMMABLE.has(c.kind));
  const ordered = columns.filter((c) => ORDERED.has(c.kind));
  return fc
    .record({
      _count: fc.oneof(fc.constant(undefined), fc.constant(true), fc.constant(false), flagsArb(columns, [])),
      _sum: flagsArb(summable, columns),
      _avg: flagsArb(summable, columns),
      _min: flagsArb(ordered, columns),
      _max: flagsArb(ordered, columns),
    })
    .map((spec) => Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as AggregateSpec);
}

/** A find with distinctOn: 1-2 columns (now and then a JSON one: refused), the order starting with them, then more terms. */
export function distinctFindArb(table: TableInfo, settings: GenSettings): Arb<FindOptions> {
  const columns = usable(table, settings);
  const keys = columns.filter((c) => c.kind !== 'json').map((c) => c.key);
  const json = columns.filter((c) => c.kind === 'json').map((c) => c.key);
  const onArb = fc.oneof(
    { weight: 20, arbitrary: fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }) },
    ...(json.length === 0 ? [] : [{ weight: 1, arbitrary: fc.constantFrom(...json).map((k) => [k]) }]),
  );
  return fc
    .tuple(onArb, fc.array(direction, { minLength: 2, maxLength: 2 }), fc.array(fc.tuple(fc.constantFrom(...keys), direction), { maxLength: 2 }), optional(whereArb(table, settings, 1, 0)), fc.option(fc.nat(3), { nil: undefined }), fc.option(fc.nat(2), { nil: undefined }), fc.boolean())
    .map(([on, directions, more, where, limit, offset, misordered]) => (pools) => {
      const w = where(pools);
      const lead = on.map((k, i) => ({ [k]: directions[i % directions.length]! }));
      // Rarely the distinctOn columns after another term: refused by both.
      const rest = more.filter(([k]) => !on.includes(k)).map(([k, d]) => ({ [k]: d }));
      const orderBy = misordered && rest.length > 0 && limit === 0 ? [...rest, ...lead] : [...lead, ...rest];
      return {
        distinctOn: on,
        orderBy,
        ...(w === undefined ? {} : { where: w }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      };
    });
}

/**
 * A find with `distinct: true`: one or two selected columns (not JSON), ordered by all of them (so the order of
 * distinct rows is total and the answer exact), paged. Now and then no select (every column, JSON included:
 * refused) or an order by a column left out (refused by both).
 */
export function distinctRowsFindArb(table: TableInfo, settings: GenSettings): Arb<FindOptions> {
  const columns = usable(table, settings);
  const keys = columns.filter((c) => c.kind !== 'json' && !c.primaryKey).map((c) => c.key);
  return fc
    .tuple(fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }), fc.array(direction, { minLength: 2, maxLength: 2 }), fc.boolean(), optional(whereArb(table, settings, 1, 0)), fc.option(fc.nat(3), { nil: undefined }), fc.option(fc.nat(2), { nil: undefined }), fc.nat(20))
    .map(([selected, directions, reversed, where, limit, offset, odd]) => (pools) => {
      const w = where(pools);
      const terms = (reversed ? [...selected].reverse() : selected).map((k, i) => ({ [k]: directions[i % 2]! }));
      const outside = keys.find((k) => !selected.includes(k));
      return {
        distinct: true,
        ...(odd === 0 ? {} : { select: Object.fromEntries(selected.map((k) => [k, true])) }),
        orderBy: odd === 1 && outside !== undefined ? [...terms, { [outside]: 'asc' as const }] : terms,
        ...(w === undefined ? {} : { where: w }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      };
    });
}

export function aggregateArb(table: TableInfo, settings: GenSettings): Arb<AggregateCallOptions> {
  return fc.tuple(optional(whereArb(table, settings, 2, 0)), specArb(table, settings)).map(([where, spec]) => (pools) => {
    const w = where(pools);
    return { ...(w === undefined ? {} : { where: w }), ...spec };
  });
}

/** A having test of one aggregate: an operator and a value of its kind (a count: a small number). */
function havingTestArb(table: TableInfo, settings: GenSettings, column: ColumnInfo | undefined, average: boolean): Arb<Record<string, unknown>> {
  const op = fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte');
  if (column === undefined) return fc.tuple(op, fc.nat(4)).map(([o, n]) => () => ({ [o]: n }));
  // An average is a decimal string whatever the column (an integer column's too).
  const value: Arb<Cell> = average && column.kind !== 'decimal' ? fixed(fc.integer({ min: -5, max: 5 }).map((n) => `${n}.5`)) : cellArb(table, column, settings, true);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(op, value).map(([o, v]) => (pools: Pools) => ({ [o]: v(pools) })) },
    { weight: 1, arbitrary: fixed(fc.boolean().map((b) => ({ isNull: b }))) },
  );
}

export function groupByArb(table: TableInfo, settings: GenSettings): Arb<GroupByCallOptions> {
  const columns = usable(table, settings);
  const groupable = columns.filter((c) => c.kind !== 'json');
  const summable = columns.filter((c) => SUMMABLE.has(c.kind));
  const ordered = columns.filter((c) => ORDERED.has(c.kind));
  const measureArb = fc.oneof(
    fc.constant({ name: '_count', column: undefined as ColumnInfo | undefined }),
    ...(summable.length === 0 ? [] : [fc.tuple(fc.constantFrom('_sum', '_avg'), fc.constantFrom(...summable)).map(([name, column]) => ({ name, column: column as ColumnInfo | undefined }))]),
    ...(ordered.length === 0 ? [] : [fc.tuple(fc.constantFrom('_min', '_max'), fc.constantFrom(...ordered)).map(([name, column]) => ({ name, column: column as ColumnInfo | undefined }))]),
  );
  const havingArb: Arb<Record<string, unknown> | undefined> = fc.option(fc.array(measureArb, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }).chain((measures) => {
    if (measures === undefined) return fixed(fc.constant<Record<string, unknown> | undefined>(undefined));
    const tests = measures.map((m) => havingTestArb(table, settings, m.column, m.name === '_avg').map((t) => (pools: Pools) => [m, t(pools)] as const));
    return fc.tuple(...tests).map((drafts) => (pools: Pools): Record<string, unknown> | undefined => {
      const having: Record<string, unknown> = {};
      for (const d of drafts) {
        const [m, test] = d(pools);
        if (m.column === undefined) having._count = test;
        else having[m.name] = { ...((having[m.name] as Record<string, unknown> | undefined) ?? {}), [m.column.key]: test };
      }
      return having;
    });
  });
  return fc
    .tuple(
      fc.subarray(groupable.map((c) => c.key), { minLength: 1, maxLength: Math.min(2, groupable.length) }),
      optional(whereArb(table, settings, 1, 0)),
      specArb(table, settings),
      havingArb,
      fc.array(fc.tuple(fc.oneof(measureArb, fc.constant({ name: 'by', column: undefined as ColumnInfo | undefined })), direction, fc.nat()), { maxLength: 2 }),
      fc.option(fc.nat(4), { nil: undefined }),
      fc.option(fc.nat(3), { nil: undefined }),
    )
    .map(([by, where, spec, having, order, limit, offset]): Draft<GroupByCallOptions> => (pools) => {
      const w = where(pools);
      const h = having(pools);
      const orderBy = order.map(([m, d, i]) => (m.name === 'by' ? { [by[i % by.length]!]: d } : m.column === undefined ? { _count: d } : { [m.name]: { [m.column.key]: d } }));
      return {
        by,
        ...(w === undefined ? {} : { where: w }),
        ...spec,
        ...(h === undefined ? {} : { having: h }),
        ...(orderBy.length === 0 ? {} : { orderBy }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      };
    });
}
