import type { TableName } from '../../../generated/tables.js';

/** A row or a `set` by TypeScript column key, as the caller passed it. */
export type WrittenRow = Readonly<Record<string, unknown>>;

/**
 * What the failed statement was asked to do, by column key: an insert's rows (an upsert's values, and values
 * with its set), an update's `set` and `where`, a delete's `where`. SQLite names no foreign key and no duplicate
 * value, so these are what tell them; on PostgreSQL they give the duplicate in the caller's own types.
 */
export interface StatementInput {
  readonly kind: 'insert' | 'update' | 'delete';
  readonly rows: readonly WrittenRow[];
  readonly where?: WrittenRow;
}

/**
 * Reads rows of a table by an accessor filter (`{ id: { in: [...] } }`, `{ OR: [...] }`), on the same connection
 * or transaction as the failed statement: how a SQLite failure is narrowed down to one key or one row.
 */
export type RowFinder = (table: TableName, where: WrittenRow, limit: number) => Promise<readonly WrittenRow[]>;

/** Where a failure happened: the statement's dialect, table (base name) and prefix, and optionally its input. */
export interface FailureContext {
  readonly dialect: 'postgresql' | 'sqlite';
  readonly table: TableName;
  readonly prefix: string;
  readonly statement?: StatementInput;
  /** SQLite only, and only used when the statement and the error leave more than one answer. */
  readonly find?: RowFinder;
}
