import type { HealthReport, ReplicaHealth } from './health-types.js';

/** A replica as the unauthenticated health endpoint shows it: its position in DATABASE_REPLICA_URLS, no address. */
export type PublicReplicaHealth = Omit<ReplicaHealth, 'target'> & { readonly replica: number };

export type PublicHealthReport = Omit<HealthReport, 'replicas'> & { readonly replicas?: readonly PublicReplicaHealth[] };

// Drivers' messages name the host, port, database and user: anyone who can reach the health endpoint would
// learn where the database is and who logs in. The endpoint says what happened; the server's log and
// `db:health` on the machine say where.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  CONNECTION_REFUSED: 'the database server refused the connection',
  CONNECTION_TIMEOUT: 'the database server did not answer in time',
  CONNECTION_UNREACHABLE: 'the database server cannot be reached',
  CONNECTION_HOST_NOT_FOUND: "the database server's host name does not resolve",
  CONNECTION_AUTH_FAILED: 'the database server refused the credentials',
  CONNECTION_DATABASE_MISSING: 'the database does not exist',
  CONNECTION_INVALID_URL: 'the database URL is invalid',
  REPLICA_TIMEOUT: 'the replica did not answer within DB_REPLICA_READ_TIMEOUT_MS: it is not read',
  REPLICA_PROMOTED: 'the replica is not in recovery (promoted): it is not read',
  REPLICA_LAGGING: 'the replica is further behind than DB_REPLICA_MAX_LAG_MS (or by an unknown time): it is not read',
};

const describe = (code: string): string => DESCRIPTIONS[code] ?? `the check failed (${code})`;

/**
 * The report without addresses: replicas by position, and errors that come from a connection described by
 * their code. A degraded report's reasons (missing tables, pending migrations) name no address and stay.
 */
export function publicHealthReport(report: HealthReport): PublicHealthReport {
  const { replicas, ...rest } = report;
  const primary: PublicHealthReport = report.errorCode === undefined ? rest : { ...rest, error: describe(report.errorCode) };
  if (replicas === undefined) return primary;
  return {
    ...primary,
    replicas: replicas.map(({ target: _target, ...replica }, i) => ({
      replica: i + 1,
      ...replica,
      ...(replica.errorCode === undefined ? {} : { error: describe(replica.errorCode) }),
    })),
  };
}
