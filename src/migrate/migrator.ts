import { performance } from 'node:perf_hooks';
import { manifest } from '../../generated/manifest.js';
import { DEFAULTS, type DbConfig } from '../config/index.js';
import { isConnectionFailure, toConnectionError } from '../db/postgres/connection-failure.js';
import { isCtsDbError, type CtsDbError } from '../errors/cts-db-error.js';
import { checkPostgresUrl } from '../config/index.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
import { ledgerTableName, type LedgerRow } from './ledger.js';
import type { MigrationDriver, MigrationTx, QuickState } from './migration-driver.js';
import { REBUILD_PREFIX, statementShape } from '../lint/statement-shape.js';
import { MigrationError } from './migration-error.js';
import { dataConflictError, dataConflicts, holdsNoTables, type DataConflict } from './data-checks.js';
import type { MigrationFile, MigrationHead } from './migration-files.js';
import { ledgerMatchesSummary, loadMigrationSource, type MigrationSource, type MigrationSourceOptions } from './migration-source.js';
import { createdObjectNames } from './created-names.js';
import { openMigrationDriver } from './open-driver.js';
import { prefixedStatements } from './prefixed-statements.js';
import { verifyHistory } from './verify-history.js';
import type { LintAck } from '../lint/ack-digest.js';
import { prefixViolationError, type PrefixViolation } from './prefix-isolation.js';
import { pendingPrefixViolations } from './prefix-check.js';
import { lockTimeoutOf, withLockRetries, type LockWait } from './lock-retries.js';
import { commandName } from '../errors/command-name.js';
import { applyOutsideTransaction } from './non-transactional.js';
import { transactionModeOf } from './transaction-marker.js';

export interface MigrateOptions extends MigrationSourceOptions {
  /** `each` (default): every migration commits with its ledger row. `all`: the whole batch is all-or-nothing. */
  readonly tx?: 'each' | 'all';
  /** How long to wait for another run of the same prefix. Default 60 s. */
  readonly lockTimeoutMs?: number;
  /** Called with every query the runner sends (round-trip accounting). */
  readonly onQuery?: (query: string) => void;
  /** Base names of the tables that must exist afterwards (the ledger always must). Default: the manifest's critical tables. */
  readonly criticalTables?: readonly string[];
  /** PostgreSQL: called when a statement could not get its lock in time and its migration is about to be retried. */
  readonly onLockWait?: (wait: LockWait) => void;
  /**
   * The database is this run's alone (db:check's scratch replay on PGlite, which serves one session at a
   * time): a `-- cts:transaction none` migration runs on the runner's one connection instead of a second one.
   */
  readonly privateDatabase?: boolean;
  /** Called as each migration starts (no `ms`) and when it has been applied (with `ms`). */
  readonly onMigration?: (event: { readonly tag: string; readonly ms?: number }) => void;
}

export type MigrationRunStatus = 'applied' | 'already-applied' | 'failed' | 'not-run';

export interface MigrationRunResult {
  readonly tag: string;
  readonly status: MigrationRunStatus;
  readonly ms: number;
}

export interface MigrateResult {
  readonly ok: boolean;
  readonly applied: number;
  readonly results: readonly MigrationRunResult[];
  /** Critical tables (prefixed) missing after the run. */
  readonly missingCriticalTables: readonly string[];
  readonly error?: CtsDbError;
}

/** A migration to run, with the exact prefixed statements. */
export interface PlannedMigration {
  readonly tag: string;
  readonly file: string;
  readonly checksum: string;
  readonly statements: readonly string[];
  /** Per destructive statement (drop, type change, rebuild, rename, SET NOT NULL): the rows it touches now. */
  readonly affects?: readonly AffectedRows[];
  /** Data a statement would fail on (duplicates for UNIQUE, nulls for SET NOT NULL, orphans for a FOREIGN KEY). */
  readonly conflicts?: readonly DataConflict[];
  /** Statements that reach outside the prefix (another prefix's objects, another schema, shared objects). */
  readonly violations?: readonly PrefixViolation[];
}

export interface AffectedRows {
  /** 0-based index into `statements`. */
  readonly statement: number;
  readonly table: string;
  readonly column?: string;
  /** Rows of the table (for a dropped column: rows where it is not NULL); undefined when the table does not exist yet. */
  readonly rows: number | undefined;
}

