import { Column, SQL, is } from 'drizzle-orm';
import type { AccessorDriver, PreparedSelect } from './accessor-driver.js';
import { placeholderBinder, walkWhere, type WhereContext } from './build-where.js';
import type { Row } from './loose-db.js';
import { QueryError } from './query-error.js';

/** How one value of a select list is read, as Drizzle's own row mapping does (a column's mapping, or an SQL's `mapWith`). */
type Decoder = { mapFromDriverValue(value: unknown): unknown };

const identity: Decoder = { mapFromDriverValue: (value) => value };

function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field;
  // An SQL's decoder is what `mapWith` set (public in Drizzle's JavaScript, left out of its declarations).
  if (is(field, SQL)) return (field as unknown as { readonly decoder?: Decoder }).decoder ?? identity;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { readonly decoder?: Decoder }).decoder ?? identity;
  return identity;
}

/** Rows read by position into the select list's keys, each value through its decoder; NULL stays null. */
export function keyedMapper(fields: Readonly<Record<string, unknown>>): (row: ArrayLike<unknown>) => Row {
  const keys = Object.keys(fields);
  const decoders = keys.map((k) => decoderOf(fields[k]));
  return (row) => {
    const out: Row = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      out[keys[i]!] = value === null || value === undefined ? null : decoders[i]!.mapFromDriverValue(value);
    }
    return out;
  };
}

/**
 * Every own key and leaf of an options object, with the leaf's type: a key that differs whenever two inputs
 * differ at all (undefined included, which JSON would drop), so a kept statement is reused only for the very same
 * aggregates, groups, having and order.
 */
export function optionsKey(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(optionsKey).join(',')}]`;
  if (typeof value === 'object') {
    if (value instanceof Date) return `date:${value.getTime()}`;
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${optionsKey((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return `${typeof value}:${String(value)}`;
}

/** The options that shape the statement and the assembly: all but the filter (its shape is keyed apart) and the page. */
const specKey = (options: Readonly<Record<string, unknown>>) => optionsKey(Object.fromEntries(Object.keys(options).filter((k) => k !== 'where' && k !== 'limit' && k !== 'offset').map((k) => [k, options[k]])));

/** What a prepared aggregate keeps: the statement, and the query that assembles its rows (built for its options). */
export interface PreparedAggregate<Q> {
  readonly run: PreparedSelect;
  readonly query: Q;
}

/**
 * A count, aggregate or groupBy prepared once per shape (its options without `where`, and the filter's shape), as
 * finds are: the first call builds the query and its statement, later calls bind the filter's values only.
 */
export function preparedAggregate<Q>(
  prepareRaw: NonNullable<AccessorDriver['prepareRaw']>,
  cache: Map<string, PreparedAggregate<Q>>,
  ctx: WhereContext,
  kind: string,
  options: Readonly<Record<string, unknown>>,
  where: unknown,
  build: (condition: SQL | undefined) => { readonly query: Q; readonly compiled: { readonly sql: string; readonly params: unknown[] }; readonly fields: Readonly<Record<string, unknown>> },
): { readonly entry: PreparedAggregate<Q>; readonly values: readonly unknown[] } {
  const path = `${ctx.table}.where`;
  const probe = placeholderBinder(false);
  walkWhere(ctx, where, path, probe);
  const key = `${kind}#${specKey(options)}#${probe.shape.join('|')}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    const binder = placeholderBinder(true);
    const condition = walkWhere(ctx, where, path, binder).sql;
    const built = build(condition);
    const again = `${kind}#${specKey(options)}#${binder.shape.join('|')}`;
    if (again !== key) {
      throw new QueryError(`${ctx.table}.${kind} changed while it was read`, { code: 'QUERY_INVALID_FILTER', subject: `${ctx.table}.${kind}`, path: `${ctx.table}.${kind}`, hint: 'pass plain data: a getter or Proxy that answers differently on each read cannot be checked' });
    }
    if (cache.size >= 256) cache.clear();
    entry = { run: prepareRaw(built.compiled, keyedMapper(built.fields)), query: built.query };
    cache.set(key, entry);
  }
  return { entry, values: probe.values };
}
