import { and, count, eq, getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import { UNIQUE_KEYS } from '../../generated/accessors.js';
import { TABLE_KEYS, type InsertRow, type SelectRow, type TableName } from '../../generated/tables.js';
import type { AccessorDriver, PreparedSelect, RowLock } from './accessor-driver.js';
import { MAX_FILTER_VALUES, buildOrder, directBinder, placeholderBinder, walkWhere, type Binder, type WhereContext } from './build-where.js';
import { fieldsMapper, joinOf, positionalMapper, selectFields, shapeQuery, type SelectJoin, type SelectShape } from './select-shape.js';
import { checkCount, checkOptions, checkSet, checkValues } from './check-input.js';
import { columnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { checkSelection } from './selection.js';
import { accessorFailureContext, withAccessorFailures } from './accessor-failures.js';
import { rejectQueryFailure } from './failure-boundary.js';
import { cursorCondition } from './keyset-cursor.js';
import { checkDistinct, distinctOrder, firstOfGroupCondition, type Distinct } from './distinct-on.js';
import { relationFilters } from './relation-filter.js';
import { nestedReader, type NestedRead } from './nested-reads.js';
import { relationsOf, type Relation } from './relations.js';
import type { ArithmeticUpdate } from './arithmetic-set.js';
import type { AggregateQuery } from './aggregate.js';
import type { GroupByQuery } from './group-by.js';
import type { PreparedAggregate } from './prepared-aggregates.js';
import { bulkInsertStatements, conflictUpdates, runsByShape, type BulkConflict } from './bulk-insert.js';
import type { Row } from './loose-db.js';
import type { TableAccessor, UpsertOptions } from './query-types.js';
import { QueryError } from './query-error.js';

/** Finds another table's accessor (relations read through it). */
export type AccessorLookup = (table: TableName) => TableAccessor<TableName>;

/** A to-one relation asked for in `with` with `true` (a LEFT JOIN), under its name. */
type WantedRelation = Relation & { readonly name: string };

// The arithmetic of `set` (increment, ...), imported by the first update, already awaited there: an app that only
// reads never loads it.
let arithmeticModule: Promise<typeof import('./arithmetic-set.js')> | undefined;
const arithmeticSet = () => (arithmeticModule ??= import('./arithmetic-set.js'));
// The aggregates, imported by the first aggregate call.
let aggregateModule: Promise<typeof import('./aggregate.js')> | undefined;
const aggregates = () => (aggregateModule ??= import('./aggregate.js'));
let groupByModule: Promise<typeof import('./group-by.js')> | undefined;
const groupBys = () => (groupByModule ??= import('./group-by.js'));
let preparedAggregateModule: Promise<typeof import('./prepared-aggregates.js')> | undefined;
const preparedAggregates = () => (preparedAggregateModule ??= import('./prepared-aggregates.js'));

// Prepared SELECTs per query shape and table; bounded, so a caller paging through offsets cannot grow it forever.
const MAX_SHAPES = 256;

const FIND_OPTIONS = ['where', 'select', 'orderBy', 'cursor', 'limit', 'offset', 'with', 'lock', 'skipLocked', 'noWait', 'distinct', 'distinctOn'] as const;
const FIRST_OPTIONS = ['where', 'select', 'orderBy', 'cursor', 'offset', 'with', 'lock', 'skipLocked', 'noWait', 'distinct', 'distinctOn'] as const;
const SQL_FOR_OPTIONS = ['where', 'select', 'orderBy', 'cursor', 'limit', 'offset'] as const;
const WRITE_OPTIONS = ['where', 'set', 'all'] as const;
const DELETE_OPTIONS = ['where', 'all'] as const;
const UPSERT_OPTIONS = ['values', 'target', 'set'] as const;
const UPSERT_MANY_OPTIONS = ['target', 'update', 'returning'] as const;
const BULK_OPTIONS = ['onConflict'] as const;
const ON_CONFLICT_OPTIONS = ['target', 'update'] as const;

/** The typed accessor of one table over a dialect driver. */
export function createTableAccessor<T extends TableName>(driver: AccessorDriver, name: T, lookup: AccessorLookup): TableAccessor<T> {
  const table = driver.tables[TABLE_KEYS[name]];
  if (table === undefined) throw new Error(`no table ${name} in the driver's tables`);
  const columns: Readonly<Record<string, Column>> = getTableColumns(table);
  const infos = columnInfo(name, table);
  const ctx: WhereContext = { table: name, columns: infos, decimal: driver.decimalFilter, text: driver.textMatch, relations: relationFilters(driver, name, columns) };
  const relations = relationsOf(name);
  const uniqueKeys = UNIQUE_KEYS[name] as readonly (readonly string[])[];
  // Built once: `with` is read on every call.
  const relationNamed = new Map<string, WantedRelation>(Object.entries(relations).flatMap(([key, r]) => (r.kind === 'one' ? [[key, { ...r, name: key }] as const] : [])));
  const nested = nestedReader(driver, name);
  const prepared = new Map<string, PreparedSelect>();
  const failures = accessorFailureContext(driver, name, lookup);
  const plain: SelectShape = { table, columns, joins: [] };
  let plainMapping: ((row: ArrayLike<unknown>) => Row) | undefined;
  const plainMapper = () => (plainMapping ??= positionalMapper(plain));
  const joins = new Map<string, SelectJoin>();
  // Counts, aggregates and groups prepared per shape (prepared-aggregates.ts), each with the query that assembles its rows.
  const countStatements = new Map<string, PreparedAggregate<undefined>>();
  const aggregateStatements = new Map<string, PreparedAggregate<AggregateQuery>>();
  const groupStatements = new Map<string, PreparedAggregate<GroupByQuery>>();

  /**
   * The read's shape: the table alone, or with a LEFT JOIN per relation asked for (each alias built once); all
   * its columns, or the selected ones in the schema's order.
   */
  function shapeOf(wanted: readonly WantedRelation[], selected: readonly string[] | undefined, distinct: Distinct | undefined, reads: readonly NestedRead[]): SelectShape {
    // SQLite's distinctOn is a condition (distinct-on.ts): the shape is a plain one.
    const distinctSql = distinct === undefined ? undefined : distinct.kind === 'rows' ? ('rows' as const) : driver.distinctOn === 'distinct-on' ? distinct.keys.map((k) => columns[k]!) : undefined;
    if (wanted.length === 0 && selected === undefined && distinctSql === undefined && reads.length === 0) return plain;
    return {
      table: table!,
      ...(reads.length === 0 ? {} : { nested: reads }),
      ...(distinctSql === undefined ? {} : { distinct: distinctSql }),
      columns: selected === undefined ? columns : Object.fromEntries(selected.map((k) => [k, columns[k]!])),
      ...(selected === undefined ? {} : { partial: true }),
      joins: wanted.map((r) => {
        let join = joins.get(r.name);
        if (join === undefined) {
          const target = driver.tables[TABLE_KEYS[r.table]];
          if (target === undefined) throw new Error(`no table ${r.table} in the driver's tables`);
          const aliased = driver.alias(target, `r__${r.name}`);
          join = joinOf(r.name, aliased, target, r.references, eq(getTableColumns(aliased)[r.references]!, columns[r.column]!));
          joins.set(r.name, join);
        }
        return join;
      }),
    };
  }

  /** The condition of a write: refused when it constrains no column, unless `all: true` says that is meant. */
  function writeWhere(options: Record<string, unknown>, method: string): SQL | undefined {
    const all = options.all;
    const path = `${name}.where`;
    if (all !== undefined && typeof all !== 'boolean') {
      throw new QueryError(`${name}.all must be true or false, got ${typeof all}`, { code: 'QUERY_INVALID_VALUE', subject: `${name}.all`, path: `${name}.all`, hint: 'pass all: true to change every row on purpose' });
    }
    const walked = walkWhere(ctx, options.where, path, directBinder());
    if (walked.matches === 'all' && all !== true) {
      throw new QueryError(`${name}.${method} with a filter that matches every row whatever the data would change every row`, {
        code: 'QUERY_EMPTY_WHERE',
        subject: path,
        path,
        hint: `give a where that can leave rows out (an OR with an empty branch, notIn: [] or isNull: false on a NOT NULL column match every row), or pass all: true to ${method} every row on purpose`,
      });
    }
    return walked.sql;
  }

  /**
   * A read's condition (its where and its cursor) and order, in the one sequence every pass binds them in: the
   * probe of a prepared read and the statement it builds must push the same shape and values.
   */
  function readCondition(options: Record<string, unknown>, binder: Binder, distinct?: Distinct): [SQL | undefined, SQL[]] {
    const where = walkWhere(ctx, options.where, `${name}.where`, binder).sql;
    let order = buildOrder(ctx, options.orderBy, binder.shape, binder.building);
    const cursor = cursorCondition(ctx, uniqueKeys, options.cursor, options.orderBy, binder);
    if (distinct === undefined) return [binder.building ? and(where, cursor) : undefined, order];
    if (distinct.kind === 'rows') {
      binder.shape.push('distinct');
      return [binder.building ? and(where, cursor) : undefined, order];
    }
    binder.shape.push(`distinctOn:${distinct.keys.join(',')}`);
    // SQLite binds the filter twice (distinct-on.ts): the same limit on both engines, so neither refuses alone.
    if (binder.counted * 2 > MAX_FILTER_VALUES) {
      throw new QueryError(`${name}.where: with distinctOn a filter may bind at most ${Math.floor(MAX_FILTER_VALUES / 2)} values, and this one binds ${binder.counted}`, { code: 'QUERY_TOO_MANY_VALUES', subject: `${name}.where`, path: `${name}.where`, hint: 'split the list into several calls' });
    }
    const first = driver.distinctOn === 'not-exists' ? firstOfGroupCondition(driver, name, table!, ctx, distinct, options.where, binder) : undefined;
    if (binder.building) order = distinctOrder(ctx, distinct, order, order.length);
    return [binder.building ? and(where, cursor, first) : undefined, order];
  }

  /**
   * `lock`, `skipLocked`, `noWait`, checked: a lock only inside a transaction (outside one it would end with the
   * statement), where reads run on the transaction's connection, the primary's, never a replica.
   */
  function rowLock(options: Record<string, unknown>): RowLock | undefined {
    const { lock, skipLocked, noWait } = options;
    const at = (key: string) => `${name}.${key}`;
    const invalid = (key: string, message: string, hint: string) => new QueryError(`${at(key)}: ${message}`, { code: 'QUERY_INVALID_LOCK', subject: at(key), path: at(key), hint });
    if (lock === undefined) {
      for (const key of ['skipLocked', 'noWait'] as const) if (options[key] !== undefined) throw invalid(key, `${key} without a lock`, `add lock: 'update' (or 'share')`);
      return undefined;
    }
    if (lock !== 'update' && lock !== 'share') throw invalid('lock', `expected 'update' or 'share', got ${typeof lock === 'string' ? JSON.stringify(lock) : typeof lock}`, "lock: 'update' (FOR UPDATE) or 'share' (FOR SHARE)");
    for (const [key, value] of [['skipLocked', skipLocked], ['noWait', noWait]] as const) {
      if (value !== undefined && typeof value !== 'boolean') throw invalid(key, `expected true or false, got ${typeof value}`, `${key}: true`);
    }
    if (skipLocked === true && noWait === true) throw invalid('noWait', 'skipLocked and noWait together', 'skipLocked leaves locked rows out, noWait fails on them: choose one');
    if (driver.runBatch !== undefined) {
      throw invalid('lock', 'a row lock outside a transaction would end with its own statement', `read inside db.transaction(async (tx) => tx.${TABLE_KEYS[name]}.findMany({ ..., lock: '${lock}' }))`);
    }
    return { strength: lock, ...(skipLocked === true ? { skipLocked: true } : {}), ...(noWait === true ? { noWait: true } : {}) };
  }

  const selection = (select: unknown) => checkSelection(name, infos, select, `${name}.select`);

  function selectNow(options: Record<string, unknown>, forcedLimit?: number): Row[] | Promise<Row[]> {
    const limit = forcedLimit ?? checkCount('limit', options.limit, name);
    const offset = checkCount('offset', options.offset, name);
    const lock = rowLock(options);
    const selected = selection(options.select);
    const wanted = joinedRelations(options.with);
    const joined = (key: string) => wanted.some((r) => r.name === key);
    const distinct = options.distinct === undefined && options.distinctOn === undefined ? undefined : checkDistinct(ctx, options, selected, asksForRelations(options.with), uniqueKeys[0] ?? []);
    if (driver.prepareSelect !== undefined) {
      // First the checks, the shape and the values (no SQL objects); the SQL is built once per shape.
      const probe = placeholderBinder(false);
      if (selected !== undefined) probe.shape.push(`select:${selected.join(',')}`);
      readCondition(options, probe, distinct);
      nested.of(options.with, columns, probe, joined);
      const key = shapeKey(probe.shape, limit, offset, wanted);
      let run = prepared.get(key);
      if (run === undefined) {
        const binder = placeholderBinder(true);
        if (selected !== undefined) binder.shape.push(`select:${selected.join(',')}`);
        const [condition, order] = readCondition(options, binder, distinct);
        const reads = nested.of(options.with, columns, binder, joined);
        // The filter was read twice (shape, then SQL): a getter or Proxy that answered differently would store
        // SQL under another shape's key, for every later caller. Refused, and nothing is cached.
        if (shapeKey(binder.shape, limit, offset, wanted) !== key) {
          throw new QueryError(`${name}.where changed while it was read`, { code: 'QUERY_INVALID_FILTER', subject: `${name}.where`, path: `${name}.where`, hint: 'pass plain data: a getter or Proxy that answers differently on each read cannot be checked' });
        }
        if (prepared.size >= MAX_SHAPES) prepared.clear();
        // The shape (its joins) is wanted only here: a call with a kept statement needs its key alone.
        run = driver.prepareSelect(shapeOf(wanted, selected, distinct, reads), condition, order, limit, offset);
        prepared.set(key, run);
      }
      return run(probe.values);
    }
    const direct = directBinder();
    const [condition, order] = readCondition(options, direct, distinct);
    const shape = shapeOf(wanted, selected, distinct, nested.of(options.with, columns, direct, joined));
    const rows = driver.read((db) => {
      let query = shapeQuery(db, shape, condition, order);
      if (limit !== undefined) query = query.limit(limit);
      // SQLite takes OFFSET only after a LIMIT; -1 is its "no limit".
      else if (offset !== undefined && driver.dialect === 'sqlite') query = query.limit(sql.raw('-1')); // Drizzle drops a negative number
      if (offset !== undefined) query = query.offset(offset);
      return lock === undefined ? query : driver.lockRows(query, table!, lock);
    });
    if (selectFields(shape) === undefined) return rows;
    const map = fieldsMapper(shape);
    return rows.then((r) => r.map(map));
  }

  /**
   * `set` split into values and arithmetic; the arithmetic module is imported only when some value is an object
   * (an update of scalars pays no import and no extra await). Each key is read once either way.
   */
  async function splitSet(set: unknown): Promise<{ readonly plain: unknown; readonly arithmetic: readonly ArithmeticUpdate[] }> {
    if (isPlainObject(set)) {
      const copy: Record<string, unknown> = {};
      for (const key of ownKeys(set)) Object.defineProperty(copy, key, { value: set[key], enumerable: true, writable: true, configurable: true });
      if (!Object.values(copy).some(isPlainObject)) return { plain: copy, arithmetic: [] };
      return (await arithmeticSet()).splitArithmetic(infos, copy, `${name}.set`);
    }
    return { plain: set, arithmetic: [] };
  }

  /**
   * An update with increment / decrement / multiply: in one transaction (the caller's, or one of its own), the
   * matching rows are read with their row locks (FOR UPDATE on PostgreSQL; SQLite's write transaction holds the
   * whole file), each new value is computed exactly here (arithmetic-set.ts) and written by primary key. Both
   * engines run this same code, so they give the same values, roundings and refusals, and a refusal of any row
   * writes none. Answers the rows written (with `returning`, as stored; else one entry per row).
   */
  async function arithmeticUpdate(condition: SQL | undefined, plain: unknown, arithmetic: readonly ArithmeticUpdate[], returning: boolean): Promise<Row[]> {
    const values = checkValues(name, infos, plain, `${name}.set`);
    const fixed: Row = {};
    for (const key of ownKeys(values)) if (values[key] !== undefined) fixed[key] = values[key];
    for (const a of arithmetic) {
      if (Object.hasOwn(fixed, a.key)) throw new QueryError(`${a.path}: ${a.key} is set twice`, { code: 'QUERY_INVALID_SET', subject: a.path, path: a.path, hint: 'give a column either a value or one arithmetic operator' });
    }
    const key = uniqueKeys[0] ?? [];
    // Each row is written back by its primary key: without one, a row could not be told apart (every table of
    // schema/ has one; this guards a future one that does not).
    if (key.length === 0) throw new Error(`${name} has no primary key: increment, decrement and multiply need one`);
    const work = async (d: AccessorDriver): Promise<Row[]> => {
      const fields = Object.fromEntries([...key, ...arithmetic.map((a) => a.key)].map((k) => [k, columns[k]!]));
      const rows = await d.lockRows(d.db.select(fields).from(table!).where(condition), table!, { strength: 'update' });
      // Computed for every row before the first write: a refused value leaves nothing half-written.
      const { applyArithmetic } = await arithmeticSet();
      const updates = rows.map((row) => ({ row, set: { ...fixed, ...Object.fromEntries(arithmetic.map((a) => [a.key, applyArithmetic(row[a.key], a)])) } }));
      const out: Row[] = [];
      for (const { row, set } of updates) {
        const byKey = and(...key.map((k) => eq(columns[k]!, row[k])));
        if (returning) out.push(...(await d.db.update(table!).set(set).where(byKey).returning()));
        else {
          await d.db.update(table!).set(set).where(byKey);
          out.push(row);
        }
      }
      return out;
    };
    // runBatch is there outside a transaction only: then this update is one of its own.
    return driver.runBatch === undefined ? work(driver) : driver.transaction(work);
  }

  /**
   * The to-one relations asked for with `true`: one LEFT JOIN each, the cheapest read of a related row. Every
   * other entry of `with` (a to-many relation, or options) is a nested read, and nested.of checks them all.
   */
  function joinedRelations(wanted: unknown): WantedRelation[] {
    if (!isPlainObject(wanted)) return [];
    const out: WantedRelation[] = [];
    for (const key of ownKeys(wanted)) {
      const relation = relationNamed.get(key);
      if (relation !== undefined && wanted[key] === true) out.push(relation);
    }
    return out;
  }

  function find(options: unknown, allowed: readonly string[], method: string, first: boolean): Row[] | Promise<Row[]> {
    const checked = checkOptions(options, allowed, `${name}.${method}`, false);
    // One statement, relations included (a LEFT JOIN each): a hot lookup is one prepared statement and one row mapping.
    return selectNow(checked, first ? 1 : undefined);
  }

  /**
   * A read settled once: the rows of a synchronous lookup resolve one promise, a refusal or failure (thrown or
   * rejected) rejects it as a coded QueryError. Not async, and no wrapper around it: each promise step was a
   * measurable share of a hot lookup on libSQL's native statements.
   */
  function settle<R>(options: unknown, allowed: readonly string[], method: string, first: boolean, pick: (rows: Row[]) => R): Promise<R> {
    try {
      const rows = find(options, allowed, method, first);
      if (Array.isArray(rows)) return Promise.resolve(pick(rows));
      return rows.then(pick, (error: unknown) => rejectQueryFailure(error, failures));
    } catch (error) {
      return rejectQueryFailure(error, failures);
    }
  }

  const rowsPath = (method: string) => `${name}.${method}`;
  const checkRows = (rows: unknown, method: string): readonly Row[] => {
    if (!Array.isArray(rows)) throw new QueryError(`${rowsPath(method)}: expected an array of rows, got ${typeof rows}`, { code: 'QUERY_INVALID_VALUE', subject: rowsPath(method), path: rowsPath(method), hint: 'pass [{ ... }, { ... }]' });
    // An index loop: a hole in the array is checked (and refused) as undefined, not skipped.
    const out: Row[] = [];
    for (let i = 0; i < rows.length; i++) out.push(checkValues(name, infos, rows[i], `${rowsPath(method)}[${i}]`));
    return out;
  };

  /** A unique key of the table, as given (the primary key or a unique constraint's columns, in order). */
  function checkTarget(target: unknown, path: string): readonly string[] {
    const keys = UNIQUE_KEYS[name] as readonly (readonly string[])[];
    if (!Array.isArray(target) || !keys.some((k) => k.length === target.length && k.every((c, i) => c === target[i]))) {
      const shown = Array.isArray(target) ? `[${target.map(String).join(', ')}]` : JSON.stringify(target) ?? String(target);
      throw new QueryError(`${name}: ${shown} is not a unique key`, { code: 'QUERY_INVALID_UPSERT', subject: path, path, hint: `use one of: ${keys.map((k) => `[${k.join(', ')}]`).join(', ')}` });
    }
    return target as readonly string[];
  }

  /**
   * The conflict handling of a many-row upsert, checked with its rows: each row gives every key column (not
   * null) and every column to update; no two rows have the same key (PostgreSQL refuses a statement that
   * changes a row twice, SQLite would keep the last: refused here, so both engines answer alike).
   */
  function checkConflict(rows: readonly Row[], options: Record<string, unknown>, path: string, returning: boolean): BulkConflict {
    const target = checkTarget(options.target, `${path}.target`);
    let update: readonly string[] | undefined;
    if (options.update !== undefined) {
      const at = `${path}.update`;
      if (!Array.isArray(options.update)) throw new QueryError(`${at}: expected an array of column names, got ${typeof options.update}`, { code: 'QUERY_INVALID_UPSERT', subject: at, path: at, hint: "pass update: ['currentPrice'], or [] to leave existing rows as they are" });
      const seen = new Set<string>();
      for (const [i, k] of (options.update as unknown[]).entries()) {
        if (typeof k !== 'string' || !Object.hasOwn(columns, k)) throw new QueryError(`${name} has no column ${JSON.stringify(k)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: `${at}[${i}]`, path: `${at}[${i}]`, hint: `use one of: ${Object.keys(columns).join(', ')}` });
        if (target.includes(k)) throw new QueryError(`${at}[${i}]: ${k} is in the target; the key of an existing row is what finds it`, { code: 'QUERY_INVALID_UPSERT', subject: `${at}[${i}]`, path: `${at}[${i}]`, hint: 'list only columns outside the key' });
        if (seen.has(k)) throw new QueryError(`${at}[${i}]: ${k} is listed twice`, { code: 'QUERY_INVALID_UPSERT', subject: `${at}[${i}]`, path: `${at}[${i}]`, hint: 'list each column once' });
        seen.add(k);
      }
      update = [...seen];
    }
    const keys = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      for (const k of [...target, ...(update ?? [])]) {
        if (row[k] === undefined || (row[k] === null && target.includes(k))) {
          const at = `${path}[${i}].${k}`;
          throw new QueryError(`${at} is ${String(row[k])}: ${target.includes(k) ? 'the conflict target needs a value' : 'a column to update needs a value in every row'}`, { code: 'QUERY_INVALID_UPSERT', subject: at, path: at, hint: target.includes(k) ? 'give every column of the target in each row' : `give ${k} in every row, or leave it out of update` });
        }
      }
      const key = targetKey(row, target);
      const earlier = keys.get(key);
      if (earlier !== undefined) {
        const at = `${path}[${i}]`;
        throw new QueryError(`${at} has the key (${target.join(', ')}) = ${key.slice(1, -1)} of ${path}[${earlier}]`, { code: 'QUERY_INVALID_UPSERT', subject: at, path: at, hint: 'give each key once: merge the two rows, or upsert them in two calls' });
      }
      keys.set(key, i);
    }
    return { target, update, returning };
  }

  /** Writes the rows with their conflict handling: raw batched statements in one transaction, or Drizzle's builder inside one. */
  async function upsertRows(rows: readonly Row[], conflict: BulkConflict): Promise<{ count: number; rows: Row[] }> {
    if (driver.runBatch !== undefined) {
      const result = await driver.runBatch(bulkInsertStatements(table!, columns, rows, driver.maxParameters, driver.placeholder, conflict), conflict.returning);
      return { count: result.count, rows: conflict.returning ? inInputOrder(rows, conflict.target, result.rows.map(plainMapper())) : [] };
    }
    // Inside a transaction: Drizzle's builder on it, per run of rows that give the same columns (a column a row
    // leaves out would otherwise take its default, and `excluded.<column>` would write that default over the row).
    const target = conflict.target.map((k) => columns[k]!);
    let count = 0;
    const out: Row[] = [];
    for (const run of runsByShape(columns, rows)) {
      const update = conflictUpdates(run.shape === '' ? [] : run.shape.split(','), conflict);
      const set = Object.fromEntries(update.map((k) => [k, sql`excluded.${sql.identifier(columns[k]!.name)}`]));
      for (const batch of batches(run.rows, driver.maxParameters)) {
        const insert = driver.db.insert(table!).values(batch);
        const query = update.length === 0 ? insert.onConflictDoNothing({ target }) : insert.onConflictDoUpdate({ target, set });
        if (conflict.returning) {
          const returned = await query.returning();
          count += returned.length;
          out.push(...returned);
        } else count += driver.affectedRows(await query);
      }
    }
    return { count, rows: conflict.returning ? inInputOrder(rows, conflict.target, out) : out };
  }

  /** The key of a row in the driver's form (what makes 'ABC...' and 'abc...' one UUID, '1.5' and '1.50' one decimal). */
  const targetKey = (row: Row, target: readonly string[]): string => JSON.stringify(target.map((k) => columns[k]!.mapToDriverValue(row[k])));

  /**
   * RETURNING rows in the order of the rows given: neither engine promises RETURNING's order for a multi-row
   * INSERT. Rows the statement left alone (`update: []` on an existing key) are not among them.
   */
  function inInputOrder(input: readonly Row[], target: readonly string[], returned: readonly Row[]): Row[] {
    const position = new Map<string, number>();
    for (let i = 0; i < input.length; i++) position.set(targetKey(input[i]!, target), i);
    const keyed = returned.map((row) => ({ row, at: position.get(targetKey(row, target)) ?? Number.MAX_SAFE_INTEGER }));
    keyed.sort((a, b) => a.at - b.at);
    return keyed.map((k) => k.row);
  }

  const accessor: TableAccessor<T> = {
    async insert(row) {
      const checked = checkValues(name, infos, row, `${name}.insert`);
      const [stored] = await driver.db.insert(table).values(checked).returning();
      return stored as SelectRow<T>;
    },
    async insertMany(rows) {
      const checked = checkRows(rows, 'insertMany');
      if (checked.length === 0) return [];
      return driver.transaction(async (tx) => {
        const out: Row[] = [];
        for (const batch of batches(checked, driver.maxParameters)) out.push(...(await tx.db.insert(table).values(batch).returning()));
        return out as SelectRow<T>[];
      });
    },
    async insertBulk(rows, options) {
      const checked = checkRows(rows, 'insertBulk');
      const bulk = checkOptions(options, BULK_OPTIONS, `${name}.insertBulk`, false);
      if (bulk.onConflict !== undefined) {
        const onConflict = checkOptions(bulk.onConflict, ON_CONFLICT_OPTIONS, `${name}.insertBulk.onConflict`, true);
        const conflict = checkConflict(checked, onConflict, `${name}.insertBulk`, false);
        return checked.length === 0 ? 0 : (await upsertRows(checked, conflict)).count;
      }
      if (checked.length === 0) return 0;
      // PostgreSQL: COPY, in the call's own transaction or the caller's.
      if (driver.copyRows !== undefined) return driver.copyRows(table, columns, runsByShape(columns, checked));
      const statements = bulkInsertStatements(table, columns, checked, driver.maxParameters, driver.placeholder);
      if (driver.runBatch !== undefined) await driver.runBatch(statements, false);
      else {
        // Inside a transaction: batches through Drizzle's builder on the transaction.
        for (const batch of batches(checked, driver.maxParameters)) await driver.db.insert(table).values(batch);
      }
      return checked.length;
    },
    sqlFor(options = {}, first = false) {
      const checked = checkOptions(options, first ? FIRST_OPTIONS.filter((k) => k !== 'with') : SQL_FOR_OPTIONS, `${name}.sqlFor`, false);
      const [condition, order] = readCondition(checked, directBinder());
      return driver.selectSql(shapeOf([], selection(checked.select), undefined, []), condition, order, first ? 1 : checkCount('limit', checked.limit, name), checkCount('offset', checked.offset, name));
    },
    findMany(options) {
      return settle(options, FIND_OPTIONS, 'findMany', false, allRows) as never;
    },
    findFirst(options) {
      return settle(options, FIRST_OPTIONS, 'findFirst', true, firstRow) as never;
    },
    async count(options) {
      const checked = checkOptions(options, ['where'], `${name}.count`, false);
      if (driver.prepareRaw !== undefined) {
        // Prepared once per filter shape, as a find is: later counts send the values only.
        const { preparedAggregate } = await preparedAggregates();
        const fields = { n: count() };
        const { entry, values } = preparedAggregate(driver.prepareRaw, countStatements, ctx, 'count', {}, checked.where, (condition) => ({ query: undefined, fields, compiled: driver.db.select(fields).from(table!).where(condition).toSQL() }));
        const [row] = await entry.run(values);
        return row!.n as number;
      }
      const condition = walkWhere(ctx, checked.where, `${name}.where`, directBinder()).sql;
      const rows = await driver.read((db) => db.select({ n: count() }).from(table).where(condition));
      return Number(rows[0]?.n ?? 0);
    },
    async aggregate(options) {
      const { AGGREGATES, aggregateQuery, aggregateFailure, aggregateFrom } = await aggregates();
      const path = `${name}.aggregate`;
      const checked = checkOptions(options, ['where', ...AGGREGATES], path, true);
      if (driver.prepareRaw !== undefined) {
        const { preparedAggregate } = await preparedAggregates();
        const { entry, values } = preparedAggregate(driver.prepareRaw, aggregateStatements, ctx, 'aggregate', checked, checked.where, (condition) => {
          const query = aggregateQuery(name, infos, checked, path, driver.dialect);
          const source = aggregateFrom(driver.db, table!, query.derived, condition);
          return { query, fields: query.fields, compiled: driver.db.select(query.fields).from(source.from).where(source.where).toSQL() };
        });
        const rows = await Promise.resolve(entry.run(values)).catch((error: unknown) => {
          throw aggregateFailure(error, path) ?? error;
        });
        return entry.query.assemble(rows[0] ?? {}) as never;
      }
      const condition = walkWhere(ctx, checked.where, `${name}.where`, directBinder()).sql;
      const query = aggregateQuery(name, infos, checked, path, driver.dialect);
      const rows = await driver
        .read((db) => {
          const source = aggregateFrom(db, table!, query.derived, condition);
          return db.select(query.fields).from(source.from).where(source.where);
        })
        .catch((error: unknown) => {
          throw aggregateFailure(error, path) ?? error;
        });
      return query.assemble(rows[0] ?? {}) as never;
    },
    async groupBy(options) {
      const [{ AGGREGATES, aggregateFailure, aggregateFrom }, { groupByQuery }] = await Promise.all([aggregates(), groupBys()]);
      const path = `${name}.groupBy`;
      const checked = checkOptions(options, ['by', 'where', ...AGGREGATES, 'having', 'orderBy', 'limit', 'offset'], path, true);
      const limit = checkCount('limit', checked.limit, name);
      const offset = checkCount('offset', checked.offset, name);
      if (driver.prepareRaw !== undefined) {
        const { preparedAggregate } = await preparedAggregates();
        const { entry, values } = preparedAggregate(driver.prepareRaw, groupStatements, ctx, 'groupBy', checked, checked.where, (condition) => {
          const query = groupByQuery(name, infos, checked, path, driver.dialect);
          const source = aggregateFrom(driver.db, table!, query.derived, condition);
          return { query, fields: query.fields, compiled: driver.db.select(query.fields).from(source.from).where(source.where).groupBy(...query.groupBy).toSQL() };
        });
        const rows = await Promise.resolve(entry.run(values)).catch((error: unknown) => {
          throw aggregateFailure(error, path) ?? error;
        });
        return entry.query.finish(rows, limit, offset) as never;
      }
      const condition = walkWhere(ctx, checked.where, `${name}.where`, directBinder()).sql;
      const query = groupByQuery(name, infos, checked, path, driver.dialect);
      const rows = await driver
        .read((db) => {
          const source = aggregateFrom(db, table!, query.derived, condition);
          return db.select(query.fields).from(source.from).where(source.where).groupBy(...query.groupBy);
        })
        .catch((error: unknown) => {
          throw aggregateFailure(error, path) ?? error;
        });
      return query.finish(rows, limit, offset) as never;
    },
    async update(options) {
      const checked = checkOptions(options, WRITE_OPTIONS, `${name}.update`, true);
      const condition = writeWhere(checked, 'update');
      const { plain, arithmetic } = await splitSet(checked.set);
      if (arithmetic.length > 0) return (await arithmeticUpdate(condition, plain, arithmetic, false)).length;
      const set = checkSet(name, infos, plain, `${name}.set`);
      return driver.affectedRows(await driver.db.update(table).set(set).where(condition));
    },
    async updateReturning(options) {
      const checked = checkOptions(options, WRITE_OPTIONS, `${name}.updateReturning`, true);
      const condition = writeWhere(checked, 'update');
      const { plain, arithmetic } = await splitSet(checked.set);
      if (arithmetic.length > 0) return (await arithmeticUpdate(condition, plain, arithmetic, true)) as SelectRow<T>[];
      const set = checkSet(name, infos, plain, `${name}.set`);
      return (await driver.db.update(table).set(set).where(condition).returning()) as SelectRow<T>[];
    },
    async delete(options) {
      const checked = checkOptions(options, DELETE_OPTIONS, `${name}.delete`, true);
      return driver.affectedRows(await driver.db.delete(table).where(writeWhere(checked, 'delete')));
    },
    async deleteReturning(options) {
      const checked = checkOptions(options, DELETE_OPTIONS, `${name}.deleteReturning`, true);
      return (await driver.db.delete(table).where(writeWhere(checked, 'delete')).returning()) as SelectRow<T>[];
    },
    async upsert(options: UpsertOptions<T>) {
      const checked = checkOptions(options, UPSERT_OPTIONS, `${name}.upsert`, true);
      const targetKeys = checkTarget(checked.target, `${name}.upsert.target`);
      const values = checkValues(name, infos, checked.values, `${name}.upsert.values`);
      for (const k of targetKeys) {
        if (values[k] === undefined || values[k] === null) {
          const at = `${name}.upsert.values.${k}`;
          throw new QueryError(`${at} is ${String(values[k])}: the conflict target needs a value`, { code: 'QUERY_INVALID_UPSERT', subject: at, path: at, hint: 'give every column of the target in values' });
        }
      }
      const set: Row =
        checked.set === undefined
          ? Object.fromEntries(Object.entries(values).filter(([k, v]) => !targetKeys.includes(k) && v !== undefined))
          : checkSet(name, infos, checked.set, `${name}.upsert.set`);
      // Nothing else to change: set the key to itself, so the existing row is still returned.
      if (Object.keys(set).length === 0) set[targetKeys[0]!] = values[targetKeys[0]!];
      const [stored] = await driver.db
        .insert(table)
        .values(values)
        .onConflictDoUpdate({ target: targetKeys.map((k) => columns[k]), set })
        .returning();
      return stored as SelectRow<T>;
    },
    async upsertMany(rows, options) {
      const checked = checkRows(rows, 'upsertMany');
      const opts = checkOptions(options, UPSERT_MANY_OPTIONS, `${name}.upsertMany`, true);
      if (opts.returning !== undefined && typeof opts.returning !== 'boolean') {
        const at = `${name}.upsertMany.returning`;
        throw new QueryError(`${at} must be true or false, got ${typeof opts.returning}`, { code: 'QUERY_INVALID_VALUE', subject: at, path: at, hint: 'pass returning: true for the rows as stored, or leave it out for their count' });
      }
      const conflict = checkConflict(checked, opts, `${name}.upsertMany`, opts.returning === true);
      if (checked.length === 0) return (conflict.returning ? [] : 0) as never;
      const written = await upsertRows(checked, conflict);
      return (conflict.returning ? written.rows : written.count) as never;
    },
  };
  return withAccessorFailures(accessor, failures);
}

/** The prepared statement's cache key: the filter's and order's shape, LIMIT, OFFSET and the relations. */
function shapeKey(shape: readonly string[], limit: number | undefined, offset: number | undefined, wanted: readonly { readonly name: string }[]): string {
  let key = `${shape.join('|')}#${limit ?? ''}#${offset ?? ''}#`;
  for (const r of wanted) key += `${r.name},`;
  return key;
}

/** `with` names some relation to read (a value other than false or undefined). */
function asksForRelations(wanted: unknown): boolean {
  return isPlainObject(wanted) && ownKeys(wanted).some((k) => wanted[k] !== false && wanted[k] !== undefined);
}

const allRows = (rows: Row[]): Row[] => rows;
const firstRow = (rows: Row[]): Row | undefined => rows[0];

/** Rows in batches whose values stay under the parameter limit (sized by the widest row). */
function batches(rows: readonly Row[], maxParameters: number): Row[][] {
  // A loop, not Math.max(...): spreading 200,000 arguments overflows the call stack.
  let widest = 1;
  for (const r of rows) widest = Math.max(widest, Object.keys(r).length);
  const size = Math.max(1, Math.floor(maxParameters / widest));
  const out: Row[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type { InsertRow };
