import { setTimeout as sleep } from 'node:timers/promises';
import type { LockHolder, MigrationDriver } from './migration-driver.js';
import { MigrationError } from './migration-error.js';
import { statementShape } from '../lint/statement-shape.js';

/** What a migration waits for when one of its statements cannot get its lock within the DDL lock_timeout. */
export interface LockWait {
  readonly tag: string;
  /** 1-based statement number within the migration. */
  readonly statement: number;
  readonly table: string | undefined;
  /** 1-based number of the retry about to happen. */
  readonly attempt: number;
  readonly retries: number;
  /** How long the statement waited before giving up (the lock_timeout). */
  readonly lockTimeoutMs: number;
  /** Pause before the retry. */
  readonly backoffMs: number;
  readonly holders: readonly LockHolder[];
}

/** Thrown by a statement that hit lock_timeout (55P03); the retry loop catches it. */
export class StatementLockTimeout extends Error {
  constructor(
    readonly tag: string,
    readonly statement: number,
    readonly table: string | undefined,
    readonly excerpt: string,
    override readonly cause: unknown,
  ) {
    super(`migration ${tag} statement ${statement} could not get its lock${table === undefined ? '' : ` on ${table}`}`);
  }
}

const isLockNotAvailable = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '55P03';

/** A statement's failure as a StatementLockTimeout when it gave up on a lock (55P03), else undefined. */
export function lockTimeoutOf(cause: unknown, tag: string, statementNo: number, statement: string, excerpt: string): StatementLockTimeout | undefined {
  if (!isLockNotAvailable(cause)) return undefined;
  const shape = statementShape(statement);
  return new StatementLockTimeout(tag, statementNo, 'table' in shape ? shape.table : undefined, excerpt, cause);
}

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then 10 s: long enough for short transactions to finish, short enough to stay live. */
export const backoffMs = (attempt: number): number => Math.min(10_000, 500 * 2 ** (attempt - 1));

export function describeHolders(holders: readonly LockHolder[]): string {
  if (holders.length === 0) return 'no session holds a lock on it any more';
  return holders
    .map((h) => `pid ${h.pid} (${h.mode} on ${h.relation}, ${h.state ?? 'state unknown'}${h.xactStart === null ? '' : `, transaction open since ${h.xactStart.toISOString()}`}: ${JSON.stringify(h.query ?? '')})`)
    .join('; ');
}

/**
 * GitLab's `with_lock_retries`: runs `attempt` (one whole transaction); when a statement in it gives up on a
 * lock (lock_timeout), the transaction has been rolled back, and it is run again after a pause, at most
 * `retries` times. The waiting statement never queues other sessions behind its lock request for longer than
 * the lock_timeout, and the pauses let them through. The last failure names the sessions holding the lock.
 */
export async function withLockRetries<T>(
  driver: MigrationDriver,
  settings: { readonly retries: number; readonly lockTimeoutMs: number },
  attempt: () => Promise<T>,
  onWait?: (wait: LockWait) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StatementLockTimeout)) throw error;
      const holders = await driver.lockHolders(error.table).catch((): LockHolder[] => []);
      if (n > settings.retries) {
        throw new MigrationError(
          `migration ${error.tag} could not get the lock${error.table === undefined ? '' : ` on ${error.table}`} for statement ${error.statement} within ${settings.lockTimeoutMs} ms, ${settings.retries + 1} time(s); held by ${describeHolders(holders)}\n  SQL: ${error.excerpt}`,
          {
            code: 'MIGRATION_LOCK_BLOCKED',
            subject: error.table ?? error.tag,
            tag: error.tag,
            statement: error.statement,
            excerpt: error.excerpt,
            hint: `end or wait for the blocking transaction (pg_terminate_backend(<pid>) ends it), then migrate again; or allow longer waits with DB_DDL_LOCK_TIMEOUT_MS / DB_DDL_LOCK_RETRIES. Nothing of this migration was applied`,
            cause: error.cause,
          },
        );
      }
      const pause = backoffMs(n);
      onWait?.({ tag: error.tag, statement: error.statement, table: error.table, attempt: n, retries: settings.retries, lockTimeoutMs: settings.lockTimeoutMs, backoffMs: pause, holders });
      await sleep(pause);
    }
  }
}
