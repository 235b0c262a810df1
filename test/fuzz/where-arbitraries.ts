/** Filters, orders, `with` and find options, as drafts over the case's pools. */
import fc from 'fast-check';
import { RELATIONS } from '../../generated/accessors.js';
import type { FindOptions, OrderItem, RelationReadSpec, Where, WithSpec } from './calls.js';
import { FUZZ_TABLES, TABLES, type ColumnInfo, type TableInfo } from './fuzz-schema.js';
import type { GenSettings } from './value-arbitraries.js';
import { cellArb, fixed, listOf, nullableCell, optional, usable, type Arb, type Draft, type Pools } from './drafts.js';

type Clause = readonly [string, unknown];

function operatorsArb(table: TableInfo, column: ColumnInfo, settings: GenSettings): Arb<Record<string, unknown>> {
  const value = cellArb(table, column, settings);
  const maybeNull = nullableCell(table, column, settings);
  const list = listOf(value, 0, 3);
  const op = <T>(name: string, arb: Arb<T>) => arb.map((d): Draft<readonly [string, unknown]> => (pools) => [name, d(pools)]);
  // A text operator's pattern: a cell (from the pools, so it can match), often cut to a part of itself, and
  // sometimes with its ASCII letters' case swapped (so case-sensitive and insensitive answers differ).
  const swapCase = (s: string) => s.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  const pattern = fc.tuple(value, fc.nat(8), fc.nat(8), fc.boolean()).map(([d, a, b, swap]): Draft<unknown> => (pools) => {
    const v = d(pools);
    if (typeof v !== 'string') return v;
    const part = a % 3 !== 0 ? [...v].slice(Math.min(a, b), Math.max(a, b)).join('') : v;
    return swap ? swapCase(part) : part;
  });
  const comparisons = [
    op('eq', maybeNull),
    op('ne', maybeNull),
    op('in', list),
    op('notIn', list),
    op('gt', value),
    op('gte', value),
    op('lt', value),
    op('lte', value),
    op('isNull', fixed(fc.boolean())),
  ];
  // Text operators mostly on text columns; now and then on another kind and a mode alone, which both must refuse.
  const text = [op('startsWith', pattern), op('endsWith', pattern), op('contains', pattern), op('mode', fixed(fc.constantFrom<unknown>('insensitive', 'insensitive', 'default', 'INSENSITIVE')))];
  const one = fc.oneof(
    ...comparisons.map((arbitrary) => ({ weight: 3, arbitrary })),
    ...text.map((arbitrary) => ({ weight: column.kind === 'text' ? 4 : 1, arbitrary })),
  );
  return listOf(one, 1, 3).map((d) => (pools) => Object.fromEntries(d(pools)));
}

function fieldClauseArb(table: TableInfo, column: ColumnInfo, settings: GenSettings): Arb<Clause> {
  const clause = (arb: Arb<unknown>) => arb.map((d): Draft<Clause> => (pools) => [column.key, d(pools)]);
  if (column.kind === 'json') {
    // Only null tests mean the same on jsonb and JSON text, and the API refuses the rest: mostly null tests,
    // sometimes a comparison (which both engines must refuse).
    const nullTest = fc.constantFrom<unknown>(null, { isNull: true }, { isNull: false }, { eq: null }, { ne: null });
    return fc.oneof({ weight: 4, arbitrary: clause(fixed(nullTest)) }, { weight: 1, arbitrary: clause(operatorsArb(table, column, settings)) });
  }
  // A bare value is equality; a bare null (nullable columns only, as the types allow) is IS NULL.
  return fc.oneof({ weight: 1, arbitrary: clause(nullableCell(table, column, settings)) }, { weight: 3, arbitrary: clause(operatorsArb(table, column, settings)) });
}

/** Clauses into one object; a second clause on the same key goes into AND, as the API has no other way to say it. */
function mergeClauses(clauses: readonly Clause[]): Where {
  const out: Record<string, unknown> = {};
  const extra: Where[] = [];
  for (const [key, value] of clauses) {
    if (key === 'AND' && Array.isArray(out.AND)) out.AND = [...(out.AND as Where[]), ...(value as Where[])];
    else if (key in out) extra.push({ [key]: value });
    else out[key] = value;
  }
  if (extra.length > 0) out.AND = [...((out.AND as Where[] | undefined) ?? []), ...extra];
  return out;
}

/** The relations of `table` to a table the fuzz writes (filters of the others would test an empty table only). */
function fuzzRelations(table: TableInfo): { readonly name: string; readonly kind: 'one' | 'many'; readonly target: TableInfo }[] {
  const all = RELATIONS[table.name] as Readonly<Record<string, { readonly kind: 'one' | 'many'; readonly table: string }>>;
  return Object.entries(all).flatMap(([name, r]) => {
    const key = FUZZ_TABLES.find((t) => TABLES[t].name === r.table);
    return key === undefined ? [] : [{ name, kind: r.kind, target: TABLES[key] }];
  });
}