/** Counts, on the live database, the rows each destructive statement of a pending migration would touch. */
async function affectedRows(driver: MigrationDriver, statements: readonly string[]): Promise<AffectedRows[]> {
  const out: AffectedRows[] = [];
  for (const [i, statement] of statements.entries()) {
    const shape = statementShape(statement);
    let table: string | undefined;
    let column: string | undefined;
    switch (shape.kind) {
      case 'drop-column':
        table = shape.table;
        column = shape.column;
        break;
      case 'drop-table':
      case 'alter-type':
      case 'set-not-null':
      case 'rename-table':
      case 'rename-column':
        table = shape.table;
        break;
      case 'create-table':
        if (shape.table.startsWith(REBUILD_PREFIX)) table = shape.table.slice(REBUILD_PREFIX.length);
        break;
      default:
        break;
    }
    if (table === undefined || table.startsWith(REBUILD_PREFIX)) continue;
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const rows = await driver
      .query<{ n: number | string }>(`select count(*) as n from ${quote(table)}${column === undefined ? '' : ` where ${quote(column)} is not null`}`)
      .then(([row]) => Number(row?.n ?? 0))
      // An earlier pending migration may create it: nothing there yet.
      .catch(() => undefined);
    out.push({ statement: i, table, ...(column === undefined ? {} : { column }), rows });
  }
  return out;
}

/** Critical tables (default: the manifest's) plus the ledger, prefixed. */
export function criticalTableNames(prefix: string, critical: readonly string[] = manifest.criticalTables): string[] {
  return [...critical, LEDGER_BASE_NAME].map((t) => `${prefix}_${t}`);
}

export interface Context {
  /** Every migration in journal order, without SQL (all that an up-to-date check needs). */
  readonly files: readonly MigrationHead[];
  /** The same migrations with their SQL, loaded on first call. */
  full(): Promise<readonly MigrationFile[]>;
  /** The closed set of names the rewriter may touch; computed on first use (an up-to-date start-up never needs it). */
  names(): Promise<ReadonlySet<string>>;
  /** Reviewed acknowledgements (the `cross-prefix` ones let a statement reach outside the prefix). */
  acks(): Promise<readonly LintAck[]>;
  readonly driver: MigrationDriver;
  readonly config: DbConfig;
}

/** What a shortcut sees before the migrations' heads are loaded. */
export interface EarlyContext {
  readonly source: MigrationSource;
  readonly driver: MigrationDriver;
  readonly config: DbConfig;
}

/**
 * Opens the driver and loads the migrations (the heads; the SQL on demand), runs `fn`, and closes the driver.
 * A `shortcut` runs first, before the heads are loaded; when it returns a result, that is the result.
 */
export async function withContext<T>(
  config: DbConfig,
  options: MigrateOptions,
  fn: (ctx: Context) => Promise<T>,
  shortcut?: (early: EarlyContext) => Promise<T | undefined>,
): Promise<T> {
  const source = await loadMigrationSource(config.dialect, options);
  // The closed set of names the rewriter may touch: our objects now, the objects the migrations themselves
  // create or rename to (which covers every object since dropped or renamed, and hand-written ones), and the
  // ledger. drizzle-kit's snapshots add nothing to it: every name they hold that any migration mentions is
  // created by one (test/migrate/closed-set.test.ts), and reading them was a tenth of a fresh apply.
  // A rebuild's transient `__new_<table>` stays out: the rewriter names it `__new_<prefix>_<table>` from its
  // table, so the statement shapes (plan notes, rollback's data-loss check) still see a rebuild once prefixed.
  let names: Promise<ReadonlySet<string>> | undefined;
  const closedSet = async () =>
    new Set<string>([
      ...manifest.objectNames,
      ...(await source.files()).flatMap((f) => [...createdObjectNames(f.sql)].filter((n) => !n.startsWith(REBUILD_PREFIX))),
      LEDGER_BASE_NAME,
    ]);
  const driver = await openMigrationDriver(config, { lockTimeoutMs: options.lockTimeoutMs ?? 60_000, ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }) });
  try {
    const early = await shortcut?.({ source, driver, config });
    if (early !== undefined) return early;
    return await fn({ files: await source.heads(), full: () => source.files(), names: () => (names ??= closedSet()), acks: () => source.acks(), driver, config });
  } catch (error) {
    throw asToolkitError(error, config);
  } finally {
    await driver.close().catch(() => undefined);
  }
}

