import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres, { type Notice, type Sql } from 'postgres';
import { DEFAULTS, checkPostgresUrl, targetLabel, type PostgresSettings } from '../../config/index.js';
import { postgresEndpoint } from '../../db/postgres/endpoint.js';
import { statementOptions } from '../../db/postgres/statement-options.js';
import { redactSecrets } from '../../errors/redact.js';
import { quoteIdent, quoteLiteral } from '../../schema-kit/default-sql.js';
import { ledgerEntriesSql, parseLedgerEntries } from '../ledger-entries.js';
import { appliedRowsOnly } from '../ledger-progress.js';
import { createLedgerSql, ledgerTableName, type LedgerRow, type NewLedgerRow } from '../ledger.js';
import type { AutocommitSession, LockHolder, MigrationDriver, MigrationTx, QuickState } from '../migration-driver.js';
import { openAutocommitSession } from './autocommit-session.js';
import { TimeoutError, withTimeout } from '../../db/with-timeout.js';
import { isConnectionFailure, toConnectionError } from '../../db/postgres/connection-failure.js';
import { MigrationError } from '../migration-error.js';
import { lockKeyFor } from './lock-key.js';

export interface PgMigrationDriverOptions {
  readonly prefix: string;
  /** How long a transaction waits for the prefix's migration lock. */
  readonly lockTimeoutMs: number;
  /** Called with the text of every query sent (tests count round trips with it). */
  readonly onQuery?: (query: string) => void;
  readonly onNotice?: (notice: Notice) => void;
}

// Advisory lock keys are two int4: a constant naming "CTS migrations" and one derived from the prefix, so
// instances with different prefixes on one server never wait for each other. The lock is transaction-scoped
// (pg_advisory_xact_lock): a session lock taken and released by two statements leaks through a
// transaction-mode pooler, whose next statement may run on another server connection.
const LOCK_CLASS = 0x43545331;
export { lockKeyFor };

interface RawLedgerRow {
  tag: string;
  journal_idx: number;
  checksum: string;
  applied_at: Date;
  applied_by: string;
  execution_ms: number;
  prefix: string;
  dialect: string;
}

const toLedgerRow = (r: RawLedgerRow): LedgerRow => ({
  tag: r.tag,
  journalIdx: r.journal_idx,
  checksum: r.checksum,
  appliedAt: new Date(r.applied_at),
  appliedBy: r.applied_by,
  executionMs: r.execution_ms,
  prefix: r.prefix,
  dialect: r.dialect === 'sqlite' ? 'sqlite' : 'postgresql',
});

// Which of the names in $1 (a text[] literal) are tables of the current schema, space-separated. Table names
// are identifiers checked by the schema kit (no spaces); the literal is text because the driver runs without
// fetch_types and so cannot send or read arrays.
const PRESENT_SQL = `(select string_agg(c.relname::text, ' ') from pg_class c
  where c.relname = any($1::text::name[]) and c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p'))`;

const literals = new WeakMap<readonly string[], string>();
/** The text[] literal of `names`, built once per list (a health checker passes the same list every time). */
function namesParameter(names: readonly string[]): string {
  let literal = literals.get(names);
  if (literal === undefined) {
    literal = `{${names.map((n) => `"${n.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
    literals.set(names, literal);
  }
  return literal;
}

/**
 * The statement that re-checks a complete list: the ledger entries plus every table as a regclass
 * constant. Parse analysis turns each constant into the table's oid, and PostgreSQL records it as a dependency
 * of the prepared plan, so any DROP or RENAME of one of them invalidates the plan; the next execution analyses
 * the text again and fails with 42P01 (3F000 if the schema went), which sends the caller back to the catalog
 * query. The server keeps this exact by its own invalidation messages, as it does for every prepared
 * statement; until then an execution costs no catalog lookups (about a third of the catalog query here).
 * One gap: a table dropped and replaced by a view or sequence of the same name re-analyses cleanly, so it
 * counts as present until the list is looked up in the catalog again (live drift reports it).
 * The constants sit in a VALUES list that is only counted: as output columns each would be printed
 * (a visibility lookup per table), and in an expression they would be folded away with their dependency.
 */
