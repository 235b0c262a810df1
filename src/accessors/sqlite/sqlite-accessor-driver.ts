import type { Column, SQL, Table } from 'drizzle-orm';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { MAX_BIND_PARAMETERS } from '../../queries/batch-size.js';
import type { AccessorDriver, PreparedSelect } from '../accessor-driver.js';
import type { LooseDb } from '../loose-db.js';

/** A prepared SELECT through Drizzle's libSQL driver: compiled once, executed with the mapped values. */
function prepareSelect(db: LooseDb): NonNullable<AccessorDriver['prepareSelect']> {
  return (table: Table, _columns: Readonly<Record<string, Column>>, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): PreparedSelect => {
    let query = db.select().from(table).where(where);
    if (order.length > 0) query = query.orderBy(...order);
    if (limit !== undefined) query = query.limit(limit);
    if (offset !== undefined) query = query.offset(offset);
    const statement = query.prepare();
    return (values) => statement.all(values);
  };
}

/** The accessors' driver for SQLite (libSQL). Inside a transaction queries are built and run directly. */
export function sqliteAccessorDriver(db: LibSQLDatabase, tables: Readonly<Record<string, Table>>, prepared = true): AccessorDriver {
  const loose = db as unknown as LooseDb;
  return {
    dialect: 'sqlite',
    db: loose,
    tables,
    maxParameters: MAX_BIND_PARAMETERS.sqlite,
    prepareSelect: prepared ? prepareSelect(loose) : undefined,
    transaction: (fn) => loose.transaction((tx) => fn(sqliteAccessorDriver(tx as unknown as LibSQLDatabase, tables, false))),
  };
}
