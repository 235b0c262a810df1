import type { Column, SQL, Table } from 'drizzle-orm';
import type { LooseDb, Row } from './loose-db.js';

/** A SELECT compiled once for a query shape; runs with values already in the driver's form. */
export type PreparedSelect = (values: Record<string, unknown>) => Promise<Row[]>;

/** What differs between the dialects under the accessors: preparing a SELECT, and the parameter limit. */
export interface AccessorDriver {
  readonly dialect: 'postgresql' | 'sqlite';
  readonly db: LooseDb;
  readonly tables: Readonly<Record<string, Table>>;
  /** Most bind parameters one statement may have. */
  readonly maxParameters: number;
  /**
   * Prepares `SELECT * FROM table WHERE where ORDER BY order LIMIT limit OFFSET offset` whose values are
   * placeholders; undefined in a transaction (queries there are built and run directly).
   */
  readonly prepareSelect:
    | ((table: Table, columns: Readonly<Record<string, Column>>, where: SQL | undefined, order: readonly SQL[], limit: number | undefined, offset: number | undefined) => PreparedSelect)
    | undefined;
  /** Runs `fn` in a transaction with a driver bound to it; rolls back when `fn` throws. */
  transaction<R>(fn: (driver: AccessorDriver) => Promise<R>): Promise<R>;
}
