import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbConfig } from '../config/index.js';
import { quoteIdent } from '../schema-kit/default-sql.js';
import { ledgerTableName, type LedgerRow } from './ledger.js';
import { addProgressColumnSql, PROGRESS_COLUMN, progressTag } from './ledger-progress.js';
import { lockTimeoutOf } from './lock-retries.js';
import type { AutocommitSession, MigrationDriver, MigrationTx } from './migration-driver.js';
import { MigrationError } from './migration-error.js';
import type { MigrationFile } from './migration-files.js';
import { classifyStatements, type OutsideStatement } from './pg/outside-transaction.js';

type Query = <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

export interface OutsideTransactionRun {
  readonly driver: MigrationDriver;
  readonly config: DbConfig;
  readonly file: MigrationFile;
  /** The prefixed statements. */
  readonly statements: readonly string[];
  /** How long to wait for a statement an interrupted earlier run left running. */
  readonly waitMs: number;
  /** Reads and checks the ledger inside the lock holder's transaction. */
  readonly verified: (tx: MigrationTx) => Promise<readonly LedgerRow[]>;
  /** Runs one short transaction again when a statement in it hit the DDL lock_timeout. */
  readonly retrying: <T>(attempt: () => Promise<T>) => Promise<T>;
  /**
   * The database is this run's alone (a scratch database of db:check's replay, PGlite, which serves one
   * session at a time): the statements run on the runner's own connection, and the lock is held only while
   * the ledger is read and written, never across a statement.
   */
  readonly privateDatabase?: boolean | undefined;
  /** Called once the lock is held and the migration is found not yet applied. */
  readonly onStart?: (() => void) | undefined;
}

/**
 * Applies one `-- cts:transaction none` migration on PostgreSQL, statement by statement.
 *
 * The lock: the runner's connection opens the usual transaction holding the prefix's advisory lock and
 * then only sits in it (no statement, so no snapshot that CREATE INDEX CONCURRENTLY would wait for); a
 * second connection runs the statements. The lock dies with the holder's transaction, so with the process:
 * a SIGKILLed run releases it at once, directly and through a transaction-mode pooler (the pooler keeps
 * the holder's server connection for its open transaction and closes it with the client). Every progress
 * write is fenced: it only happens while the holder's server process still holds the lock.
 *
 * Progress: `in-progress/<tag>` in the ledger says how many statements are done. A statement that can run
 * in a transaction runs in a short one of its own and commits with its progress; one that cannot is
 * recorded after it returned, so a run killed during it leaves it "maybe done", and the next run heals it
 * before running it again: it waits for the killed run's statement if the server still runs it, then
 * keeps an index that is now valid, drops (concurrently) one left INVALID and builds it again, and drops
 * the INVALID `_ccnew`/`_ccold` copies of an interrupted REINDEX CONCURRENTLY.
 */
