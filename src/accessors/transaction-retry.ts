import { setTimeout as sleep } from 'node:timers/promises';
import { isCtsDbError } from '../errors/cts-db-error.js';
import { QueryError } from './query-error.js';

export interface TransactionOptions {
  /**
   * How many times the whole transaction runs again when it fails with QUERY_RETRYABLE (a PostgreSQL
   * serialization failure or deadlock, SQLite busy or locked); default 0. `fn` runs again from the start, so it
   * must do nothing outside the database that cannot be repeated.
   */
  readonly retries?: number;
}

// 10 ms, doubling, at most 1 s: a conflict between transactions usually clears within a few of them.
const BASE_DELAY_MS = 10;
const MAX_DELAY_MS = 1_000;

/**
 * The wait before retry `n` (0-based): half of min(10 ms * 2^n, 1 s) fixed, half random, so transactions that
 * failed together do not all come back at the same moment.
 */
export function retryDelayMs(n: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** n);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export function isRetryable(error: unknown): boolean {
  return isCtsDbError(error) && error.code === 'QUERY_RETRYABLE';
}

function checkedRetries(options: TransactionOptions): number {
  for (const key of Object.keys(options)) {
    if (key !== 'retries') {
      throw new QueryError(`transaction has no option ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_OPTION', subject: `transaction.${key}`, path: `transaction.${key}`, hint: 'the only option is retries' });
    }
  }
  const retries = options.retries ?? 0;
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new QueryError(`transaction retries must be a whole number >= 0, got ${String(retries)}`, {
      code: 'QUERY_INVALID_VALUE',
      subject: 'transaction.retries',
      path: 'transaction.retries',
      hint: 'pass { retries: 3 }, for example',
    });
  }
  return retries;
}

/**
 * Runs `attempt` (one whole transaction), mapping what it throws with `map`; runs it again after a backoff while
 * the mapped failure is QUERY_RETRYABLE and retries remain, then throws the last failure.
 */
export async function runTransaction<R>(attempt: () => Promise<R>, map: (error: unknown) => unknown | Promise<unknown>, options: TransactionOptions = {}): Promise<R> {
  const retries = checkedRetries(options);
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const mapped = await map(error);
      if (n >= retries || !isRetryable(mapped)) throw mapped;
    }
    await sleep(retryDelayMs(n));
  }
}