/** Failures to connect (refused, timeout, auth, missing database) become ConnectionErrors; others stay as they are. */
function asToolkitError(error: unknown, config: DbConfig): unknown {
  if (isCtsDbError(error) || config.postgres === undefined || !isConnectionFailure(error)) return error;
  const url = config.postgres.url.reveal();
  const check = checkPostgresUrl(url);
  return check.ok ? toConnectionError(error, check.target, url) : error;
}

export { prefixedStatements } from './prefixed-statements.js';

async function applyOne(tx: MigrationTx, file: MigrationFile, ctx: Context): Promise<number> {
  const started = performance.now();
  const statements = prefixedStatements(file, ctx.config.prefix, await ctx.names());
  for (const [i, statement] of statements.entries()) {
    try {
      await tx.execute(statement);
    } catch (cause) {
      const excerpt = statement.length > 240 ? `${statement.slice(0, 240)}...` : statement;
      const lockTimeout = lockTimeoutOf(cause, file.tag, i + 1, statement, excerpt);
      if (lockTimeout !== undefined) throw lockTimeout;
      // The driver already said what happened (a libSQL server that handed the write lock to another writer, a
      // connection that went away): not a fault of the migration, whose hint would say to fix it.
      if (isCtsDbError(cause) && (cause.code === 'MIGRATION_LOCK_TIMEOUT' || cause.code.startsWith('CONNECTION_'))) throw cause;
      throw new MigrationError(`migration ${file.tag} failed at statement ${i + 1} of ${statements.length} (${file.file}): ${(cause as Error).message}\n  SQL: ${excerpt}`, {
        code: 'MIGRATION_FAILED',
        subject: file.file,
        tag: file.tag,
        file: file.file,
        statement: i + 1,
        excerpt,
        hint: 'fix the migration (if it was never applied anywhere) or add a new one; this migration was rolled back and left no trace',
        cause,
      });
    }
  }
  const ms = Math.round(performance.now() - started);
  await tx.insertLedger({ tag: file.tag, journalIdx: file.journalIdx, checksum: file.checksum, executionMs: ms, prefix: ctx.config.prefix, dialect: ctx.config.dialect });
  return ms;
}

/**
 * A failed run's report lists only what is known: migrations the ledger shows as applied, the one that failed,
 * and the ones after it that did not run. When the ledger was never read (no connection), nothing is listed.
 */
function failure(results: Map<string, MigrationRunResult>, files: readonly MigrationHead[], error: CtsDbError, missing: readonly string[] = [], applied?: ReadonlySet<string>): MigrateResult {
  const list =
    applied === undefined
      ? files.flatMap((f) => results.get(f.tag) ?? [])
      : files.map((f) => results.get(f.tag) ?? { tag: f.tag, status: applied.has(f.tag) ? ('already-applied' as const) : ('not-run' as const), ms: 0 });
  return { ok: false, applied: list.filter((r) => r.status === 'applied').length, results: list, missingCriticalTables: missing, error };
}

/**
 * Applies the pending migrations with the configured prefix, under the prefix's lock.
 * Migration failures are returned in `error`, never thrown.
 *
 * @example
 * const result = await migrate(resolveConfig());
 * if (!result.ok) console.error(result.error?.message);
 */