export async function applyOutsideTransaction(run: OutsideTransactionRun): Promise<{ readonly status: 'applied' | 'already-applied'; readonly ms: number }> {
  const { driver, file, statements } = run;
  const { openAutocommit, holderPid, lockHeldBySql } = driver;
  if (openAutocommit === undefined || holderPid === undefined || lockHeldBySql === undefined) throw new Error('applyOutsideTransaction needs a PostgreSQL driver');
  const kinds = await classifyStatements(statements);
  const unnamed = kinds.findIndex((k) => k.kind === 'create-index' && k.index === undefined);
  if (unnamed >= 0) {
    throw new MigrationError(`migration ${file.tag} statement ${unnamed + 1} creates an index CONCURRENTLY without a name (${file.file})`, {
      code: 'MIGRATION_NONTRANSACTIONAL_UNSUPPORTED',
      subject: file.file,
      tag: file.tag,
      file: file.file,
      statement: unnamed + 1,
      hint: 'name the index (CREATE INDEX CONCURRENTLY "name" ON ...): a run interrupted during the build finds what it left by that name',
    });
  }
  const ledger = `"${ledgerTableName(run.config.prefix)}"`;
  // The column progress rows need, added under the lock in a transaction of its own (never in the holder's:
  // its exclusive lock on the ledger would block the progress writes until the end).
  await run.retrying(() =>
    driver.transaction(async (tx) => {
      const [has] = await tx.query<{ n: number }>(
        `select count(*)::int as n from pg_attribute where attrelid = to_regclass($1) and attname = $2 and not attisdropped`,
        [quoteIdent(ledgerTableName(run.config.prefix)), PROGRESS_COLUMN],
      );
      if (Number(has?.n) === 0) await tx.execute(addProgressColumnSql(run.config.prefix));
    }),
  );
  if (run.privateDatabase === true) {
    const applied = await driver.transaction(async (tx) => (await run.verified(tx)).some((r) => r.tag === file.tag));
    if (applied) return { status: 'already-applied', ms: 0 };
    run.onStart?.();
    const session: AutocommitSession = {
      query: (text, params) => driver.query(text, params),
      inTransaction: (fn) => driver.transaction((tx) => fn((text, params) => tx.query(text, params))),
      close: async () => undefined,
    };
    // No holder to fence on: the condition only gives the pid parameter its type.
    return { status: 'applied', ms: await runStatements(run, session, { ledger, kinds, pid: 0, fence: (pid) => `${pid} is not null` }) };
  }
  return driver.transaction(async (tx) => {
    const applied = await run.verified(tx);
    if (applied.some((r) => r.tag === file.tag)) return { status: 'already-applied' as const, ms: 0 };
    run.onStart?.();
    const pid = await holderPid();
    const session = openAutocommit();
    try {
      return { status: 'applied' as const, ms: await runStatements(run, session, { ledger, kinds, pid, fence: lockHeldBySql }) };
    } finally {
      await session.close().catch(() => undefined);
    }
  });
}

interface RunState {
  readonly ledger: string;
  readonly kinds: readonly OutsideStatement[];
  readonly pid: number;
  readonly fence: (pidParameter: string) => string;
}

async function runStatements(run: OutsideTransactionRun, session: AutocommitSession, state: RunState): Promise<number> {
  const { file, statements, config } = run;
  const { ledger, kinds, pid, fence } = state;
  const [progress] = await session.query<{ statements_done: number | null; checksum: string; execution_ms: number }>(
    `select statements_done, checksum, execution_ms from ${ledger} where tag = $1`,
    [progressTag(file.tag)],
  );
  if (progress !== undefined && progress.checksum !== file.checksum) {
    throw new MigrationError(`migration ${file.tag} was interrupted after ${progress.statements_done ?? 0} of its statements, and its file has changed since (${file.file})`, {
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      subject: file.file,
      tag: file.tag,
      file: file.file,
      expectedChecksum: progress.checksum,
      actualChecksum: file.checksum,
      hint: 'restore the file as it was (git) and migrate to finish it, then put the change in a new migration',
    });
  }
  const done = Number(progress?.statements_done ?? 0);
  let ms = Number(progress?.execution_ms ?? 0);
  const record = async (query: Query, statementsDone: number): Promise<void> => {
    const rows = await query<{ ok: number }>(
      `insert into ${ledger} (tag, journal_idx, checksum, execution_ms, prefix, dialect, ${PROGRESS_COLUMN}) select $1, $2, $3, $4, $5, $6, $7 where ${fence('$8::int')}
       on conflict (tag) do update set ${PROGRESS_COLUMN} = excluded.${PROGRESS_COLUMN}, execution_ms = excluded.execution_ms returning 1 as ok`,
      [progressTag(file.tag), file.journalIdx, file.checksum, Math.round(ms), config.prefix, config.dialect, statementsDone, pid],
    );
    if (rows.length === 0) throw lockLost(file, pid);
  };
  if (progress === undefined) await record(session.query, 0);
  for (let i = done; i < statements.length; i++) {
    const statement = statements[i] ?? '';
    const kind = kinds[i] ?? { kind: 'in-transaction' };
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    if (kind.kind === 'in-transaction') {
      await run.retrying(() =>
        session.inTransaction(async (query) => {
          try {
            await query(statement);
          } catch (cause) {
            throw lockTimeoutOf(cause, file.tag, i + 1, statement, excerptOf(statement)) ?? failed(file, i, statements.length, statement, cause, '');
          }
          const before = ms;
          ms += elapsed();
          try {
            await record(query, i + 1);
          } catch (error) {
            ms = before;
            throw error;
          }
        }),
      );
      continue;
    }
    // The first statement of a resumed run may have been running when the earlier run died.
    const label = statementLabel(config.prefix, file.tag, i + 1);
    if (progress !== undefined && i === done) {
      await waitForEarlierRun(session, label, run.waitMs, file, i);
      if (await heal(session, kind)) {
        ms += elapsed();
        await record(session.query, i + 1);
        continue;
      }
    } else {
      await refuseInvalidIndex(session, kind, file, i);
    }
    try {
      await session.query(`${label}\n${statement}`);
    } catch (cause) {
      const cleaned = await cleanUpAfterFailure(session, kind);
      throw failed(file, i, statements.length, statement, cause, cleaned);
    }
    ms += elapsed();
    await record(session.query, i + 1);
  }
  // The migration's own row replaces its progress row in one transaction, still fenced by the lock.
  await session.inTransaction(async (query) => {
    const removed = await query<{ ok: number }>(`delete from ${ledger} where tag = $1 and ${fence('$2::int')} returning 1 as ok`, [progressTag(file.tag), pid]);
    if (removed.length === 0) throw lockLost(file, pid);
    await query(`insert into ${ledger} (tag, journal_idx, checksum, execution_ms, prefix, dialect) values ($1, $2, $3, $4, $5, $6)`, [
      file.tag,
      file.journalIdx,
      file.checksum,
      Math.round(ms),
      config.prefix,
      config.dialect,
    ]);
  });
  return Math.round(ms);
}

