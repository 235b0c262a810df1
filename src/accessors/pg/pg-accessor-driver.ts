import { getTableName, type SQL, type Table } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { RowList, Sql, TransactionSql } from 'postgres';
import { MAX_BIND_PARAMETERS } from '../../queries/batch-size.js';
import type { AccessorDriver, PreparedSelect } from '../accessor-driver.js';
import type { LooseDb, SelectQuery } from '../loose-db.js';
import { positionalMapper, shapeQuery, type SelectShape } from '../select-shape.js';
import { plainDecimal } from '../check-value.js';
import { preparedRunner } from '../prepared-runner.js';
import { pgTextMatch } from '../text-match.js';
import { pgJsonReads } from '../json-reads.js';
import type { ReplicaSet } from '../../db/postgres/replica-set.js';

/**
 * A prepared SELECT on postgres.js: Drizzle's SQL and column mappings, sent straight through postgres.js as a
 * named prepared statement (Drizzle's prepared-query wrapper, with its tracing spans and generic row mapping,
 * was a tenth of a hot lookup). LIMIT and OFFSET are constants in the text: as parameters, PostgreSQL re-plans
 * the statement on every execution (its generic plan is costed for an unknown limit).
 */
function selectSql(db: LooseDb, shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): { sql: string; params: unknown[] } {
  const compiled = shapeQuery(db, shape, where, order).toSQL();
  // Drizzle compiled the whole statement; the clauses go at its end, as whole numbers checked by the accessor.
  return { sql: `${compiled.sql}${limit === undefined ? '' : ` limit ${limit}`}${offset === undefined ? '' : ` offset ${offset}`}`, params: compiled.params };
}

function prepareSelect(db: LooseDb, client: Sql, replicas: ReplicaSet | undefined): NonNullable<AccessorDriver['prepareSelect']> {
  return (shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): PreparedSelect => {
    const compiled = selectSql(db, shape, where, order, limit, offset);
    // Rows as arrays (postgres.js `values()`): no keyed object per row to build and drop, and a join's columns of
    // the same name stay apart.
    const run = (target: Sql, args: unknown[]) => target.unsafe(compiled.sql, args as never[], { prepare: target.options.prepare }).values();
    // Without replicas the hot path is unchanged: one call on the primary's client.
    return preparedRunner(compiled, positionalMapper(shape), (args) => (replicas === undefined ? run(client, args) : replicas.read((target) => run(target.sql, args))));
  };
}

/** A compiled SELECT of any form, prepared once as a named statement (on a replica when there are any). */
function prepareRaw(client: Sql, replicas: ReplicaSet | undefined): NonNullable<AccessorDriver['prepareRaw']> {
  return (compiled, map) => {
    const run = (target: Sql, args: unknown[]) => target.unsafe(compiled.sql, args as never[], { prepare: target.options.prepare }).values();
    return preparedRunner(compiled, map, (args) => (replicas === undefined ? run(client, args) : replicas.read((target) => run(target.sql, args))));
  };
}

/**
 * The postgres.js connection of a Drizzle transaction, for COPY. Drizzle keeps it on the transaction's session
 * (`tx.session.client`, marked internal in its types); the test of COPY inside a transaction guards the field.
 */
function transactionClient(tx: unknown): TransactionSql {
  const client = (tx as { session?: { client?: TransactionSql } }).session?.client;
  if (typeof client?.unsafe !== 'function') throw new TypeError('drizzle-orm no longer keeps the postgres.js transaction at tx.session.client: insertBulk cannot COPY inside a transaction');
  return client;
}

/** The accessors' driver for PostgreSQL (postgres.js). Inside a transaction queries are built and run directly. */
export function pgAccessorDriver(
  db: PostgresJsDatabase,
  client: Sql | undefined,
  tables: Readonly<Record<string, Table>>,
  replicas: ReplicaSet | undefined,
  options: { readonly copy: boolean; readonly txClient?: TransactionSql },
): AccessorDriver {
  const { copy, txClient } = options;
  // client: postgres.js itself, for prepared lookups and bulk inserts; undefined inside a transaction, where
  // txClient is the transaction's connection. Its `prepare` option (DB_PREPARE) decides whether statements
  // are named ones the server keeps.
  const loose = db as unknown as LooseDb;
  return {
    dialect: 'postgresql',
    db: loose,
    tables,
    decimalFilter: plainDecimal,
    textMatch: pgTextMatch,
    json: pgJsonReads,
    distinctOn: 'distinct-on',
    maxParameters: MAX_BIND_PARAMETERS.postgresql,
    prepareSelect: client === undefined ? undefined : prepareSelect(loose, client, replicas),
    prepareRaw: client === undefined ? undefined : prepareRaw(client, replicas),
    // Reads outside a transaction may go to a replica; inside one (client undefined) they stay on it.
    read: async (fn) => (client === undefined || replicas === undefined ? fn(loose) : replicas.read((target) => fn(target.db as unknown as LooseDb))),
    selectSql: (shape, where, order, limit, offset) => selectSql(loose, shape, where, order, limit, offset),
    alias: (table, name) => alias(table as PgTable, name),
    // postgres.js's result: the count of the command tag (UPDATE n, DELETE n, INSERT 0 n).
    affectedRows: (result) => (result as RowList<never[]>).count,
    placeholder: (n) => `$${n}`,
    // PostgreSQL's select builder has .for(); the structural view leaves it out, being the one dialect's.
    lockRows: (query, table, lock) =>
      (query as SelectQuery & { for(strength: 'update' | 'share', config: { of: Table; skipLocked?: true; noWait?: true }): SelectQuery }).for(lock.strength, {
        of: table,
        ...(lock.skipLocked === true ? { skipLocked: true as const } : {}),
        ...(lock.noWait === true ? { noWait: true as const } : {}),
      }),
    runBatch:
      client === undefined
        ? undefined
        : async (statements, returning) => {
            let count = 0;
            const rows: ArrayLike<unknown>[] = [];
            await client.begin(async (tx) => {
              for (const s of statements) {
                const result = await tx.unsafe(s.text, s.params as never[], { prepare: client.options.prepare }).values();
                count += result.count;
                if (returning) for (const r of result) rows.push(r);
              }
            });
            return { count, rows };
          },
    copyRows: !copy ? undefined : async (table, columns, runs) => {
      // Loaded on the first bulk insert: the query path does not carry it.
      const { copyRuns } = await import('./pg-copy.js');
      const name = getTableName(table);
      if (txClient !== undefined) return copyRuns(txClient, name, columns, runs);
      // All or nothing: the runs (one COPY each) share one transaction.
      return (client as Sql).begin((tx) => copyRuns(tx, name, columns, runs));
    },
    transaction: (fn) => loose.transaction((tx) => fn(pgAccessorDriver(tx as unknown as PostgresJsDatabase, undefined, tables, undefined, { copy, ...(copy ? { txClient: transactionClient(tx) } : {}) }))),
  };
}
