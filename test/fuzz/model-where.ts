/**
 * The accessors' `where` and `orderBy` as the API promises them (src/accessors/query-types.ts, README "Typed
 * queries"), evaluated in JavaScript with SQL's three-valued logic: a comparison with NULL is unknown, and
 * NOT of unknown is still unknown, so such a row never matches.
 */
import { RELATIONS } from '../../generated/accessors.js';
import type { TableInfo } from './fuzz-schema.js';
import { Refusal, compareCells, operand, type Cell, type Row } from './model-values.js';

/** true, false, or SQL's unknown (null). */
type Truth = boolean | null;
export type RowTest = (row: Row) => Truth;

/**
 * The rows of a table by base name, for relation filters, read when a row is tested (the state of that moment);
 * undefined for a table the fuzz never writes, whose filters it does not generate.
 */
export type RelatedRows = (table: string) => { readonly info: TableInfo; readonly rows: readonly Row[] } | undefined;

interface FuzzRelation {
  readonly kind: 'one' | 'many';
  readonly table: string;
  readonly column: string;
  readonly references: string;
  readonly optional?: boolean;
}

const relationOf = (table: TableInfo, key: string): FuzzRelation | undefined => {
  const all = RELATIONS[table.name] as Readonly<Record<string, FuzzRelation>>;
  return Object.hasOwn(all, key) ? all[key] : undefined;
};

const MANY_TESTS = new Set(['some', 'none', 'every']);

/**
 * A relation filter as the README says: a to-one relation's filter is EXISTS a related row (this row's column
 * equal to its referenced column, never for a NULL key) that passes it; a to-many one's `some` is EXISTS a
 * related row that passes, `none` is NOT EXISTS one, `every` is NOT EXISTS a related row whose filter is not
 * TRUE. EXISTS is true or false, never unknown.
 */
function relationTest(table: TableInfo, key: string, relation: FuzzRelation, filter: unknown, related: RelatedRows | undefined): RowTest {
  const target = related?.(relation.table);
  if (target === undefined) throw new Error(`fuzz harness: a filter of ${table.name}.${key}, whose table the fuzz does not write`);
  const references = target.info.column.get(relation.references)!;
  const rowsOf = (row: Row): Row[] => {
    const key_ = row[relation.column] ?? null;
    return key_ === null ? [] : target.rows.filter((r) => (r[relation.references] ?? null) !== null && compareCells(references, r[relation.references]!, key_) === 0);
  };
  if (!isPlainObject(filter)) throw new Refusal(`${key}: a relation filter takes an object`);
  if (relation.kind === 'one') {
    const inner = compileWhere(target.info, filter, related);
    return (row) => rowsOf(row).some((r) => inner(r) === true);
  }
  const tests = Object.entries(filter);
  if (tests.length === 0) throw new Refusal(`${key}: a to-many filter needs some, none or every`);
  const compiled = tests.map(([test, inner]) => {
    if (!MANY_TESTS.has(test)) throw new Refusal(`${key}: ${test} is not some, none or every`);
    if (inner === undefined) throw new Refusal(`${key}.${test} is undefined`);
    if (!isPlainObject(inner)) throw new Refusal(`${key}.${test} takes a filter`);
    return { test, where: compileWhere(target.info, inner, related) };
  });
  return (row) => {
    const rows = rowsOf(row);
    return compiled.every(({ test, where }) => (test === 'some' ? rows.some((r) => where(r) === true) : test === 'none' ? !rows.some((r) => where(r) === true) : rows.every((r) => where(r) === true)));
  };
}

