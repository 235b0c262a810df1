import type { LedgerEntry, LedgerRow, NewLedgerRow } from './ledger.js';
import type { MigrationDialect } from './migration-files.js';

/**
 * What one round trip tells about an instance: its ledger entries (undefined when it has no ledger) and which
 * tables exist. The full rows (applied at, by, how long) come from `readLedger`.
 */
export interface QuickState {
  readonly ledger: readonly LedgerEntry[] | undefined;
  readonly presentTables: readonly string[];
}

/** A session holding a lock a migration statement waits for. */
export interface LockHolder {
  readonly pid: number;
  readonly relation: string;
  readonly mode: string;
  readonly state: string | null;
  readonly query: string | null;
  /** Since when its transaction has been open. */
  readonly xactStart: Date | null;
}

export interface MigrationTx {
  execute(statement: string): Promise<void>;
  readLedger(): Promise<LedgerRow[]>;
  insertLedger(row: NewLedgerRow): Promise<void>;
  deleteLedger(tag: string): Promise<void>;
  /** A read inside the transaction (e.g. whether a table about to be dropped holds rows). */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * PostgreSQL: a connection of its own on which each statement commits by itself, for the statements of a
 * `-- cts:transaction none` migration (CREATE INDEX CONCURRENTLY refuses to run in a transaction).
 */
export interface AutocommitSession {
  /** One statement, outside any transaction. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** `fn` in a transaction of its own with the DDL lock_timeout (a statement that can run in one, and its progress). */
  inTransaction<T>(fn: (query: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The dialect-specific part of the runner, on ONE client connection. Nothing relies on the server session
 * lasting beyond a transaction (a transaction-mode pooler may hand each transaction another one): the lock
 * and the settings live inside each transaction.
 */
export interface MigrationDriver {
  readonly dialect: MigrationDialect;
  /** host:port/database or the SQLite path, for messages. */
  readonly target: string;
  /** One round trip: the ledger and which of `tables` exist. */
  quickState(tables: readonly string[]): Promise<QuickState>;
  ensureLedger(): Promise<void>;
  /** A read-only query on the runner's connection (catalog inspection). */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  readLedger(): Promise<LedgerRow[]>;
  /**
   * Runs `fn` in one transaction that holds the prefix's migration lock: on PostgreSQL a transaction-scoped
   * advisory lock taken first (waiting up to the lock timeout), released by COMMIT or ROLLBACK, so it holds
   * through a transaction-mode pooler and can never outlive the transaction; every statement after it runs
   * with the DDL lock_timeout. On SQLite BEGIN IMMEDIATE, with foreign keys off and `foreign_key_check`
   * before commit. Whatever `fn` decides from must be read inside it: between two transactions another run
   * may have moved on.
   */
  transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T>;
  /** PostgreSQL: the other sessions holding a lock on `table` (or, without one, on any table of the prefix). */
  lockHolders(table: string | undefined): Promise<LockHolder[]>;
  /** PostgreSQL: the server process of this connection, called inside `transaction` (the lock holder). */
  holderPid?(): Promise<number>;
  /** PostgreSQL: an SQL condition, true while the process whose pid is the expression `pidParameter` holds the prefix's lock. */
  lockHeldBySql?(pidParameter: string): string;
  /** PostgreSQL: opens a second connection for statements outside any transaction. */
  openAutocommit?(): AutocommitSession;
  close(): Promise<void>;
}