/**
 * A relation filter: a to-one relation's a where of the related table; a to-many relation's one or two of
 * some / none / every, each a where of the related table. Now and then a to-many relation given columns
 * directly or nothing, which both engines must refuse.
 */
function relationClauseArb(table: TableInfo, settings: GenSettings, depth: number): Arb<Clause> | undefined {
  const relations = fuzzRelations(table);
  if (relations.length === 0) return undefined;
  return fc.oneof(
    ...relations.map((r) => {
      const inner = whereArb(r.target, settings, depth - 1, 0);
      if (r.kind === 'one') return inner.map((d): Draft<Clause> => (pools) => [r.name, d(pools)]);
      const tests = fc.uniqueArray(fc.tuple(fc.constantFrom('some', 'none', 'every'), inner), { minLength: 1, maxLength: 2, selector: ([t]) => t });
      return fc.oneof(
        { weight: 8, arbitrary: tests.map((ts): Draft<Clause> => (pools) => [r.name, Object.fromEntries(ts.map(([t, d]) => [t, d(pools)]))]) },
        { weight: 1, arbitrary: inner.map((d): Draft<Clause> => (pools) => [r.name, d(pools)]) },
      );
    }),
  );
}

/**
 * A where of `min` to two clauses: a column filter (every operator on every column kind), or AND / OR of up
 * to two nested wheres, or NOT of one (`NOT: {}` included), or a relation filter
 * (relationClauseArb).
 */
export function whereArb(table: TableInfo, settings: GenSettings, depth: number, min: number): Arb<Where> {
  const field = fc.oneof(...usable(table, settings).map((c) => fieldClauseArb(table, c, settings)));
  const relation = depth <= 0 ? undefined : relationClauseArb(table, settings, depth);
  const clause: Arb<Clause> =
    depth <= 0
      ? field
      : fc.oneof(
          { weight: 6, arbitrary: field },
          ...(relation === undefined ? [] : [{ weight: 1, arbitrary: relation }]),
          { weight: 1, arbitrary: listOf(whereArb(table, settings, depth - 1, 0), 0, 2).map((d): Draft<Clause> => (pools) => ['AND', d(pools)]) },
          { weight: 1, arbitrary: listOf(whereArb(table, settings, depth - 1, 0), 0, 2).map((d): Draft<Clause> => (pools) => ['OR', d(pools)]) },
          { weight: 1, arbitrary: whereArb(table, settings, depth - 1, 0).map((d): Draft<Clause> => (pools) => ['NOT', d(pools)]) },
        );
  return listOf(clause, min, 2).map((d) => (pools) => mergeClauses(d(pools)));
}

const direction = fc.constantFrom<'asc' | 'desc'>('asc', 'desc');

/**
 * Up to two terms on any column, then (mostly) the primary key as a tiebreaker so the order is total; as one
 * list of single-key objects, a single object, or one object with several keys (the API allows all three).
 */
function orderByArb(table: TableInfo, settings: GenSettings): fc.Arbitrary<FindOptions['orderBy']> {
  const columns = usable(table, settings);
  // JSON columns are refused in orderBy (jsonb and JSON text order differently): rarely asked for.
  const key = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...columns.filter((c) => c.kind !== 'json').map((c) => c.key)) },
    ...columns.filter((c) => c.kind === 'json').map((c) => ({ weight: 1, arbitrary: fc.constant(c.key) })),
  );
  const id = table.uniqueKeys[0]?.[0] ?? 'id';
  return fc
    .tuple(fc.array(fc.tuple(key, direction), { maxLength: 2 }), fc.option(direction, { nil: undefined, freq: 5 }), fc.boolean())
    .map(([terms, tiebreak, oneObject]) => {
      const items: OrderItem[] = [...terms, ...(tiebreak === undefined ? [] : [[id, tiebreak] as const])].map(([k, d]) => ({ [k]: d }));
      if (items.length === 0) return undefined;
      if (items.length === 1 || !oneObject) return items.length === 1 ? items[0] : items;
      // One object keeps each key once, in its first place: all such an object can say.
      const merged: Record<string, 'asc' | 'desc'> = {};
      for (const item of items) for (const [k, d] of Object.entries(item)) if (!(k in merged)) merged[k] = d;
      return merged;
    });
}

/**
 * `with` on a table that has relations: some of them, each true or false, or (a relation to a table the fuzz
 * writes) the read's options: columns, and for a to-many relation a where, an order, a page; one level deeper
 * now and then. Mostly absent.
 */
