import type { Column, SQL } from 'drizzle-orm';
import { AGGREGATES, aggregateQuery, invalidAggregate, ORDERED, SUMMABLE, type AggregateName, type AggregateQuery } from './aggregate.js';
import { decimalScale, decimalUnits } from './decimal-units.js';
import type { ColumnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';

/**
 * `groupBy({ by, where, _count, _sum, _avg, _min, _max, having, orderBy, limit, offset })`. The engine groups and
 * aggregates (one statement); `having`, the order and the page are applied here, to the exact values `aggregate`
 * computes, so both engines filter and sort the same numbers the same way: decimals exactly, text by code point
 * (SQLite's byte order; PostgreSQL's would depend on the database's collation), nulls last ascending and first
 * descending, as findMany orders. Groups that tie on `orderBy` are ordered by the `by` columns ascending, so a
 * page is the same on both engines.
 */
export interface GroupByQuery {
  readonly fields: Record<string, SQL | Column>;
  /** Per-row values the aggregates read from a derived table (SQLite's decimal sums): aggregate.ts. */
  readonly derived: Readonly<Record<string, SQL>>;
  readonly groupBy: readonly Column[];
  finish(rows: readonly Readonly<Record<string, unknown>>[], limit: number | undefined, offset: number | undefined): Record<string, unknown>[];
}

type ValueKind = 'number' | 'decimal' | 'text' | 'date' | 'boolean';

/** How values of a column (or of an aggregate over it) compare. */
function kindOf(info: ColumnInfo): ValueKind {
  switch (info.kind) {
    case 'integer':
    case 'bigint':
      return 'number';
    case 'decimal':
      return 'decimal';
    case 'timestamp':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

/** Exact order of two plain decimals (any scales). */
function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimalScale(a) ?? 0, decimalScale(b) ?? 0);
  const x = decimalUnits(a, scale)!;
  const y = decimalUnits(b, scale)!;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code point order: UTF-8 byte order, as SQLite compares text (JavaScript's `<` compares UTF-16 units). */
function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

function compareValues(kind: ValueKind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'decimal':
      return compareDecimals(a as string, b as string);
    case 'date':
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 'boolean':
      return a === b ? 0 : a === false ? -1 : 1;
    default:
      return compareText(a as string, b as string);
  }
}

/** A value of an aggregate, read from the assembled group. */
interface Measure {
  readonly read: (group: Readonly<Record<string, unknown>>) => unknown;
  readonly kind: ValueKind;
  readonly path: string;
}

const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull'] as const;

/** The value type an aggregate over `info` has, for checking filter values. */
function checkFilterValue(kind: ValueKind, value: unknown, at: string): void {
  const ok =
    kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : kind === 'decimal' ? typeof value === 'string' && decimalScale(value) !== undefined
    : kind === 'date' ? value instanceof Date && !Number.isNaN(value.getTime())
    : kind === 'boolean' ? typeof value === 'boolean'
    : typeof value === 'string';
  if (ok) return;
  if (value === undefined) throw new QueryError(`${at} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: at, path: at, hint: 'give the value to compare with, or leave the operator out' });
  const expected = { number: 'a number', decimal: 'a plain decimal string such as "0.5"', date: 'a valid Date', boolean: 'true or false', text: 'a string' }[kind];
  throw new QueryError(`${at}: expected ${expected}, got ${value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : typeof value}`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: `compare with ${expected}; isNull: true matches groups without a value` });
}

/** One aggregate's filter as a test on its value: SQL's semantics, so a null value passes only isNull: true. */
function filterTest(measure: Measure, filter: unknown): (group: Readonly<Record<string, unknown>>) => boolean {
  const { path, kind } = measure;
  if (!isPlainObject(filter)) throw new QueryError(`${path}: expected operators such as { gt: ... }, got ${filter === null ? 'null' : typeof filter}`, { code: 'QUERY_INVALID_FILTER', subject: path, path, hint: `write { gte: ${kind === 'decimal' ? "'100'" : '2'} }` });
  const tests: ((value: unknown) => boolean)[] = [];
  for (const op of ownKeys(filter)) {
    const at = `${path}.${op}`;
    if (!(FILTER_OPERATORS as readonly string[]).includes(op)) throw new QueryError(`${at}: unknown operator`, { code: 'QUERY_UNKNOWN_OPERATOR', subject: at, path: at, hint: `use one of: ${FILTER_OPERATORS.join(', ')}` });
    const operand = filter[op];
    if (op === 'isNull') {
      if (typeof operand !== 'boolean') throw new QueryError(`${at}: expected true or false, got ${operand === undefined ? 'undefined' : typeof operand}`, { code: operand === undefined ? 'QUERY_UNDEFINED_VALUE' : 'QUERY_INVALID_VALUE', subject: at, path: at, hint: 'isNull: true for groups without a value, false for groups with one' });
      tests.push((v) => (v === null) === operand);
      continue;
    }
    if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(operand)) throw new QueryError(`${at}: expected an array, got ${operand === undefined ? 'undefined' : typeof operand}`, { code: operand === undefined ? 'QUERY_UNDEFINED_VALUE' : 'QUERY_INVALID_VALUE', subject: at, path: at, hint: `${op}: [value, ...]` });
      for (let i = 0; i < operand.length; i++) checkFilterValue(kind, operand[i], `${at}[${i}]`);
      const list = [...(operand as unknown[])];
      const found = (v: unknown) => list.some((x) => compareValues(kind, v, x) === 0);
      tests.push(op === 'in' ? (v) => v !== null && found(v) : (v) => v !== null && !found(v));
      continue;
    }
    checkFilterValue(kind, operand, at);
    const test = { eq: (c: number) => c === 0, ne: (c: number) => c !== 0, gt: (c: number) => c > 0, gte: (c: number) => c >= 0, lt: (c: number) => c < 0, lte: (c: number) => c <= 0 }[op as 'eq'];
    tests.push((v) => v !== null && test(compareValues(kind, v, operand)));
  }
  return (group) => {
    const value = measure.read(group) ?? null;
    return tests.every((t) => t(value));
  };
}

/**
 * The aggregates `having` and `orderBy` name, as a second aggregate query on the same row (the caller's own
 * `_count`, `_sum`, ... stay exactly what was asked for), and how to read each from its assembled result.
 */
function referenced(infos: ReadonlyMap<string, ColumnInfo>) {
  const wanted: Partial<Record<AggregateName, true | Record<string, true>>> = {};
  const measures: { name: AggregateName; column: string | undefined; path: string; bind: (m: Measure) => void }[] = [];
  return {
    want(name: AggregateName, column: string | undefined, path: string, bind: (m: Measure) => void) {
      if (column === undefined) wanted._count = true;
      else {
        const current = wanted[name];
        wanted[name] = { ...(current === true || current === undefined ? {} : current), [column]: true };
      }
      measures.push({ name, column, path, bind });
    },
    options: () => wanted,
    bindAll(read: (group: Readonly<Record<string, unknown>>) => Record<string, unknown>) {
      for (const m of measures) {
        const info = m.column === undefined ? undefined : infos.get(m.column)!;
        const kind: ValueKind = m.name === '_count' ? 'number' : m.name === '_avg' ? 'decimal' : kindOf(info!);
        m.bind({
          kind,
          path: m.path,
          read: (group) => {
            const values = read(group)[m.name];
            return m.column === undefined ? values : (values as Record<string, unknown>)[m.column];
          },
        });
      }
    },
  };
}

export function groupByQuery(table: string, infos: ReadonlyMap<string, ColumnInfo>, options: Readonly<Record<string, unknown>>, path: string, dialect: 'postgresql' | 'sqlite'): GroupByQuery {
  // by: the grouping columns, each once; JSON has no equality on PostgreSQL.
  const byPath = `${path}.by`;
  const by = options.by;
  if (!Array.isArray(by) || by.length === 0) throw invalidAggregate(byPath, `expected a non-empty list of columns, got ${by === undefined ? 'undefined' : Array.isArray(by) ? 'an empty list' : typeof by}`, "write by: ['connectionId'] or by: ['connectionId', 'symbol']");
  const byKeys: string[] = [];
  for (let i = 0; i < by.length; i++) {
    const key: unknown = by[i];
    const at = `${byPath}[${i}]`;
    const info = typeof key === 'string' ? infos.get(key) : undefined;
    if (info === undefined) throw new QueryError(`${table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...infos.keys()].join(', ')}` });
    if (info.kind === 'json') throw invalidAggregate(at, 'JSON columns cannot be grouped by the same way on both engines', 'group by another column');
    if (byKeys.includes(info.key)) throw invalidAggregate(at, `${info.key} is listed twice`, 'list each column once');
    byKeys.push(info.key);
  }

  const own = aggregateQuery(table, infos, options, path, dialect, { keyPrefix: 'a' });
  const refs = referenced(infos);
  const filters: ((group: Readonly<Record<string, unknown>>) => boolean)[] = [];
  const order: { compare: (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number }[] = [];

  /** A sort key over a value that may be null (nulls last ascending, first descending), in the order given. */
  const comparator = (read: (g: Readonly<Record<string, unknown>>) => unknown, kind: ValueKind, direction: 'asc' | 'desc') => {
    const sign = direction === 'asc' ? 1 : -1;
    return (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => {
      const x = read(a) ?? null;
      const y = read(b) ?? null;
      if (x === null || y === null) return x === y ? 0 : x === null ? sign : -sign;
      return sign * compareValues(kind, x, y);
    };
  };
  /** A slot in the order now; an aggregate's comparator is filled in once its value can be read. */
  const slot = () => {
    const entry = { compare: (_a: Readonly<Record<string, unknown>>, _b: Readonly<Record<string, unknown>>) => 0 };
    order.push(entry);
    return entry;
  };
  const direction = (value: unknown, at: string): 'asc' | 'desc' => {
    if (value === 'asc' || value === 'desc') return value;
    if (value === undefined) throw new QueryError(`${at} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: at, path: at, hint: "write 'asc' or 'desc'" });
    throw new QueryError(`${at}: direction must be 'asc' or 'desc', got ${JSON.stringify(value)}`, { code: 'QUERY_INVALID_ORDER', subject: at, path: at, hint: "write 'asc' or 'desc' (lower case)" });
  };
  /** An aggregate named by having or orderBy: `_count` alone, or `_sum: { column }` over a column it applies to. */
  const measureColumn = (name: AggregateName, column: string, at: string) => {
    const info = infos.get(column);
    if (info === undefined) throw new QueryError(`${table} has no column ${JSON.stringify(column)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...infos.keys()].join(', ')}` });
    const kinds = name === '_sum' || name === '_avg' ? SUMMABLE : name === '_count' ? undefined : ORDERED;
    if (kinds !== undefined && !kinds.has(info.kind)) throw invalidAggregate(at, `${name.slice(1)} of a ${info.kind} column is not defined`, `use a column of kind ${[...kinds].join(', ')}`);
  };

  const having = options.having;
  if (having !== undefined) {
    const at = `${path}.having`;
    if (!isPlainObject(having)) throw new QueryError(`${at}: expected { _count: {...}, _sum: { column: {...} }, ... }, got ${having === null ? 'null' : typeof having}`, { code: 'QUERY_INVALID_FILTER', subject: at, path: at, hint: "write having: { _sum: { realizedPnl: { gt: '0' } } }" });
    for (const name of ownKeys(having)) {
      const nameAt = `${at}.${name}`;
      if (!(AGGREGATES as readonly string[]).includes(name)) throw new QueryError(`${nameAt}: unknown aggregate`, { code: 'QUERY_UNKNOWN_OPTION', subject: nameAt, path: nameAt, hint: `use one of: ${AGGREGATES.join(', ')}` });
      const aggregate = name as AggregateName;
      const value = having[name];
      if (aggregate === '_count') {
        refs.want('_count', undefined, nameAt, (m) => filters.push(filterTest(m, value)));
        continue;
      }
      if (!isPlainObject(value)) throw new QueryError(`${nameAt}: expected { column: { operator: value } }, got ${value === null ? 'null' : typeof value}`, { code: 'QUERY_INVALID_FILTER', subject: nameAt, path: nameAt, hint: `write ${name}: { column: { gt: ... } }` });
      for (const column of ownKeys(value)) {
        const columnAt = `${nameAt}.${column}`;
        measureColumn(aggregate, column, columnAt);
        refs.want(aggregate, column, columnAt, (m) => filters.push(filterTest(m, value[column])));
      }
    }
  }

  const orderBy = options.orderBy;
  if (orderBy !== undefined) {
    const list: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const at = Array.isArray(orderBy) ? `${path}.orderBy[${i}]` : `${path}.orderBy`;
      if (!isPlainObject(item)) throw new QueryError(`${at}: expected { column: 'asc' | 'desc' } or { _sum: { column: 'desc' } }, got ${item === undefined ? 'undefined' : item === null ? 'null' : typeof item}`, { code: item === undefined ? 'QUERY_UNDEFINED_VALUE' : 'QUERY_INVALID_ORDER', subject: at, path: at, hint: "write orderBy: [{ _sum: { realizedPnl: 'desc' } }, { symbol: 'asc' }]" });
      for (const key of ownKeys(item)) {
        const keyAt = `${at}.${key}`;
        const value = item[key];
        if ((AGGREGATES as readonly string[]).includes(key)) {
          const aggregate = key as AggregateName;
          if (aggregate === '_count') {
            const d = direction(value, keyAt);
            const entry = slot();
            refs.want('_count', undefined, keyAt, (m) => (entry.compare = comparator(m.read, m.kind, d)));
            continue;
          }
          if (!isPlainObject(value)) throw new QueryError(`${keyAt}: expected { column: 'asc' | 'desc' }, got ${value === null ? 'null' : typeof value}`, { code: 'QUERY_INVALID_ORDER', subject: keyAt, path: keyAt, hint: `write ${key}: { column: 'desc' }` });
          for (const column of ownKeys(value)) {
            const columnAt = `${keyAt}.${column}`;
            measureColumn(aggregate, column, columnAt);
            const d = direction(value[column], columnAt);
            const entry = slot();
            refs.want(aggregate, column, columnAt, (m) => (entry.compare = comparator(m.read, m.kind, d)));
          }
          continue;
        }
        if (!byKeys.includes(key)) {
          throw new QueryError(`${keyAt}: ${infos.has(key) ? `${key} is not one of the by columns` : `${table} has no column ${JSON.stringify(key)}`}`, {
            code: infos.has(key) ? 'QUERY_INVALID_ORDER' : 'QUERY_UNKNOWN_COLUMN',
            subject: keyAt,
            path: keyAt,
            hint: `order by one of the by columns (${byKeys.join(', ')}) or by an aggregate`,
          });
        }
        slot().compare = comparator((g) => g[key], kindOf(infos.get(key)!), direction(value, keyAt));
      }
    }
  }
  // The tie-break: the by columns ascending, so equal groups come in one order on both engines.
  for (const key of byKeys) slot().compare = comparator((g) => g[key], kindOf(infos.get(key)!), 'asc');

  const hidden: AggregateQuery | undefined = Object.keys(refs.options()).length === 0 ? undefined : aggregateQuery(table, infos, refs.options(), path, dialect, { keyPrefix: 'h' });
  const fields: Record<string, SQL | Column> = {};
  byKeys.forEach((key, i) => (fields[`g${i}`] = infos.get(key)!.column));
  Object.assign(fields, own.fields, hidden?.fields);
  const hiddenOf = new WeakMap<object, Record<string, unknown>>();
  if (hidden !== undefined) refs.bindAll((group) => hiddenOf.get(group)!);

  return {
    fields,
    derived: { ...own.derived, ...hidden?.derived },
    groupBy: byKeys.map((key) => infos.get(key)!.column),
    finish(rows, limit, offset) {
      let groups = rows.map((row) => {
        const group: Record<string, unknown> = {};
        byKeys.forEach((key, i) => (group[key] = row[`g${i}`] ?? null));
        Object.assign(group, own.assemble(row));
        if (hidden !== undefined) hiddenOf.set(group, hidden.assemble(row));
        return group;
      });
      groups = groups.filter((g) => filters.every((f) => f(g)));
      groups.sort((a, b) => {
        for (const o of order) {
          const c = o.compare(a, b);
          if (c !== 0) return c;
        }
        return 0;
      });
      const start = offset ?? 0;
      return groups.slice(start, limit === undefined ? undefined : start + limit);
    },
  };
}
