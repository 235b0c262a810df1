import { entityKind, getTableColumns, type Column, type SQL, type Table } from 'drizzle-orm';
import type { LooseDb, Row, SelectQuery } from './loose-db.js';
import type { NestedRead } from './nested-reads.js';

/**
 * One statement per read, relations included: a to-one relation (`with: { connection: true }`) is a LEFT JOIN
 * of the related table under an alias of its own, its columns listed after the row's. The related row is null
 * when the joined key is null (no row matched, or a null foreign key): the key is the referenced column, a
 * primary or unique key, never null in a row that exists. Both engines and every path (prepared, in a
 * transaction) read the same statement shape and assemble rows with the same code here.
 */
export interface SelectJoin {
  /** The relation's name: the key of the related row in the result. */
  readonly name: string;
  /** The related table under its alias. */
  readonly table: Table;
  /** Its columns under the alias (what the SQL names). */
  readonly columns: Readonly<Record<string, Column>>;
  /**
   * The same columns of the table itself, for reading values: Drizzle's aliased columns are Proxies, and a call
   * through one per value read was a measurable share of a relation read.
   */
  readonly readers: Readonly<Record<string, Column>>;
  /** `alias.references = table.column` */
  readonly on: SQL;
  /** The key in `columns` whose null means "no related row". */
  readonly key: string;
}

/** What one SELECT reads: the table's columns, then each join's. */
export interface SelectShape {
  readonly table: Table;
  readonly columns: Readonly<Record<string, Column>>;
  readonly joins: readonly SelectJoin[];
  /** Some of the table's columns only (`select`): the SQL lists them by position, as with joins. */
  readonly partial?: boolean;
  /** SELECT DISTINCT (`distinct: true`), or PostgreSQL's DISTINCT ON these columns (`distinctOn`). */
  readonly distinct?: 'rows' | readonly Column[];
  /** Relations read as JSON sub-selects (nested-reads.ts), listed after the joins' columns. */
  readonly nested?: readonly NestedRead[];
}

/** The statement's name of a nested read's column (never a column's: those have no double underscore first). */
const nestedColumn = (read: NestedRead) => `__${read.name}`;

export function joinOf(name: string, aliased: Table, original: Table, key: string, on: SQL): SelectJoin {
  return { name, table: aliased, columns: getTableColumns(aliased), readers: getTableColumns(original), on, key };
}

/**
 * The select list for Drizzle when there are joins, keyed by position (`c0`, `c1`, ...): a flat list, so the
 * statement's columns are exactly the row's and then each join's, in order. Undefined without joins
 * (`select()` of the table, the statement every hot lookup has always sent).
 */
export function selectFields(shape: SelectShape): Record<string, Column | SQL.Aliased> | undefined {
  if (shape.joins.length === 0 && shape.partial !== true && (shape.nested === undefined || shape.nested.length === 0)) return undefined;
  const fields: Record<string, Column | SQL.Aliased> = {};
  let i = 0;
  for (const c of Object.values(shape.columns)) fields[`c${i++}`] = c;
  for (const j of shape.joins) for (const c of Object.values(j.columns)) fields[`c${i++}`] = c;
  for (const n of shape.nested ?? []) fields[`c${i++}`] = n.sql!.as(nestedColumn(n));
  return fields;
}

/** The database names of the statement's columns, in order (checked against what the engine reports). */
export function shapeColumnNames(shape: SelectShape): string[] {
  const names = Object.values(shape.columns).map((c) => c.name);
  for (const j of shape.joins) for (const c of Object.values(j.columns)) names.push(c.name);
  for (const n of shape.nested ?? []) names.push(nestedColumn(n));
  return names;
}

/**
 * Turns a driver row read by position (an array, or @libsql/client's row, which is indexed too) into the typed
 * row, each value through its column's own mapping, with each relation's row (or null) under its name.
 *
 * Compiled once per shape into one function whose body is an object literal with the row's keys: every row
 * then gets the same hidden class at once instead of one transition per key, and each column's mapping is a
 * call at a fixed site. Generated from the schema's column keys only (quoted with JSON.stringify), never from
 * data; a loop over the columns built each row key by key, and cost more than the statement on wide rows.
 */
export function positionalMapper(shape: SelectShape): (row: ArrayLike<unknown>) => Row {
  const columns: Column[] = [];
  const decoders: (((value: unknown) => unknown) | undefined)[] = [];
  const literal = (part: Readonly<Record<string, Column>>): string => {
    const fields: string[] = [];
    for (const [key, column] of Object.entries(part)) {
      const i = columns.push(column) - 1;
      const decode = customDecoder(column);
      decoders.push(decode === 'identity' ? undefined : decode);
      // A column without a decoder keeps the driver's value: copied, no call.
      const value = decode === 'identity' ? `row[${i}]` : decode === undefined ? `c[${i}].mapFromDriverValue(row[${i}])` : `d[${i}].call(c[${i}], row[${i}])`;
      fields.push(`${JSON.stringify(key)}: row[${i}] == null ? null : ${value}`);
    }
    return `{ ${fields.join(', ')} }`;
  };
  const lines = [`const typed = ${literal(shape.columns)};`];
  for (const j of shape.joins) {
    // The related row is null when its key is: no row matched, or the foreign key is null.
    const keyAt = columns.length + Object.keys(j.readers).indexOf(j.key);
    lines.push(`typed[${JSON.stringify(j.name)}] = row[${keyAt}] == null ? null : ${literal(j.readers)};`);
  }
  const nested = shape.nested ?? [];
  // A nested read's value decodes itself, null included (a to-one relation without a row).
  for (let k = 0; k < nested.length; k++) lines.push(`typed[${JSON.stringify(nested[k]!.name)}] = n[${k}](row[${columns.length + k}]);`);
  lines.push('return typed;');
  let compile: (c: readonly Column[], d: readonly (((value: unknown) => unknown) | undefined)[], n: readonly ((value: unknown) => unknown)[]) => (row: ArrayLike<unknown>) => Row;
  try {
    compile = new Function('c', 'd', 'n', `return function mapRow(row) {\n${lines.join('\n')}\n};`) as typeof compile;
  } catch {
    // Code generation is off (node --disallow-code-generation-from-strings): the same mapping as a loop.
    return loopMapper(shape);
  }
  return compile(columns, decoders, nested.map((r) => r.decode));
}