function presenceStatement(ledgerEntries: string, schema: string, tables: readonly string[]): string {
  const constants = tables.map((t) => `(${quoteLiteral(`${quoteIdent(schema)}.${quoteIdent(t)}`)}::regclass)`);
  return `select ${ledgerEntries} as ledger, (select count(*) from (values ${constants.join(', ')}) as t(oid)) as tables`;
}

// postgres.js sends a query without parameters with the simple protocol, which is parsed and planned on every
// call whatever `prepare` says; `simple: false` (honoured, though not in its types) makes it a named statement.
const PREPARED_WITHOUT_PARAMETERS = { prepare: true, simple: false };

const isMissingObject = (error: unknown): boolean => ['42P01', '3F000'].includes(String((error as { code?: unknown }).code));

const splitNames = (text: string | null): string[] => (text === null || text === '' ? [] : text.split(' '));

/** Margin over the connect timeout before the first answer counts as lost (TLS, startup, authentication). */
export const FIRST_ANSWER_MARGIN_MS = 2_000;

/** Opens one client connection for a migration run (or a health checker). */
export function openPgMigrationDriver(settings: PostgresSettings, options: PgMigrationDriverOptions): MigrationDriver {
  const url = settings.url.reveal();
  const check = checkPostgresUrl(url);
  const target = check.ok ? targetLabel(check.target) : 'PostgreSQL';
  const prepare = settings.prepare ?? DEFAULTS.prepare;
  const ddlLockTimeoutMs = settings.ddlLockTimeoutMs ?? DEFAULTS.ddlLockTimeoutMs;
  // max 1: BEGIN, the statements and COMMIT must go down one client connection (a pooler keeps the server
  // connection for the transaction).
  const endpoint = postgresEndpoint(url);
  const client = (): Sql =>
    postgres(endpoint.url, {
    ...endpoint.options,
    max: 1,
    idle_timeout: 0,
    connect_timeout: settings.connectTimeoutMs / 1000,
    fetch_types: false,
    ...statementOptions(prepare),
    onnotice: options.onNotice ?? (() => {}),
    ...(options.onQuery === undefined ? {} : { debug: (_connection: number, query: string) => options.onQuery?.(query) }),
    });
  const sql = client();
  // Until the server has answered once, every query races a deadline of its own: the driver's connect_timeout
  // does not cover every way a network fails (a socket that never connects and never errors, a peer that
  // accepts and never speaks, a connect that fails and is retried). After that, statements may legitimately wait.
  let answered = false;
  const firstDeadlineMs = settings.connectTimeoutMs + FIRST_ANSWER_MARGIN_MS;
  const guard = async <T>(promise: Promise<T>): Promise<T> => {
    if (answered) return promise;
    try {
      const result = await withTimeout(promise, firstDeadlineMs);
      answered = true;
      return result;
    } catch (error) {
      if (error instanceof TimeoutError) {
        await sql.end({ timeout: 0 }).catch(() => undefined);
        const timeout = new TimeoutError(`no answer from ${target} within ${firstDeadlineMs} ms (DB_CONNECT_TIMEOUT_MS ${settings.connectTimeoutMs} + ${FIRST_ANSWER_MARGIN_MS} ms)`);
        throw check.ok ? toConnectionError(timeout, check.target, url) : timeout;
      }
      // Refused, unknown host, missing database, bad password: a coded ConnectionError for every caller
      // (migrations, operations such as db:backup, the health check), never the driver's raw error.
      if (check.ok && isConnectionFailure(error)) throw toConnectionError(error, check.target, url);
      throw error;
    }
  };
  const ledgerName = ledgerTableName(options.prefix);
  const ledger = `"${ledgerName}"`;
  const key = lockKeyFor(options.prefix);
  // Lists whose tables were all present at the last look, with the statement that re-checks them cheaply.
  const complete = new WeakMap<readonly string[], { readonly statement: string; readonly present: readonly string[] }>();

  const readLedger = async (): Promise<LedgerRow[]> =>
    (await guard(sql.unsafe<RawLedgerRow[]>(`select * from ${ledger} where ${appliedRowsOnly()} order by journal_idx, tag`))).map(toLedgerRow);

  const query = async <T>(q: string, params: readonly unknown[] = []) => (await guard(sql.unsafe(q, params as never[]))) as unknown as T[];
  const tx: MigrationTx = {
    execute: async (statement) => {
      await sql.unsafe(statement);
    },
    query,
    deleteLedger: async (tag) => {
      await sql.unsafe(`delete from ${ledger} where tag = $1`, [tag]);
    },
    readLedger,
    insertLedger: async (row: NewLedgerRow) => {
      await sql.unsafe(`insert into ${ledger} (tag, journal_idx, checksum, execution_ms, prefix, dialect) values ($1, $2, $3, $4, $5, $6)`, [
        row.tag,
        row.journalIdx,
        row.checksum,
        row.executionMs,
        row.prefix,
        row.dialect,
      ]);
    },
  };

  /** One look at the ledger and the tables; 'ledger-appeared' when the ledger was created during the look. */
  const withLedgerLists = new WeakMap<readonly string[], string>();
  const withLedger = (tables: readonly string[]): string => {
    let literal = withLedgerLists.get(tables);
    if (literal === undefined) withLedgerLists.set(tables, (literal = namesParameter([...tables, ledgerName])));
    return literal;
  };
  const lookOnce = async (tables: readonly string[]): Promise<QuickState | 'ledger-appeared'> => {
    // The regclass statement only pays as a named statement the server keeps; without prepare it is not used.
    const known = prepare ? complete.get(tables) : undefined;
    if (known !== undefined) {
      try {
        const [row] = await sql.unsafe<{ ledger: string | null }[]>(known.statement, [], PREPARED_WITHOUT_PARAMETERS);
        return { ledger: parseLedgerEntries(row?.ledger ?? null), presentTables: known.present };
      } catch (error) {
        // A table (or the ledger, or the schema) is gone: the server could not re-analyse the statement.
        if (!isMissingObject(error)) throw error;
        complete.delete(tables);
      }
    }
    // One round trip: the ledger entries plus which tables exist, one index probe per name
    // (pg_class_relname_nsp_index). Prepared: checks send it on every call while something is missing. Both
    // columns come back as plain text, the cheapest form to build and parse; without a ledger it fails (42P01).
    const names = namesParameter(tables);
    try {
      const [row] = await guard(
        sql.unsafe<{ ledger: string | null; present: string | null; schema: string | null }[]>(
          `select ${ledgerEntriesSql('postgresql', ledger)} as ledger, ${PRESENT_SQL} as present, current_schema() as schema`,
          [names],
          { prepare },
        ),
      );
      const present = splitNames(row?.present ?? null);
      if (row?.schema != null && tables.length > 0 && present.length === new Set(tables).size) {
        complete.set(tables, { statement: presenceStatement(ledgerEntriesSql('postgresql', ledger), row.schema, tables), present });
      }
      return { ledger: parseLedgerEntries(row?.ledger ?? null), presentTables: present };
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error;
      // No ledger at that look: the tables may still exist (created by hand, or the ledger dropped). The ledger is
      // looked for in the same scan, so tables and ledger are seen in one snapshot.
      const [row] = await sql.unsafe<{ present: string | null }[]>(`select ${PRESENT_SQL} as present`, [withLedger(tables)], { prepare });
      const seen = splitNames(row?.present ?? null);
      if (seen.includes(ledgerName)) return 'ledger-appeared';
      return { ledger: undefined, presentTables: seen };
    }
  };

  /**
   * Opens a transaction holding the prefix's lock. The lock is polled (pg_try_advisory_xact_lock in a
   * transaction that ends at once when it is taken elsewhere), not waited for inside the server: a session
   * blocked in pg_advisory_xact_lock holds a snapshot the whole time, and CREATE INDEX CONCURRENTLY, run by
   * the holder of the lock outside any transaction, waits for every transaction with an older snapshot to
   * end, which would be this waiting one: each would wait for the other until the lock timeout. Polling
   * also never keeps a pooler's server connection while waiting. READ COMMITTED explicitly: a holder that
   * sits idle in its transaction then holds no snapshot between statements either.
   * (Seen: a session blocked in pg_advisory_xact_lock shows a backend_xmin in pg_stat_activity.)
   */
  const lockedTransaction = async (): Promise<void> => {
    // The timeout is for one holder: a run that keeps the lock for longer is stuck. Several runs taking the
    // lock in turn are progress, and polling is not a queue, so the wait starts again with each new holder
    // (its transaction, from pg_locks, read in the same statement).
    let holder: string | null = null;
    let deadline = performance.now() + options.lockTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      let row: { locked: boolean; holder: string | null } | undefined;
      try {
        const results = await guard(
          sql.unsafe<{ locked: boolean; holder: string | null }[][]>(
            `begin isolation level read committed; set local lock_timeout = ${ddlLockTimeoutMs}; select pg_try_advisory_xact_lock(${LOCK_CLASS}, ${key}) as locked,
              (select l.virtualtransaction from pg_locks l where l.locktype = 'advisory' and l.classid = ${LOCK_CLASS >>> 0}::oid and l.objid = ${key >>> 0}::oid and l.objsubid = 2 and l.granted and l.pid <> pg_backend_pid() limit 1) as holder`,
          ),
        );
        row = results.at(-1)?.[0];
      } catch (error) {
        await sql.unsafe('rollback').catch(() => undefined);
        throw error;
      }
      if (row?.locked === true) return;
      await sql.unsafe('rollback');
      if ((row?.holder ?? null) !== holder) {
        holder = row?.holder ?? null;
        deadline = performance.now() + options.lockTimeoutMs;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw await lockTimeoutError(sql, key, options, target, url);
      // 10 ms doubling to 200 ms, with jitter so that many waiting runs do not poll in step.
      await sleep(Math.min(left, Math.min(200, 10 * 2 ** (attempt - 1)) * (0.5 + Math.random())));
    }
  };

  return {
    dialect: 'postgresql',
    target,
    async quickState(tables: readonly string[]): Promise<QuickState> {
      // A first migration commits the ledger (ensureLedger) before any of its tables, so a look that found no
      // ledger and then sees it beside the tables (one snapshot) raced that migration: look again rather than
      // report our own tables as foreign. Bounded, for a ledger something drops and creates over and over.
      for (let attempt = 1; ; attempt++) {
        const state = await lookOnce(tables);
        if (state !== 'ledger-appeared') return state;
        if (attempt === 3) {
          throw new MigrationError(`the ledger ${ledgerName} appeared and vanished three times while it was read`, {
            code: 'MIGRATION_FAILED',
            subject: ledgerName,
            hint: 'something creates and drops the ledger concurrently: stop it, then run again',
          });
        }
      }
    },
    async ensureLedger(): Promise<void> {
      try {
        await guard(sql.unsafe(createLedgerSql('postgresql', options.prefix)));
      } catch (error) {
        // Two racing creators: CREATE TABLE IF NOT EXISTS can still fail on pg_type's unique index. Fine if it exists now.
        const [row] = await sql.unsafe<{ exists: boolean }[]>(`select to_regclass($1) is not null as exists`, [ledgerName], { prepare });
        if (row?.exists !== true) throw error;
      }
    },
    async lockHolders(table: string | undefined): Promise<LockHolder[]> {
      const rows = await sql.unsafe<{ pid: number; relation: string; mode: string; state: string | null; query: string | null; xact_start: Date | null }[]>(
        `select l.pid, c.relname::text as relation, l.mode, a.state, left(a.query, 300) as query, a.xact_start
         from pg_locks l join pg_class c on c.oid = l.relation join pg_stat_activity a on a.pid = l.pid
         where l.granted and l.pid <> pg_backend_pid() and c.relnamespace = current_schema()::regnamespace
           and ${table === undefined ? `starts_with(c.relname::text, $1)` : `c.relname = $1`}
         order by a.xact_start nulls last, l.pid`,
        [table ?? `${options.prefix}_`],
        { prepare: false },
      );
      const seen = new Set<number>();
      return rows
        .filter((r) => !seen.has(r.pid) && seen.add(r.pid))
        .map((r) => ({ pid: r.pid, relation: r.relation, mode: r.mode, state: r.state, query: r.query, xactStart: r.xact_start === null ? null : new Date(r.xact_start) }));
    },
    readLedger,
    query,
    async transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T> {
      await lockedTransaction();
      try {
        const result = await fn(tx);
        await sql.unsafe('commit');
        return result;
      } catch (error) {
        await sql.unsafe('rollback').catch(() => undefined);
        throw error;
      }
    },
    async holderPid(): Promise<number> {
      const [row] = await sql.unsafe<{ pid: number }[]>('select pg_backend_pid() as pid');
      return Number(row?.pid);
    },
    lockHeldBySql: (pidParameter: string) =>
      `exists (select 1 from pg_locks where locktype = 'advisory' and classid = ${LOCK_CLASS >>> 0}::oid and objid = ${key >>> 0}::oid and objsubid = 2 and granted and pid = ${pidParameter})`,
    openAutocommit(): AutocommitSession {
      return openAutocommitSession(() => client(), ddlLockTimeoutMs);
    },
    // A connection that never answered has nothing to finish: end it at once instead of waiting up to 5 s.
    close: () => sql.end({ timeout: answered ? 5 : 0 }),
  };
}

