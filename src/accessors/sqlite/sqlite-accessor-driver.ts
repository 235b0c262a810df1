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
import { sqliteTextMatch } from '../text-match.js';
import { sqliteJsonReads } from '../json-reads.js';
import { nativeSelect, type NativeConnection } from '../../db/sqlite/native-reads.js';
import type { WriteQueue } from '../../db/sqlite/write-queue.js';

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
      const statement = nativeSelect(native, compiled.sql, shapeColumnNames(shape));
      // LIMIT 1 (findFirst, a relation read by key): one native get() (native-reads.ts says why).
      return preparedRunner(compiled, map, limit === 1 ? (args) => statement.first(args) : (args) => statement.all(args));
    }
    // The client's rows are indexed by position too (and keyed by name, which a join would make ambiguous).
    return preparedRunner(compiled, map, async (args) => (await client.execute({ sql: compiled.sql, args: args as InArgs })).rows);
  };
}

/** A compiled SELECT of any form, prepared once: on the native connection of a local file, else through the client. */
function prepareRaw(client: Client, native: (() => NativeConnection) | undefined): NonNullable<AccessorDriver['prepareRaw']> {
  return (compiled, map) => {
    if (native !== undefined) {
      const statement = nativeSelect(native, compiled.sql, undefined);
      return preparedRunner(compiled, map, (args) => statement.all(args));
    }
    return preparedRunner(compiled, map, async (args) => (await client.execute({ sql: compiled.sql, args: args as InArgs })).rows);
  };
}

/** The accessors' driver for SQLite (libSQL). Inside a transaction queries are built and run directly. */
export function sqliteAccessorDriver(db: LibSQLDatabase, client: Client | undefined, tables: Readonly<Record<string, Table>>, native?: () => NativeConnection, queue?: WriteQueue): AccessorDriver {
  // queue: this process's write transactions one at a time (write-queue.ts); none inside a transaction, which
  // already holds the lock (a nested one is a savepoint).
  const exclusive: WriteQueue = queue ?? ((fn) => fn());
  // client: the libSQL client itself, for prepared lookups and bulk inserts; undefined inside a transaction.
  // native: the read-only native connection of a local file, for the prepared lookups.
  const loose = db as unknown as LooseDb;
  return {
    dialect: 'sqlite',
    db: loose,
    tables,
    decimalFilter: keyOfParts,
    textMatch: sqliteTextMatch,
    json: sqliteJsonReads,
    distinctOn: 'not-exists',
    maxParameters: MAX_BIND_PARAMETERS.sqlite,
    prepareSelect: client === undefined ? undefined : prepareSelect(loose, client, native),
    prepareRaw: client === undefined ? undefined : prepareRaw(client, native),
    selectSql: (shape, where, order, limit, offset) => selectQuery(loose, shape, where, order, limit, offset).toSQL(),
    alias: (table, name) => alias(table as SQLiteTable, name),
    // libSQL's ResultSet: sqlite3_changes() of the statement.
    affectedRows: (result) => (result as ResultSet).rowsAffected,
    placeholder: () => '?',
    // The transaction is BEGIN IMMEDIATE (@libsql/client's 'write'): no other writer until it ends.
    lockRows: (query) => query,
    read: async (fn) => fn(loose),
    copyRows: undefined,
    runBatch:
      client === undefined
        ? undefined
        : (statements, returning) => exclusive(async () => {
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
          }),
    transaction: (fn) => exclusive(() => loose.transaction((tx) => fn(sqliteAccessorDriver(tx as unknown as LibSQLDatabase, undefined, tables)))),
  };
}
