import type { PostgresSettings } from '../config/index.js';
import { withTimeout } from '../db/with-timeout.js';
import { healthErrorCode } from './error-code.js';
import { passwordOf, redactSecrets } from '../errors/redact.js';
import type { LedgerEntry } from '../migrate/ledger.js';
import type { MigrationDriver } from '../migrate/migration-driver.js';
import { openPgMigrationDriver } from '../migrate/pg/pg-migration-driver.js';
import { checkPostgresUrl } from '../config/index.js';
import type { ReplicaHealth } from './health-types.js';

/** Health of each read replica, with one connection per replica kept between checks (reopened after a failure). */
export interface ReplicaChecker {
  /** `primaryLatest`: the primary's newest applied migration; `primaryLsn`: its current WAL position (null if unknown). */
  check(primaryLatest: string | null, primaryLsn: string | null, latestOf: (ledger: readonly LedgerEntry[]) => string | null): Promise<ReplicaHealth[]>;
  close(): Promise<void>;
}

interface ReplicaRow {
  standby: boolean;
  lag_ms: string | number | null;
  lag_bytes: string | number | null;
}

const asNumber = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function createReplicaChecker(settings: PostgresSettings, prefix: string, timeoutMs: number): ReplicaChecker {
  const replicas = (settings.replicaUrls ?? []).map((url) => {
    const check = checkPostgresUrl(url.reveal());
    return {
      settings: { ...settings, url, redactedUrl: '' },
      target: check.ok ? `${check.target.host}:${check.target.port}/${check.target.database}` : 'replica',
      secrets: [url.reveal(), passwordOf(url.reveal())],
      driver: undefined as MigrationDriver | undefined,
    };
  });
  const one = async (replica: (typeof replicas)[number], primaryLatest: string | null, primaryLsn: string | null, latestOf: (ledger: readonly LedgerEntry[]) => string | null): Promise<ReplicaHealth> => {
    try {
      replica.driver ??= openPgMigrationDriver(replica.settings, { prefix, lockTimeoutMs: timeoutMs });
      const driver = replica.driver;
      const [state, rows] = await withTimeout(
        Promise.all([
          driver.quickState([]),
          // Lag two ways: bytes of WAL not yet replayed (exact, 0 when caught up) and time since the last
          // replayed transaction (grows while the primary is idle, so it is a hint, not an alarm).
          driver.query<ReplicaRow>(
            `select pg_is_in_recovery() as standby,
                    case when pg_is_in_recovery() then round(extract(epoch from (now() - pg_last_xact_replay_timestamp())) * 1000) end as lag_ms,
                    case when pg_is_in_recovery() and $1::text is not null then pg_wal_lsn_diff($1::text::pg_lsn, pg_last_wal_replay_lsn()) end as lag_bytes`,
            [primaryLsn],
          ),
        ]),
        timeoutMs,
      );
      const row = rows[0];
      const migration = state.ledger === undefined ? null : latestOf(state.ledger);
      return {
        target: replica.target,
        reachable: true,
        standby: row?.standby ?? null,
        lagMs: asNumber(row?.lag_ms ?? null),
        lagBytes: asNumber(row?.lag_bytes ?? null),
        migration,
        matchesPrimary: migration === primaryLatest,
      };
    } catch (error) {
      const failed = replica.driver;
      replica.driver = undefined;
      await failed?.close().catch(() => undefined);
      return {
        target: replica.target,
        reachable: false,
        standby: null,
        lagMs: null,
        lagBytes: null,
        migration: null,
        matchesPrimary: null,
        error: redactSecrets(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error), replica.secrets),
        errorCode: healthErrorCode(error),
      };
    }
  };
  return {
    check: (primaryLatest, primaryLsn, latestOf) => Promise.all(replicas.map((r) => one(r, primaryLatest, primaryLsn, latestOf))),
    close: async () => {
      await Promise.all(replicas.map((r) => r.driver?.close().catch(() => undefined)));
    },
  };
}
