import type { Column, SQL, Table } from 'drizzle-orm';
import type { DecimalFilterEncoder } from './check-value.js';
import type { TextMatch } from './text-match.js';
import type { JsonReads } from './json-reads.js';
import type { LooseDb, Row, SelectQuery } from './loose-db.js';
import type { SelectShape } from './select-shape.js';
import type { ShapeRun } from './bulk-insert.js';

/** A statement assembled outside Drizzle's builder (bulk inserts), with values in the driver's form. */
export interface RawStatement {
  readonly text: string;
  readonly params: unknown[];
}

/** What a batch of raw statements did: rows changed, and the rows returned (each an array of the columns). */
export interface BatchResult {
  readonly count: number;
  readonly rows: readonly ArrayLike<unknown>[];
}

/**
 * A SELECT compiled once for a query shape; runs with values already in the driver's form, in the order the
 * filter bound them (placeholder `pn` is values[n]). Synchronous where
 * the driver is (libSQL's native statements), a promise otherwise; a failure is thrown or rejected as
 * DrizzleQueryError.
 */
export type PreparedSelect = (values: readonly unknown[]) => Row[] | Promise<Row[]>;

/** A row lock of a read inside a transaction: FOR UPDATE or FOR SHARE, and what to do about rows locked by others. */
export interface RowLock {
  readonly strength: 'update' | 'share';
  /** SKIP LOCKED: leave out rows another transaction holds (a job queue's claim). */
  readonly skipLocked?: boolean;
  /** NOWAIT: fail at once instead of waiting for a row another transaction holds. */
  readonly noWait?: boolean;
}

/** What differs between the dialects under the accessors: preparing a SELECT, and the parameter limit. */
export interface AccessorDriver {
  readonly dialect: 'postgresql' | 'sqlite';
  readonly db: LooseDb;
  readonly tables: Readonly<Record<string, Table>>;
  /** How an exact decimal in a filter is bound (SQLite: its order-preserving key; PostgreSQL: the text). */
  readonly decimalFilter: DecimalFilterEncoder;
  /** How startsWith / endsWith / contains test a text column (text-match.ts). */
  readonly textMatch: TextMatch;
  /** How related rows are read as JSON inside one statement (json-reads.ts). */
  readonly json: JsonReads;
  /**
   * How `distinctOn` keeps the first row of each group: PostgreSQL's DISTINCT ON, or (SQLite, which has none) a
   * NOT EXISTS of a row of the same group that comes first (distinct-on.ts).
   */
  readonly distinctOn: 'distinct-on' | 'not-exists';
  /** Most bind parameters one statement may have. */
  readonly maxParameters: number;
  /**
   * Prepares `SELECT <shape's columns> FROM table LEFT JOIN <each relation> WHERE where ORDER BY order LIMIT
   * limit OFFSET offset` whose values are placeholders; rows come back typed, relations attached. Undefined in
   * a transaction (queries there are built and run directly).
   */
  readonly prepareSelect: ((shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined) => PreparedSelect) | undefined;
  /**
   * Prepares a compiled SELECT of any form (aggregates, groups) whose values are placeholders, its rows read by
   * position through `map`; undefined in a transaction, as prepareSelect.
   */
  readonly prepareRaw: ((compiled: { readonly sql: string; readonly params: unknown[] }, map: (row: ArrayLike<unknown>) => Row) => PreparedSelect) | undefined;
  /** The SQL and values that prepareSelect's statement sends for a query (for EXPLAIN); values bound directly. */
  selectSql(shape: SelectShape, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined): { sql: string; params: unknown[] };
  /** The rows an UPDATE, DELETE or INSERT changed, from what the driver answered (no RETURNING needed). */
  affectedRows(result: unknown): number;
  /** The table under another name, for a join (Drizzle's alias() is per dialect). */
  alias(table: Table, name: string): Table;
  /** The marker of the n-th (1-based) parameter in a raw statement: `$n` or `?`. */
  placeholder(n: number): string;
  /**
   * Runs raw statements in one transaction, all or nothing (bulk inserts, upserts); undefined in a transaction.
   * Answers the rows they changed and, with `returning`, the rows they returned, by position.
   */
  readonly runBatch: ((statements: readonly RawStatement[], returning: boolean) => Promise<BatchResult>) | undefined;
  /**
   * PostgreSQL: inserts runs of rows with COPY FROM STDIN, in one transaction of its own or in the one this
   * driver is bound to; answers the rows written. Undefined where there is no COPY (SQLite).
   */
  readonly copyRows: ((table: Table, columns: Readonly<Record<string, Column>>, runs: readonly ShapeRun[]) => Promise<number>) | undefined;
  /**
   * The query with the rows of `table` locked until the transaction ends (PostgreSQL: FOR UPDATE / FOR SHARE OF
   * the table, so a LEFT JOIN's other side stays unlocked, as it must). SQLite: the query as it is; its write
   * transaction (BEGIN IMMEDIATE) already excludes every other writer of the file.
   */
  lockRows(query: SelectQuery, table: Table, lock: RowLock): SelectQuery;
  /** Runs a read built on `db`: on a read replica when there are any (outside a transaction), else on `db`. */
  read<T>(fn: (db: LooseDb) => PromiseLike<T>): Promise<T>;
  /** Runs `fn` in a transaction with a driver bound to it; rolls back when `fn` throws. */
  transaction<R>(fn: (driver: AccessorDriver) => Promise<R>): Promise<R>;
}
