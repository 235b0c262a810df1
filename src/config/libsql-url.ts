/** The schemes of a remote libSQL server (sqld, Turso), as @libsql/client reads them. */
const REMOTE_SCHEMES = ['libsql', 'http', 'https', 'ws', 'wss'] as const;

export type LibsqlUrlCheck =
  | {
      readonly ok: true;
      /** The URL without its `authToken` parameter: it holds no secret and can be shown. */
      readonly url: string;
      /** The `authToken` query parameter, when the URL carried one. */
      readonly token: string | undefined;
    }
  | { readonly ok: false; readonly reason: string; readonly hint: string };

const HINT = 'write libsql://host, https://host or http://127.0.0.1:8080 and give the token in DATABASE_AUTH_TOKEN';

/** True when the URL's scheme names a remote libSQL server (libsql:, http(s):, ws(s):), whether or not it is usable. */
export function isRemoteLibsqlUrl(url: string): boolean {
  const colon = url.indexOf(':');
  return colon > 0 && (REMOTE_SCHEMES as readonly string[]).includes(url.slice(0, colon).toLowerCase());
}

/**
 * Checks a remote libSQL URL. The client takes `authToken` and `tls` from the query; anything else there
 * (or a user and password, which libSQL does not read) would be silently dropped, so it is refused.
 *
 * @example
 * checkRemoteLibsqlUrl('libsql://db.example.turso.io?authToken=abc');
 * // { ok: true, url: 'libsql://db.example.turso.io', token: 'abc' }
 */
export function checkRemoteLibsqlUrl(url: string): LibsqlUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'it does not parse as a URL', hint: HINT };
  }
  if (parsed.hostname === '') return { ok: false, reason: 'it has no host', hint: HINT };
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'it has a user or password, which libSQL does not use', hint: 'remove them and give the token in DATABASE_AUTH_TOKEN' };
  }
  if (parsed.pathname !== '' && parsed.pathname !== '/') return { ok: false, reason: `it has the path ${JSON.stringify(parsed.pathname)}, which libSQL does not use`, hint: HINT };
  if (parsed.hash !== '') return { ok: false, reason: 'it has a fragment', hint: HINT };
  const token = parsed.searchParams.get('authToken') ?? undefined;
  const tls = parsed.searchParams.get('tls');
  if (tls !== null && tls !== '0' && tls !== '1') return { ok: false, reason: `its tls parameter is ${JSON.stringify(tls)}, not 0 or 1`, hint: HINT };
  if (tls === '0' && parsed.protocol === 'libsql:' && parsed.port === '') {
    return { ok: false, reason: 'a libsql: URL with ?tls=0 must give the port', hint: 'write libsql://host:8080?tls=0, or http://host:8080' };
  }
  const unknown = [...parsed.searchParams.keys()].filter((key) => key !== 'authToken' && key !== 'tls');
  if (unknown.length > 0) return { ok: false, reason: `it has the query parameter(s) ${unknown.join(', ')}, which libSQL does not apply`, hint: HINT };
  parsed.searchParams.delete('authToken');
  const text = parsed.href;
  // WHATWG URL adds a slash after the host; the client does not need it, and messages read better without.
  return { ok: true, url: parsed.pathname === '/' && parsed.search === '' ? text.replace(/\/$/, '') : text, token };
}