export async function migrate(config: DbConfig, options: MigrateOptions = {}): Promise<MigrateResult> {
  const results = new Map<string, MigrationRunResult>();
  let files: readonly MigrationHead[] = [];
  let appliedTags: Set<string> | undefined;
  const critical = criticalTableNames(config.prefix, options.criticalTables);
  // Up-to-date start-up: one round trip, no lock, no writes, and no migration loaded beyond the summary: the
  // ledger's digest equals the migrations' (same tags, checksums and order), whether there are 1 or 200.
  // The state read by the shortcut, reused when it finds work to do (one round trip either way).
  let first: QuickState | undefined;
  const upToDate = async ({ source, driver }: EarlyContext): Promise<MigrateResult | undefined> => {
    const quick = (first = await driver.quickState(critical));
    if (quick.ledger === undefined || !ledgerMatchesSummary(source.summary, quick.ledger)) return undefined;
    const list = quick.ledger.map((e) => ({ tag: e.tag, status: 'already-applied' as const, ms: 0 }));
    const missing = critical.filter((t) => !quick.presentTables.includes(t));
    if (missing.length > 0) return { ok: false, applied: 0, results: list, missingCriticalTables: missing, error: missingCriticalError(missing, config) };
    return { ok: true, applied: 0, results: list, missingCriticalTables: [] };
  };
  try {
    return await withContext(config, options, async (ctx) => {
      files = ctx.files;
      // Not up to date by the digest: compare migration by migration (pending ones, or a broken history).
      const quick = first ?? (await ctx.driver.quickState(critical));
      appliedTags = new Set((quick.ledger ?? []).map((e) => e.tag));
      if (quick.ledger === undefined) {
        // Our tables without our ledger: created by hand or by another tool. Applying 0000 would fail on them.
        const present = quick.presentTables.filter((t) => critical.includes(t) && t !== ledgerTableName(config.prefix));
        if (present.length > 0) return failure(results, ctx.files, ledgerMissingError(present, config, ctx.files), [], appliedTags);
      }
      if (quick.ledger !== undefined) {
        const history = verifyHistory(ctx.files, quick.ledger);
        if (!history.ok) return failure(results, ctx.files, history.error, [], appliedTags);
        if (history.pending.length === 0) {
          const missing = critical.filter((t) => !quick.presentTables.includes(t));
          const list = ctx.files.map((f) => ({ tag: f.tag, status: 'already-applied' as const, ms: 0 }));
          if (missing.length > 0) return failure(new Map(list.map((r) => [r.tag, r])), ctx.files, missingCriticalError(missing, config), missing);
          return { ok: true, applied: 0, results: list, missingCriticalTables: [] };
        }
      }
      // Something to apply: now the SQL is needed.
      const full = await ctx.full();
      const names = await ctx.names();
      const empty = full.find((f) => !(appliedTags ?? new Set()).has(f.tag) && prefixedStatements(f, config.prefix, names).length === 0);
      if (empty !== undefined) return failure(results, ctx.files, emptyMigrationError(empty), [], appliedTags);
      // Before anything runs: a statement that reaches another prefix's objects (src/migrate/prefix-isolation.ts).
      const violations = await pendingPrefixViolations(config, full.filter((f) => !(appliedTags ?? new Set()).has(f.tag)), names, await ctx.acks());
      if (violations.length > 0) return failure(results, ctx.files, prefixViolationError(violations, config.dialect, config.prefix), [], appliedTags);
      // Before anything runs: data that would make a pending statement fail halfway through the deploy.
      const conflicts: DataConflict[] = [];
      const changed = new Set<string>();
      // A first deployment on a database without any table has no data to conflict with.
      const nothingToMeet = quick.ledger === undefined && (await holdsNoTables(ctx.driver));
      if (!nothingToMeet) for (const f of full) if (!(appliedTags ?? new Set()).has(f.tag)) conflicts.push(...(await dataConflicts(ctx.driver, f.tag, prefixedStatements(f, config.prefix, names), changed)));
      if (conflicts.length > 0) return failure(results, ctx.files, dataConflictError(conflicts), [], appliedTags);
      // Each transaction takes the prefix's lock and re-reads the ledger under it (see MigrationDriver.transaction);
      // one that could not get a table's lock in time is rolled back and retried (withLockRetries).
      const retrying = <T>(attempt: () => Promise<T>) => withLockRetries(ctx.driver, lockRetrySettings(config), attempt, options.onLockWait);
      await ctx.driver.ensureLedger();
      const runOne = async (tx: MigrationTx, ledger: readonly LedgerRow[], file: MigrationFile) => {
        if (ledger.some((r) => r.tag === file.tag)) {
          results.set(file.tag, { tag: file.tag, status: 'already-applied', ms: 0 });
          return;
        }
        results.set(file.tag, { tag: file.tag, status: 'failed', ms: 0 });
        options.onMigration?.({ tag: file.tag });
        const ms = await applyOne(tx, file, ctx);
        results.set(file.tag, { tag: file.tag, status: 'applied', ms });
        options.onMigration?.({ tag: file.tag, ms });
      };
      // The ledger is re-read inside every transaction, after the lock: another run may have moved on.
      const verified = async (tx: MigrationTx) => {
        const ledger = await tx.readLedger();
        const history = verifyHistory(ctx.files, ledger);
        if (!history.ok) throw history.error;
        return ledger;
      };
      // A `-- cts:transaction none` migration (PostgreSQL) commits statement by statement; SQLite runs it in
      // its transaction like any other (see transaction-marker.ts).
      const outside = new Set(full.filter((f) => transactionModeOf(f) === 'none' && config.dialect === 'postgresql').map((f) => f.tag));
      const pendingOutside = full.find((f) => outside.has(f.tag) && !(appliedTags ?? new Set()).has(f.tag));
      if (options.tx === 'all' && pendingOutside !== undefined) return failure(results, ctx.files, allOrNothingError(pendingOutside), [], appliedTags);
      if (options.tx === 'all') {
        await retrying(() =>
          ctx.driver.transaction(async (tx) => {
            const ledger = await verified(tx);
            for (const file of full) await runOne(tx, ledger, file);
          }),
        );
      } else {
        for (const file of full) {
          if (outside.has(file.tag)) {
            results.set(file.tag, { tag: file.tag, status: 'failed', ms: 0 });
            const run = await applyOutsideTransaction({
              driver: ctx.driver,
              config,
              file,
              statements: prefixedStatements(file, config.prefix, names),
              waitMs: options.lockTimeoutMs ?? 60_000,
              verified,
              retrying,
              privateDatabase: options.privateDatabase,
              onStart: () => options.onMigration?.({ tag: file.tag }),
            });
            results.set(file.tag, { tag: file.tag, status: run.status, ms: run.ms });
            if (run.status === 'applied') options.onMigration?.({ tag: file.tag, ms: run.ms });
            continue;
          }
          try {
            await retrying(() => ctx.driver.transaction(async (tx) => runOne(tx, await verified(tx), file)));
          } catch (error) {
            // Refused at commit (SQLite's foreign_key_check): its statements ran, but nothing was kept.
            if (results.get(file.tag)?.status === 'applied') results.set(file.tag, { tag: file.tag, status: 'failed', ms: 0 });
            throw error;
          }
        }
      }
      const after = await ctx.driver.quickState(critical);
      const missing = critical.filter((t) => !after.presentTables.includes(t));
      if (missing.length > 0) return failure(results, ctx.files, missingCriticalError(missing, config), missing);
      const list = ctx.files.map((f) => results.get(f.tag) ?? { tag: f.tag, status: 'already-applied' as const, ms: 0 });
      return { ok: true, applied: list.filter((r) => r.status === 'applied').length, results: list, missingCriticalTables: [] };
    }, upToDate);
  } catch (error) {
    if (options.tx === 'all') for (const [tag, r] of results) if (r.status === 'applied') results.set(tag, { ...r, status: 'not-run' });
    const wrapped = isCtsDbError(error)
      ? error
      : new MigrationError(`migration run failed: ${(error as Error).message}`, { code: 'MIGRATION_FAILED', subject: config.prefix, hint: 'see the cause', cause: error });
    return failure(results, files, wrapped, [], appliedTags);
  }
}