/** A comment in front of each statement run outside a transaction, by which a later run finds it in pg_stat_activity. */
function statementLabel(prefix: string, tag: string, statementNo: number): string {
  return `/* cts-db migrate ${prefix} ${tag.replace(/[^A-Za-z0-9_.-]/g, '_')} statement ${statementNo} */`;
}

const excerptOf = (statement: string): string => (statement.length > 240 ? `${statement.slice(0, 240)}...` : statement);

function failed(file: MigrationFile, i: number, total: number, statement: string, cause: unknown, cleaned: string): MigrationError {
  const excerpt = excerptOf(statement);
  return new MigrationError(`migration ${file.tag} failed at statement ${i + 1} of ${total} (${file.file}, run outside a transaction): ${(cause as Error).message}${cleaned}\n  SQL: ${excerpt}`, {
    code: 'MIGRATION_FAILED',
    subject: file.file,
    tag: file.tag,
    file: file.file,
    statement: i + 1,
    excerpt,
    hint: `statements 1 to ${i} stay applied and recorded (${progressTag(file.tag)} in the ledger); fix the cause (data, a lock) and migrate again to continue at statement ${i + 1}`,
    cause,
  });
}

function lockLost(file: MigrationFile, pid: number): MigrationError {
  return new MigrationError(`migration ${file.tag}: the migration lock is no longer held by this run's connection (server process ${pid})`, {
    code: 'MIGRATION_LOCK_LOST',
    subject: file.file,
    tag: file.tag,
    file: file.file,
    hint: 'the lock holder\'s connection was closed (server restart, pg_terminate_backend, pooler restart); migrate again: the run continues where this one stopped',
  });
}

interface IndexState {
  readonly valid: boolean;
  readonly table: string;
}

