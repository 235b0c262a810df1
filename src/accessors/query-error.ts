import { CtsDbError } from '../errors/cts-db-error.js';

export type QueryErrorCode = 'QUERY_UNKNOWN_COLUMN' | 'QUERY_INVALID_FILTER' | 'QUERY_UNKNOWN_RELATION' | 'QUERY_INVALID_UPSERT';

/** A query the accessors refuse before sending it (the types prevent most of these in TypeScript). */
export class QueryError extends CtsDbError {
  declare readonly code: QueryErrorCode;
}