async function lockTimeoutError(sql: Sql, key: number, options: PgMigrationDriverOptions, target: string, url: string): Promise<MigrationError> {
  type Holder = { pid: number; usename: string | null; application_name: string | null; client_addr: string | null; backend_start: Date | null; state: string | null; query: string | null };
  // Literal keys (two int4) and no named statement: this runs after a failure, perhaps through a pooler.
  const holders = await sql
    .unsafe<Holder[]>(
      `select a.pid, a.usename, a.application_name, a.client_addr::text, a.backend_start, a.state, left(a.query, 200) as query
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
       where l.locktype = 'advisory' and l.classid = ${LOCK_CLASS >>> 0}::oid and l.objid = ${key >>> 0}::oid and l.granted`,
      [],
      { prepare: false },
    )
    .catch((): Holder[] => []);
  const who =
    holders.length === 0
      ? 'the holder could not be identified'
      : holders.map((h) => `pid ${h.pid} (user ${h.usename ?? '?'}, application ${JSON.stringify(h.application_name ?? '')}, client ${h.client_addr ?? 'local'}, since ${h.backend_start?.toISOString() ?? '?'}, ${h.state ?? '?'}: ${JSON.stringify(h.query ?? '')})`).join('; ');
  return new MigrationError(
    redactSecrets(`timed out after ${options.lockTimeoutMs} ms waiting for the migration lock of prefix ${options.prefix} on ${target}: held by ${who}`, [url]),
    {
      code: 'MIGRATION_LOCK_TIMEOUT',
      subject: `${target} advisory lock (${LOCK_CLASS}, ${key})`,
      hint: 'another migration of this prefix is running: wait for it, or end that session (pg_terminate_backend(pid)) if it is stuck; raise the timeout with --lock-timeout <ms>',
    },
  );
}
