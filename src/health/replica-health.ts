import type { PostgresSettings } from '../config/index.js';
import { TimeoutError, withTimeout } from '../db/with-timeout.js';
import { createLagClock, judgeReplica, REPLICA_PROBE_SQL, type ReplicaProbeRow } from '../db/postgres/replica-lag.js';
import { healthErrorCode } from './error-code.js';
import { passwordOf, redactSecrets } from '../errors/redact.js';
import type { LedgerEntry } from '../migrate/ledger.js';
import type { MigrationDriver } from '../migrate/migration-driver.js';
import { DEFAULTS, checkPostgresUrl, targetLabel } from '../config/index.js';
import type { ReplicaHealth } from './health-types.js';

/** Health of each read replica, with one connection per replica kept between checks (reopened after a failure). */
export interface ReplicaChecker {
  /** `primaryLatest`: the primary's newest applied migration; `primaryLsn`: its current WAL position (null if unknown). */
  check(primaryLatest: string | null, primaryLsn: string | null, latestOf: (ledger: readonly LedgerEntry[]) => string | null): Promise<ReplicaHealth[]>;
  close(): Promise<void>;
}

/**
 * The same rules as the app's rotation (src/db/postgres/replica-set.ts): a replica that does not answer within
 * DB_REPLICA_READ_TIMEOUT_MS is REPLICA_TIMEOUT, one not in recovery REPLICA_PROMOTED, one further behind than
 * DB_REPLICA_MAX_LAG_MS (or behind by an unknown time) REPLICA_LAGGING. Lag is measured against the primary's
 * positions sampled at each check (see replica-lag.ts), so a checker kept between checks measures it best.
 */
export function createReplicaChecker(settings: PostgresSettings, prefix: string, connectTimeoutMs: number): ReplicaChecker {
  const readTimeoutMs = settings.replicaReadTimeoutMs ?? DEFAULTS.replicaReadTimeoutMs;
  const maxLagMs = settings.replicaMaxLagMs ?? DEFAULTS.replicaMaxLagMs;
  const clock = createLagClock(Math.max(maxLagMs * 2, 60_000));
  const replicas = (settings.replicaUrls ?? []).map((url) => {
    const check = checkPostgresUrl(url.reveal());
    return {
      settings: { ...settings, url, redactedUrl: '' },
      target: check.ok ? targetLabel(check.target) : 'replica',
      secrets: [url.reveal(), passwordOf(url.reveal())],
      driver: undefined as MigrationDriver | undefined,
    };
  });
  const one = async (replica: (typeof replicas)[number], primaryLatest: string | null, primaryLsn: string | null, latestOf: (ledger: readonly LedgerEntry[]) => string | null): Promise<ReplicaHealth> => {
    // A first connection gets the connect deadline as well; an open one only the read deadline.
    const deadline = replica.driver === undefined ? connectTimeoutMs + readTimeoutMs : readTimeoutMs;
    try {
      // Imported on use: only a PostgreSQL app with replicas loads it here.
      replica.driver ??= (await import('../migrate/pg/pg-migration-driver.js')).openPgMigrationDriver(replica.settings, { prefix, lockTimeoutMs: readTimeoutMs });
      const driver = replica.driver;
      const [state, rows] = await withTimeout(
        Promise.all([
          driver.quickState([]),
          driver.query<ReplicaProbeRow>(REPLICA_PROBE_SQL),
        ]),
        deadline,
      );
      const row = rows[0];
      const migration = state.ledger === undefined ? null : latestOf(state.ledger);
      const { lagMs, lagBytes, code } = judgeReplica(row, primaryLsn, clock, maxLagMs, Date.now());
      return {
        target: replica.target,
        reachable: true,
        standby: row?.standby ?? null,
        lagMs,
        lagBytes,
        migration,
        matchesPrimary: migration === primaryLatest,
        ...(code === undefined
          ? {}
          : {
              errorCode: code,
              error: code === 'REPLICA_PROMOTED' ? 'not in recovery: promoted (or a primary), so it is not read' : lagMs === null ? 'replay lag unknown: not read until it is measured' : `replay lag ${lagMs} ms is over DB_REPLICA_MAX_LAG_MS (${maxLagMs} ms): not read until it catches up`,
            }),
      };
    } catch (error) {
      const failed = replica.driver;
      replica.driver = undefined;
      await failed?.close().catch(() => undefined);
      const timedOut = error instanceof TimeoutError || healthErrorCode(error) === 'CONNECTION_TIMEOUT';
      return {
        target: replica.target,
        reachable: false,
        standby: null,
        lagMs: null,
        lagBytes: null,
        migration: null,
        matchesPrimary: null,
        error: timedOut ? `no answer within ${deadline} ms` : redactSecrets(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error), replica.secrets),
        errorCode: timedOut ? 'REPLICA_TIMEOUT' : healthErrorCode(error),
      };
    }
  };
  return {
    check: (primaryLatest, primaryLsn, latestOf) => {
      if (primaryLsn !== null) clock.sample(primaryLsn, Date.now());
      return Promise.all(replicas.map((r) => one(r, primaryLatest, primaryLsn, latestOf)));
    },
    close: async () => {
      await Promise.all(replicas.map((r) => r.driver?.close().catch(() => undefined)));
    },
  };
}
