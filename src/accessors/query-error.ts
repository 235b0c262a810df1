import { CtsDbError, type CtsDbErrorDetails } from '../errors/cts-db-error.js';

/**
 * Refusals before any SQL is built (the input is wrong), and failures the database reported, coded the same on
 * both engines (a constraint was violated, or the transaction may succeed when retried).
 */
export type QueryErrorCode =
  // Input checks: nothing was sent.
  | 'QUERY_UNKNOWN_COLUMN'
  | 'QUERY_UNKNOWN_OPTION'
  | 'QUERY_UNKNOWN_OPERATOR'
  | 'QUERY_UNKNOWN_RELATION'
  | 'QUERY_UNDEFINED_VALUE'
  | 'QUERY_INVALID_VALUE'
  | 'QUERY_INVALID_FILTER'
  | 'QUERY_INVALID_ORDER'
  | 'QUERY_INVALID_SET'
  | 'QUERY_INVALID_UPSERT'
  | 'QUERY_INVALID_CURSOR'
  | 'QUERY_INVALID_LOCK'
  | 'QUERY_INVALID_SELECT'
  | 'QUERY_INVALID_AGGREGATE'
  | 'QUERY_EMPTY_WHERE'
  | 'QUERY_TOO_MANY_VALUES'
  // The database refused the statement.
  | 'QUERY_UNIQUE_VIOLATION'
  | 'QUERY_FOREIGN_KEY_VIOLATION'
  | 'QUERY_NOT_NULL_VIOLATION'
  | 'QUERY_CHECK_VIOLATION'
  | 'QUERY_RETRYABLE';

export interface QueryErrorDetails extends CtsDbErrorDetails {
  readonly code: QueryErrorCode;
  /** Where in the call the offending input is: `users.where.id`, `pseudoPositions.orderBy[1].symbol`. */
  readonly path?: string;
  /** The table (base name, without the prefix) the statement touched. */
  readonly table?: string;
  /** The violated constraint's base name (without the prefix), when the engine names it or it can be derived. */
  readonly constraint?: string;
  /** The columns (TypeScript keys) of the violated constraint. */
  readonly columns?: readonly string[];
  /** For a unique violation: the conflicting values by column key (never a secret column's value). */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** A query the accessors refuse before sending it, or a failure the database reported, with a stable code. */
export class QueryError extends CtsDbError {
  declare readonly code: QueryErrorCode;
  readonly path: string | undefined;
  readonly table: string | undefined;
  readonly constraint: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly values: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, details: QueryErrorDetails) {
    super(message, details);
    this.path = details.path;
    this.table = details.table;
    this.constraint = details.constraint;
    this.columns = details.columns;
    this.values = details.values;
  }
}
