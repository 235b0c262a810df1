import { parseLooseUrl, type LooseUrl } from './loose-url.js';

/** The parts of a PostgreSQL URL that errors may show: never the password. */
export interface PostgresTarget {
  /** Host name or IP address (an IPv6 literal without brackets), or the socket folder when `socket`. */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** True for a Unix socket: `host` is the folder that holds `.s.PGSQL.<port>` (libpq's `?host=/dir`). */
  readonly socket: boolean;
}

export type PostgresUrlCheck =
  | {
      readonly ok: true;
      readonly target: PostgresTarget;
      /** The URL for postgres.js: any `host`/`port` query parameter removed and an empty host filled, to be used with {@link PostgresTarget}'s host and port passed explicitly. */
      readonly driverUrl: string;
    }
  | { readonly ok: false; readonly reason: string; readonly hint: string; readonly cause?: unknown };

const URL_HINT = 'use postgresql://user:password@host:5432/database and percent-encode special characters in the user name and password';
const HOST_HINT = 'add the host (postgresql://user:password@host:5432/database), or ?host=/path/to/socket/folder for a Unix socket';

/**
 * Checks a PostgreSQL URL and extracts what can be shown. Used by the configuration (which reports a
 * `ConfigError`) and by the adapter (which reports a `ConnectionError`), so both agree on what is valid.
 * Accepts libpq's forms: an IPv6 literal (`postgres://u@[::1]:5432/db`) and a Unix socket folder given as
 * `?host=/var/run/postgresql`, with or without a host before it (the parameter wins, as in libpq).
 *
 * @example
 * checkPostgresUrl('postgres://postgres@/app?host=/var/run/postgresql');
 * // { ok: true, target: { host: '/var/run/postgresql', port: 5432, database: 'app', user: 'postgres', socket: true }, ... }
 */
export function checkPostgresUrl(url: string): PostgresUrlCheck {
  let loose: LooseUrl;
  try {
    loose = parseLooseUrl(url);
  } catch (error) {
    // Node's TypeError keeps the whole input (password included) in `input`: keep only its code and message.
    const cause = Object.assign(new Error((error as Error).message), { code: (error as { code?: unknown }).code });
    return { ok: false, reason: 'it does not parse as a URL', hint: URL_HINT, cause };
  }
  const parsed = loose.url;
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return {
      ok: false,
      reason: `scheme ${JSON.stringify(parsed.protocol)} is not postgres: or postgresql:`,
      hint: 'for SQLite, unset DATABASE_URL and use SQLITE_DB_PATH, or set DATABASE_TYPE=sqlite',
    };
  }
  const hostParam = parsed.searchParams.get('host');
  const portParam = parsed.searchParams.get('port');
  if (hostParam === '' || (hostParam === null && (loose.hostless || parsed.hostname === ''))) return { ok: false, reason: 'it has no host', hint: HOST_HINT };
  if (hostParam !== null && hostParam.includes(',')) return { ok: false, reason: 'its host parameter names several hosts, which is not supported', hint: HOST_HINT };
  const host = hostParam ?? bare(parsed.hostname);
  const portText = portParam ?? parsed.port;
  const port = portText === '' ? 5432 : Number(portText);
  if (!/^[0-9]{0,5}$/.test(portText) || port < 1 || port > 65_535) return { ok: false, reason: `its port ${JSON.stringify(portText)} is not a number from 1 to 65535`, hint: URL_HINT };
  let user: string;
  let database: string;
  try {
    user = decodeURIComponent(parsed.username);
    database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    decodeURIComponent(parsed.password);
  } catch {
    return { ok: false, reason: 'the user name, password or database has a malformed %-escape', hint: URL_HINT };
  }
  // libpq would fall back to a database named like the user, or `postgres`, and migrate 32 tables there.
  if (database === '') return { ok: false, reason: 'it names no database (nothing after the host and port)', hint: 'add the database name: postgresql://user:password@host:5432/<database>' };
  // postgres.js would send host= and port= to the server as run-time settings, which it refuses.
  const driver = new URL(parsed.toString());
  driver.searchParams.delete('host');
  driver.searchParams.delete('port');
  return {
    ok: true,
    target: { host, port, database, user: user || 'postgres', socket: host.startsWith('/') },
    driverUrl: driver.toString(),
  };
}

/** `127.0.0.1:5432`, `[::1]:5432`, or the socket file `/var/run/postgresql/.s.PGSQL.5432`: where the server is, for messages. */
export function serverLabel(target: PostgresTarget): string {
  if (target.socket) return socketFile(target);
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

/** The socket file a server listening in folder `host` on `port` has, as libpq names it. */
export function socketFile(target: Pick<PostgresTarget, 'host' | 'port'>): string {
  return `${target.host.endsWith('/') ? target.host.slice(0, -1) : target.host}/.s.PGSQL.${target.port}`;
}

/** {@link serverLabel} and the database: `127.0.0.1:5432/app`, what health reports and db:info call the target. */
export function targetLabel(target: PostgresTarget): string {
  return `${serverLabel(target)}/${target.database}`;
}

/** An IPv6 literal as WHATWG URL gives it (`[::1]`) without its brackets, as sockets want it. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
