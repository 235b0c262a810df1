import { and, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Binder, WhereContext } from './build-where.js';
import { MAX_FILTER_VALUES, termsOf } from './build-where.js';
import { filterValue } from './check-value.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';

const invalidCursor = (path: string, message: string, hint: string) => new QueryError(`${path}: ${message}`, { code: 'QUERY_INVALID_CURSOR', subject: path, path, hint });

/**
 * `cursor: { after: row }` as a condition: the rows that come after `row` in the `orderBy` order, so the next page
 * is `findMany({ cursor: { after: last }, orderBy, limit })` and a row inserted meanwhile can neither repeat a row
 * nor push one off a page (a keyset page, not an offset). The order must be total: its columns must include a
 * unique key whose columns are NOT NULL (the primary key as the last term does it), or two rows could tie with
 * the cursor and one of them be skipped.
 *
 * With NULLs where the order puts them (last ascending, first descending, see buildOrder), "after (v1, v2)" is
 * `c1 after v1 OR (c1 = v1 AND c2 after v2)`, where `c after v` for ascending is `c > v OR c IS NULL` (nothing is
 * after NULL), for descending `c < v` (after NULL: `c IS NOT NULL`), and `c = NULL` is `c IS NULL`.
 */
export function cursorCondition(ctx: WhereContext, uniqueKeys: readonly (readonly string[])[], cursor: unknown, orderBy: unknown, binder: Binder): SQL | undefined {
  if (cursor === undefined) return undefined;
  const path = `${ctx.table}.cursor`;
  if (!isPlainObject(cursor)) throw invalidCursor(path, `expected { after: row }, got ${cursor === null ? 'null' : typeof cursor}`, 'pass cursor: { after: lastRowOfThePreviousPage }');
  for (const key of ownKeys(cursor)) if (key !== 'after') throw invalidCursor(`${path}.${key}`, `unknown cursor option ${JSON.stringify(key)}`, 'the only option is after: a row of the previous page');
  const after = cursor.after;
  if (after === undefined) throw new QueryError(`${path}.after is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: `${path}.after`, path: `${path}.after`, hint: 'pass the last row of the previous page (a first page has no cursor)' });
  if (!isPlainObject(after)) throw invalidCursor(`${path}.after`, `expected a row, got ${after === null ? 'null' : Array.isArray(after) ? 'an array' : typeof after}`, 'pass the last row of the previous page');
  const terms = termsOf(orderBy);
  const ordered = new Set(terms.map((t) => t.key));
  const total = uniqueKeys.some((k) => k.every((c) => ordered.has(c) && ctx.columns.get(c)?.nullable === false));
  if (!total) {
    const keys = uniqueKeys.filter((k) => k.every((c) => ctx.columns.get(c)?.nullable === false)).map((k) => k.join(' + '));
    throw invalidCursor(`${ctx.table}.orderBy`, 'a cursor needs an order with no ties, and this one can tie', `order by all the columns of a unique key (${keys.join(', or ')}), e.g. add { ${uniqueKeys[0]?.[0] ?? 'id'}: 'asc' } as the last term`);
  }
  binder.shape.push('cursor:');
  // Each term's value, checked as a filter value of its column (null only on a nullable one).
  const values = terms.map(({ key }) => {
    const at = `${path}.after.${key}`;
    const info = ctx.columns.get(key)!;
    const value = after[key];
    if (value === undefined) throw new QueryError(`${at} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: at, path: at, hint: `the cursor row needs every orderBy column: pass a row as findMany returned it` });
    if (value === null) {
      if (!info.nullable) throw new QueryError(`${at} is null, and ${key} is NOT NULL`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: 'pass a row as findMany returned it' });
      return null;
    }
    return { info, value, at };
  });
  const bound = (v: NonNullable<(typeof values)[number]>) => {
    if (++binder.counted > MAX_FILTER_VALUES) throw new QueryError(`${v.at}: a filter may bind at most ${MAX_FILTER_VALUES} values`, { code: 'QUERY_TOO_MANY_VALUES', subject: v.at, path: v.at, hint: 'order by fewer columns' });
    return binder.bind(filterValue(v.info, v.value, v.at, ctx.decimal));
  };
  const branches: SQL[] = [];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const v = values[i]!;
    const column = ctx.columns.get(term.key)!;
    binder.shape.push(`${term.key}:${term.direction}:${v === null ? 'null' : column.nullable ? 'v?' : 'v'}`);
    // Nothing comes after NULL ascending (NULLs are last): this branch can never hold, and binds nothing.
    if (v === null && term.direction === 'asc') {
      if (binder.building) branches.push(sql`false`);
    } else {
      const equal: SQL[] = [];
      for (let j = 0; j < i; j++) {
        const w = values[j]!;
        const c = ctx.columns.get(terms[j]!.key)!.column;
        if (w === null) equal.push(isNull(c));
        else {
          const p = bound(w);
          if (binder.building) equal.push(eq(c, p));
        }
      }
      let step: SQL | undefined;
      if (v === null) step = isNotNull(column.column);
      else {
        const p = bound(v);
        if (binder.building) step = term.direction === 'asc' ? (column.nullable ? or(gt(column.column, p), isNull(column.column)) : gt(column.column, p)) : lt(column.column, p);
      }
      if (binder.building) branches.push(and(...equal, step)!);
    }
  }
  if (!binder.building) return undefined;
  return or(...branches) ?? sql`false`;
}