async function indexState(session: AutocommitSession, name: string): Promise<IndexState | undefined> {
  const [row] = await session.query<{ valid: boolean; table: string }>(
    `select i.indisvalid as valid, t.relname::text as table from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
     where c.relname = $1 and c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  return row === undefined ? undefined : { valid: row.valid === true, table: row.table };
}

const dropConcurrently = (session: AutocommitSession, name: string) => session.query(`drop index concurrently if exists ${quoteIdent(name)}`);

/** Waits while the server still runs this statement for an earlier run that was killed (its connection gone). */
async function waitForEarlierRun(session: AutocommitSession, label: string, waitMs: number, file: MigrationFile, i: number): Promise<void> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const running = await session.query<{ pid: number }>(`select pid from pg_stat_activity where pid <> pg_backend_pid() and state <> 'idle' and starts_with(query, $1)`, [label]);
    if (running.length === 0) return;
    if (performance.now() > deadline) {
      const pids = running.map((r) => r.pid).join(', ');
      throw new MigrationError(`migration ${file.tag} statement ${i + 1}, started by an earlier run that was interrupted, is still running on the server (pid ${pids}) after ${waitMs} ms`, {
        code: 'MIGRATION_LOCK_TIMEOUT',
        subject: `pid ${pids}`,
        tag: file.tag,
        file: file.file,
        statement: i + 1,
        hint: `wait for it and migrate again, or end it with pg_terminate_backend(${running[0]?.pid ?? 'pid'}) (an index it was building is then rebuilt); raise the wait with --lock-timeout <ms>`,
      });
    }
    await sleep(100);
  }
}

/** Before running an interrupted statement again: true when it turns out done, after clearing what it left. */
async function heal(session: AutocommitSession, kind: OutsideStatement): Promise<boolean> {
  switch (kind.kind) {
    case 'create-index': {
      const state = await indexState(session, kind.index ?? '');
      if (state?.valid === true) return true;
      if (state !== undefined) await dropConcurrently(session, kind.index ?? '');
      return false;
    }
    case 'drop-index':
      return (await indexState(session, kind.index)) === undefined;
    case 'reindex':
      for (const name of await reindexLeftovers(session, kind)) await dropConcurrently(session, name);
      return false;
    default:
      return false;
  }
}

/** The INVALID copies an interrupted REINDEX ... CONCURRENTLY leaves (`<index>_ccnew`, `<index>_ccold`, numbered when taken). */
async function reindexLeftovers(session: AutocommitSession, kind: Extract<OutsideStatement, { kind: 'reindex' }>): Promise<string[]> {
  const table = kind.target === 'table' ? `to_regclass(quote_ident($1))` : `(select indrelid from pg_index where indexrelid = to_regclass(quote_ident($1)))`;
  const rows = await session.query<{ name: string }>(
    `select c.relname::text as name from pg_index i join pg_class c on c.oid = i.indexrelid
     where not i.indisvalid and i.indrelid = ${table} and c.relname ~ '_cc(new|old)[0-9]*$'
       and ($2 = 'table' or starts_with(c.relname, $1 || '_cc'))`,
    [kind.name, kind.target],
  );
  return rows.map((r) => r.name);
}

/** An INVALID index by the name a statement is about to build was not left by this migration: name it and its fix. */
async function refuseInvalidIndex(session: AutocommitSession, kind: OutsideStatement, file: MigrationFile, i: number): Promise<void> {
  if (kind.kind !== 'create-index' || kind.index === undefined) return;
  const state = await indexState(session, kind.index);
  if (state === undefined || state.valid) return;
  throw new MigrationError(
    `migration ${file.tag} statement ${i + 1} would build index ${kind.index}, which exists on ${state.table} and is INVALID (pg_index.indisvalid = false): a CREATE INDEX CONCURRENTLY outside this migration failed or was interrupted`,
    {
      code: 'MIGRATION_INVALID_INDEX',
      subject: kind.index,
      tag: file.tag,
      file: file.file,
      statement: i + 1,
      hint: `drop it with DROP INDEX CONCURRENTLY ${quoteIdent(kind.index)}; then migrate again, which builds it`,
    },
  );
}

/** After a CONCURRENTLY statement failed: drop the INVALID index it left, and say so (or how to, if that fails too). */
async function cleanUpAfterFailure(session: AutocommitSession, kind: OutsideStatement): Promise<string> {
  const names =
    kind.kind === 'create-index' && kind.index !== undefined
      ? (await indexState(session, kind.index).catch(() => undefined))?.valid === false
        ? [kind.index]
        : []
      : kind.kind === 'reindex'
        ? await reindexLeftovers(session, kind).catch(() => [])
        : [];
  const notes: string[] = [];
  for (const name of names) {
    try {
      await dropConcurrently(session, name);
      notes.push(`the INVALID index ${name} it left was dropped`);
    } catch {
      notes.push(`it left the INVALID index ${name}: drop it with DROP INDEX CONCURRENTLY ${quoteIdent(name)}`);
    }
  }
  return notes.length === 0 ? '' : ` (${notes.join('; ')})`;
}
