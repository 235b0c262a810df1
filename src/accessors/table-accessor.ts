import { count, getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import { RELATIONS, UNIQUE_KEYS } from '../../generated/accessors.js';
import { TABLE_KEYS, type InsertRow, type SelectRow, type TableName } from '../../generated/tables.js';
import type { AccessorDriver, PreparedSelect } from './accessor-driver.js';
import { buildOrder, buildWhere, directBinder, placeholderBinder } from './build-where.js';
import { bulkInsertStatements } from './bulk-insert.js';
import type { Row } from './loose-db.js';
import type { TableAccessor, UpsertOptions, Where } from './query-types.js';
import { QueryError } from './query-error.js';

/** Finds another table's accessor (relations read through it). */
export type AccessorLookup = (table: TableName) => TableAccessor<TableName>;

interface Relation {
  readonly table: TableName;
  readonly column: string;
  readonly references: string;
  readonly optional: boolean;
}

/** Find options as the implementation reads them (the typed ones are checked at the accessor's signature). */
interface LooseFind {
  readonly where?: unknown;
  readonly orderBy?: unknown;
  readonly limit?: number;
  readonly offset?: number;
  readonly with?: unknown;
}

// Prepared SELECTs per query shape and table; bounded, so a caller paging through offsets cannot grow it forever.
const MAX_SHAPES = 256;

function checkCount(name: string, value: number | undefined, table: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new QueryError(`${table}: ${name} must be a whole number >= 0, got ${String(value)}`, { code: 'QUERY_INVALID_FILTER', subject: `${table}.${name}`, hint: `pass ${name}: 10, for example` });
  }
  return value;
}

