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

export interface MigrationTx {
  execute(statement: string): Promise<void>;
  readLedger(): Promise<LedgerRow[]>;
  insertLedger(row: NewLedgerRow): Promise<void>;
  deleteLedger(tag: string): Promise<void>;
  /** A read inside the transaction (e.g. whether a table about to be dropped holds rows). */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The dialect-specific part of the runner. Everything runs on ONE dedicated connection, so the lock, the
 * transactions and the session settings (SQLite's foreign_keys) all apply to the same session.
 */
export interface MigrationDriver {
  readonly dialect: MigrationDialect;
  /** host:port/database or the SQLite path, for messages. */
  readonly target: string;
  /** One round trip: the ledger and which of `tables` exist. */
  quickState(tables: readonly string[]): Promise<QuickState>;
  /** PostgreSQL: holds the prefix's advisory lock around `fn`. SQLite: each transaction locks (BEGIN IMMEDIATE). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  ensureLedger(): Promise<void>;
  /** A read-only query on the runner's connection (catalog inspection). */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  readLedger(): Promise<LedgerRow[]>;
  /** Runs `fn` in one transaction; on SQLite with foreign keys off and `foreign_key_check` before commit. */
  transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
