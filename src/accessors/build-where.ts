import { Param, and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, not, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { MAX_BIND_PARAMETERS } from '../queries/batch-size.js';
import { filterValue, type DecimalFilterEncoder } from './check-value.js';
import type { ColumnInfo } from './column-info.js';
import { QueryError } from './query-error.js';
import { MAX_RELATION_DEPTH } from './relations.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { TEXT_OPERATORS, isTextOperator, type TextMatch } from './text-match.js';

/**
 * How a filter's checked values (already in the driver's form) enter the SQL: as bound parameters of a
 * statement built for this call, or as placeholders of a prepared statement whose values are collected.
 */
export interface Binder {
  bind(value: unknown): unknown;
  /** A key that differs whenever the SQL would: the shape of the filter, not its values. */
  readonly shape: string[];
  /**
   * False: only the shape and the values are wanted (a prepared statement for the shape exists), so no SQL
   * objects are built: the hot path of a repeated lookup.
   */
  readonly building: boolean;
  /** How many filter values were bound so far (MAX_FILTER_VALUES). */
  counted: number;
}

/**
 * Most values one filter may bind, the same on both engines: SQLite's parameter limit (32,766) less room for
 * an update's `set`, so that a list PostgreSQL would take is not refused by SQLite alone.
 */
export const MAX_FILTER_VALUES = MAX_BIND_PARAMETERS.sqlite - 256;

/** Binds values as parameters of the statement being built (already mapped: no column encoder). */
export const directBinder = (): Binder => ({ bind: (value) => new Param(value), shape: [], building: true, counted: 0 });

/**
 * Binds placeholders p0, p1, ... and collects the values in that order (the n-th value is placeholder `pn`), for
 * prepared statements. Probing (not building) only collects: no name is made per value on the hot path.
 */
export function placeholderBinder(building: boolean): Binder & { readonly values: unknown[] } {
  const values: unknown[] = [];
  return {
    values,
    shape: [],
    building,
    counted: 0,
    bind(value) {
      values.push(value);
      return building ? sql.placeholder(`p${values.length - 1}`) : undefined;
    },
  };
}

/** A relation a filter may name: the related table's own context, and how its rows are found. */
export interface RelationFilter {
  /** To-one: `{ relation: { ... } }`; to-many: `{ relation: { some | none | every: { ... } } }`. */
  readonly kind: 'one' | 'many';
  /** How many relation filters enclose this one, itself included (at most MAX_RELATION_DEPTH). */
  readonly depth: number;
  readonly ctx: WhereContext;
  /** `"table" "alias"`, for the EXISTS sub-select. */
  readonly from: SQL;
  /** The related row's `references` column equals this row's `column`. */
  readonly on: SQL;
  /** To-one: the foreign key may be NULL (a row without the relation). */
  readonly optional: boolean;
  /** This table's column of the relation (for the hint on null). */
  readonly column: string;
}

/** The relations of a table that a filter may name (relation-filter.ts). */
export interface RelationFilters {
  get(key: string): RelationFilter | undefined;
  readonly names: readonly string[];
}

/** What a filter is checked against: the table's columns (from schema/) and the dialect's decimal binding. */
export interface WhereContext {
  /** Base table name, the start of every path in an error. */
  readonly table: string;
  readonly columns: ReadonlyMap<string, ColumnInfo>;
  readonly decimal: DecimalFilterEncoder;
  /** The dialect's startsWith / endsWith / contains. */
  readonly text: TextMatch;
  /** Relations, filtered as `{ relation: { ...its columns } }` (to-one) or `{ relation: { some: ... } }` (to-many). */
  readonly relations?: RelationFilters;
}

const OPERATORS = new Set(['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'isNull']);
const MODES = ['default', 'insensitive'];

/** The operators a column takes: the text operators and `mode` on text columns only. */
const operatorsOf = (info: ColumnInfo): string[] => (info.kind === 'text' ? [...OPERATORS, ...TEXT_OPERATORS, 'mode'] : [...OPERATORS]);
const CONNECTIVES = ['AND', 'OR', 'NOT'];

const undefinedValue = (path: string) =>
  new QueryError(`${path} is undefined`, {
    code: 'QUERY_UNDEFINED_VALUE',
    subject: path,
    path,
    hint: 'an undefined filter value would silently match more rows (a missing request field?): check the value first, or pass null for IS NULL',
  });

const invalidFilter = (path: string, message: string, hint: string) => new QueryError(`${path}: ${message}`, { code: 'QUERY_INVALID_FILTER', subject: path, path, hint });

/**
 * Which rows a filter can match whatever the data: every row (`{}`, `AND: []`, `notIn: []`, an `OR` with such a
 * branch, `NOT` of a filter that matches none), none (`OR: []`, `in: []`, `NOT: {}`), or it depends on the rows.
 * A write refuses `all` unless told `all: true`: naming a column somewhere is not enough (`OR: [{}, { id }]`).
 */
export type Matches = 'all' | 'none' | 'some';

const andMatches = (a: Matches, b: Matches): Matches => (a === 'none' || b === 'none' ? 'none' : a === 'all' ? b : b === 'all' ? a : 'some');
const orMatches = (a: Matches, b: Matches): Matches => (a === 'all' || b === 'all' ? 'all' : a === 'none' ? b : b === 'none' ? a : 'some');
const notMatches = (a: Matches): Matches => (a === 'all' ? 'none' : a === 'none' ? 'all' : 'some');

/** Result of walking a filter: the condition (when building) and which rows it can match regardless of data. */
export interface Walked {
  readonly sql: SQL | undefined;
  readonly matches: Matches;
}

/**
 * Checks a typed `Where` against the table and turns it into a condition. Every key must be the object's own
 * and a column or AND/OR/NOT; every operator known; every value of the column's kind; `undefined` anywhere is
 * refused (never an ignored filter). `matches` says whether it matches every row whatever the data, so writes
 * can refuse a filter that constrains nothing. Only a top-level `where` may be absent.
 */
export function walkWhere(ctx: WhereContext, where: unknown, path: string, binder: Binder): Walked {
  if (where === undefined) return { sql: undefined, matches: 'all' };
  if (!isPlainObject(where)) throw invalidFilter(path, `expected an object of column filters, got ${Array.isArray(where) ? 'an array' : typeof where}`, `write { column: value, ... }`);
  const parts: SQL[] = [];
  let matches: Matches = 'all';
  for (const key of ownKeys(where)) {
    const filter = where[key];
    const at = `${path}.${key}`;
    if (filter === undefined) throw undefinedValue(at);
    if (key === 'AND' || key === 'OR') {
      if (!Array.isArray(filter)) throw invalidFilter(at, `expected an array of filters, got ${typeof filter}`, `write ${key}: [{ ... }, { ... }]`);
      binder.shape.push(`${key}(`);
      const branches: SQL[] = [];
      // An empty OR matches nothing, an empty AND everything.
      let combined: Matches = key === 'AND' ? 'all' : 'none';
      // An index loop, not forEach: a hole in the array is undefined here and refused, never skipped.
      for (let i = 0; i < filter.length; i++) {
        const w: unknown = filter[i];
        if (w === undefined) throw undefinedValue(`${at}[${i}]`);
        binder.shape.push(',');
        const inner = walkWhere(ctx, w, `${at}[${i}]`, binder);
        combined = key === 'AND' ? andMatches(combined, inner.matches) : orMatches(combined, inner.matches);
        if (binder.building) branches.push(inner.sql ?? sql`true`);
      }
      matches = andMatches(matches, combined);
      binder.shape.push(')');
      // An empty OR matches nothing, an empty AND everything.
      if (binder.building) parts.push((key === 'AND' ? and(...branches) : or(...branches)) ?? (key === 'OR' ? sql`false` : sql`true`));
      continue;
    }
    if (key === 'NOT') {
      binder.shape.push('NOT(');
      const inner = walkWhere(ctx, filter, at, binder);
      binder.shape.push(')');
      matches = andMatches(matches, notMatches(inner.matches));
      // NOT of a filter that matches everything matches nothing.
      if (binder.building) parts.push(inner.sql === undefined ? sql`false` : not(inner.sql));
      continue;
    }
    const info = ctx.columns.get(key);
    const relation = info === undefined ? ctx.relations?.get(key) : undefined;
    if (relation !== undefined) {
      const walked = relationCondition(relation, key, filter, at, binder);
      matches = andMatches(matches, walked.matches);
      if (walked.sql !== undefined) parts.push(walked.sql);
      continue;
    }
    if (info === undefined) {
      const names = ctx.relations?.names ?? [];
      throw new QueryError(`${ctx.table} has no column ${JSON.stringify(key)}`, {
        code: 'QUERY_UNKNOWN_COLUMN',
        subject: at,
        path: at,
        hint: `use one of: ${[...ctx.columns.keys()].join(', ')} (or ${CONNECTIVES.join(', ')}${names.length === 0 ? '' : `; relations: ${names.join(', ')}`})`,
      });
    }
    const field = fieldCondition(ctx, info, filter, at, binder);
    matches = andMatches(matches, field.matches);
    if (field.sql !== undefined) parts.push(field.sql);
  }
  if (!binder.building) return { sql: undefined, matches };
  return { sql: parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(...parts), matches };
}

/**
 * `{ connection: { exchange: 'bybit' } }`: the rows whose related row passes the related table's filter, as
 * EXISTS over the related table. A row whose foreign key is NULL has no related row, so it never passes (and
 * passes `NOT: { relation: ... }`). `{ relation: {} }` keeps the rows that have one.
 */
function relationCondition(relation: RelationFilter, key: string, filter: unknown, path: string, binder: Binder): Walked {
  if (relation.depth > MAX_RELATION_DEPTH) throw invalidFilter(path, `relation filters nest more than ${MAX_RELATION_DEPTH} levels`, 'filter the deeper relations in a query of their own, and pass their keys with in: [...]');
  if (relation.kind === 'many') return manyCondition(relation, key, filter, path, binder);
  if (filter === null) {
    throw invalidFilter(path, `a relation filter takes a filter of ${relation.ctx.table}, not null`, `to keep the rows without one, filter ${relation.column}: null`);
  }
  if (!isPlainObject(filter)) {
    throw invalidFilter(path, `expected a filter of ${relation.ctx.table}, got ${Array.isArray(filter) ? 'an array' : typeof filter}`, `write ${key}: { column: value, ... }`);
  }
  binder.shape.push(`${key}{`);
  const inner = walkWhere(relation.ctx, filter, path, binder);
  binder.shape.push('}');
  // Every row has its related row when the foreign key is NOT NULL (enforced on both engines).
  const matches: Matches = inner.matches === 'none' ? 'none' : inner.matches === 'all' && !relation.optional ? 'all' : 'some';
  if (!binder.building) return { sql: undefined, matches };
  const where = inner.sql === undefined ? relation.on : and(relation.on, inner.sql);
  return { sql: sql`exists (select 1 from ${relation.from} where ${where})`, matches };
}

const MANY_TESTS = ['some', 'none', 'every'] as const;

/**
 * `{ pseudoPositions: { some: {...}, none: {...}, every: {...} } }` on a to-many relation, ANDed:
 *
 *   some:  EXISTS a related row that passes the filter
 *   none:  NOT EXISTS a related row that passes it
 *   every: NOT EXISTS a related row that does not pass it; a row with no related rows passes, and a related
 *          row whose filter is unknown (a comparison with NULL) does not pass, as in `where` itself
 *
 * `some: {}` keeps the rows that have a related row, `none: {}` those that have none.
 */
function manyCondition(relation: RelationFilter, key: string, filter: unknown, path: string, binder: Binder): Walked {
  const hint = `write ${key}: { some: { column: value } } (or none, every)`;
  if (!isPlainObject(filter)) throw invalidFilter(path, `${key} is a to-many relation of ${relation.ctx.table} rows: expected { some | none | every: filter }, got ${filter === null ? 'null' : Array.isArray(filter) ? 'an array' : typeof filter}`, hint);
  const keys = ownKeys(filter);
  if (keys.length === 0) throw invalidFilter(path, `${key} is a to-many relation: give some, none or every`, hint);
  let matches: Matches = 'all';
  const parts: SQL[] = [];
  for (const test of keys) {
    const at = `${path}.${test}`;
    if (!(MANY_TESTS as readonly string[]).includes(test)) {
      throw invalidFilter(at, `${key} is a to-many relation, which is filtered with some, none or every, not ${JSON.stringify(test)}`, `${hint}; a filter of the columns of ${relation.ctx.table} goes inside`);
    }
    const inner = filter[test];
    if (inner === undefined) throw undefinedValue(at);
    if (!isPlainObject(inner)) throw invalidFilter(at, `expected a filter of ${relation.ctx.table}, got ${inner === null ? 'null' : Array.isArray(inner) ? 'an array' : typeof inner}`, hint);
    binder.shape.push(`${key}.${test}{`);
    const walked = walkWhere(relation.ctx, inner, at, binder);
    binder.shape.push('}');
    const m: Matches =
      test === 'some' ? (walked.matches === 'none' ? 'none' : 'some') : test === 'none' ? (walked.matches === 'none' ? 'all' : 'some') : walked.matches === 'all' ? 'all' : 'some';
    matches = andMatches(matches, m);
    if (!binder.building) continue;
    if (test === 'every') {
      // Every related row passes: always true when the filter passes every row.
      if (walked.sql !== undefined) parts.push(sql`not exists (select 1 from ${relation.from} where ${relation.on} and (${walked.sql}) is not true)`);
      continue;
    }
    const where = walked.sql === undefined ? relation.on : and(relation.on, walked.sql);
    parts.push(test === 'some' ? sql`exists (select 1 from ${relation.from} where ${where})` : sql`not exists (select 1 from ${relation.from} where ${where})`);
  }
  if (!binder.building) return { sql: undefined, matches };
  return { sql: parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(...parts), matches };
}

function fieldCondition(ctx: WhereContext, info: ColumnInfo, filter: unknown, path: string, binder: Binder): Walked {
  const column = info.column;
  const bound = (value: unknown, at: string) => {
    if (++binder.counted > MAX_FILTER_VALUES) {
      throw new QueryError(`${at}: a filter may bind at most ${MAX_FILTER_VALUES} values`, { code: 'QUERY_TOO_MANY_VALUES', subject: at, path: at, hint: `split the list into calls of at most ${MAX_FILTER_VALUES} values` });
    }
    return binder.bind(filterValue(info, value, at, ctx.decimal));
  };
  // On a NOT NULL column a null test is decided without the data: IS NULL matches no row, IS NOT NULL every row.
  const nullTest = (isNullTest: boolean): Matches => (info.nullable ? 'some' : isNullTest ? 'none' : 'all');
  if (filter === null) {
    binder.shape.push(`${info.key}=null`);
    return { sql: binder.building ? isNull(column) : undefined, matches: nullTest(true) };
  }
  if (!isPlainObject(filter)) {
    if (Array.isArray(filter)) throw new QueryError(`${path}: an array is not a value of ${info.key}`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: `to match any of several values write { in: [ ... ] }` });
    jsonRefused(info, path);
    binder.shape.push(`${info.key}=`);
    const value = bound(filter, path);
    return { sql: binder.building ? eq(column, value) : undefined, matches: 'some' };
  }
  const ops = ownKeys(filter);
  if (ops.length === 0) throw invalidFilter(path, 'an empty operator object filters nothing', `give a value or an operator: ${operatorsOf(info).join(', ')}`);
  const insensitive = textMode(info, filter, ops, path);
  const parts: SQL[] = [];
  let matches: Matches = 'all';
  for (const op of ops) {
    const at = `${path}.${op}`;
    const textColumn = info.kind === 'text';
    if (op === 'mode' && textColumn) continue;
    if (isTextOperator(op) && textColumn) {
      const value = filter[op];
      if (value === undefined) throw undefinedValue(at);
      if (value === null) throw new QueryError(`${at} is null`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: `${op} takes a string: to match NULL use isNull` });
      // Checked as a value of the column (a string, no NUL, no lone surrogate), then bound as its pattern.
      const text = filterValue(info, value, at, ctx.decimal) as string;
      if (++binder.counted > MAX_FILTER_VALUES) throw new QueryError(`${at}: a filter may bind at most ${MAX_FILTER_VALUES} values`, { code: 'QUERY_TOO_MANY_VALUES', subject: at, path: at, hint: `split the filter into calls of at most ${MAX_FILTER_VALUES} values` });
      binder.shape.push(`${info.key}.${op}${insensitive ? '.i' : ''}`);
      const pattern = binder.bind(ctx.text.pattern(op, text, insensitive));
      matches = andMatches(matches, 'some');
      if (binder.building) parts.push(ctx.text.condition(column, pattern, insensitive));
      continue;
    }
    if (!OPERATORS.has(op)) {
      const hint = isTextOperator(op) || op === 'mode' ? `${op} applies to text columns; ${info.key} is ${info.kind === 'enum' ? 'an enum' : `a ${info.kind}`} column` : `use one of: ${operatorsOf(info).join(', ')}`;
      throw new QueryError(`${at}: unknown operator ${JSON.stringify(op)}`, { code: 'QUERY_UNKNOWN_OPERATOR', subject: at, path: at, hint });
    }
    const value = filter[op];
    if (value === undefined) throw undefinedValue(at);
    if (op === 'isNull') {
      if (typeof value !== 'boolean') throw new QueryError(`${at}: expected true or false, got ${typeof value}`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: 'isNull: true is IS NULL, isNull: false is IS NOT NULL' });
      binder.shape.push(`${info.key}.isNull${String(value)}`);
      matches = andMatches(matches, nullTest(value));
      if (binder.building) parts.push(value ? isNull(column) : isNotNull(column));
      continue;
    }
    if ((op === 'eq' || op === 'ne') && value === null) {
      binder.shape.push(`${info.key}.${op}null`);
      matches = andMatches(matches, nullTest(op === 'eq'));
      if (binder.building) parts.push(op === 'eq' ? isNull(column) : isNotNull(column));
      continue;
    }
    jsonRefused(info, path);
    if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(value)) throw invalidFilter(at, `expected an array, got ${typeof value}`, `write { ${op}: [ ... ] }`);
      binder.shape.push(`${info.key}.${op}[${value.length}]`);
      // An index loop, not map: a hole in the list is undefined here and refused, never skipped.
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v === undefined) throw undefinedValue(`${at}[${i}]`);
        if (v === null) throw new QueryError(`${at}[${i}] is null`, { code: 'QUERY_INVALID_VALUE', subject: `${at}[${i}]`, path: `${at}[${i}]`, hint: `SQL never matches NULL in a list: add isNull: true in an OR` });
        list.push(bound(v, `${at}[${i}]`));
      }
      matches = andMatches(matches, list.length > 0 ? 'some' : op === 'in' ? 'none' : 'all');
      if (!binder.building) continue;
      // An empty list: `in` matches nothing, `notIn` every row (and `IN ()` is not SQL on PostgreSQL).
      if (op === 'in') parts.push(list.length === 0 ? sql`false` : inArray(column, list));
      else parts.push(list.length === 0 ? sql`true` : notInArray(column, list));
      continue;
    }
    if (value === null) {
      throw new QueryError(`${at} is null`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: `a comparison with NULL matches nothing: use isNull` });
    }
    binder.shape.push(`${info.key}.${op}`);
    const b = bound(value, at);
    matches = andMatches(matches, 'some');
    if (!binder.building) continue;
    const compare = op === 'eq' ? eq : op === 'ne' ? ne : op === 'gt' ? gt : op === 'gte' ? gte : op === 'lt' ? lt : lte;
    parts.push(compare(column, b));
  }
  if (!binder.building) return { sql: undefined, matches };
  return { sql: parts.length === 1 ? parts[0] : and(...parts), matches };
}

