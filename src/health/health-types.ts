import type { Dialect } from '../config/index.js';

/** The seed's `/api/health/database` shape (001_ee28368e285ce845.txt), plus prefix and migrations. */
export interface HealthReport {
  readonly status: 'healthy' | 'degraded' | 'unhealthy';
  readonly database: {
    readonly type: Dialect;
    readonly connected: boolean;
    /** As in the seed: "5ms". */
    readonly responseTime: string;
    /** Tables of the schema that exist for this prefix; null when it could not be checked (no connection). */
    readonly tableCount: number | null;
    /** `existing` and `missing` are null when they could not be checked (no connection): unknown, not missing. */
    readonly criticalTables: { readonly total: number; readonly existing: number | null; readonly missing: readonly string[] | null };
  };
  readonly prefix: string;
  /** `pending` is null when the ledger could not be read: unknown, not "all pending". */
  readonly migrations: { readonly latest: string | null; readonly pending: number | null };
  /** Why the status is not healthy; never contains a password. */
  readonly error?: string;
  /** When unhealthy: the error's code, e.g. CONNECTION_TIMEOUT or CONNECTION_REFUSED. */
  readonly errorCode?: string;
  /**
   * Only with DATABASE_REPLICA_URLS: each read replica. A replica that is down does not change `status`
   * (reads fall back to the primary); monitor `reachable`, `lagBytes` and `matchesPrimary` here.
   */
  readonly replicas?: readonly ReplicaHealth[];
}

export interface ReplicaHealth {
  /** host:port/database, never a password. */
  readonly target: string;
  readonly reachable: boolean;
  /** True when the server is in recovery (a standby); false means the URL names a primary. */
  readonly standby: boolean | null;
  /** Milliseconds since the last replayed transaction (grows while the primary is idle). */
  readonly lagMs: number | null;
  /** WAL bytes the replica has not replayed yet: 0 when caught up. */
  readonly lagBytes: number | null;
  /** The newest migration in the replica's copy of the ledger. */
  readonly migration: string | null;
  /** Whether `migration` equals the primary's newest applied migration. */
  readonly matchesPrimary: boolean | null;
  readonly error?: string;
  readonly errorCode?: string;
}

export interface CategoryTables {
  readonly expected: number;
  readonly existing: number;
  readonly missing: readonly string[];
}

/** The seed's `/api/admin/migrations/status` shape. */
export interface MigrationStatusReport {
  readonly success: boolean;
  readonly database: { readonly type: Dialect; readonly connected: boolean };
  readonly migrations: {
    readonly total: number;
    readonly applied: readonly { readonly tag: string; readonly appliedAt: string; readonly executionMs: number; readonly checksum: 'ok' | 'changed' | 'missing-file' }[];
    readonly pending: readonly string[];
  };
  readonly tables: { readonly total: number; readonly expected: number; readonly existing: number; readonly categories: Readonly<Record<string, CategoryTables>> };
  readonly status: 'complete' | 'pending' | 'error';
  readonly prefix: string;
  readonly error?: string;
}
