import { isCtsDbError } from '../errors/cts-db-error.js';
import type { FailureContext, StatementInput } from './failures/failure-context.js';

type FailureMapping = typeof import('./driver-errors.js');

let mapping: Promise<FailureMapping> | undefined;

// The error mapping (the constraint catalog, both drivers' readers, the SQLite probes: a dozen modules) is needed
// only when a statement fails, so it is imported on the first failure instead of with the package: it was a tenth of
// a cold start's modules. Our own refusals never need it.
const loadMapping = (): Promise<FailureMapping> => (mapping ??= import('./driver-errors.js'));

/**
 * A rejection with `queryFailure(error, context)`: the driver's error as a coded QueryError, our own errors as
 * they are (without loading the mapping).
 */
export function rejectQueryFailure(error: unknown, context: FailureContext): Promise<never> {
  if (isCtsDbError(error)) return Promise.reject(error);
  return loadMapping().then((m) => Promise.reject(m.queryFailure(error, context)));
}

/** `transactionFailure(error, context)`, loading the mapping only for a driver's error. */
export async function mapTransactionFailure(error: unknown, context: Pick<FailureContext, 'dialect' | 'prefix'>): Promise<unknown> {
  if (isCtsDbError(error)) return error;
  return (await loadMapping()).transactionFailure(error, context);
}

/**
 * `fn`, with its rejection mapped through `explainQueryFailure`. `statement` reads the failed call's input from
 * its arguments (what SQLite needs to name a foreign key or a duplicate).
 *
 * @example
 * const insert = withQueryFailures({ dialect: 'sqlite', table: 'users', prefix: 'cts' }, (row: InsertRow<'users'>) => db.users.insert(row), (row) => ({ kind: 'insert', rows: [row] }));
 */
export function withQueryFailures<A extends unknown[], R>(context: FailureContext, fn: (...args: A) => Promise<R>, statement?: (...args: A) => StatementInput | undefined): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isCtsDbError(error)) throw error;
      const input = statement?.(...args);
      throw await (await loadMapping()).explainQueryFailure(error, input === undefined ? context : { ...context, statement: input });
    }
  };
}
