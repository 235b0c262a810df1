import postgres, { type Sql } from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { DEFAULTS, checkPostgresUrl, targetLabel, type PostgresSettings, type Secret } from '../../config/index.js';
import { postgresEndpoint } from './endpoint.js';
import { statementOptions } from './statement-options.js';
import { TimeoutError, withTimeout } from '../with-timeout.js';
import { connectionCodeOf } from './connection-failure.js';
import { createLagClock, judgeReplica, REPLICA_PROBE_SQL, type LagClock, type ReplicaProbeRow } from './replica-lag.js';

/** One read target: a replica, or the primary when no replica may answer. */
export interface ReadTarget {
  readonly sql: Sql;
  readonly db: PostgresJsDatabase;
  /** host:port/database, never a password. */
  readonly target: string;
  readonly replica: boolean;
}

/** Why a replica is out of the rotation, as health reports it. */
export type ReplicaOutCode = 'REPLICA_UNCHECKED' | 'REPLICA_TIMEOUT' | 'REPLICA_PROMOTED' | 'REPLICA_LAGGING' | 'REPLICA_UNREACHABLE';

export interface ReplicaRotationState {
  /** host:port/database, never a password. */
  readonly target: string;
  readonly inRotation: boolean;
  /** Why not, when it is not. */
  readonly code?: ReplicaOutCode;
  /** Upper bound of its replay lag at the last check (see replica-lag.ts); null when unknown. */
  readonly lagMs: number | null;
  /** WAL bytes behind the primary's position at the last check; null when unknown. */
  readonly lagBytes: number | null;
}

export interface ReplicaSet {
  /** host:port/database of each replica, in DATABASE_REPLICA_URLS order. */
  readonly targets: readonly string[];
  /**
   * Runs a read on the next replica in the rotation (round robin), else on the primary. A replica is in the
   * rotation while its last check found it in recovery and within DB_REPLICA_MAX_LAG_MS. A read that takes
   * longer than DB_REPLICA_READ_TIMEOUT_MS, or whose connection fails, is answered by the next one (finally
   * the primary) and takes its replica out; an answer from a replica that has been promoted meanwhile is
   * thrown away. Any other failure (a bad query) is the caller's.
   */
  read<T>(fn: (target: ReadTarget) => PromiseLike<T>): Promise<T>;
  /** Replicas not in the rotation now. */
  down(): readonly string[];
  /** Each replica's state in the rotation. */
  state(): readonly ReplicaRotationState[];
  /** Checks every replica now (the same check that runs every DB_REPLICA_CHECK_INTERVAL_MS). */
  checkNow(): Promise<void>;
  close(): Promise<void>;
}

// Its own module so that the package's entry can export it without loading postgres.js.
import { REPLICA_DOWN_MS } from './replica-constants.js';

export { REPLICA_DOWN_MS };

// Errors postgres.js raises when a connection is lost or cannot be made, besides the connect codes.
const LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'EPIPE', '57P01', '57P02', '57P03']);

function lostConnection(error: unknown): boolean {
  for (let e: unknown = error; e !== undefined && e !== null; e = (e as { cause?: unknown }).cause) {
    if (connectionCodeOf(e) !== undefined) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && LOST.has(code)) return true;
    if (e === (e as { cause?: unknown }).cause) break;
  }
  return false;
}

interface ReplicaClient extends ReadTarget {
  /**
   * PostgreSQL 14+ reports `in_hot_standby` when a connection starts, and again on every connection, before
   * the ReadyForQuery that ends the next query, once the server has been promoted.
   */
  readonly promoted: boolean;
}

interface Replica {
  readonly url: Secret;
  readonly target: string;
  client: ReplicaClient | undefined;
  /** One connection for the checks, so a busy pool never delays them. */
  probe: Sql | undefined;
  code: ReplicaOutCode | undefined;
  benchedUntil: number;
  lagMs: number | null;
  lagBytes: number | null;
}

/**
 * Clients for the read replicas (DATABASE_REPLICA_URLS) with the app's pool settings. Nothing connects until
 * the first read, so a replica that is down never stops the app from starting; the first read waits for the
 * first check (at most DB_REPLICA_READ_TIMEOUT_MS), later checks run in the background.
 */
