import postgres, { type Notice, type Sql } from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { checkPostgresUrl, targetLabel } from '../../config/postgres-url.js';
import { DEFAULTS, type PostgresSettings } from '../../config/resolve-config.js';
import { postgresEndpoint } from './endpoint.js';
import { redactUrl } from '../../errors/redact.js';
import { withTimeout } from '../with-timeout.js';
import { ConnectionError } from '../connection-error.js';
import { toConnectionError } from './connection-failure.js';
import { statementOptions } from './statement-options.js';

export interface PostgresHandle<TSchema extends Record<string, unknown> = Record<string, never>> {
  readonly dialect: 'postgresql';
  readonly db: PostgresJsDatabase<TSchema>;
  readonly sql: Sql;
  /** `host:port/database` for messages; never the password. */
  readonly target: string;
  close(): Promise<void>;
}

export interface OpenPostgresOptions<TSchema extends Record<string, unknown>> {
  readonly schema?: TSchema;
  /** Server notices (postgres.js prints them to the console by default; a library must not). */
  readonly onNotice?: (notice: Notice) => void;
  /** Send `SELECT 1` before returning so a bad URL or a dead server fails here, within the timeout. Default true. */
  readonly verify?: boolean;
}

/**
 * Opens a postgres.js pool and wraps it in Drizzle.
 *
 * @example
 * const pg = await openPostgres(config.postgres!);
 * await pg.db.execute(sql`select 1`);
 * await pg.close();
 */
export async function openPostgres<TSchema extends Record<string, unknown> = Record<string, never>>(
  settings: PostgresSettings,
  options: OpenPostgresOptions<TSchema> = {},
): Promise<PostgresHandle<TSchema>> {
  const url = settings.url.reveal();
  const check = checkPostgresUrl(url);
  if (!check.ok) {
    throw new ConnectionError(`cannot connect to PostgreSQL: the URL is malformed (${check.reason}): ${redactUrl(url)}`, {
      code: 'CONNECTION_INVALID_URL',
      subject: redactUrl(url),
      hint: check.hint,
      ...(check.cause === undefined ? {} : { cause: check.cause }),
    });
  }
  const target = targetLabel(check.target);
  const endpoint = postgresEndpoint(url);
  let sql: Sql;
  try {
    sql = postgres(endpoint.url, {
      ...endpoint.options,
      max: settings.poolMax,
      idle_timeout: settings.idleTimeoutMs / 1000,
      connect_timeout: settings.connectTimeoutMs / 1000,
      // DB_PREPARE=false: unnamed statements only, for poolers that do not keep named ones (PgBouncer < 1.21).
      ...statementOptions(settings.prepare ?? DEFAULTS.prepare),
      onnotice: options.onNotice ?? (() => {}),
    });
  } catch (cause) {
    // postgres.js parses the URL itself and throws synchronously on what it cannot read.
    throw toConnectionError(cause, check.target, url);
  }
  if (options.verify !== false) {
    try {
      await withTimeout(sql`select 1`.execute(), settings.connectTimeoutMs + 1_000);
    } catch (cause) {
      await sql.end({ timeout: 0 }).catch(() => {});
      throw toConnectionError(cause, check.target, url);
    }
  }
  const db = drizzle({ client: sql, ...(options.schema === undefined ? {} : { schema: options.schema }) }) as PostgresJsDatabase<TSchema>;
  return {
    dialect: 'postgresql',
    db,
    sql,
    target,
    close: () => sql.end({ timeout: 5 }),
  };
}
