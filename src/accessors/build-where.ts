import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, not, notInArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { QueryError } from './query-error.js';

/**
 * How a filter's values enter the SQL: as bound values (mapped by their column, for a query run once), or as
 * placeholders of a prepared statement, whose values the caller maps and passes at execution.
 */
export interface Binder {
  bind(column: Column, value: unknown): unknown;
  /** A key that differs whenever the SQL would: the shape of the filter, not its values. */
  readonly shape: string[];
  /**
   * False: only the shape and the values are wanted (a prepared statement for the shape exists), so no SQL
   * objects are built: the hot path of a repeated lookup.
   */
  readonly building: boolean;
}

/** Binds values directly (Drizzle maps each by its column). */
export const directBinder = (): Binder => ({ bind: (_column, value) => value, shape: [], building: true });

/** Binds placeholders p0, p1, ... and collects the values mapped to the driver's form, for prepared statements. */
export function placeholderBinder(building: boolean): Binder & { readonly values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  let next = 0;
  return {
    values,
    shape: [],
    building,
    bind(column, value) {
      const name = `p${next++}`;
      values[name] = value === null ? null : column.mapToDriverValue(value);
      return building ? sql.placeholder(name) : undefined;
    },
  };
}

const OPERATORS = new Set(['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'isNull']);

// A plain object whose keys are all operators is an operator object; anything else (a string, number, Date,
// null, or a JSON value with other keys) is a value compared for equality.
function isOperators(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => OPERATORS.has(k));
}

function fieldCondition(column: Column, key: string, filter: unknown, binder: Binder, table: string): SQL[] {
  if (!isOperators(filter)) {
    binder.shape.push(`${key}=${filter === null ? 'null' : ''}`);
    if (filter === null) return binder.building ? [isNull(column)] : [];
    const bound = binder.bind(column, filter);
    return binder.building ? [eq(column, bound)] : [];
  }
  const parts: SQL[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const list = (): unknown[] => {
      if (!Array.isArray(value)) throw new QueryError(`${table}.${key}: "${op}" takes an array, got ${typeof value}`, { code: 'QUERY_INVALID_FILTER', subject: `${table}.${key}`, hint: `write { ${op}: [ ... ] }` });
      return value.map((v) => binder.bind(column, v));
    };
    binder.shape.push(`${key}.${op}${op === 'in' || op === 'notIn' ? `[${Array.isArray(value) ? value.length : '?'}]` : op === 'isNull' ? String(value) : op === 'eq' || op === 'ne' ? (value === null ? 'null' : '') : ''}`);
    if (!binder.building) {
      // Record the values in the same order as when building.
      if (op === 'in' || op === 'notIn') list();
      else if (op !== 'isNull' && value !== null) binder.bind(column, value);
      continue;
    }
    switch (op) {
      case 'eq':
        parts.push(value === null ? isNull(column) : eq(column, binder.bind(column, value)));
        break;
      case 'ne':
        parts.push(value === null ? isNotNull(column) : ne(column, binder.bind(column, value)));
        break;
      case 'in': {
        const values = list();
        // An empty list matches nothing (and `IN ()` is not SQL on PostgreSQL).
        parts.push(values.length === 0 ? sql`false` : inArray(column, values));
        break;
      }
      case 'notIn': {
        const values = list();
        if (values.length > 0) parts.push(notInArray(column, values));
        break;
      }
      case 'gt':
        parts.push(gt(column, binder.bind(column, value)));
        break;
      case 'gte':
        parts.push(gte(column, binder.bind(column, value)));
        break;
      case 'lt':
        parts.push(lt(column, binder.bind(column, value)));
        break;
      case 'lte':
        parts.push(lte(column, binder.bind(column, value)));
        break;
      case 'isNull':
        parts.push(value === true ? isNull(column) : isNotNull(column));
        break;
    }
  }
  return parts;
}

/**
 * A typed `Where` as a Drizzle condition over a table's columns (by key). Unknown columns are an error naming
 * the table and the key (the types prevent them in TypeScript; plain JavaScript gets this).
 */
export function buildWhere(columns: Readonly<Record<string, Column>>, where: Readonly<Record<string, unknown>> | undefined, binder: Binder, table: string): SQL | undefined {
  if (where === undefined) return undefined;
  const parts: SQL[] = [];
  for (const [key, filter] of Object.entries(where)) {
    if (filter === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      binder.shape.push(`${key}(`);
      const branches = (filter as readonly Record<string, unknown>[]).map((w) => {
        binder.shape.push(',');
        return buildWhere(columns, w, binder, table) ?? sql`true`;
      });
      binder.shape.push(')');
      const combined = key === 'AND' ? and(...branches) : or(...branches);
      // An empty OR matches nothing, an empty AND everything.
      parts.push(combined ?? (key === 'OR' ? sql`false` : sql`true`));
      continue;
    }
    if (key === 'NOT') {
      binder.shape.push('NOT(');
      const inner = buildWhere(columns, filter as Record<string, unknown>, binder, table);
      binder.shape.push(')');
      if (inner !== undefined) parts.push(not(inner));
      continue;
    }
    const column = columns[key];
    if (column === undefined) {
      throw new QueryError(`${table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: `${table}.${key}`, hint: `use one of: ${Object.keys(columns).join(', ')}` });
    }
    parts.push(...fieldCondition(column, key, filter, binder, table));
  }
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(...parts);
}

/** `{ calculatedAt: 'desc' }` or a list of them, as ORDER BY terms. */
export function buildOrder(columns: Readonly<Record<string, Column>>, orderBy: unknown, shape: string[], table: string, building = true): SQL[] {
  if (orderBy === undefined) return [];
  const list = (Array.isArray(orderBy) ? orderBy : [orderBy]) as Record<string, 'asc' | 'desc'>[];
  const terms: SQL[] = [];
  for (const item of list) {
    for (const [key, direction] of Object.entries(item)) {
      const column = columns[key];
      if (column === undefined) throw new QueryError(`${table} has no column ${JSON.stringify(key)} to order by`, { code: 'QUERY_UNKNOWN_COLUMN', subject: `${table}.${key}`, hint: `use one of: ${Object.keys(columns).join(', ')}` });
      shape.push(`order:${key}:${direction}`);
      if (building) terms.push(direction === 'desc' ? desc(column) : asc(column));
    }
  }
  return terms;
}
