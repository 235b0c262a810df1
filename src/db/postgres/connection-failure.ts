import { serverLabel, targetLabel, type PostgresTarget } from '../../config/postgres-url.js';
import { passwordOf, redactSecrets } from '../../errors/redact.js';
import { ConnectionError, type ConnectionErrorCode } from '../connection-error.js';
import { SOCKET_CODES } from '../socket-codes.js';

// A module of its own, without postgres.js: the migrator and the health checks classify failures with it, and
// the package's entry must not load the PostgreSQL driver for an app on SQLite.
const CODE_BY_DRIVER_CODE: Readonly<Record<string, ConnectionErrorCode>> = {
  ...SOCKET_CODES,
  // A Unix socket file that is not there: no server listens in that folder on that port.
  ENOENT: 'CONNECTION_REFUSED',
  '28P01': 'CONNECTION_AUTH_FAILED',
  '28000': 'CONNECTION_AUTH_FAILED',
  '3D000': 'CONNECTION_DATABASE_MISSING',
  // postgres.js 4 names the ways a connection start-up fails before any query runs.
  SSL_NOT_SUPPORTED: 'CONNECTION_FAILED',
  AUTHENTICATION_INCOMPLETE: 'CONNECTION_AUTH_FAILED',
  AUTH_METHOD_REFUSED: 'CONNECTION_AUTH_FAILED',
  AUTH_TYPE_NOT_IMPLEMENTED: 'CONNECTION_AUTH_FAILED',
  CHANNEL_BINDING_REQUIRED: 'CONNECTION_AUTH_FAILED',
  SASL_MECHANISM_NOT_SUPPORTED: 'CONNECTION_AUTH_FAILED',
  SASL_NONCE_MISMATCH: 'CONNECTION_AUTH_FAILED',
  SASL_SIGNATURE_MISMATCH: 'CONNECTION_AUTH_FAILED',
};

const HINTS: Readonly<Record<ConnectionErrorCode, string>> = {
  CONNECTION_INVALID_URL: 'fix DATABASE_URL',
  CONNECTION_REFUSED: 'start the PostgreSQL server or fix the host and port in DATABASE_URL',
  CONNECTION_TIMEOUT: 'check that the host is reachable (firewall, VPN) or raise DB_CONNECT_TIMEOUT_MS',
  CONNECTION_HOST_NOT_FOUND: 'fix the host name in DATABASE_URL',
  CONNECTION_UNREACHABLE: 'this machine has no route to the host: check the network (interface up, VPN, firewall) and the host in DATABASE_URL',
  CONNECTION_AUTH_FAILED: 'check the user and password in DATABASE_URL and the server\'s pg_hba.conf',
  CONNECTION_DATABASE_MISSING: 'create the database (createdb, or CREATE DATABASE as an administrator) or fix its name in DATABASE_URL',
  CONNECTION_FAILED: 'check DATABASE_URL and that the server accepts connections',
  SQLITE_OPEN_FAILED: 'check SQLITE_DB_PATH',
  SQLITE_PATH_INVALID: 'set SQLITE_DB_PATH to a file name',
  SQLITE_PATH_NOT_WRITABLE: 'set SQLITE_DB_PATH to a writable location',
  SQLITE_NOT_A_DATABASE: 'point SQLITE_DB_PATH at a SQLite database',
};

// Where the driver's code says more than ours, its own hint.
const DRIVER_HINTS: Readonly<Record<string, string>> = {
  SSL_NOT_SUPPORTED: 'the server does not accept SSL: turn ssl on in its postgresql.conf, or remove sslmode=require from DATABASE_URL if the network is trusted',
};

/** The CONNECTION_* code of a failure to connect, or undefined for any other error. */
export function connectionCodeOf(error: unknown): ConnectionErrorCode | undefined {
  if (error instanceof ConnectionError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? CODE_BY_DRIVER_CODE[code] : undefined;
}

/** True when a postgres.js error means the connection could not be made (not a failing statement). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in CODE_BY_DRIVER_CODE;
}

/** Maps a postgres.js failure to a ConnectionError naming host, port and database, never the password. */
export function toConnectionError(cause: unknown, target: PostgresTarget, url: string): ConnectionError {
  const driverCode = String((cause as { code?: unknown }).code ?? '');
  const code = CODE_BY_DRIVER_CODE[driverCode] ?? 'CONNECTION_FAILED';
  const password = passwordOf(url);
  const detail = redactSecrets(cause instanceof Error ? cause.message : String(cause), [password, url]);
  return new ConnectionError(
    `cannot connect to PostgreSQL at ${serverLabel(target)}, database ${JSON.stringify(target.database)}, user ${JSON.stringify(target.user)}: ${detail}`,
    { code, subject: targetLabel(target), hint: DRIVER_HINTS[driverCode] ?? HINTS[code], cause: redactedCause(cause, [password, url]) },
  );
}

/** The driver's error can quote the URL; keep its code and a scrubbed message, drop the rest. */
function redactedCause(cause: unknown, secrets: readonly (string | undefined)[]): Error {
  const message = redactSecrets(cause instanceof Error ? cause.message : String(cause), secrets);
  const copy = new Error(message);
  const driverCode = (cause as { code?: unknown }).code;
  if (driverCode !== undefined) Object.assign(copy, { code: driverCode });
  return copy;
}
