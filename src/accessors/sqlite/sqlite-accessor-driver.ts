import { sql, type SQL, type Table } from 'drizzle-orm';
import { alias, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { MAX_BIND_PARAMETERS } from '../../queries/batch-size.js';
import type { AccessorDriver, PreparedSelect } from '../accessor-driver.js';
import type { Client, InArgs, ResultSet } from '@libsql/client';
import type { LooseDb, SelectQuery } from '../loose-db.js';
import { positionalMapper, shapeColumnNames, shapeQuery, type SelectShape } from '../select-shape.js';
import { keyOfParts } from '../../schema-kit/decimal-key.js';
import { preparedRunner } from '../prepared-runner.js';
import { nativeSelect, type NativeConnection } from '../../db/sqlite/native-reads.js';
import type Database from 'libsql';

/** The SELECT for a query shape; LIMIT and OFFSET as constants. */
function selectQuery(db: LooseDb, shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): SelectQuery {
  let query = shapeQuery(db, shape, where, order);
  // Constants, as on PostgreSQL (whole numbers checked by the accessor): one statement text per query shape.
  // SQLite takes OFFSET only after a LIMIT; -1 is its "no limit".
  if (limit !== undefined || offset !== undefined) query = query.limit(sql.raw(String(limit ?? -1)));
  if (offset !== undefined) query = query.offset(sql.raw(String(offset)));
  return query;
}

/**
 * A SELECT compiled once per query shape. On a local file it runs on libSQL's native connection, prepared once
 * and read as arrays (native-reads.ts); otherwise straight through the libSQL client. Either way with the
 * columns' own mappings: Drizzle's prepared-query wrapper (tracing spans, generic row mapping) was a tenth of a
 * hot lookup, as on PostgreSQL.
 */
function prepareSelect(db: LooseDb, client: Client, native: (() => NativeConnection) | undefined): NonNullable<AccessorDriver['prepareSelect']> {
  return (shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): PreparedSelect => {
    const compiled = selectQuery(db, shape, where, order, limit, offset).toSQL();
    const map = positionalMapper(shape);
    if (native !== undefined) {
      const names = shapeColumnNames(shape);
      // LIMIT 1 (findFirst, a relation read by key): libSQL's get(), one native call; all() goes through an
      // iterator and a batch of 100 rows per call, and costs more the longer the statement's text is (a relation
      // read's column list: 1.2x the same statement read with get()).
      if (limit === 1) {
        const statement = nativeFirst(native, compiled.sql, names);
        return preparedRunner(compiled, map, (args) => statement.rows(args));
      }
      const statement = nativeSelect(native, compiled.sql, names);
      return preparedRunner(compiled, map, (args) => statement.all(args));
    }
    // The client's rows are indexed by position too (and keyed by name, which a join would make ambiguous).
    return preparedRunner(compiled, map, async (args) => (await client.execute({ sql: compiled.sql, args: args as InArgs })).rows);
  };
}

/**
 * A one-row statement on the native connection, read with get(): prepared on first use and again on another
 * connection, its columns checked against the shape's once, values bound and read as nativeSelect does
 * (native-reads.ts, whose conversions these mirror: test/accessors/single-row-reads.test.ts compares the two).
 */
function nativeFirst(connection: () => NativeConnection, sql: string, columnNames: readonly string[]): { rows(args: readonly unknown[]): unknown[][] } {
  let statement: Database.Statement<unknown[]> | undefined;
  let preparedOn: NativeConnection | undefined;
  return {
    rows(args) {
      // Asked every time: a closed database refuses (libSQL would still run a kept statement after close()).
      const db = connection();
      if (statement === undefined || preparedOn !== db) {
        const s = db.prepare(sql).raw(true).safeIntegers(true);
        const names = s.columns().map((c) => c.name);
        if (names.length !== columnNames.length || names.some((n, i) => n !== columnNames[i])) {
          throw new Error(`the prepared statement's columns (${names.join(', ')}) are not the table's (${columnNames.join(', ')}): ${sql}`);
        }
        statement = s;
        preparedOn = db;
      }
      const bound = new Array<unknown>(args.length);
      for (let i = 0; i < args.length; i++) bound[i] = toSqlite(args[i]);
      let row: unknown[] | undefined;
      try {
        row = statement.get(bound) as unknown[] | undefined;
      } catch (error) {
        // libSQL's get() does not reset a statement whose step failed: the next get() would then bind nothing
        // (SQLITE_MISUSE, ignored) and run with this call's values, answering another key's row. Prepared anew.
        statement = undefined;
        throw error;
      }
      if (row === undefined) return [];
      for (let i = 0; i < row.length; i++) row[i] = fromSqlite(row[i]);
      return [row];
    },
  };
}

const MIN_INT64 = -9223372036854775808n;
const MAX_INT64 = 9223372036854775807n;

/** A bound value as native-reads.ts binds it (@libsql/client's valueToSql with intMode "number"). */
function toSqlite(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_INT64) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
      return value;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

/** A read value as native-reads.ts returns it (intMode "number"): an integer past 2^53 is an error, never rounded. */
function fromSqlite(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < -9007199254740991n || value > 9007199254740991n) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/** The accessors' driver for SQLite (libSQL). Inside a transaction queries are built and run directly. */
export function sqliteAccessorDriver(db: LibSQLDatabase, client: Client | undefined, tables: Readonly<Record<string, Table>>, native?: () => NativeConnection): AccessorDriver {
  // client: the libSQL client itself, for prepared lookups and bulk inserts; undefined inside a transaction.
  // native: the read-only native connection of a local file, for the prepared lookups.
  const loose = db as unknown as LooseDb;
  return {
    dialect: 'sqlite',
    db: loose,
    tables,
    decimalFilter: keyOfParts,
    maxParameters: MAX_BIND_PARAMETERS.sqlite,
    prepareSelect: client === undefined ? undefined : prepareSelect(loose, client, native),
    selectSql: (shape, where, order, limit, offset) => selectQuery(loose, shape, where, order, limit, offset).toSQL(),
    alias: (table, name) => alias(table as SQLiteTable, name),
    // libSQL's ResultSet: sqlite3_changes() of the statement.
    affectedRows: (result) => (result as ResultSet).rowsAffected,
    placeholder: () => '?',
    read: async (fn) => fn(loose),
    runBatch:
      client === undefined
        ? undefined
        : async (statements, returning) => {
            const tx = await client.transaction('write');
            let count = 0;
            const rows: ArrayLike<unknown>[] = [];
            try {
              for (const s of statements) {
                const result = await tx.execute({ sql: s.text, args: s.params as never[] });
                // @libsql/client reports 0 rows affected for a statement that returns rows: then they are the count.
                count += returning ? result.rows.length : result.rowsAffected;
                // The client's rows are indexed by position.
                if (returning) for (const r of result.rows) rows.push(r);
              }
              await tx.commit();
            } finally {
              tx.close();
            }
            return { count, rows };
          },
    transaction: (fn) => loose.transaction((tx) => fn(sqliteAccessorDriver(tx as unknown as LibSQLDatabase, undefined, tables))),
  };
}