/**
 * Whether the text operators of `filter` fold case: its `mode`, checked. `mode` is refused where it would change
 * nothing (no text operator beside it), so a filter never reads as case-insensitive when it is not.
 */
function textMode(info: ColumnInfo, filter: Readonly<Record<string, unknown>>, ops: readonly string[], path: string): boolean {
  if (info.kind !== 'text' || !ops.includes('mode')) return false;
  const at = `${path}.mode`;
  const mode = filter.mode;
  if (mode === undefined) throw undefinedValue(at);
  if (typeof mode !== 'string' || !MODES.includes(mode)) {
    throw new QueryError(`${at}: expected 'default' or 'insensitive', got ${typeof mode === 'string' ? JSON.stringify(mode) : typeof mode}`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: "mode: 'insensitive' folds A-Z; 'default' (or no mode) is case-sensitive" });
  }
  if (!ops.some(isTextOperator)) throw invalidFilter(at, 'mode applies to startsWith, endsWith and contains, and there is none beside it', `add one, e.g. { startsWith: 'btc', mode: 'insensitive' }, or drop mode`);
  return mode === 'insensitive';
}

// jsonb (PostgreSQL) and JSON text (SQLite) compare differently: only null tests mean the same on both.
function jsonRefused(info: ColumnInfo, path: string): void {
  if (info.kind === 'json') {
    throw invalidFilter(path, `JSON column ${info.key} can only be tested for null`, 'use null, { isNull: true } or { isNull: false }; filter JSON contents in application code or through db.app');
  }
}