/** The typed accessor of one table over a dialect driver. */
export function createTableAccessor<T extends TableName>(driver: AccessorDriver, name: T, lookup: AccessorLookup): TableAccessor<T> {
  const table = driver.tables[TABLE_KEYS[name]];
  if (table === undefined) throw new Error(`no table ${name} in the driver's tables`);
  const columns: Readonly<Record<string, Column>> = getTableColumns(table);
  const relations = RELATIONS[name] as Readonly<Record<string, Relation>>;
  const prepared = new Map<string, PreparedSelect>();
  const where = (w: Where<T> | undefined): SQL | undefined => buildWhere(columns, w as Record<string, unknown> | undefined, directBinder(), name);

  // Not async (a hot lookup saves the extra promise), but a refused query still rejects rather than throws.
  function select(options: LooseFind, forcedLimit?: number): Promise<Row[]> {
    try {
      return selectNow(options, forcedLimit);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function selectNow(options: LooseFind, forcedLimit?: number): Promise<Row[]> {
    const limit = forcedLimit ?? checkCount('limit', options.limit, name);
    const offset = checkCount('offset', options.offset, name);
    if (driver.prepareSelect !== undefined) {
      // First only the shape and the values (no SQL objects); the SQL is built once per shape.
      const probe = placeholderBinder(false);
      buildWhere(columns, options.where as Record<string, unknown> | undefined, probe, name);
      buildOrder(columns, options.orderBy, probe.shape, name, false);
      const key = `${probe.shape.join('|')}#${limit ?? ''}#${offset ?? ''}`;
      let run = prepared.get(key);
      if (run === undefined) {
        const binder = placeholderBinder(true);
        const condition = buildWhere(columns, options.where as Record<string, unknown> | undefined, binder, name);
        const order = buildOrder(columns, options.orderBy, binder.shape, name);
        if (prepared.size >= MAX_SHAPES) prepared.clear();
        run = driver.prepareSelect(table!, columns, condition, order, limit, offset);
        prepared.set(key, run);
      }
      return run(probe.values);
    }
    const binder = directBinder();
    const condition = buildWhere(columns, options.where as Record<string, unknown> | undefined, binder, name);
    const order = buildOrder(columns, options.orderBy, binder.shape, name);
    return driver.read((db) => {
      let query = db.select().from(table!).where(condition);
      if (order.length > 0) query = query.orderBy(...order);
      if (limit !== undefined) query = query.limit(limit);
      if (offset !== undefined) query = query.offset(offset);
      return query;
    });
  }

  // Related rows in one query per relation (`IN` over the distinct keys, in chunks under the parameter limit).
  async function attach(rows: Row[], wanted: Readonly<Record<string, true | undefined>> | undefined): Promise<Row[]> {
    if (wanted === undefined) return rows;
    for (const [relationName, on] of Object.entries(wanted)) {
      if (on !== true) continue;
      const relation = relations[relationName];
      if (relation === undefined) {
        throw new QueryError(`${name} has no relation ${JSON.stringify(relationName)}`, {
          code: 'QUERY_UNKNOWN_RELATION',
          subject: `${name}.${relationName}`,
          hint: Object.keys(relations).length === 0 ? `${name} has no foreign keys` : `use one of: ${Object.keys(relations).join(', ')}`,
        });
      }
      const keys = [...new Set(rows.map((r) => r[relation.column]).filter((v) => v !== null && v !== undefined))];
      const target = lookup(relation.table);
      const found = new Map<unknown, Row>();
      const size = Math.max(1, driver.maxParameters - 1);
      for (let i = 0; i < keys.length; i += size) {
        const part = keys.slice(i, i + size);
        for (const row of (await target.findMany({ where: { [relation.references]: { in: part } } as Where<TableName> })) as Row[]) found.set(row[relation.references], row);
      }
      for (const row of rows) row[relationName] = found.get(row[relation.column]) ?? null;
    }
    return rows;
  }

  const returningCount = { one: sql`1` };
  const accessor: TableAccessor<T> = {
    async insert(row) {
      const [stored] = await driver.db.insert(table).values(row as Row).returning();
      return stored as SelectRow<T>;
    },
    async insertMany(rows) {
      if (rows.length === 0) return [];
      return driver.transaction(async (tx) => {
        const out: Row[] = [];
        for (const batch of batches(rows as readonly Row[], driver.maxParameters)) out.push(...(await tx.db.insert(table).values(batch).returning()));
        return out as SelectRow<T>[];
      });
    },
    async insertBulk(rows) {
      if (rows.length === 0) return 0;
      const statements = bulkInsertStatements(table, columns, rows as readonly Row[], driver.maxParameters, driver.placeholder);
      if (driver.runBatch !== undefined) await driver.runBatch(statements);
      else {
        // Inside a transaction: batches through Drizzle's builder on the transaction.
        for (const batch of batches(rows as readonly Row[], driver.maxParameters)) await driver.db.insert(table).values(batch);
      }
      return rows.length;
    },
    sqlFor(options = {}, first = false) {
      const binder = directBinder();
      const condition = buildWhere(columns, options.where as Record<string, unknown> | undefined, binder, name);
      const order = buildOrder(columns, options.orderBy, binder.shape, name);
      return driver.selectSql(table, condition, order, first ? 1 : checkCount('limit', options.limit, name), checkCount('offset', options.offset, name));
    },
    findMany(options = {}) {
      const rows = select(options as LooseFind);
      // Without relations, no further step: a hot lookup is one prepared statement and one row mapping.
      return (options.with === undefined ? rows : rows.then((r) => attach(r, options.with as Record<string, true>))) as never;
    },
    findFirst(options = {}) {
      const rows = select(options as LooseFind, 1);
      return (options.with === undefined ? rows : rows.then((r) => attach(r, options.with as Record<string, true>))).then((r) => r[0]) as never;
    },
    async count(options = {}) {
      const condition = where(options.where);
      const rows = await driver.read((db) => db.select({ n: count() }).from(table).where(condition));
      return Number(rows[0]?.n ?? 0);
    },
    async update(options) {
      return (await driver.db.update(table).set(nonEmptySet(options.set, name)).where(where(options.where)).returning(returningCount)).length;
    },
    async updateReturning(options) {
      return (await driver.db.update(table).set(nonEmptySet(options.set, name)).where(where(options.where)).returning()) as SelectRow<T>[];
    },
    async delete(options) {
      return (await driver.db.delete(table).where(where(options.where)).returning(returningCount)).length;
    },
    async deleteReturning(options) {
      return (await driver.db.delete(table).where(where(options.where)).returning()) as SelectRow<T>[];
    },
    async upsert(options: UpsertOptions<T>) {
      const target = options.target as readonly string[];
      const keys = UNIQUE_KEYS[name] as readonly (readonly string[])[];
      if (!keys.some((k) => k.length === target.length && k.every((c, i) => c === target[i]))) {
        throw new QueryError(`${name}: [${target.join(', ')}] is not a unique key`, {
          code: 'QUERY_INVALID_UPSERT',
          subject: `${name}.${target.join(',')}`,
          hint: `use one of: ${keys.map((k) => `[${k.join(', ')}]`).join(', ')}`,
        });
      }
      const values = options.values as Row;
      const set: Row = options.set === undefined ? Object.fromEntries(Object.entries(values).filter(([k]) => !target.includes(k))) : (options.set as Row);
      // Nothing else to change: set the key to itself, so the existing row is still returned.
      if (Object.keys(set).length === 0) set[target[0]!] = values[target[0]!];
      const [stored] = await driver.db
        .insert(table)
        .values(values)
        .onConflictDoUpdate({ target: target.map((k) => columns[k]), set })
        .returning();
      return stored as SelectRow<T>;
    },
  };
  return accessor;
}

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

function nonEmptySet(set: Readonly<Record<string, unknown>>, table: string): Row {
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw new QueryError(`${table}: update with nothing to set`, { code: 'QUERY_INVALID_FILTER', subject: `${table}.set`, hint: 'give at least one column in set' });
  return Object.fromEntries(entries);
}

export type { InsertRow };