function withArb(table: TableInfo, settings: GenSettings, depth = 2): Arb<WithSpec | undefined> {
  const names = Object.keys(RELATIONS[table.name]);
  if (names.length === 0) return fixed(fc.constant(undefined));
  const readable = new Map(fuzzRelations(table).map((r) => [r.name, r]));
  const value = (name: string): Arb<boolean | RelationReadSpec> => {
    const r = readable.get(name);
    if (r === undefined || depth <= 0) return fixed(fc.boolean());
    const columns = r.target.columns.map((c) => c.key);
    const select = fc.option(fc.subarray(columns, { minLength: 1, maxLength: 4 }).map((keys) => Object.fromEntries(keys.map((k) => [k, true]))), { nil: undefined, freq: 3 });
    const nested = withArb(r.target, settings, depth - 1);
    const options =
      r.kind === 'one'
        ? fc.tuple(select, nested).map(([s, w]) => (pools: Pools): RelationReadSpec => {
            const nestedWith = w(pools);
            return { ...(s === undefined ? {} : { select: s }), ...(nestedWith === undefined ? {} : { with: nestedWith }) };
          })
        : fc
            .tuple(select, nested, optional(whereArb(r.target, settings, 1, 0)), fc.option(orderByArb(r.target, settings), { nil: undefined }), fc.option(fc.nat(3), { nil: undefined }), fc.option(fc.nat(2), { nil: undefined, freq: 3 }))
            .map(([s, w, where, orderBy, limit, offset]) => (pools: Pools): RelationReadSpec => {
              const f = where(pools);
              const nestedWith = w(pools);
              return {
                ...(s === undefined ? {} : { select: s }),
                ...(nestedWith === undefined ? {} : { with: nestedWith }),
                ...(f === undefined ? {} : { where: f }),
                ...(orderBy === undefined ? {} : { orderBy }),
                ...(limit === undefined ? {} : { limit }),
                ...(offset === undefined ? {} : { offset }),
              };
            });
    return fc.oneof({ weight: 2, arbitrary: fixed(fc.boolean()) }, { weight: 3, arbitrary: options });
  };
  return fc.option(
    fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: names.length }).chain((picked) => fc.tuple(...picked.map(value)).map((drafts) => (pools: Pools): WithSpec => Object.fromEntries(picked.map((n, i) => [n, drafts[i]!(pools)])))),
    { nil: undefined, freq: 3 },
  ).map((d) => (pools: Pools) => d?.(pools));
}

/**
 * A keyset cursor, sometimes: a row of cells from the pools (so it often equals a stored row's values), with each
 * nullable column sometimes null and, rarely, a column left out (refused when the order uses it).
 */
function cursorArb(table: TableInfo, settings: GenSettings): Arb<FindOptions['cursor']> {
  const columns = usable(table, settings);
  const cells = columns.map((c) => fc.tuple(c.nullable ? nullableCell(table, c, settings) : cellArb(table, c, settings), fc.nat(30)));
  return fc.option(fc.tuple(...cells), { nil: undefined, freq: 4 }).map((drafts) => (pools) => {
    if (drafts === undefined) return undefined;
    const after = Object.fromEntries(drafts.flatMap(([d, n], i) => (n === 0 ? [] : [[columns[i]!.key, d(pools)]])));
    return { after };
  });
}

/**
 * `select`, sometimes: the primary key (the comparisons match rows by it) and up to three more columns, each
 * true; now and then one of them false, which leaves it out as if not named.
 */
function selectArb(table: TableInfo): fc.Arbitrary<Readonly<Record<string, boolean>> | undefined> {
  const primary = table.uniqueKeys[0] ?? [];
  const others = table.columns.map((c) => c.key).filter((k) => !primary.includes(k));
  return fc.option(
    fc.tuple(fc.subarray(others, { maxLength: 3 }), fc.boolean()).map(([keys, off]) => ({ ...Object.fromEntries(primary.map((k) => [k, true])), ...Object.fromEntries(keys.map((k, i) => [k, !(off && i === 0)])) })),
    { nil: undefined, freq: 4 },
  );
}

export function findOptionsArb(table: TableInfo, settings: GenSettings, withLimit: boolean): Arb<FindOptions> {
  const count = fc.option(fc.nat(4), { nil: undefined });
  return fc
    .tuple(optional(whereArb(table, settings, 2, 0)), fc.option(orderByArb(table, settings), { nil: undefined }), withLimit ? count : fc.constant(undefined), count, withArb(table, settings), cursorArb(table, settings), selectArb(table))
    .map(([where, orderBy, limit, offset, withDraft, cursor, select]) => (pools) => {
      const w = where(pools);
      const relations = withDraft(pools);
      const c = cursor(pools);
      return {
        ...(w === undefined ? {} : { where: w }),
        ...(orderBy === undefined ? {} : { orderBy }),
        ...(c === undefined ? {} : { cursor: c }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
        ...(relations === undefined ? {} : { with: relations }),
        ...(select === undefined ? {} : { select }),
      };
    });
}
