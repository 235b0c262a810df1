import type { CtsAccessors } from '../../generated/accessors.js';
import { TABLE_KEYS, TABLE_NAMES, type TableName } from '../../generated/tables.js';
import { openAppDatabase, type AppDatabase } from '../app-database.js';
import { accessorDriverOf } from '../app-dialect/dialect-kit.js';
import type { DbConfig } from '../config/index.js';
import type { AccessorDriver } from './accessor-driver.js';
import { mapTransactionFailure } from './failure-boundary.js';
import type { TableAccessor } from './query-types.js';
import { createTableAccessor } from './table-accessor.js';
import { runTransaction, type TransactionOptions } from './transaction-retry.js';

export type { TransactionOptions } from './transaction-retry.js';

/**
 * The CTS tables as typed accessors, written once for both dialects: `db.users.insert(...)`,
 * `db.pseudoPositions.findMany({ where, with: { connection: true } })`, `db.transaction(async (tx) => ...)`.
 */
export interface CtsDatabase extends CtsAccessors {
  readonly dialect: AppDatabase['dialect'];
  readonly prefix: string;
  /**
   * Runs `fn` in one transaction with the same accessors; commits when it returns, rolls back when it throws.
   * Database failures reach the caller as coded QueryErrors, a failure at COMMIT too. With `{ retries: n }` a
   * QUERY_RETRYABLE failure (serialization failure, deadlock, SQLite busy) runs `fn` again, at most n times,
   * after a growing, jittered wait; then the last failure is thrown.
   */
  transaction<R>(fn: (tx: CtsAccessors) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /**
   * The dialect's own Drizzle instance, tables and client, for what the accessors do not cover (joins,
   * aggregates, window functions, EXPLAIN): narrow on `app.dialect` there.
   */
  readonly app: AppDatabase;
  close(): Promise<void>;
}

function accessorsOf(driver: AccessorDriver): CtsAccessors {
  const byName = new Map<TableName, TableAccessor<TableName>>();
  const lookup = (name: TableName): TableAccessor<TableName> => {
    let accessor = byName.get(name);
    if (accessor === undefined) {
      accessor = createTableAccessor(driver, name, lookup) as unknown as TableAccessor<TableName>;
      byName.set(name, accessor);
    }
    return accessor;
  };
  const accessors: Record<string, TableAccessor<TableName>> = {};
  for (const name of TABLE_NAMES) {
    // Built on first use: most code touches a few of the 31 tables.
    Object.defineProperty(accessors, TABLE_KEYS[name], { enumerable: true, get: () => lookup(name) });
  }
  return accessors as unknown as CtsAccessors;
}

/** The typed accessors over an open database (its connection stays the caller's to close). */
export function ctsDatabase(app: AppDatabase): CtsDatabase {
  // The one place the dialect is chosen (by its kit, loaded when the database was opened): everything above the
  // driver is the same code for both.
  const driver = accessorDriverOf(app);
  return Object.assign(accessorsOf(driver), {
    dialect: app.dialect,
    prefix: app.prefix,
    app,
    close: () => app.close(),
    transaction: <R>(fn: (tx: CtsAccessors) => Promise<R>, options?: TransactionOptions) =>
      runTransaction(
        () => driver.transaction((tx) => fn(accessorsOf(tx))),
        (error) => mapTransactionFailure(error, { dialect: app.dialect, prefix: app.prefix }),
        options,
      ),
  }) as CtsDatabase;
}

/**
 * Opens the configured database as typed accessors.
 *
 * @example
 * const db = await openCtsDatabase(resolveConfig());
 * const user = await db.users.insert({ username: 'alice', passwordHash: hash });
 * const open = await db.pseudoPositions.findMany({ where: { status: 'active' }, with: { connection: true } });
 * await db.close();
 */
export async function openCtsDatabase(config: DbConfig): Promise<CtsDatabase> {
  return ctsDatabase(await openAppDatabase(config));
}