/** DB_DDL_LOCK_TIMEOUT_MS / DB_DDL_LOCK_RETRIES (PostgreSQL; SQLite statements never hit lock_timeout). */
export function lockRetrySettings(config: DbConfig): { readonly retries: number; readonly lockTimeoutMs: number } {
  return { retries: config.postgres?.ddlLockRetries ?? DEFAULTS.ddlLockRetries, lockTimeoutMs: config.postgres?.ddlLockTimeoutMs ?? DEFAULTS.ddlLockTimeoutMs };
}

function ledgerMissingError(present: readonly string[], config: DbConfig, files: readonly MigrationHead[]): MigrationError {
  const last = files.at(-1)?.tag ?? '<tag>';
  return new MigrationError(`tables of prefix ${config.prefix} exist (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}) but its ledger ${ledgerTableName(config.prefix)} does not: they were not created by this runner`, {
    code: 'MIGRATION_LEDGER_MISSING',
    subject: ledgerTableName(config.prefix),
    hint: `if they match the migrations up to a tag, record that with \`${commandName('baseline')} --to <tag>\` (e.g. --to ${last}; \`${commandName('check')} --live\` compares them with the schema); otherwise use another DB_PREFIX`,
  });
}

function allOrNothingError(file: MigrationHead): MigrationError {
  return new MigrationError(`migration ${file.tag} runs outside a transaction (-- cts:transaction none), so the pending migrations cannot be applied all-or-nothing (--tx all)`, {
    code: 'MIGRATION_NONTRANSACTIONAL_UNSUPPORTED',
    subject: file.file,
    tag: file.tag,
    file: file.file,
    hint: 'migrate with --tx each (the default): every migration commits on its own, and this one statement by statement',
  });
}