export function openReplicaSet(settings: PostgresSettings, primary: ReadTarget): ReplicaSet {
  const now = Date.now;
  const readTimeoutMs = settings.replicaReadTimeoutMs ?? DEFAULTS.replicaReadTimeoutMs;
  const maxLagMs = settings.replicaMaxLagMs ?? DEFAULTS.replicaMaxLagMs;
  const intervalMs = settings.replicaCheckIntervalMs ?? DEFAULTS.replicaCheckIntervalMs;
  const clock: LagClock = createLagClock(Math.max(maxLagMs * 2, intervalMs * 10));
  // fetch_types off: replicas serve the accessors' reads and the probe, neither sends nor reads arrays. With it
  // on, postgres.js runs a type query when a connection starts and leaves its promise unhandled: a replica
  // dropped while connecting (end with timeout 0) then surfaced as an unhandled CONNECTION_DESTROYED (seen in CI).
  const common = { idle_timeout: settings.idleTimeoutMs / 1000, connect_timeout: settings.connectTimeoutMs / 1000, ...statementOptions(settings.prepare ?? DEFAULTS.prepare), onnotice: () => {}, fetch_types: false };
  const replicas: Replica[] = (settings.replicaUrls ?? []).map((url) => {
    const check = checkPostgresUrl(url.reveal());
    return { url, target: check.ok ? targetLabel(check.target) : 'replica', client: undefined, probe: undefined, code: 'REPLICA_UNCHECKED', benchedUntil: 0, lagMs: null, lagBytes: null };
  });
  const probeClient = (url: Secret): Sql => {
    const endpoint = postgresEndpoint(url.reveal());
    return postgres(endpoint.url, { ...endpoint.options, ...common, max: 1 });
  };
  const clientOf = (replica: Replica): ReplicaClient => {
    if (replica.client !== undefined) return replica.client;
    const seen = { promoted: false };
    const endpoint = postgresEndpoint(replica.url.reveal());
    const sql = postgres(endpoint.url, {
      ...endpoint.options,
      ...common,
      max: settings.poolMax,
      onparameter: (key, value) => {
        if (key === 'in_hot_standby' && value === 'off') seen.promoted = true;
      },
    });
    const db = drizzle({ client: sql }) as PostgresJsDatabase;
    return (replica.client = { sql, db, target: replica.target, replica: true, get promoted() { return seen.promoted; } });
  };
  // A replica that stopped answering holds its connections in a query that may never end: drop them all.
  const dropClients = (replica: Replica) => {
    const { client, probe } = replica;
    replica.client = undefined;
    replica.probe = undefined;
    void client?.sql.end({ timeout: 0 }).catch(() => undefined);
    void probe?.end({ timeout: 0 }).catch(() => undefined);
  };
  const bench = (replica: Replica, code: ReplicaOutCode) => {
    replica.code = code;
    replica.benchedUntil = now() + REPLICA_DOWN_MS;
    dropClients(replica);
  };

  let primaryLsn: string | null = null;
  const probeOne = async (replica: Replica) => {
    const probe = (replica.probe ??= probeClient(replica.url));
    try {
      const [row] = await withTimeout(probe.unsafe<ReplicaProbeRow[]>(REPLICA_PROBE_SQL), readTimeoutMs);
      // Promoted (or a primary all along): never read, whatever it holds. Lagging: until it catches up.
      const verdict = judgeReplica(row, primaryLsn, clock, maxLagMs, now());
      replica.lagMs = verdict.lagMs;
      replica.lagBytes = verdict.lagBytes;
      if (verdict.code !== undefined) replica.code = verdict.code;
      else if (replica.benchedUntil <= now()) replica.code = undefined;
    } catch (error) {
      // Its connection was dropped under it (a read timed out meanwhile): that read already said why.
      if (replica.probe !== probe) return;
      bench(replica, error instanceof TimeoutError ? 'REPLICA_TIMEOUT' : 'REPLICA_UNREACHABLE');
    }
  };
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const checkAll = (): Promise<void> =>
    (running ??= (async () => {
      try {
        const [row] = await withTimeout(primary.sql.unsafe<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn'), readTimeoutMs);
        if (row !== undefined) {
          clock.sample(row.lsn, now());
          primaryLsn = row.lsn;
        }
      } catch {
        // The primary's position is unknown this time: lag is judged against the samples already taken.
      }
      await Promise.all(replicas.map(probeOne));
    })().finally(() => {
      running = undefined;
    }));
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void checkAll().finally(schedule), intervalMs);
    // Checks must never keep a process alive that has nothing else to do.
    timer.unref();
  };
  let started: Promise<void> | undefined;
  const start = () =>
    (started ??= checkAll().finally(schedule));

  let next = 0;
  return {
    targets: replicas.map((r) => r.target),
    async read<T>(fn: (target: ReadTarget) => PromiseLike<T>): Promise<T> {
      if (replicas.length > 0) await start();
      for (let tried = 0; tried < replicas.length; tried++) {
        const replica = replicas[next]!;
        next = (next + 1) % replicas.length;
        if (replica.code !== undefined) continue;
        const client = clientOf(replica);
        if (client.promoted) {
          bench(replica, 'REPLICA_PROMOTED');
          continue;
        }
        const pending = Promise.resolve(fn(client));
        let result: T;
        try {
          result = await withTimeout(pending, readTimeoutMs);
        } catch (error) {
          if (error instanceof TimeoutError) {
            // It may still answer, or fail when its connections are dropped: nobody waits for it any more.
            pending.catch(() => undefined);
            bench(replica, 'REPLICA_TIMEOUT');
            continue;
          }
          if (!lostConnection(error)) throw error;
          bench(replica, 'REPLICA_UNREACHABLE');
          continue;
        }
        // Answered after a promotion (split brain): the rows may hold writes the primary never saw.
        if (client.promoted) {
          bench(replica, 'REPLICA_PROMOTED');
          continue;
        }
        return result;
      }
      return fn(primary);
    },
    down: () => replicas.filter((r) => r.code !== undefined).map((r) => r.target),
    state: () =>
      replicas.map((r) => ({ target: r.target, inRotation: r.code === undefined, ...(r.code === undefined ? {} : { code: r.code }), lagMs: r.lagMs, lagBytes: r.lagBytes })),
    checkNow: () => checkAll(),
    close: async () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await running?.catch(() => undefined);
      await Promise.all(replicas.flatMap((r) => [r.client?.sql.end({ timeout: 5 }), r.probe?.end({ timeout: 5 })]));
    },
  };
}
