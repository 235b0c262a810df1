import { resolveConfig, type DbConfig, type ResolveConfigOptions } from '../config/resolve-config.js';
import { ConnectionError } from '../db/connection-error.js';
import { isCtsDbError, type CtsDbError } from '../errors/cts-db-error.js';
import type { InitializeOptions, InitializeSummary } from '../migrate/initialize.js';
import { startupKey, TRANSIENT } from '../migrate/startup-key.js';

/** What the start-up reports as it goes; the app decides where it is logged. */
export type StartupEvent =
  | { readonly type: 'ready'; readonly summary: InitializeSummary }
  | { readonly type: 'retrying'; readonly error: CtsDbError; readonly attempt: number; readonly nextInMs: number }
  | { readonly type: 'failed'; readonly error: CtsDbError; readonly exiting: boolean };

export interface StartDatabaseOptions extends Omit<InitializeOptions, 'attempts'> {
  /** Passed to `resolveConfig` when `config` is not given. Default: the environment and data/db-config.json. */
  readonly configOptions?: ResolveConfigOptions;
  readonly config?: DbConfig;
  readonly onEvent?: (event: StartupEvent) => void;
  /** Attempts of the first round, before `exit` mode ends the process. Default 5. */
  readonly attempts?: number;
  /** Longest pause between background attempts. Default 5 s. */
  readonly maxDelayMs?: number;
}

/** The process-wide start-up state of one configuration. */
export interface DatabaseStartup {
  readonly config: DbConfig;
  /** The summary once the database is ready; undefined before. */
  readonly summary: InitializeSummary | undefined;
  /** The last failure while it is not ready. */
  readonly lastError: CtsDbError | undefined;
  /**
   * Resolves once the database is ready (pending migrations applied). When it is not, one attempt runs now
   * (shared with any in flight), so the first request after the database returns is served without waiting
   * for the next background attempt; it rejects with that attempt's coded error when the database is still away.
   */
  ready(): Promise<InitializeSummary>;
  /** Stops the background attempts (tests, a graceful shutdown). */
  stop(): void;
}

// Transient: the server may come up. A wrong password, a changed migration or an unusable SQLite path is
// not: retrying cannot fix it, but the app keeps answering (health says why) rather than dying silently.
// A database that does not exist yet may be created by whoever provisions it: worth waiting for here too.
const isTransient = (error: CtsDbError) => error instanceof ConnectionError && (TRANSIENT.has(error.code) || error.code === 'CONNECTION_DATABASE_MISSING');

const KEY = Symbol.for('cts-db.database-startup');
type Holder = { [KEY]?: Map<string, DatabaseStartup> };
const registry = (): Map<string, DatabaseStartup> => ((globalThis as Holder)[KEY] ??= new Map());

const asCoded = (error: unknown): CtsDbError =>
  isCtsDbError(error) ? error : new ConnectionError(`start-up failed: ${(error as Error)?.message ?? String(error)}`, { code: 'CONNECTION_FAILED', subject: 'database', hint: 'see the cause', cause: error });

/**
 * Start-up for a long-running app (Next.js `instrumentation.ts`, a Node server): connects, applies pending
 * migrations and verifies the critical tables, like {@link initializeDatabase}, but never throws. When the
 * database cannot be reached, `DB_INIT_MODE=retry` (the default) keeps the process serving (the health route
 * answers 503 with a coded error) and retries in the background with backoff up to `maxDelayMs`;
 * `DB_INIT_MODE=exit` ends the process with exit code 1 after the first round of attempts, for platforms
 * that restart it. One start-up per configuration and process: later calls return the same one.
 *
 * @example
 * // instrumentation.ts
 * export async function register() {
 *   if (process.env.NEXT_RUNTIME === 'nodejs') {
 *     const { startDatabase } = await import('cts-db');
 *     startDatabase({ onEvent: (e) => e.type !== 'ready' && console.error(`database: ${e.error.code} ${e.error.message}`) });
 *   }
 * }
 */
export function startDatabase(options: StartDatabaseOptions = {}): DatabaseStartup {
  const config = options.config ?? resolveConfig(options.configOptions);
  const key = startupKey(config);
  const existing = registry().get(key);
  if (existing !== undefined) return existing;
  const { onEvent, attempts: firstRound = 5, maxDelayMs = 5_000, initialDelayMs = 250, configOptions: _configOptions, config: _config, ...migrateOptions } = options;
  let summary: InitializeSummary | undefined;
  let lastError: CtsDbError | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let attempt = 0;
  let delay = initialDelayMs;

  let inFlight: Promise<InitializeSummary> | undefined;
  const attemptNow = async (): Promise<InitializeSummary> => {
    try {
      // One attempt per call: the pauses between attempts are this module's, so a request can cut one short.
      // The migrator is imported on the first attempt, not with the package: an app that only queries never loads it.
      const { initializeDatabase } = await import('../migrate/initialize.js');
      const done = await initializeDatabase(config, { ...migrateOptions, attempts: 1 });
      summary = done;
      lastError = undefined;
      if (timer !== undefined) clearTimeout(timer);
      onEvent?.({ type: 'ready', summary: done });
      return done;
    } catch (error) {
      lastError = asCoded(error);
      throw lastError;
    }
  };
  // Callers at the same moment (the background loop, requests, health) share one attempt.
  const once = (): Promise<InitializeSummary> => {
    if (summary !== undefined) return Promise.resolve(summary);
    return (inFlight ??= attemptNow().finally(() => {
      inFlight = undefined;
    }));
  };
  const background = async () => {
    if (stopped || summary !== undefined) return;
    attempt++;
    try {
      await once();
    } catch {
      const error = lastError as CtsDbError;
      const exiting = config.initMode === 'exit' && (attempt >= firstRound || !isTransient(error));
      if (exiting || !isTransient(error)) {
        onEvent?.({ type: 'failed', error, exiting });
        if (exiting) {
          // Asked for explicitly (DB_INIT_MODE=exit): the platform restarts the process.
          process.exit(1);
        }
        // Not transient: trying again cannot help until someone fixes it, but a request may still ask.
        return;
      }
      onEvent?.({ type: 'retrying', error, attempt, nextInMs: delay });
      timer = setTimeout(() => void background(), delay);
      // Retries never keep a process alive that has nothing else to do.
      timer.unref();
      delay = Math.min(delay * 2, maxDelayMs);
    }
  };

  const startup: DatabaseStartup = {
    config,
    get summary() {
      return summary;
    },
    get lastError() {
      return lastError;
    },
    ready: once,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      registry().delete(key);
    },
  };
  registry().set(key, startup);
  void background();
  return startup;
}

/** The start-up of `config` in this process, if {@link startDatabase} was called for it. */
export function startupOf(config: DbConfig): DatabaseStartup | undefined {
  return registry().get(startupKey(config));
}