const OPERATORS = new Set(['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'isNull']);
const TEXT_OPERATORS = new Set(['startsWith', 'endsWith', 'contains']);

/** A-Z to a-z and nothing else: what mode: 'insensitive' promises on both engines. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** startsWith / endsWith / contains by the JavaScript string methods (UTF-16 units agree with code points here). */
function textTest(op: string, text: string, pattern: string, insensitive: boolean): boolean {
  const [t, p] = insensitive ? [foldAscii(text), foldAscii(pattern)] : [text, pattern];
  return op === 'startsWith' ? t.startsWith(p) : op === 'endsWith' ? t.endsWith(p) : t.includes(p);
}

/** A plain object (not a Date, not an array): a filter's operators, or a nested where. */
function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function and(values: readonly Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

function or(values: readonly Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

const not = (value: Truth): Truth => (value === null ? null : !value);

function asList(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Refusal(`${what} takes an array`);
  return value as readonly unknown[];
}

/**
 * A filter value of a column. Beyond what the column can hold (model-values.ts), the API refuses what would
 * mean different things on the two engines or nothing at all: a JSON value (only null tests are the same on
 * jsonb and JSON text), an enum value that is not one of the column's, a decimal that is not plain digits
 * (no spaces or exponent) or has more than 99 integer digits.
 */
function filterOperand(table: TableInfo, key: string, value: unknown): Cell {
  const column = table.column.get(key);
  if (column === undefined) throw new Refusal(`${table.name} has no column ${key}`);
  if (value === null || value === undefined) throw new Refusal(`${key}: a comparison with ${String(value)}`);
  if (column.kind === 'json') throw new Refusal(`${key}: JSON columns can only be tested for null`);
  if (column.kind === 'enum' && !column.values.includes(value as string)) throw new Refusal(`${key}: ${JSON.stringify(value)} is not one of the enum's values`);
  if (column.kind === 'decimal') {
    const plain = /^[+-]?(\d*)(?:\.\d*)?$/.exec(value as string);
    if (plain === null || !/\d/.test(value as string)) throw new Refusal(`${key}: ${JSON.stringify(value)} is not a plain decimal`);
    if ((plain[1] ?? '').replace(/^0+/, '').length > 99) throw new Refusal(`${key}: more than 99 integer digits`);
  }
  return operand(column, value as Cell);
}

function fieldTest(table: TableInfo, key: string, filter: unknown): RowTest {
  const column = table.column.get(key);
  if (column === undefined) throw new Refusal(`${table.name} has no column ${key}`);
  const compare = (value: unknown) => {
    const right = filterOperand(table, key, value);
    return (row: Row, accept: (order: number) => boolean): Truth => {
      const left = row[key] ?? null;
      return left === null ? null : accept(compareCells(column, left, right));
    };
  };
  const isNull = (row: Row): Truth => (row[key] ?? null) === null;
  // A bare null is IS NULL; any other bare value (not a plain object) is equality.
  if (filter === null) return isNull;
  if (!isPlainObject(filter)) {
    if (Array.isArray(filter)) throw new Refusal(`${key}: an array is not a value`);
    const eq = compare(filter);
    return (row) => eq(row, (c) => c === 0);
  }
  // A plain object is operators, all of them known, at least one.
  const ops = Object.entries(filter);
  if (ops.length === 0) throw new Refusal(`${key}: an empty operator object`);
  const tests: RowTest[] = [];
  // Text operators and their mode: on text columns only; a mode needs one of them beside it.
  const textColumn = column.kind === 'text';
  let insensitive = false;
  if ('mode' in filter && textColumn) {
    const mode = filter.mode;
    if (mode !== 'default' && mode !== 'insensitive') throw new Refusal(`${key}.mode ${JSON.stringify(mode)}`);
    if (!ops.some(([op]) => TEXT_OPERATORS.has(op))) throw new Refusal(`${key}.mode without a text operator`);
    insensitive = mode === 'insensitive';
  }
  for (const [op, value] of ops) {
    if (op === 'mode' && textColumn) continue;
    if (TEXT_OPERATORS.has(op) && textColumn) {
      if (value === undefined || value === null) throw new Refusal(`${key}.${op} is ${String(value)}`);
      const pattern = operand(column, value as Cell) as string;
      tests.push((row) => {
        const cell = row[key] ?? null;
        return cell === null ? null : textTest(op, cell as string, pattern, insensitive);
      });
      continue;
    }
    if (!OPERATORS.has(op)) throw new Refusal(`${key}: unknown operator ${op}`);
    if (value === undefined) throw new Refusal(`${key}.${op} is undefined`);
    const nullTest = op === 'isNull' || ((op === 'eq' || op === 'ne') && value === null);
    if (column.kind === 'json' && !nullTest) throw new Refusal(`${key}: JSON columns can only be tested for null`);
    switch (op) {
      case 'eq':
      case 'ne': {
        if (value === null) {
          tests.push(op === 'eq' ? isNull : (row) => not(isNull(row)));
          break;
        }
        const test = compare(value);
        tests.push(op === 'eq' ? (row) => test(row, (c) => c === 0) : (row) => test(row, (c) => c !== 0));
        break;
      }
      case 'in':
      case 'notIn': {
        const members = asList(value, `${key}.${op}`).map((v) => compare(v));
        // x IN () is false for every row; x NOT IN () is true for every row, NULL included (as for an empty
        // subquery in SQL: there is no member it could equal or be unknown against).
        if (members.length === 0) tests.push(() => op === 'notIn');
        else if (op === 'in') tests.push((row) => or(members.map((m) => m(row, (c) => c === 0))));
        else tests.push((row) => and(members.map((m) => m(row, (c) => c !== 0))));
        break;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const test = compare(value);
        const accept = { gt: (c: number) => c > 0, gte: (c: number) => c >= 0, lt: (c: number) => c < 0, lte: (c: number) => c <= 0 }[op];
        tests.push((row) => test(row, accept));
        break;
      }
      case 'isNull':
        if (typeof value !== 'boolean') throw new Refusal(`${key}.isNull takes true or false`);
        tests.push(value ? isNull : (row) => not(isNull(row)));
        break;
    }
  }
  return (row) => and(tests.map((t) => t(row)));
}

/**
 * Compiles a `where` (every value checked up front, as binding does, so a refused value refuses the call even
 * when no row is there). Keys are ANDed; `AND: []` is true, `OR: []` false, `NOT: w` is the negation of `w`
 * (where an empty `w` is true, so `NOT: {}`, or NOT of a condition that matches every row, matches none).
 */
export function compileWhere(table: TableInfo, where: unknown, related?: RelatedRows): RowTest {
  if (where === undefined) return () => true;
  if (!isPlainObject(where)) throw new Refusal('where must be an object');
  const tests: RowTest[] = [];
  for (const [key, filter] of Object.entries(where)) {
    if (filter === undefined) throw new Refusal(`where.${key} is undefined`);
    const relation = table.column.has(key) ? undefined : relationOf(table, key);
    if (key === 'AND' || key === 'OR') {
      const branches = asList(filter, key).map((w) => compileWhere(table, w, related));
      tests.push(key === 'AND' ? (row) => and(branches.map((b) => b(row))) : (row) => or(branches.map((b) => b(row))));
    } else if (key === 'NOT') {
      const inner = compileWhere(table, filter, related);
      tests.push((row) => not(inner(row)));
    } else if (relation !== undefined) tests.push(relationTest(table, key, relation, filter, related));
    else tests.push(fieldTest(table, key, filter));
  }
  return (row) => and(tests.map((t) => t(row)));
}

/**
 * Whether a where is TRUE for every possible row, in Kleene's three-valued logic where each leaf that depends on
 * the row is unknown: a write must not be such a filter (or say `all: true`). Leaves decided without data:
 * `in: []` (false), `notIn: []` (true), null tests on a NOT NULL column.
 */
type Known = 'T' | 'F' | 'U';
const kAnd = (xs: readonly Known[]): Known => (xs.includes('F') ? 'F' : xs.every((x) => x === 'T') ? 'T' : 'U');
const kOr = (xs: readonly Known[]): Known => (xs.includes('T') ? 'T' : xs.every((x) => x === 'F') ? 'F' : 'U');
const kNot = (x: Known): Known => (x === 'T' ? 'F' : x === 'F' ? 'T' : 'U');

function knownOf(table: TableInfo, where: unknown, tables?: RelatedRows): Known {
  if (!isPlainObject(where)) return 'U';
  return kAnd(
    Object.entries(where).map(([key, filter]): Known => {
      if (key === 'AND') return kAnd((filter as unknown[]).map((w) => knownOf(table, w, tables)));
      if (key === 'OR') return kOr((filter as unknown[]).map((w) => knownOf(table, w, tables)));
      if (key === 'NOT') return kNot(knownOf(table, filter, tables));
      const relation = table.column.has(key) ? undefined : relationOf(table, key);
      if (relation !== undefined) return relationKnown(relation, filter, tables);
      const nullable = table.column.get(key)?.nullable ?? true;
      const nullTest = (isNull: boolean): Known => (nullable ? 'U' : isNull ? 'F' : 'T');
      if (filter === null) return nullTest(true);
      if (!isPlainObject(filter)) return 'U';
      return kAnd(
        Object.entries(filter).map(([op, value]): Known => {
          if (op === 'isNull') return nullTest(value === true);
          if ((op === 'eq' || op === 'ne') && value === null) return nullTest(op === 'eq');
          if ((op === 'in' || op === 'notIn') && Array.isArray(value) && value.length === 0) return op === 'in' ? 'F' : 'T';
          return 'U';
        }),
      );
    }),
  );
}

/**
 * A relation filter decided without data: a to-one filter of a NOT NULL key that is TRUE for every related row
 * is TRUE (every row has its related row), one that is FALSE is FALSE; `some` of a FALSE filter is FALSE,
 * `none` of one TRUE, `every` of a TRUE filter TRUE.
 */
function relationKnown(relation: FuzzRelation, filter: unknown, tables: RelatedRows | undefined): Known {
  const target = tables?.(relation.table);
  if (target === undefined || !isPlainObject(filter)) return 'U';
  if (relation.kind === 'one') {
    const inner = knownOf(target.info, filter, tables);
    return inner === 'F' ? 'F' : inner === 'T' && relation.optional === false ? 'T' : 'U';
  }
  return kAnd(
    Object.entries(filter).map(([test, inner]): Known => {
      const k = knownOf(target.info, inner, tables);
      return test === 'some' ? (k === 'F' ? 'F' : 'U') : test === 'none' ? (k === 'F' ? 'T' : 'U') : k === 'T' ? 'T' : 'U';
    }),
  );
}

export const matchesEveryRow = (table: TableInfo, where: unknown, tables?: RelatedRows): boolean => where === undefined || knownOf(table, where, tables) === 'T';

export interface OrderTerm {
  readonly key: string;
  readonly direction: 'asc' | 'desc';
}

/** `{ a: 'asc' }` or a list of them, flattened in order. */
export function orderTerms(table: TableInfo, orderBy: unknown): OrderTerm[] {
  if (orderBy === undefined) return [];
  const items = (Array.isArray(orderBy) ? orderBy : [orderBy]) as readonly Readonly<Record<string, 'asc' | 'desc'>>[];
  return items.flatMap((item) =>
    Object.entries(item).map(([key, direction]) => {
      const column = table.column.get(key);
      if (column === undefined) throw new Refusal(`${table.name} has no column ${key} to order by`);
      // jsonb and JSON text order differently: the API refuses rather than answer differently.
      if (column.kind === 'json') throw new Refusal(`${key}: JSON columns cannot be ordered`);
      return { key, direction };
    }),
  );
}

/**
 * PostgreSQL's default ORDER BY: NULLS LAST ascending, NULLS FIRST descending (NULL sorts as larger than any
 * value). 0 for rows the terms do not tell apart.
 */
export function compareRows(table: TableInfo, terms: readonly OrderTerm[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { key, direction } of terms) {
      const column = table.column.get(key);
      if (column === undefined) continue;
      const [x, y] = [a[key] ?? null, b[key] ?? null];
      const ascending = x === null && y === null ? 0 : x === null ? 1 : y === null ? -1 : compareCells(column, x, y);
      if (ascending !== 0) return direction === 'asc' ? ascending : -ascending;
    }
    return 0;
  };
}

/** A stable sort: ties keep the model's insertion order (callers rely on the order only where it is total). */
export function sortRows(table: TableInfo, rows: readonly Row[], terms: readonly OrderTerm[]): Row[] {
  return [...rows].sort(compareRows(table, terms));
}

/** Whether the terms fix the order of any rows completely: a unique column (the primary key) is among them. */
export function orderIsTotal(table: TableInfo, terms: readonly OrderTerm[]): boolean {
  return table.uniqueKeys.some((key) => key.length === 1 && terms.some((t) => t.key === key[0] && table.column.get(t.key)?.nullable === false));
}

/**
 * `cursor: { after: row }`: the rows strictly after `row` under the terms, which must include a unique key of NOT
 * NULL columns (else two rows could tie with the cursor). The cursor's cells are filter values of their columns:
 * each orderBy column present, null only where the column is nullable.
 */
export function afterCursor(table: TableInfo, terms: readonly OrderTerm[], cursor: unknown): (row: Row) => boolean {
  if (!isPlainObject(cursor)) throw new Refusal('cursor must be { after: row }');
  if (Object.keys(cursor).some((k) => k !== 'after')) throw new Refusal('cursor takes only after');
  const after = cursor.after;
  if (!isPlainObject(after)) throw new Refusal('cursor.after must be a row');
  const keys = new Set(terms.map((t) => t.key));
  if (!table.uniqueKeys.some((k) => k.every((c) => keys.has(c) && table.column.get(c)?.nullable === false))) throw new Refusal('a cursor needs a tie-free order');
  const at: Record<string, Cell> = {};
  for (const { key } of terms) {
    const value = after[key];
    if (value === undefined) throw new Refusal(`cursor.after.${key} is undefined`);
    if (value === null) {
      if (table.column.get(key)?.nullable !== true) throw new Refusal(`cursor.after.${key} is null on a NOT NULL column`);
      at[key] = null;
    } else at[key] = filterOperand(table, key, value);
  }
  const cmp = compareRows(table, terms);
  return (row) => cmp(row, at) > 0;
}