function emptyMigrationError(file: MigrationHead): MigrationError {
  return new MigrationError(`migration ${file.tag} has no SQL statement (${file.file} is empty or only comments)`, {
    code: 'MIGRATION_EMPTY',
    subject: file.file,
    tag: file.tag,
    file: file.file,
    hint: 'write its SQL (base names, below the template comments), run `pnpm db:generate` to embed it, then migrate; or delete the migration if it is not needed',
  });
}

function missingCriticalError(missing: readonly string[], config: DbConfig): MigrationError {
  return new MigrationError(`critical tables are missing although every migration is applied: ${missing.join(', ')}`, {
    code: 'MIGRATION_CRITICAL_TABLES_MISSING',
    subject: missing.join(', '),
    hint: `they were dropped outside the migrations (prefix ${config.prefix}): restore them from a backup; \`${commandName('migrate')} --plan\` with a fresh prefix shows their DDL`,
  });
}

export interface PlanResult {
  readonly ok: boolean;
  readonly pending: readonly PlannedMigration[];
  readonly error?: CtsDbError;
}

/** The exact prefixed SQL that `migrate` would run now, without running it or taking the lock. */
export async function planMigrations(config: DbConfig, options: MigrateOptions = {}): Promise<PlanResult> {
  try {
    return await withContext(config, options, async (ctx) => {
      const quick = await ctx.driver.quickState([]);
      const history = verifyHistory(ctx.files, quick.ledger ?? []);
      if (!history.ok) return { ok: false, pending: [], error: history.error };
      const names = await ctx.names();
      const full = await ctx.full();
      const pending: PlannedMigration[] = [];
      const changed = new Set<string>();
      const acks = await ctx.acks();
      for (const f of history.pending.map((h) => full[h.position]!)) {
        const statements = prefixedStatements(f, config.prefix, names);
        const violations = await pendingPrefixViolations(config, [f], names, acks);
        // A refused statement's rows are another prefix's business: not counted, not read.
        const judged = statements.map((st, i) => (violations.some((v) => v.statement === i) ? '' : st));
        pending.push({ tag: f.tag, file: f.file, checksum: f.checksum, statements, affects: await affectedRows(ctx.driver, judged), conflicts: await dataConflicts(ctx.driver, f.tag, judged, changed), violations });
      }
      const violations = pending.flatMap((p) => p.violations ?? []);
      if (violations.length > 0) return { ok: false, pending, error: prefixViolationError(violations, config.dialect, config.prefix) };
      const conflicts = pending.flatMap((p) => p.conflicts ?? []);
      if (conflicts.length > 0) return { ok: false, pending, error: dataConflictError(conflicts) };
      return { ok: true, pending };
    });
  } catch (error) {
    if (isCtsDbError(error)) return { ok: false, pending: [], error };
    throw error;
  }
}

export type MigrationState = 'applied' | 'changed' | 'pending' | 'missing-file';

export interface MigrationStatusRow {
  readonly tag: string;
  readonly journalIdx: number | undefined;
  readonly state: MigrationState;
  readonly appliedAt: Date | undefined;
  readonly appliedBy: string | undefined;
  readonly executionMs: number | undefined;
  readonly fileChecksum: string | undefined;
  readonly ledgerChecksum: string | undefined;
}

export interface StatusResult {
  readonly ok: boolean;
  readonly ledgerExists: boolean;
  readonly rows: readonly MigrationStatusRow[];
  /** History problems (changed, vanished or out-of-order migrations); empty when consistent. */
  readonly problems: readonly MigrationError[];
  readonly error?: CtsDbError;
}

