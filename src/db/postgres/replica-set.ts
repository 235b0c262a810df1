import postgres, { type Sql } from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { DEFAULTS, checkPostgresUrl, type PostgresSettings, type Secret } from '../../config/index.js';
import { connectionCodeOf } from './open-postgres.js';

/** One read target: a replica, or the primary when every replica is down. */
export interface ReadTarget {
  readonly sql: Sql;
  readonly db: PostgresJsDatabase;
  /** host:port/database, never a password. */
  readonly target: string;
  readonly replica: boolean;
}

export interface ReplicaSet {
  /** host:port/database of each replica, in DATABASE_REPLICA_URLS order. */
  readonly targets: readonly string[];
  /**
   * Runs a read on the next replica that is up (round robin). A replica whose connection fails is skipped
   * for `downForMs` and the read is repeated on the next one, finally on the primary: a replica that is down
   * costs its reads one failed connect, never an error. Any other failure (a bad query) is the caller's.
   */
  read<T>(fn: (target: ReadTarget) => PromiseLike<T>): Promise<T>;
  /** Which replicas are skipped now. */
  down(): readonly string[];
  close(): Promise<void>;
}

/** How long a replica whose connection failed is left out before it is tried again. */
export const REPLICA_DOWN_MS = 30_000;

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

/**
 * Clients for the read replicas (DATABASE_REPLICA_URLS) with the app's pool settings. Nothing connects until
 * the first read, so a replica that is down never stops the app from starting.
 */
export function openReplicaSet(settings: PostgresSettings, primary: ReadTarget): ReplicaSet {
  const now = Date.now;
  const replicas = (settings.replicaUrls ?? []).map((url: Secret) => {
    const check = checkPostgresUrl(url.reveal());
    const sql = postgres(url.reveal(), {
      max: settings.poolMax,
      idle_timeout: settings.idleTimeoutMs / 1000,
      connect_timeout: settings.connectTimeoutMs / 1000,
      prepare: settings.prepare ?? DEFAULTS.prepare,
      onnotice: () => {},
    });
    return {
      sql,
      db: drizzle({ client: sql }) as PostgresJsDatabase,
      target: check.ok ? `${check.target.host}:${check.target.port}/${check.target.database}` : 'replica',
      replica: true,
      downUntil: 0,
    };
  });
  let next = 0;
  return {
    targets: replicas.map((r) => r.target),
    async read<T>(fn: (target: ReadTarget) => PromiseLike<T>): Promise<T> {
      for (let tried = 0; tried < replicas.length; tried++) {
        const replica = replicas[next % replicas.length]!;
        next = (next + 1) % replicas.length;
        if (replica.downUntil > now()) continue;
        try {
          return await fn(replica);
        } catch (error) {
          if (!lostConnection(error)) throw error;
          replica.downUntil = now() + REPLICA_DOWN_MS;
        }
      }
      return fn(primary);
    },
    down: () => replicas.filter((r) => r.downUntil > now()).map((r) => r.target),
    close: async () => {
      await Promise.all(replicas.map((r) => r.sql.end({ timeout: 5 })));
    },
  };
}
