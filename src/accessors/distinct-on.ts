import { and, getTableColumns, isNotNull, isNull, notExists, or, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { TableName } from '../../generated/tables.js';
import type { AccessorDriver } from './accessor-driver.js';
import { termsOf, walkWhere, type Binder, type OrderTerm, type WhereContext } from './build-where.js';
import { columnInfo } from './column-info.js';
import type { LooseDb } from './loose-db.js';
import { QueryError } from './query-error.js';
import { relationFilters } from './relation-filter.js';

const invalid = (path: string, message: string, hint: string, code: 'QUERY_INVALID_ORDER' | 'QUERY_INVALID_SELECT' = 'QUERY_INVALID_SELECT') => new QueryError(`${path}: ${message}`, { code, subject: path, path, hint });

/** The checked `distinct` / `distinctOn` of a find. */
export type Distinct = { readonly kind: 'rows' } | { readonly kind: 'on'; readonly keys: readonly string[]; readonly terms: readonly OrderTerm[] };

/**
 * `distinct: true` (distinct rows of the selected columns) and `distinctOn: [columns]` (one row per group of equal
 * values: the first in `orderBy`'s order, the primary key breaking ties), checked. As PostgreSQL's DISTINCT ON, the
 * order must start with the distinctOn columns (in any direction): the rows then come in that order on both engines.
 */
export function checkDistinct(ctx: WhereContext, options: Readonly<Record<string, unknown>>, selected: readonly string[] | undefined, withRelations: boolean, primaryKey: readonly string[]): Distinct | undefined {
  const at = (key: string) => `${ctx.table}.${key}`;
  const { distinct, distinctOn } = options;
  if (distinct !== undefined && typeof distinct !== 'boolean') throw invalid(at('distinct'), `expected true or false, got ${distinct === null ? 'null' : typeof distinct}`, 'distinct: true');
  if (distinct === true && distinctOn !== undefined) throw invalid(at('distinctOn'), 'distinct and distinctOn together', 'distinct: true for distinct rows, or distinctOn: [columns] for one row per group');
  const refuseWith = (key: string) => {
    if (withRelations) throw invalid(at(key), `${key} with relations (with) is not supported yet`, 'read the relations in a second findMany by key');
    for (const key2 of ['cursor', 'lock'] as const) {
      if (options[key2] !== undefined) throw invalid(at(key), `${key} with ${key2} is not supported`, key2 === 'lock' ? 'PostgreSQL cannot lock the rows of a DISTINCT: lock them by key in a second read' : 'page with offset, or with a cursor over the groups in a second read');
    }
  };
  if (distinct === true) {
    refuseWith('distinct');
    const columns = selected ?? [...ctx.columns.keys()];
    const json = columns.filter((k) => ctx.columns.get(k)?.kind === 'json');
    if (json.length > 0) throw invalid(at('distinct'), `JSON columns (${json.join(', ')}) cannot be compared the same way on both engines`, 'select the columns to make distinct with select: { ... }, without JSON columns');
    // PostgreSQL refuses to order DISTINCT rows by a column they leave out (42P10); SQLite would pick an arbitrary row.
    const outside = termsOf(options.orderBy).map((t) => t.key).filter((k) => !columns.includes(k));
    if (outside.length > 0) throw invalid(at('orderBy'), `distinct rows can only be ordered by selected columns, and ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not selected`, `select ${outside.join(', ')} too, or order by a selected column`, 'QUERY_INVALID_ORDER');
    return { kind: 'rows' };
  }
  if (distinctOn === undefined) return undefined;
  const path = at('distinctOn');
  if (!Array.isArray(distinctOn) || distinctOn.length === 0) throw invalid(path, `expected a non-empty list of columns, got ${Array.isArray(distinctOn) ? 'an empty list' : distinctOn === null ? 'null' : typeof distinctOn}`, "write distinctOn: ['connectionId', 'symbol']");
  refuseWith('distinctOn');
  const keys: string[] = [];
  for (let i = 0; i < distinctOn.length; i++) {
    const key: unknown = distinctOn[i];
    const info = typeof key === 'string' ? ctx.columns.get(key) : undefined;
    if (info === undefined) throw new QueryError(`${ctx.table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: `${path}[${i}]`, path: `${path}[${i}]`, hint: `use one of: ${[...ctx.columns.keys()].join(', ')}` });
    if (info.kind === 'json') throw invalid(`${path}[${i}]`, 'JSON columns cannot be compared the same way on both engines', 'use another column');
    if (keys.includes(info.key)) throw invalid(`${path}[${i}]`, `${info.key} is listed twice`, 'list each column once');
    keys.push(info.key);
  }
  const terms = termsOf(options.orderBy);
  const leading = new Set(terms.slice(0, keys.length).map((t) => t.key));
  if (terms.length < keys.length || keys.some((k) => !leading.has(k))) {
    throw invalid(at('orderBy'), `with distinctOn the order must start with the distinctOn columns (${keys.join(', ')})`, `write orderBy: [${keys.map((k) => `{ ${k}: 'asc' }`).join(', ')}, { calculatedAt: 'desc' }]: the first row of each group in the rest of the order is kept`, 'QUERY_INVALID_ORDER');
  }
  // The primary key last: the row kept for a group, and the order of the rows, are then the same on both engines.
  const tail = primaryKey.filter((k) => !terms.some((t) => t.key === k)).map((key) => ({ key, direction: 'asc' as const }));
  return { kind: 'on', keys, terms: [...terms, ...tail] };
}

/**
 * DISTINCT ON for SQLite, which has none: `NOT EXISTS (a row of the same group that matches the filter and comes
 * first)`. The filter is walked again for the other row (under the alias `d__first`), so its values are bound again,
 * in the same order on every pass. "Comes first" is the order's terms lexicographically, NULLs last ascending and
 * first descending, as findMany orders: an index on the group's columns and the order's makes each test one probe.
 */
export function firstOfGroupCondition(driver: AccessorDriver, name: TableName, table: Table, ctx: WhereContext, distinct: Extract<Distinct, { kind: 'on' }>, where: unknown, binder: Binder): SQL | undefined {
  const other = driver.alias(table, 'd__first');
  const otherColumns = getTableColumns(other) as Readonly<Record<string, Column>>;
  const otherCtx: WhereContext = { ...ctx, columns: columnInfo(name, other), relations: relationFilters(driver, name, otherColumns, 'd__first_w') };
  const otherWhere = walkWhere(otherCtx, where, `${ctx.table}.where`, binder).sql;
  binder.shape.push(`distinctOn:${distinct.keys.join(',')}`);
  if (!binder.building) return undefined;
  const mine = (key: string) => ctx.columns.get(key)!.column;
  const theirs = (key: string) => otherColumns[key]!;
  const same = (key: string): SQL => (ctx.columns.get(key)!.nullable ? sql`${theirs(key)} is ${mine(key)}` : sql`${theirs(key)} = ${mine(key)}`);
  const before = (term: OrderTerm): SQL => {
    const [o, t] = [theirs(term.key), mine(term.key)];
    const nullable = ctx.columns.get(term.key)!.nullable;
    if (term.direction === 'asc') return nullable ? or(sql`${o} < ${t}`, and(isNotNull(o), isNull(t)))! : sql`${o} < ${t}`;
    return nullable ? or(sql`${o} > ${t}`, and(isNull(o), isNotNull(t)))! : sql`${o} > ${t}`;
  };
  const rest = distinct.terms.filter((t) => !distinct.keys.includes(t.key));
  const branches = rest.map((term, i) => and(...rest.slice(0, i).map((p) => same(p.key)), before(term))!);
  const db = driver.db as LooseDb;
  const first = db
    .select({ one: sql`1` })
    .from(other)
    .where(and(otherWhere, ...distinct.keys.map(same), or(...branches) ?? sql`false`));
  return notExists(first as unknown as SQL);
}

/** The order of a distinctOn read: the checked order, then the primary key (ascending) where it is not in it. */
export function distinctOrder(ctx: WhereContext, distinct: Extract<Distinct, { kind: 'on' }>, order: readonly SQL[], orderLength: number): SQL[] {
  return [...order, ...distinct.terms.slice(orderLength).map((t) => sql`${ctx.columns.get(t.key)!.column} ${sql.raw(t.direction)}`)];
}