/** The ledger against the migration files, one row per migration; never changes anything. */
export async function migrationStatus(config: DbConfig, options: MigrateOptions = {}): Promise<StatusResult> {
  try {
    return await withContext(config, options, async (ctx) => {
      const quick = await ctx.driver.quickState([]);
      // Status shows when and by whom: the full rows, read only when there is a ledger.
      const ledger = quick.ledger === undefined ? [] : await ctx.driver.readLedger();
      const byTag = new Map(ledger.map((r) => [r.tag, r]));
      const rows: MigrationStatusRow[] = ctx.files.map((f) => {
        const row = byTag.get(f.tag);
        return {
          tag: f.tag,
          journalIdx: f.journalIdx,
          state: row === undefined ? 'pending' : row.checksum === f.checksum ? 'applied' : 'changed',
          appliedAt: row?.appliedAt,
          appliedBy: row?.appliedBy,
          executionMs: row?.executionMs,
          fileChecksum: f.checksum,
          ledgerChecksum: row?.checksum,
        };
      });
      const known = new Set(ctx.files.map((f) => f.tag));
      for (const row of ledger.filter((r) => !known.has(r.tag))) {
        rows.push({ tag: row.tag, journalIdx: row.journalIdx, state: 'missing-file', appliedAt: row.appliedAt, appliedBy: row.appliedBy, executionMs: row.executionMs, fileChecksum: undefined, ledgerChecksum: row.checksum });
      }
      const problems: MigrationError[] = [];
      // verifyHistory stops at the first problem; report every changed or vanished file, then the order.
      for (const row of ledger) {
        const check = verifyHistory(ctx.files, [row]);
        if (!check.ok && check.error.code !== 'MIGRATION_OUT_OF_ORDER') problems.push(check.error);
      }
      const order = verifyHistory(ctx.files, ledger.filter((r) => known.has(r.tag) && byTag.get(r.tag)?.checksum === ctx.files.find((f) => f.tag === r.tag)?.checksum));
      if (!order.ok) problems.push(order.error);
      return { ok: problems.length === 0, ledgerExists: quick.ledger !== undefined, rows, problems };
    });
  } catch (error) {
    if (isCtsDbError(error)) return { ok: false, ledgerExists: false, rows: [], problems: [], error };
    throw error;
  }
}

/**
 * Records an existing database as migrated up to `toTag` (inclusive) without running any SQL: for a
 * database created before this runner, or by hand.
 */
export async function baselineMigrations(config: DbConfig, toTag: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const results = new Map<string, MigrationRunResult>();
  let files: readonly MigrationHead[] = [];
  try {
    return await withContext(config, options, async (ctx) => {
      files = ctx.files;
      const target = ctx.files.find((f) => f.tag === toTag);
      if (target === undefined) {
        throw new MigrationError(`no migration with tag ${JSON.stringify(toTag)} in the journal`, {
          code: 'MIGRATION_UNKNOWN_TAG',
          subject: toTag,
          hint: `use one of: ${ctx.files.map((f) => f.tag).join(', ')}`,
        });
      }
      await ctx.driver.ensureLedger();
      await ctx.driver.transaction(async (tx) => {
        const ledger = await tx.readLedger();
        for (const file of ctx.files.filter((f) => f.position <= target.position)) {
          if (ledger.some((r) => r.tag === file.tag)) continue;
          await tx.insertLedger({ tag: file.tag, journalIdx: file.journalIdx, checksum: file.checksum, executionMs: 0, prefix: config.prefix, dialect: config.dialect });
          results.set(file.tag, { tag: file.tag, status: 'applied', ms: 0 });
        }
        const history = verifyHistory(ctx.files, await tx.readLedger());
        if (!history.ok) throw history.error;
      });
      const list = ctx.files.map((f) => results.get(f.tag) ?? { tag: f.tag, status: f.position <= target.position ? ('already-applied' as const) : ('not-run' as const), ms: 0 });
      return { ok: true, applied: results.size, results: list, missingCriticalTables: [] };
    });
  } catch (error) {
    if (isCtsDbError(error)) return failure(new Map(), files, error);
    throw error;
  }
}
