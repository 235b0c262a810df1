import type { Options } from 'postgres';
import { checkPostgresUrl, socketFile } from '../../config/postgres-url.js';

/** What postgres.js is given for one URL: a URL it can parse, and where to connect, passed explicitly. */
export interface PostgresEndpoint {
  readonly url: string;
  readonly options: Pick<Options<Record<string, never>>, 'host' | 'port' | 'path'>;
}

/**
 * postgres.js 3.4 reads the host itself and cuts it at the first `:` (`[::1]` becomes `[`, so IPv6 literals
 * fail with ENOTFOUND), and knows no `?host=/socket/folder`. The host and port are therefore taken from
 * {@link checkPostgresUrl} and passed as options, which beat the URL: a socket as `path`, any other host in
 * the one-element array form, which postgres.js takes verbatim. A URL that does not check is passed on as it
 * is, so the driver reports it as before.
 *
 * @example
 * const { url, options } = postgresEndpoint('postgres://postgres@[::1]:5432/app');
 * const sql = postgres(url, { ...options, max: 1 });
 */
export function postgresEndpoint(url: string): PostgresEndpoint {
  const check = checkPostgresUrl(url);
  if (!check.ok) return { url, options: {} };
  const { host, port, socket } = check.target;
  if (socket) return { url: check.driverUrl, options: { path: socketFile({ host, port }), port } };
  // The array form is what postgres.js builds internally; its types declare only the string form, which it splits.
  return { url: check.driverUrl, options: { host: [host] as unknown as string, port: [port] as unknown as number } };
}
