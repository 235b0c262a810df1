/**
 * The schemes of a SQLite file URL; only `file:` is taken, the others are refused with a reason. A remote
 * libSQL server's (libsql:, http(s):, ws(s):) are libsql-url.ts's.
 */
const SQLITE_SCHEMES = ['file', 'sqlite', 'sqlite3'] as const;

export type SqliteUrlCheck =
  | { readonly ok: true; /** As written: absolute, or relative to the working directory. */ readonly path: string }
  | { readonly ok: false; readonly reason: string; readonly hint: string };

const HINT = 'write file:/absolute/path/to/cts.db or file:relative/path.db, or unset DATABASE_URL and set SQLITE_DB_PATH';

/** True when the URL's scheme says a SQLite file (file:, sqlite:, sqlite3:), whether or not it is usable. */
export function isSqliteUrl(url: string): boolean {
  const colon = url.indexOf(':');
  return colon > 0 && (SQLITE_SCHEMES as readonly string[]).includes(url.slice(0, colon).toLowerCase());
}

/**
 * The SQLite file a `file:` URL names, read as libSQL and SQLite read it: `file:/abs/x.db`, `file:///abs/x.db`
 * and `file://localhost/abs/x.db` are absolute, `file:x.db` and `file:./x.db` relative (WHATWG URL would
 * make `file:x.db` the absolute `/x.db`, another file). Anything this could read two ways is refused:
 * another host, a query (`?mode=ro`) or fragment it would not apply, and the `sqlite:` scheme, whose
 * slashes mean different things to different tools (`sqlite:///x.db` is relative to SQLAlchemy).
 *
 * @example
 * checkSqliteUrl('file:///tmp/x.db'); // { ok: true, path: '/tmp/x.db' }
 */
export function checkSqliteUrl(url: string): SqliteUrlCheck {
  const colon = url.indexOf(':');
  const scheme = url.slice(0, colon).toLowerCase();
  if (scheme !== 'file') {
    return { ok: false, reason: `the ${scheme}: scheme means different paths to different tools: sqlite:///x.db is relative to some, absolute to others`, hint: HINT };
  }
  let rest = url.slice(colon + 1);
  if (rest.includes('?') || rest.includes('#')) return { ok: false, reason: 'it has a query or fragment (such as ?mode=ro), which is not applied', hint: HINT };
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    if (host !== '' && host.toLowerCase() !== 'localhost') return { ok: false, reason: `it names the host ${JSON.stringify(host)}; only a local file can be used`, hint: HINT };
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    return { ok: false, reason: 'it has a malformed %-escape', hint: HINT };
  }
  if (path === '' || path === '/') return { ok: false, reason: 'it names no file', hint: HINT };
  if (path.includes('\0')) return { ok: false, reason: 'it contains a NUL character', hint: HINT };
  return { ok: true, path };
}
