/** The parts of a PostgreSQL URL that errors may show: never the password. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

export type PostgresUrlCheck =
  | { readonly ok: true; readonly target: PostgresTarget }
  | { readonly ok: false; readonly reason: string; readonly hint: string; readonly cause?: unknown };

const URL_HINT = 'use postgresql://user:password@host:5432/database and percent-encode special characters in the user name and password';

/**
 * Checks a PostgreSQL URL and extracts what can be shown. Used by the configuration (which reports a
 * `ConfigError`) and by the adapter (which reports a `ConnectionError`), so both agree on what is valid.
 */
export function checkPostgresUrl(url: string): PostgresUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    // Node's TypeError keeps the whole input (password included) in `input`: keep only its code and message.
    const cause = Object.assign(new Error((error as Error).message), { code: (error as { code?: unknown }).code });
    return { ok: false, reason: 'it does not parse as a URL', hint: URL_HINT, cause };
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return {
      ok: false,
      reason: `scheme ${JSON.stringify(parsed.protocol)} is not postgres: or postgresql:`,
      hint: 'for SQLite, unset DATABASE_URL and use SQLITE_DB_PATH, or set DATABASE_TYPE=sqlite',
    };
  }
  if (parsed.hostname === '') return { ok: false, reason: 'it has no host', hint: URL_HINT };
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
  return {
    ok: true,
    target: {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port === '' ? 5432 : Number(parsed.port),
      database,
      user: user || 'postgres',
    },
  };
}