/**
 * `{ calculatedAt: 'desc' }` or a list of them, checked, as ORDER BY terms. NULLs come last ascending and first
 * descending on both engines (PostgreSQL's default; SQLite's is the opposite, so nullable columns say it).
 */
export function buildOrder(ctx: WhereContext, orderBy: unknown, shape: string[], building = true): SQL[] {
  if (orderBy === undefined) return [];
  const path = `${ctx.table}.orderBy`;
  const list: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy];
  const terms: SQL[] = [];
  // An index loop, not forEach: a hole in the list is undefined here and refused, never skipped.
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemPath = Array.isArray(orderBy) ? `${path}[${i}]` : path;
    if (item === undefined) throw undefinedValue(itemPath);
    if (!isPlainObject(item)) throw new QueryError(`${itemPath}: expected { column: 'asc' | 'desc' }, got ${item === null ? 'null' : typeof item}`, { code: 'QUERY_INVALID_ORDER', subject: itemPath, path: itemPath, hint: `write orderBy: { column: 'asc' } or a list of them` });
    for (const key of ownKeys(item)) {
      const at = `${itemPath}.${key}`;
      const direction = item[key];
      const info = ctx.columns.get(key);
      if (info === undefined) throw new QueryError(`${ctx.table} has no column ${JSON.stringify(key)} to order by`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...ctx.columns.keys()].join(', ')}` });
      if (direction === undefined) throw undefinedValue(at);
      if (direction !== 'asc' && direction !== 'desc') {
        throw new QueryError(`${at}: direction must be 'asc' or 'desc', got ${JSON.stringify(direction)}`, { code: 'QUERY_INVALID_ORDER', subject: at, path: at, hint: `write 'asc' or 'desc' (lower case)` });
      }
      if (info.kind === 'json') throw new QueryError(`${at}: JSON columns cannot be ordered the same way on both engines`, { code: 'QUERY_INVALID_ORDER', subject: at, path: at, hint: 'sort by another column, or in application code' });
      shape.push(`order:${key}:${direction}`);
      if (!building) continue;
      const nulls = info.nullable ? (direction === 'asc' ? sql` nulls last` : sql` nulls first`) : sql``;
      terms.push(direction === 'desc' ? sql`${info.column} desc${nulls}` : sql`${info.column} asc${nulls}`);
    }
  }
  return terms;
}

export interface OrderTerm {
  readonly key: string;
  readonly direction: 'asc' | 'desc';
}

/** `orderBy` (already checked by buildOrder) as its terms in order. */
export function termsOf(orderBy: unknown): OrderTerm[] {
  if (orderBy === undefined) return [];
  const items = (Array.isArray(orderBy) ? orderBy : [orderBy]) as readonly Readonly<Record<string, 'asc' | 'desc'>>[];
  return items.flatMap((item) => ownKeys(item).map((key) => ({ key, direction: item[key]! })));
}
