import { isCtsDbError } from '../errors/cts-db-error.js';
import type { FailureReader } from './failures/driver-failure.js';
import type { FailureContext } from './failures/failure-context.js';
import { queryErrorOf } from './failures/failure-messages.js';
import { probeFailure } from './failures/failure-probe.js';
import { resolveFailure } from './failures/resolve-failure.js';
import type { ResolveContext } from './failures/resolved-failure.js';
import { readPgFailure } from './pg/pg-failure.js';
import { readSqliteFailure } from './sqlite/sqlite-failure.js';

export type { FailureContext, RowFinder, StatementInput, WrittenRow } from './failures/failure-context.js';

// The one place the dialect is chosen: each reader knows its driver's error, everything after it is shared.
const READERS: Readonly<Record<FailureContext['dialect'], FailureReader>> = { postgresql: readPgFailure, sqlite: readSqliteFailure };

function map(error: unknown, dialect: FailureContext['dialect'], prefix: string, context: ResolveContext): unknown {
  // Our own errors (an accessor's refusal, an already mapped failure) pass unchanged: mapping is idempotent.
  if (isCtsDbError(error)) return error;
  const failure = READERS[dialect](error, prefix);
  return failure === undefined ? error : queryErrorOf(resolveFailure(failure, context), error);
}

/**
 * The driver's error of a failed statement as a coded QueryError, the same on both engines: QUERY_UNIQUE_VIOLATION
 * (with the table, constraint, columns and duplicate values), QUERY_FOREIGN_KEY_VIOLATION, QUERY_NOT_NULL_VIOLATION,
 * QUERY_CHECK_VIOLATION, or QUERY_RETRYABLE (serialization failure, deadlock, SQLite busy or locked). Anything else is
 * returned unchanged; the driver's error is always the cause. The error may be drizzle's DrizzleQueryError, the
 * driver's own, or either under further causes.
 *
 * Without the statement's input SQLite cannot say which of several foreign keys failed, nor the duplicate values;
 * `explainQueryFailure` also asks the database when the input leaves several answers.
 *
 * @example
 * try {
 *   await db.users.insert(row);
 * } catch (error) {
 *   throw queryFailure(error, { dialect: db.dialect, table: 'users', prefix: db.prefix, statement: { kind: 'insert', rows: [row] } });
 * }
 */
export function queryFailure(error: unknown, context: FailureContext): unknown {
  return map(error, context.dialect, context.prefix, { table: context.table, statement: context.statement });
}

/**
 * `queryFailure`, and on SQLite, when the error and the input leave several foreign keys or several inserted rows,
 * a few lookups through `context.find` on the same connection to tell which (see failure-probe.ts).
 */
export async function explainQueryFailure(error: unknown, context: FailureContext): Promise<unknown> {
  if (isCtsDbError(error)) return error;
  const failure = READERS[context.dialect](error, context.prefix);
  if (failure === undefined) return error;
  const resolveContext: ResolveContext = { table: context.table, statement: context.statement };
  const resolved = resolveFailure(failure, resolveContext);
  // Only SQLite leaves these open, and only there can the connection still answer: a failed PostgreSQL
  // transaction refuses every statement until it is rolled back.
  const explained = context.dialect === 'sqlite' && context.find !== undefined ? await probeFailure(resolved, resolveContext, context.find) : resolved;
  return queryErrorOf(explained, error);
}

/**
 * A failure of a whole transaction (at COMMIT, or thrown by `fn` unmapped), where no statement's table is known:
 * the table and constraint come from the error alone.
 */
export function transactionFailure(error: unknown, context: Pick<FailureContext, 'dialect' | 'prefix'>): unknown {
  return map(error, context.dialect, context.prefix, { table: undefined, statement: undefined });
}
