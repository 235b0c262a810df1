import type { HealthChecker, HealthCheckerOptions } from './health-checker.js';
import { performance } from 'node:perf_hooks';
import { manifest } from '../../generated/manifest.js';
import type { DbConfig } from '../config/index.js';
import { withTimeout } from '../db/with-timeout.js';
import { healthErrorCode } from './error-code.js';
import { passwordOf, redactSecrets } from '../errors/redact.js';
import { LEDGER_BASE_NAME } from '../naming/index.js';
import type { LedgerEntry } from '../migrate/ledger.js';
import type { MigrationDriver, QuickState } from '../migrate/migration-driver.js';
import type { MigrationHead } from '../migrate/migration-files.js';
import { openMigrationDriver } from '../migrate/open-driver.js';
import type { HealthReport, MigrationStatusReport, ReplicaHealth } from './health-types.js';
import { createReplicaChecker } from './replica-health.js';
import { commandName } from '../errors/command-name.js';

interface Snapshot {
  readonly state: QuickState;
  readonly ms: number;
}

/** The checks behind createHealthChecker (health-checker.ts), made on its first call. */
export function openHealthChecker(config: DbConfig, options: HealthCheckerOptions = {}): HealthChecker {
  const tables = options.tables ?? manifest.tables.map((t) => t.name);
  const critical = [...(options.criticalTables ?? manifest.criticalTables), LEDGER_BASE_NAME];
  const prefixed = (base: string) => `${config.prefix}_${base}`;
  const lookFor = [...new Set([...tables, ...critical].map(prefixed))];
  const timeoutMs = (config.postgres?.connectTimeoutMs ?? config.sqlite.busyTimeoutMs) + 1_000;
  const secrets = [config.postgres?.url.reveal(), config.postgres === undefined ? undefined : passwordOf(config.postgres.url.reveal())];
  let driver: MigrationDriver | undefined;
  let files: Promise<readonly MigrationHead[]> | undefined;
  const replicaChecker = config.postgres !== undefined && (config.postgres.replicaUrls ?? []).length > 0 ? createReplicaChecker(config.postgres, config.prefix, timeoutMs) : undefined;
  const replicasOf = async (latest: string | null): Promise<{ replicas?: ReplicaHealth[] }> => {
    if (replicaChecker === undefined) return {};
    const lsn = driver === undefined ? null : await withTimeout(driver.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'), timeoutMs).then((r) => r[0]?.lsn ?? null, () => null);
    const all = await migrationFiles().catch(() => [] as readonly MigrationHead[]);
    return { replicas: await replicaChecker.check(latest, lsn, (ledger) => pendingOf(all, ledger).latest) };
  };

  const snapshot = async (): Promise<Snapshot> => {
    const started = performance.now();
    try {
      driver ??= await openMigrationDriver(config, {
        lockTimeoutMs: config.sqlite.busyTimeoutMs,
        create: false,
        // What the app sees, through DATABASE_URL (a pooler's, perhaps), not the direct URL of migrations.
        connection: 'app',
        ...(options.onQuery === undefined ? {} : { onQuery: options.onQuery }),
      });
      const state = await withTimeout(driver.quickState(lookFor), timeoutMs);
      return { state, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const failed = driver;
      driver = undefined;
      await failed?.close().catch(() => undefined);
      throw error;
    }
  };
  // The migrations are read on the first check, not when the checker is made (often at import of a route file).
  const migrationFiles = () => (files ??= import('../migrate/migration-source.js').then(({ loadMigrationSource }) => loadMigrationSource(config.dialect, options)).then((source) => source.heads()));
  const describeError = (error: unknown) => redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error), secrets);

  return {
    async check(): Promise<HealthReport> {
      const started = performance.now();
      try {
        const { state, ms } = await snapshot();
        const present = new Set(state.presentTables);
        const missing = critical.map(prefixed).filter((t) => !present.has(t));
        const history = pendingOf(await migrationFiles(), state.ledger ?? []);
        const replicas = await replicasOf(history.latest);
        // A promoted replica is a second primary (split brain) that the app no longer reads: someone must act.
        const promoted = (replicas.replicas ?? []).flatMap((r, i) => (r.errorCode === 'REPLICA_PROMOTED' ? [i + 1] : []));
        const degraded = missing.length > 0 || history.pending > 0 || history.changed > 0 || promoted.length > 0;
        const reasons = [
          ...(missing.length > 0 ? [`critical tables missing: ${missing.join(', ')}`] : []),
          ...(history.pending > 0 ? [`${history.pending} migration(s) pending`] : []),
          ...(history.changed > 0 ? [`${history.changed} applied migration(s) changed or missing on disk (${commandName('validate')})`] : []),
          ...(promoted.length > 0 ? [`replica ${promoted.join(', ')} is not in recovery (promoted): it is not read`] : []),
        ];
        return {
          status: degraded ? 'degraded' : 'healthy',
          database: {
            type: config.dialect,
            connected: true,
            responseTime: `${ms}ms`,
            tableCount: tables.filter((t) => present.has(prefixed(t))).length,
            criticalTables: { total: critical.length, existing: critical.length - missing.length, missing },
          },
          prefix: config.prefix,
          migrations: { latest: history.latest, pending: history.pending },
          ...(reasons.length === 0 ? {} : { error: reasons.join('; ') }),
          ...replicas,
        };
      } catch (error) {
        return {
          status: 'unhealthy',
          database: {
            type: config.dialect,
            connected: false,
            responseTime: `${Math.round(performance.now() - started)}ms`,
            // Nothing could be looked at: unknown (null), not "all missing".
            tableCount: null,
            criticalTables: { total: critical.length, existing: null, missing: null },
          },
          prefix: config.prefix,
          migrations: { latest: null, pending: null },
          error: describeError(error),
          errorCode: healthErrorCode(error),
          ...(await replicasOf(null)),
        };
      }
    },

    async migrationStatus(): Promise<MigrationStatusReport> {
      const all = await migrationFiles().catch(() => [] as readonly MigrationHead[]);
      const categories = (present: ReadonlySet<string>) =>
        Object.fromEntries(
          Object.entries(manifest.categories).map(([category, names]) => {
            const missing = names.filter((n) => !present.has(prefixed(n))).map(prefixed);
            return [category, { expected: names.length, existing: names.length - missing.length, missing }];
          }),
        );
      try {
        const { state } = await snapshot();
        const present = new Set(state.presentTables);
        // Status shows when each migration ran: the full rows, a second query (health checks need only the entries).
        const ledger = state.ledger === undefined || driver === undefined ? [] : await withTimeout(driver.readLedger(), timeoutMs);
        const byTag = new Map(all.map((f) => [f.tag, f]));
        const applied = ledger.map((r) => ({
          tag: r.tag,
          appliedAt: r.appliedAt.toISOString(),
          executionMs: r.executionMs,
          checksum: ((f) => (f === undefined ? 'missing-file' : f.checksum === r.checksum ? 'ok' : 'changed'))(byTag.get(r.tag)) as 'ok' | 'changed' | 'missing-file',
        }));
        const appliedTags = new Set(ledger.map((r) => r.tag));
        const pending = all.filter((f) => !appliedTags.has(f.tag)).map((f) => f.tag);
        const existing = manifest.tables.filter((t) => present.has(prefixed(t.name))).length;
        const broken = applied.some((a) => a.checksum !== 'ok');
        return {
          success: !broken,
          database: { type: config.dialect, connected: true },
          migrations: { total: all.length, applied, pending },
          tables: { total: manifest.tableCount, expected: manifest.tableCount, existing, categories: categories(present) },
          status: broken ? 'error' : pending.length > 0 || existing < manifest.tableCount ? 'pending' : 'complete',
          prefix: config.prefix,
          ...(broken ? { error: `an applied migration was changed or removed: run ${commandName('validate')}` } : {}),
        };
      } catch (error) {
        return {
          success: false,
          database: { type: config.dialect, connected: false },
          migrations: { total: all.length, applied: [], pending: all.map((f) => f.tag) },
          tables: { total: manifest.tableCount, expected: manifest.tableCount, existing: 0, categories: categories(new Set()) },
          status: 'error',
          prefix: config.prefix,
          error: describeError(error),
        };
      }
    },

    async close(): Promise<void> {
      const open = driver;
      driver = undefined;
      await Promise.all([open?.close(), replicaChecker?.close()]);
    },
  };
}

function pendingOf(files: readonly MigrationHead[], ledger: readonly LedgerEntry[]): { latest: string | null; pending: number; changed: number } {
  const byTag = new Map(files.map((f) => [f.tag, f]));
  const applied = new Set(ledger.map((r) => r.tag));
  const latest = [...ledger].sort((a, b) => (byTag.get(a.tag)?.position ?? a.journalIdx) - (byTag.get(b.tag)?.position ?? b.journalIdx)).at(-1)?.tag ?? null;
  return {
    latest,
    pending: files.filter((f) => !applied.has(f.tag)).length,
    changed: ledger.filter((r) => byTag.get(r.tag)?.checksum !== r.checksum).length,
  };
}
