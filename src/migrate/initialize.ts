import { performance } from 'node:perf_hooks';
import type { DbConfig } from '../config/index.js';
import { ConnectionError } from '../db/connection-error.js';
import { isCtsDbError, type CtsDbError } from '../errors/cts-db-error.js';
import { migrate, type MigrateOptions, type MigrateResult } from './migrator.js';
import { startupKey, TRANSIENT } from './startup-key.js';

export { startupKey, TRANSIENT };

export interface InitializeOptions extends MigrateOptions {
  /** Connection attempts before giving up. Default 5. */
  readonly attempts?: number;
  /** First retry delay; doubles each time up to `maxDelayMs`. Defaults 250 ms and 5 s. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface InitializeSummary {
  readonly dialect: DbConfig['dialect'];
  readonly prefix: string;
  readonly applied: number;
  readonly total: number;
  readonly attempts: number;
  readonly ms: number;
  readonly results: MigrateResult['results'];
}


// Concurrent calls for the same database and prefix share the run in flight (e.g. several route handlers warming up).
const runs = new Map<string, Promise<InitializeSummary>>();


/**
 * Start-up initialisation, e.g. from Next.js `instrumentation.ts`: connects with bounded exponential
 * backoff, applies pending migrations under the lock, verifies the critical tables, returns a summary.
 * Throws (a ConnectionError or MigrationError) when it cannot; there is no fallback store.
 * An up-to-date database costs one round trip after connecting.
 *
 * @example
 * // Next.js instrumentation.ts: on the Node.js runtime only (the native SQLite driver is not for the edge)
 * export async function register() {
 *   if (process.env.NEXT_RUNTIME === 'nodejs') {
 *     const { initializeDatabase, resolveConfig } = await import('cts-db');
 *     await initializeDatabase(resolveConfig());
 *   }
 * }
 */
export function initializeDatabase(config: DbConfig, options: InitializeOptions = {}): Promise<InitializeSummary> {
  const key = startupKey(config);
  const running = runs.get(key);
  if (running !== undefined) return running;
  // Shared while in flight only: a later call checks again (one round trip when up to date).
  const run = initialize(config, options).finally(() => runs.delete(key));
  runs.set(key, run);
  return run;
}

async function initialize(config: DbConfig, options: InitializeOptions): Promise<InitializeSummary> {
  const started = performance.now();
  const attempts = Math.max(1, options.attempts ?? 5);
  let delay = options.initialDelayMs ?? 250;
  let last: CtsDbError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await migrate(config, options);
    if (result.ok) {
      return {
        dialect: config.dialect,
        prefix: config.prefix,
        applied: result.applied,
        total: result.results.length,
        attempts: attempt,
        ms: Math.round(performance.now() - started),
        results: result.results,
      };
    }
    last = result.error;
    // Only a server that may come up is worth retrying; a changed migration, a failing statement, a wrong
    // password or an unusable SQLite path is not (each retry would fail the same way).
    if (!(last instanceof ConnectionError) || !TRANSIENT.has(last.code) || attempt === attempts) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
  }
  // One attempt (a caller that paces its own retries, such as startDatabase) gets the error itself.
  if (attempts > 1 && last !== undefined && isCtsDbError(last) && last instanceof ConnectionError && TRANSIENT.has(last.code)) {
    throw new ConnectionError(`database not reachable after ${attempts} attempt(s): ${last.message.split('\n')[0]}`, {
      code: last.code,
      subject: last.subject,
      hint: last.hint,
      cause: last,
    });
  }
  throw last ?? new Error('initialisation failed without an error');
}