const CUSTOM_COLUMNS = new Set(['SQLiteCustomColumn', 'PgCustomColumn']);

/**
 * What Drizzle's `mapFromDriverValue` does for a column of `customType` (every column schema-kit builds): its
 * `fromDriver` (`mapFrom`) called on the column, or the value itself without one. Read once per shape here: per
 * value, the method's `typeof this.mapFrom` test and call were a site shared by every column of every table.
 * Only for a column whose class is Drizzle's custom column itself (its own kind, its own method, not overridden
 * on the column); undefined for any other, which keeps calling its `mapFromDriverValue`.
 * test/accessors/row-mapping.test.ts compares both for every column of every table on both dialects.
 */
export function customDecoder(column: Column): ((value: unknown) => unknown) | 'identity' | undefined {
  const proto: unknown = Object.getPrototypeOf(column);
  if (typeof proto !== 'object' || proto === null) return undefined;
  const kind = proto.constructor as { readonly [entityKind]?: string } | undefined;
  if (kind === undefined || !Object.hasOwn(kind, entityKind) || !CUSTOM_COLUMNS.has(kind[entityKind] ?? '')) return undefined;
  if (!Object.hasOwn(proto, 'mapFromDriverValue') || Object.hasOwn(column, 'mapFromDriverValue')) return undefined;
  const mapFrom = (column as Column & { readonly mapFrom?: unknown }).mapFrom;
  return typeof mapFrom === 'function' ? (mapFrom as (value: unknown) => unknown) : 'identity';
}

/** positionalMapper's mapping without generated code, for processes that forbid it. */
export function loopMapper(shape: SelectShape): (row: ArrayLike<unknown>) => Row {
  const parts = [{ name: undefined as string | undefined, key: undefined as string | undefined, columns: shape.columns }, ...shape.joins.map((j) => ({ name: j.name as string | undefined, key: j.key as string | undefined, columns: j.readers }))];
  const read = (row: ArrayLike<unknown>, columns: Readonly<Record<string, Column>>, from: number): Row => {
    const typed: Row = {};
    let i = from;
    for (const [key, column] of Object.entries(columns)) {
      const value = row[i++];
      typed[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return typed;
  };
  return (row) => {
    let typed: Row = {};
    let at = 0;
    for (const part of parts) {
      if (part.name === undefined) typed = read(row, part.columns, at);
      else {
        const key = row[at + Object.keys(part.columns).indexOf(part.key!)];
        typed[part.name] = key === null || key === undefined ? null : read(row, part.columns, at);
      }
      at += Object.keys(part.columns).length;
    }
    for (const n of shape.nested ?? []) typed[n.name] = n.decode(row[at++]);
    return typed;
  };
}

/** The same for rows Drizzle read and mapped itself, keyed by `selectFields`' names (reads in a transaction). */
export function fieldsMapper(shape: SelectShape): (row: Row) => Row {
  const main = Object.keys(shape.columns);
  const joins = shape.joins.map((j) => ({ name: j.name, keys: Object.keys(j.columns), key: j.key }));
  const nested = shape.nested ?? [];
  return (row) => {
    const typed: Row = {};
    let i = 0;
    for (const k of main) typed[k] = row[`c${i++}`];
    for (const j of joins) {
      const related: Row = {};
      for (const k of j.keys) related[k] = row[`c${i++}`];
      typed[j.name] = related[j.key] === null || related[j.key] === undefined ? null : related;
    }
    for (const n of nested) typed[n.name] = n.decode(row[`c${i++}`]);
    return typed;
  };
}

/** The shape's SELECT on Drizzle's builder: the table's columns (or the flat list with joins), then the joins. */
export function shapeQuery(db: LooseDb, shape: SelectShape, where: SQL | undefined, order: readonly SQL[]): SelectQuery {
  const fields = selectFields(shape);
  const select = shape.distinct === undefined ? db.select(fields) : shape.distinct === 'rows' ? db.selectDistinct(fields) : db.selectDistinctOn(shape.distinct, fields);
  let query = select.from(shape.table);
  for (const j of shape.joins) query = query.leftJoin(j.table, j.on);
  query = query.where(where);
  if (order.length > 0) query = query.orderBy(...order);
  return query;
}
