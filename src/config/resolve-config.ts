import { isAbsolute, resolve } from 'node:path';
import { redactUrl } from '../errors/redact.js';
import { isCtsDbError } from '../errors/cts-db-error.js';
import { MAX_PREFIX_BYTES, PG_IDENTIFIER_MAX_BYTES, checkIdentifierLengths, shortenPrefix } from '../naming/identifier-limit.js';
import { createObjectNames, type DatabaseNames, type ObjectNames } from '../naming/object-names.js';
import { NAME_PATTERN, assertValidPrefix, sanitizeName } from '../naming/sanitize.js';
import { ConfigError } from './config-error.js';
import { DEFAULT_CONFIG_FILE, readConfigFile, type ConfigFile } from './config-file.js';
import { checkPostgresUrl } from './postgres-url.js';
import { checkSqliteUrl, isSqliteUrl } from './sqlite-url.js';
import { checkRemoteLibsqlUrl, isRemoteLibsqlUrl } from './libsql-url.js';
import { Secret } from './secret.js';
import { arrayOf, boolean, instanceOf, object, oneOf, optional, text, wholeNumber } from './shape-check.js';

export const DIALECTS = ['sqlite', 'postgresql'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** Where a resolved value came from, in precedence order: option > env > file > default. */
export type ValueSource = 'option' | 'env' | 'file' | 'default';

export const DEFAULT_PROJECT_NAME = 'CTS v3.1';
export const DEFAULTS = {
  poolMax: 20,
  idleTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  sqliteBusyTimeoutMs: 5_000,
  ddlLockTimeoutMs: 3_000,
  ddlLockRetries: 5,
  replicaReadTimeoutMs: 2_000,
  replicaMaxLagMs: 5_000,
  replicaCheckIntervalMs: 1_000,
  prepare: true,
  copy: true,
  sqlitePath: 'data/cts.db',
  vercelSqlitePath: '/tmp/cts.db',
} as const;

/**
 * Bounds of the numeric settings. Timeouts stop well below Node's timer limit (2^31 - 1 ms), which a deadline
 * made of a timeout plus a margin would otherwise overflow (Node then fires the timer after 1 ms).
 */
export const LIMITS = {
  poolMax: [1, 10_000],
  idleTimeoutMs: [1, 86_400_000],
  connectTimeoutMs: [100, 600_000],
  sqliteBusyTimeoutMs: [1, 600_000],
  ddlLockTimeoutMs: [10, 600_000],
  ddlLockRetries: [0, 100],
  replicaReadTimeoutMs: [10, 600_000],
  replicaMaxLagMs: [0, 86_400_000],
  replicaCheckIntervalMs: [50, 600_000],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * Variables that name a direct (unpooled) PostgreSQL URL, in precedence order: the names Neon/Vercel,
 * Vercel Postgres and Prisma/Supabase give it. Migrations and operations use it; the app uses DATABASE_URL.
 */
export const DIRECT_URL_VARIABLES = ['DATABASE_URL_UNPOOLED', 'POSTGRES_URL_NON_POOLING', 'DIRECT_URL'] as const;

/** Explicit options; each one beats the environment, the config file and the defaults. */
export interface ResolveConfigOptions {
  readonly projectName?: string;
  readonly prefix?: string;
  readonly dialect?: Dialect;
  readonly databaseUrl?: string;
  /** Direct (unpooled) URL for migrations and operations; beats DATABASE_URL_UNPOOLED, POSTGRES_URL_NON_POOLING, DIRECT_URL. */
  readonly directUrl?: string;
  /** Read replicas for the app's reads; beats DATABASE_REPLICA_URLS (comma-separated). */
  readonly replicaUrls?: readonly string[];
  /** Named prepared statements (DB_PREPARE); off for poolers that do not keep them (PgBouncer < 1.21 in transaction mode). */
  readonly prepare?: boolean;
  /** insertBulk through COPY FROM STDIN (DB_COPY); off for a server or proxy that does not speak COPY (PGlite's socket server). */
  readonly copy?: boolean;
  /** PostgreSQL lock_timeout of each migration statement (DB_DDL_LOCK_TIMEOUT_MS). */
  readonly ddlLockTimeoutMs?: number;
  /** Retries of a migration whose statement could not get its lock in time (DB_DDL_LOCK_RETRIES). */
  readonly ddlLockRetries?: number;
  readonly sqlitePath?: string;
  /** Bearer token of a libSQL server (sqld, Turso) named by the URL; beats DATABASE_AUTH_TOKEN, LIBSQL_AUTH_TOKEN, TURSO_AUTH_TOKEN. */
  readonly authToken?: string;
  readonly adminUser?: string;
  readonly adminPassword?: string;
  readonly appUser?: string;
  readonly appPassword?: string;
  readonly adminToken?: string;
  /** Beats DB_INIT_MODE. */
  readonly initMode?: InitMode;
  readonly poolMax?: number;
  readonly idleTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Deadline of a read on a replica, after which the primary answers it; beats DB_REPLICA_READ_TIMEOUT_MS. */
  readonly replicaReadTimeoutMs?: number;
  /** A replica further behind leaves the rotation until it catches up; beats DB_REPLICA_MAX_LAG_MS. */
  readonly replicaMaxLagMs?: number;
  /** How often replicas are checked (recovery, lag); beats DB_REPLICA_CHECK_INTERVAL_MS. */
  readonly replicaCheckIntervalMs?: number;
  readonly sqliteBusyTimeoutMs?: number;
  /** Path of `db-config.json`, or `false` to ignore any file. Default: `DB_CONFIG_FILE`, else `data/db-config.json`. */
  readonly configFile?: string | false;
  /** Folder that relative paths are resolved against. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Environment to read. Default: `process.env`, read when this function is called, never at import. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra base names checked with the prefix against PostgreSQL's 63-byte limit (the ledger, database and role names always are). */
  readonly objectBaseNames?: Iterable<string>;
}

export interface RoleConfig {
  readonly user: string;
  readonly password: Secret | undefined;
}

export interface PostgresSettings {
  /** The app's URL (DATABASE_URL), possibly a pooler's. */
  readonly url: Secret;
  readonly redactedUrl: string;
  /** The direct URL for migrations and operations, when one is set; see {@link operationsSettings}. */
  readonly directUrl?: Secret | undefined;
  /** Which variable or option gave `directUrl`. */
  readonly directUrlSubject?: string | undefined;
  /** Read replicas (DATABASE_REPLICA_URLS) for the app's reads. */
  readonly replicaUrls?: readonly Secret[] | undefined;
  readonly poolMax: number;
  readonly idleTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Named prepared statements; default true. */
  readonly prepare?: boolean | undefined;
  /** insertBulk through COPY FROM STDIN; default true. */
  readonly copy?: boolean | undefined;
  /** lock_timeout of each migration statement; default 3000 ms. */
  readonly ddlLockTimeoutMs?: number | undefined;
  /** How many times a migration that could not get a lock is retried; default 5. */
  readonly ddlLockRetries?: number | undefined;
  /** Deadline of one read on a replica (default 2000 ms): then the primary answers and the replica leaves the rotation. */
  readonly replicaReadTimeoutMs?: number | undefined;
  /** A replica whose replay is further behind (default 5000 ms) leaves the rotation until it catches up. */
  readonly replicaMaxLagMs?: number | undefined;
  /** How often each replica's recovery state and lag are checked (default 1000 ms). */
  readonly replicaCheckIntervalMs?: number | undefined;
}

/**
 * The settings migrations and operations connect with: the direct URL when one is set (a transaction-mode
 * pooler cannot carry pg_dump, or DDL meant to wait on one server session), else the app's.
 */
export function operationsSettings(settings: PostgresSettings): PostgresSettings {
  if (settings.directUrl === undefined) return settings;
  return { ...settings, url: settings.directUrl, redactedUrl: redactUrl(settings.directUrl.reveal()) };
}

export interface SqliteSettings {
  /** The local file; not used when `remote` is set. */
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** A libSQL server (sqld, Turso) named by DATABASE_URL, used instead of the file. */
  readonly remote?: RemoteSqliteSettings | undefined;
}

export interface RemoteSqliteSettings {
  /** The server's URL without any `authToken` parameter; it holds no secret. */
  readonly url: string;
  /** DATABASE_AUTH_TOKEN (or the URL's `authToken`), sent as the client's bearer token. */
  readonly authToken: Secret | undefined;
}

/** Where the database lives, for messages: the file, the libSQL server or the redacted PostgreSQL URL. */
export function databaseTarget(config: Pick<DbConfig, 'postgres' | 'sqlite'>): string {
  return config.postgres?.redactedUrl ?? config.sqlite.remote?.url ?? config.sqlite.path;
}

export const INIT_MODES = ['retry', 'exit'] as const;
export type InitMode = (typeof INIT_MODES)[number];

export interface DbConfig {
  readonly projectName: string;
  readonly prefix: string;
  readonly names: ObjectNames;
  readonly dialect: Dialect;
  readonly sqlite: SqliteSettings;
  /** Present exactly when `dialect` is `postgresql`. */
  readonly postgres: PostgresSettings | undefined;
  readonly databases: DatabaseNames;
  readonly roles: { readonly admin: RoleConfig; readonly app: RoleConfig };
  /** Bearer token of the admin endpoints (`ADMIN_TOKEN`); undefined disables them. */
  readonly adminToken: Secret | undefined;
  /**
   * What a long-running app does when the database cannot be reached at start-up (`DB_INIT_MODE`): `retry`
   * (default) keeps serving and retries in the background; `exit` ends the process, for platforms that restart it.
   */
  readonly initMode: InitMode;
  readonly configFile: { readonly path: string; readonly found: boolean };
  readonly sources: Readonly<Record<string, ValueSource>>;
  /** Things an operator should know that are not errors, e.g. a DATABASE_URL that was not used. */
  readonly notes: readonly string[];
}

type Candidate = readonly [source: ValueSource, subject: string, value: string | number | undefined];

interface Picked<T> {
  readonly value: T;
  readonly source: ValueSource;
  readonly subject: string;
}

/** First candidate with a value. An empty environment variable counts as unset, as in most .env loaders. */
function pick(candidates: readonly Candidate[]): Picked<string | number> | undefined {
  for (const [source, subject, value] of candidates) {
    if (value === undefined || value === '') continue;
    return { value, source, subject };
  }
  return undefined;
}

// Plain decimal digits only: Number() would also take "0x10", "1e3" or " 5 ".
function decimalInt(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  return /^[0-9]+$/.test(value) ? Number(value) : undefined;
}

function pickInt(name: string, candidates: readonly Candidate[], fallback: number, [min, max]: readonly [number, number]): Picked<number> {
  const found = pick(candidates);
  if (found === undefined) return { value: fallback, source: 'default', subject: name };
  const parsed = decimalInt(found.value);
  if (parsed === undefined || parsed < min || parsed > max) {
    throw new ConfigError(`${found.subject} must be a whole number from ${min} to ${max}, got ${JSON.stringify(String(found.value))}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: found.subject,
      value: String(found.value),
      hint: `set ${found.subject} to a decimal whole number from ${min} to ${max}, such as ${fallback}, or unset it for the default (${fallback})`,
    });
  }
  return { value: parsed, source: found.source, subject: found.subject };
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false, on: true, off: false, yes: true, no: false };

function pickBoolean(name: string, candidates: readonly Candidate[], fallback: boolean): Picked<boolean> {
  const found = pick(candidates);
  if (found === undefined) return { value: fallback, source: 'default', subject: name };
  const value = BOOLEAN_WORDS[String(found.value).trim().toLowerCase()];
  if (value === undefined) {
    throw new ConfigError(`${found.subject} must be true or false, got ${JSON.stringify(String(found.value))}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: found.subject,
      value: String(found.value),
      hint: `set ${found.subject} to true or false (also on/off, 1/0, yes/no), or unset it for the default (${fallback})`,
    });
  }
  return { value, source: found.source, subject: found.subject };
}

function asString(p: Picked<string | number> | undefined): Picked<string> | undefined {
  return p === undefined ? undefined : { ...p, value: String(p.value) };
}

/**
 * The configuration file every command reads and writes: the `configFile` option, else `DB_CONFIG_FILE`, else
 * `data/db-config.json`, relative to `cwd`. Commands that write it (db:setup, db:rename-prefix) use this, so
 * an instance with its own DB_CONFIG_FILE never overwrites another instance's file.
 */
export function resolveConfigFilePath(options: Pick<ResolveConfigOptions, 'configFile' | 'cwd' | 'env'> = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  return resolvePath(cwd, typeof options.configFile === 'string' ? options.configFile : (nonEmpty(env.DB_CONFIG_FILE) ?? DEFAULT_CONFIG_FILE));
}

/**
 * Resolves the configuration once, from explicit options, the environment and `data/db-config.json`, in that
 * precedence, then defaults. The result is validated and deeply frozen; passwords are {@link Secret}s.
 *
 * @example
 * const config = resolveConfig({ env: { PROJECT_NAME: 'Production Bot' }, configFile: false });
 * config.prefix; // 'production_bot'
 * config.dialect; // 'sqlite'
 */
export function resolveConfig(options: ResolveConfigOptions = {}): DbConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources: Record<string, ValueSource> = {};
  const notes: string[] = [];

  const configFilePath = resolveConfigFilePath(options);
  const file = options.configFile === false ? undefined : readConfigFile(configFilePath);
  const fileSubject = (field: string) => `${configFilePath}: ${field}`;

  // Project name and prefix are resolved together: the highest level that names either wins, so that
  // `PROJECT_NAME=Staging` in the environment is not overruled by an older dbPrefix in the file.
  const projectName = asString(
    pick([
      ['option', 'projectName option', options.projectName],
      ['env', 'PROJECT_NAME', env.PROJECT_NAME],
      ['file', fileSubject('projectName'), file?.projectName],
    ]),
  ) ?? { value: DEFAULT_PROJECT_NAME, source: 'default' as const, subject: 'default project name' };
  sources.projectName = projectName.source;

  const prefix = resolvePrefix(options, env, file, fileSubject);
  sources.prefix = prefix.source;

  checkPrefixLength(prefix, options.objectBaseNames ?? []);
  const names = createObjectNames(prefix.value);
  const fileMatchesPrefix = file !== undefined && file.dbPrefix === prefix.value;

  const databaseUrl = asString(
    pick([
      ['option', 'databaseUrl option', options.databaseUrl],
      ['env', 'DATABASE_URL', env.DATABASE_URL],
      ['env', 'REMOTE_POSTGRES_URL', env.REMOTE_POSTGRES_URL],
    ]),
  );

  const dialectPick = asString(
    pick([
      ['option', 'dialect option', options.dialect],
      ['env', 'DATABASE_TYPE', env.DATABASE_TYPE],
    ]),
  );
  let dialect: Dialect;
  if (dialectPick !== undefined) {
    if (!(DIALECTS as readonly string[]).includes(dialectPick.value)) {
      throw new ConfigError(`${dialectPick.subject} must be "sqlite" or "postgresql", got ${JSON.stringify(dialectPick.value)}`, {
        code: 'CONFIG_INVALID_VALUE',
        subject: dialectPick.subject,
        value: dialectPick.value,
        hint: 'set DATABASE_TYPE=sqlite or DATABASE_TYPE=postgresql, or unset it to choose by DATABASE_URL',
      });
    }
    dialect = dialectPick.value as Dialect;
    sources.dialect = dialectPick.source;
    if (dialect === 'sqlite' && databaseUrl !== undefined && !isSqliteUrl(databaseUrl.value) && !isRemoteLibsqlUrl(databaseUrl.value)) notes.push(`${databaseUrl.subject} (${redactUrl(databaseUrl.value)}) is set but ${dialectPick.subject} says sqlite, so it is ignored`);
  } else {
    // A postgres:// or postgresql:// URL selects PostgreSQL, a file: URL or a libSQL server's (libsql:, http(s):,
    // ws(s):) SQLite; any other scheme is more likely a typo (postgress://) than a wish for SQLite, so it is an
    // error unless DATABASE_TYPE=sqlite says so.
    const isPostgresUrl = databaseUrl !== undefined && /^postgres(ql)?:\/\//i.test(databaseUrl.value);
    if (databaseUrl !== undefined && !isPostgresUrl && !isSqliteUrl(databaseUrl.value) && !isRemoteLibsqlUrl(databaseUrl.value)) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl.value)?.[1];
      throw new ConfigError(
        `${databaseUrl.subject} ${scheme === undefined ? 'has no scheme' : `has the scheme "${scheme}:"`}, which is neither postgres:// or postgresql:// (PostgreSQL) nor file: or libsql: (SQLite): ${redactUrl(databaseUrl.value)}`,
        {
          code: 'CONFIG_INVALID_DATABASE_URL',
          subject: databaseUrl.subject,
          value: redactUrl(databaseUrl.value),
          hint: 'fix the scheme (postgresql://user:password@host:5432/database), or set DATABASE_TYPE=sqlite to use SQLite and ignore it',
        },
      );
    }
    dialect = isPostgresUrl ? 'postgresql' : 'sqlite';
    sources.dialect = databaseUrl !== undefined ? databaseUrl.source : 'default';
  }

  let postgres: PostgresSettings | undefined;
  if (dialect === 'postgresql') {
    if (databaseUrl === undefined) {
      throw new ConfigError('PostgreSQL was selected but no connection URL is set', {
        code: 'CONFIG_MISSING_DATABASE_URL',
        subject: dialectPick?.subject ?? 'DATABASE_URL',
        hint: 'set DATABASE_URL=postgresql://user:password@host:5432/database, or DATABASE_TYPE=sqlite',
      });
    }
    validatePostgresUrl(databaseUrl);
    sources.databaseUrl = databaseUrl.source;
    const poolMax = pickInt('DB_POOL_MAX', [['option', 'poolMax option', options.poolMax], ['env', 'DB_POOL_MAX', env.DB_POOL_MAX]], DEFAULTS.poolMax, LIMITS.poolMax);
    const idle = pickInt('DB_IDLE_TIMEOUT_MS', [['option', 'idleTimeoutMs option', options.idleTimeoutMs], ['env', 'DB_IDLE_TIMEOUT_MS', env.DB_IDLE_TIMEOUT_MS]], DEFAULTS.idleTimeoutMs, LIMITS.idleTimeoutMs);
    const connect = pickInt('DB_CONNECT_TIMEOUT_MS', [['option', 'connectTimeoutMs option', options.connectTimeoutMs], ['env', 'DB_CONNECT_TIMEOUT_MS', env.DB_CONNECT_TIMEOUT_MS]], DEFAULTS.connectTimeoutMs, LIMITS.connectTimeoutMs);
    const ddlLock = pickInt('DB_DDL_LOCK_TIMEOUT_MS', [['option', 'ddlLockTimeoutMs option', options.ddlLockTimeoutMs], ['env', 'DB_DDL_LOCK_TIMEOUT_MS', env.DB_DDL_LOCK_TIMEOUT_MS]], DEFAULTS.ddlLockTimeoutMs, LIMITS.ddlLockTimeoutMs);
    const retries = pickInt('DB_DDL_LOCK_RETRIES', [['option', 'ddlLockRetries option', options.ddlLockRetries], ['env', 'DB_DDL_LOCK_RETRIES', env.DB_DDL_LOCK_RETRIES]], DEFAULTS.ddlLockRetries, LIMITS.ddlLockRetries);
    const prepare = pickBoolean('DB_PREPARE', [['option', 'prepare option', options.prepare === undefined ? undefined : String(options.prepare)], ['env', 'DB_PREPARE', env.DB_PREPARE]], DEFAULTS.prepare);
    const copy = pickBoolean('DB_COPY', [['option', 'copy option', options.copy === undefined ? undefined : String(options.copy)], ['env', 'DB_COPY', env.DB_COPY]], DEFAULTS.copy);
    const direct = asString(pick([['option', 'directUrl option', options.directUrl], ...DIRECT_URL_VARIABLES.map((name): Candidate => ['env', name, env[name]])]));
    if (direct !== undefined) validatePostgresUrl(direct);
    const replicas = replicaUrls(options, env);
    const replicaRead = pickInt('DB_REPLICA_READ_TIMEOUT_MS', [['option', 'replicaReadTimeoutMs option', options.replicaReadTimeoutMs], ['env', 'DB_REPLICA_READ_TIMEOUT_MS', env.DB_REPLICA_READ_TIMEOUT_MS]], DEFAULTS.replicaReadTimeoutMs, LIMITS.replicaReadTimeoutMs);
    const replicaLag = pickInt('DB_REPLICA_MAX_LAG_MS', [['option', 'replicaMaxLagMs option', options.replicaMaxLagMs], ['env', 'DB_REPLICA_MAX_LAG_MS', env.DB_REPLICA_MAX_LAG_MS]], DEFAULTS.replicaMaxLagMs, LIMITS.replicaMaxLagMs);
    const replicaInterval = pickInt('DB_REPLICA_CHECK_INTERVAL_MS', [['option', 'replicaCheckIntervalMs option', options.replicaCheckIntervalMs], ['env', 'DB_REPLICA_CHECK_INTERVAL_MS', env.DB_REPLICA_CHECK_INTERVAL_MS]], DEFAULTS.replicaCheckIntervalMs, LIMITS.replicaCheckIntervalMs);
    Object.assign(sources, { poolMax: poolMax.source, idleTimeoutMs: idle.source, connectTimeoutMs: connect.source, ddlLockTimeoutMs: ddlLock.source, ddlLockRetries: retries.source, prepare: prepare.source, copy: copy.source, replicaReadTimeoutMs: replicaRead.source, replicaMaxLagMs: replicaLag.source, replicaCheckIntervalMs: replicaInterval.source });
    if (direct !== undefined) sources.directUrl = direct.source;
    if (replicas.length > 0) sources.replicaUrls = options.replicaUrls !== undefined ? 'option' : 'env';
    postgres = {
      url: new Secret(databaseUrl.value),
      redactedUrl: redactUrl(databaseUrl.value),
      directUrl: direct === undefined ? undefined : new Secret(direct.value),
      directUrlSubject: direct?.subject,
      replicaUrls: replicas.map((r) => new Secret(r)),
      poolMax: poolMax.value,
      idleTimeoutMs: idle.value,
      connectTimeoutMs: connect.value,
      prepare: prepare.value,
      copy: copy.value,
      ddlLockTimeoutMs: ddlLock.value,
      ddlLockRetries: retries.value,
      replicaReadTimeoutMs: replicaRead.value,
      replicaMaxLagMs: replicaLag.value,
      replicaCheckIntervalMs: replicaInterval.value,
    };
  } else {
    const stray = [...DIRECT_URL_VARIABLES, 'DATABASE_REPLICA_URLS'].filter((name) => nonEmpty(env[name]) !== undefined);
    if (stray.length > 0) notes.push(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but SQLite is used, so ${stray.length === 1 ? 'it is' : 'they are'} ignored`);
  }

  const sqlitePick = asString(
    pick([
      ['option', 'sqlitePath option', options.sqlitePath],
      ['env', 'SQLITE_DB_PATH', env.SQLITE_DB_PATH],
    ]),
  );
  const urlPath = dialect === 'sqlite' && databaseUrl !== undefined && isSqliteUrl(databaseUrl.value) ? sqlitePathOfUrl(databaseUrl, sqlitePick, cwd) : undefined;
  const remote = dialect === 'sqlite' && databaseUrl !== undefined && isRemoteLibsqlUrl(databaseUrl.value) ? remoteLibsql(databaseUrl, sqlitePick, options, env, sources) : undefined;
  const strayToken = remote === undefined ? AUTH_TOKEN_VARIABLES.filter((name) => nonEmpty(env[name]) !== undefined) : [];
  if (strayToken.length > 0) notes.push(`${strayToken.join(', ')} ${strayToken.length === 1 ? 'is' : 'are'} set but no libSQL server URL is, so ${strayToken.length === 1 ? 'it is' : 'they are'} ignored`);
  if (remote !== undefined) notes.push(`${databaseUrl?.subject ?? 'DATABASE_URL'} names a libSQL server, so SQLite is used at ${remote.url}`);
  if (urlPath !== undefined) notes.push(`${databaseUrl?.subject ?? 'DATABASE_URL'} is a file: URL, so SQLite is used at ${resolvePath(cwd, urlPath.value)}`);
  // Serverless file systems are read-only except /tmp, so Vercel gets /tmp/cts.db unless told otherwise.
  const sqlitePath = sqlitePick ?? urlPath ?? (nonEmpty(env.VERCEL) !== undefined
    ? { value: DEFAULTS.vercelSqlitePath, source: 'env' as const, subject: 'VERCEL' }
    : { value: DEFAULTS.sqlitePath, source: 'default' as const, subject: 'default SQLite path' });
  sources.sqlitePath = sqlitePath.source;
  const busy = pickInt('SQLITE_BUSY_TIMEOUT_MS', [['option', 'sqliteBusyTimeoutMs option', options.sqliteBusyTimeoutMs], ['env', 'SQLITE_BUSY_TIMEOUT_MS', env.SQLITE_BUSY_TIMEOUT_MS]], DEFAULTS.sqliteBusyTimeoutMs, LIMITS.sqliteBusyTimeoutMs);
  sources.sqliteBusyTimeoutMs = busy.source;

  const role = (key: 'admin' | 'app', userOpt: string | undefined, userEnv: string, passOpt: string | undefined, passEnv: string): RoleConfig => {
    const user = asString(
      pick([
        ['option', `${key}User option`, userOpt],
        ['env', userEnv, env[userEnv]],
        ['file', fileSubject(`users.${key}`), fileMatchesPrefix ? file.users[key] : undefined],
      ]),
    ) ?? { value: names.roles[key], source: 'default' as const, subject: `${key} role` };
    sources[`${key}User`] = user.source;
    if (!NAME_PATTERN.test(user.value) || Buffer.byteLength(user.value) > PG_IDENTIFIER_MAX_BYTES) {
      throw new ConfigError(`${user.subject} ${JSON.stringify(user.value)} is not a usable role name`, {
        code: 'CONFIG_INVALID_VALUE',
        subject: user.subject,
        value: user.value,
        hint: `use lowercase letters, digits and single underscores, at most ${PG_IDENTIFIER_MAX_BYTES} bytes, e.g. ${names.roles[key]}`,
      });
    }
    const password = asString(pick([['option', `${key}Password option`, passOpt], ['env', passEnv, env[passEnv]]]));
    if (password !== undefined) sources[`${key}Password`] = password.source;
    return { user: user.value, password: password === undefined ? undefined : new Secret(password.value) };
  };

  sources.databases = fileMatchesPrefix ? 'file' : 'default';
  const config: DbConfig = {
    projectName: projectName.value,
    prefix: prefix.value,
    names,
    dialect,
    sqlite: { path: resolvePath(cwd, sqlitePath.value), busyTimeoutMs: busy.value, ...(remote === undefined ? {} : { remote }) },
    postgres,
    databases: fileMatchesPrefix ? file.databases : names.databases,
    roles: {
      admin: role('admin', options.adminUser, 'DB_ADMIN_USER', options.adminPassword, 'DB_ADMIN_PASSWORD'),
      app: role('app', options.appUser, 'DB_APP_USER', options.appPassword, 'DB_APP_PASSWORD'),
    },
    adminToken: ((t) => (t === undefined ? undefined : new Secret(t.value)))(asString(pick([['option', 'adminToken option', options.adminToken], ['env', 'ADMIN_TOKEN', env.ADMIN_TOKEN]]))),
    initMode: pickInitMode(options, env, sources),
    configFile: { path: configFilePath, found: file !== undefined },
    sources,
    notes,
  };
  return deepFreeze(validateResolved(config));
}

function pickInitMode(options: ResolveConfigOptions, env: Readonly<Record<string, string | undefined>>, sources: Record<string, ValueSource>): InitMode {
  const found = asString(pick([['option', 'initMode option', options.initMode], ['env', 'DB_INIT_MODE', env.DB_INIT_MODE]]));
  sources.initMode = found?.source ?? 'default';
  if (found === undefined) return 'retry';
  const mode = INIT_MODES.find((m) => m === found.value.trim().toLowerCase());
  if (mode === undefined) {
    throw new ConfigError(`${found.subject} must be ${INIT_MODES.join(' or ')}, got ${JSON.stringify(found.value)}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: found.subject,
      value: found.value,
      hint: `set ${found.subject} to retry (keep serving, retry in the background) or exit (end the process), or unset it for the default (retry)`,
    });
  }
  return mode;
}

/** DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs, each validated like DATABASE_URL. */
function replicaUrls(options: ResolveConfigOptions, env: Readonly<Record<string, string | undefined>>): string[] {
  const [subject, list] =
    options.replicaUrls !== undefined ? ['replicaUrls option', [...options.replicaUrls]] : ['DATABASE_REPLICA_URLS', (env.DATABASE_REPLICA_URLS ?? '').split(',')];
  const urls = list.map((u) => u.trim()).filter((u) => u !== '');
  urls.forEach((value, i) => validatePostgresUrl({ value, source: 'env', subject: `${subject} (entry ${i + 1})` }));
  return urls;
}

function resolvePrefix(
  options: ResolveConfigOptions,
  env: Readonly<Record<string, string | undefined>>,
  file: ConfigFile | undefined,
  fileSubject: (field: string) => string,
): Picked<string> {
  const levels: readonly (readonly [ValueSource, Candidate, Candidate])[] = [
    ['option', ['option', 'prefix option', options.prefix], ['option', 'projectName option', options.projectName]],
    ['env', ['env', 'DB_PREFIX', env.DB_PREFIX], ['env', 'PROJECT_NAME', env.PROJECT_NAME]],
    ['file', ['file', fileSubject('dbPrefix'), file?.dbPrefix], ['file', fileSubject('projectName'), file?.projectName]],
  ];
  for (const [source, explicit, name] of levels) {
    const given = asString(pick([explicit]));
    if (given !== undefined) return { value: wrapNaming(() => assertValidPrefix(given.value, given.subject), given), source, subject: given.subject };
    const project = asString(pick([name]));
    if (project !== undefined) return { value: wrapNaming(() => sanitizeName(project.value, project.subject), project), source, subject: project.subject };
  }
  return { value: sanitizeName(DEFAULT_PROJECT_NAME), source: 'default', subject: 'default project name' };
}

/**
 * A prefix may have at most MAX_PREFIX_BYTES bytes: `pnpm db:check` keeps every base name short enough for
 * that, so no object name can pass PostgreSQL's 63-byte limit (which it would silently cut) now or later.
 */
function checkPrefixLength(prefix: Picked<string>, baseNames: Iterable<string>): void {
  const report = checkIdentifierLengths(prefix.value, baseNames);
  const bytes = Buffer.byteLength(prefix.value);
  if (report.ok && bytes <= MAX_PREFIX_BYTES) return;
  const offenders = report.offenders.slice(0, 10).map((o) => `    ${o.name} (${o.bytes} bytes)`);
  if (report.offenders.length > 10) offenders.push(`    ... and ${report.offenders.length - 10} more`);
  const suggestion = shortenPrefix(prefix.value, Math.min(MAX_PREFIX_BYTES, report.maxPrefixBytes));
  throw new ConfigError(
    `${prefix.subject} gives the prefix ${JSON.stringify(prefix.value)} (${bytes} bytes); a prefix may have at most ${MAX_PREFIX_BYTES} bytes so that every object name fits PostgreSQL's ${PG_IDENTIFIER_MAX_BYTES}-byte limit, which PostgreSQL would otherwise cut silently` +
      (offenders.length === 0 ? '' : `. Too long with it:\n${offenders.join('\n')}`),
    {
      code: 'CONFIG_PREFIX_TOO_LONG',
      subject: prefix.subject,
      value: prefix.value,
      hint: suggestion === undefined ? 'choose a shorter PROJECT_NAME or DB_PREFIX' : `set DB_PREFIX=${suggestion}, or choose a shorter PROJECT_NAME`,
    },
  );
}

function wrapNaming(fn: () => string, input: Picked<string>): string {
  try {
    return fn();
  } catch (cause) {
    if (!isCtsDbError(cause)) throw cause;
    throw new ConfigError(cause.message.split('\n')[0] ?? cause.message, {
      code: 'CONFIG_INVALID_PREFIX',
      subject: input.subject,
      value: input.value,
      hint: cause.hint,
      cause,
    });
  }
}


function validatePostgresUrl(url: Picked<string>): void {
  const check = checkPostgresUrl(url.value);
  if (check.ok) return;
  const redacted = redactUrl(url.value);
  throw new ConfigError(`${url.subject} is not a usable PostgreSQL URL (${check.reason}): ${redacted}`, {
    code: 'CONFIG_INVALID_DATABASE_URL',
    subject: url.subject,
    value: redacted,
    hint: check.hint,
    ...(check.cause === undefined ? {} : { cause: check.cause }),
  });
}

/**
 * The SQLite file of a `file:` DATABASE_URL. It is used, never swapped for another: a URL that could be read
 * two ways is an error, and so is a SQLITE_DB_PATH (or option) that names a different file.
 */
function sqlitePathOfUrl(url: Picked<string>, explicit: Picked<string> | undefined, cwd: string): Picked<string> {
  const check = checkSqliteUrl(url.value);
  const redacted = redactUrl(url.value);
  if (!check.ok) {
    throw new ConfigError(`${url.subject} is not a usable SQLite URL (${check.reason}): ${redacted}`, { code: 'CONFIG_INVALID_DATABASE_URL', subject: url.subject, value: redacted, hint: check.hint });
  }
  if (explicit !== undefined && resolvePath(cwd, explicit.value) !== resolvePath(cwd, check.path)) {
    throw new ConfigError(
      `${url.subject} names the SQLite file ${resolvePath(cwd, check.path)} but ${explicit.subject} names ${resolvePath(cwd, explicit.value)}`,
      { code: 'CONFIG_CONFLICTING_VALUES', subject: `${url.subject}, ${explicit.subject}`, value: redacted, hint: `set only one of ${url.subject} and ${explicit.subject}` },
    );
  }
  return { value: check.path, source: url.source, subject: url.subject };
}

const AUTH_TOKEN_VARIABLES = ['DATABASE_AUTH_TOKEN', 'LIBSQL_AUTH_TOKEN', 'TURSO_AUTH_TOKEN'] as const;

/**
 * A libSQL server's URL and token. The token may come from a variable or from the URL's `authToken`, not both
 * with different values: one of them would be silently ignored.
 */
function remoteLibsql(
  url: Picked<string>,
  explicitPath: Picked<string> | undefined,
  options: ResolveConfigOptions,
  env: Readonly<Record<string, string | undefined>>,
  sources: Record<string, ValueSource>,
): RemoteSqliteSettings {
  const check = checkRemoteLibsqlUrl(url.value);
  const redacted = redactUrl(url.value);
  if (!check.ok) {
    throw new ConfigError(`${url.subject} is not a usable libSQL server URL (${check.reason}): ${redacted}`, { code: 'CONFIG_INVALID_DATABASE_URL', subject: url.subject, value: redacted, hint: check.hint });
  }
  if (explicitPath !== undefined) {
    throw new ConfigError(`${url.subject} names the libSQL server ${check.url} but ${explicitPath.subject} names the file ${explicitPath.value}`, {
      code: 'CONFIG_CONFLICTING_VALUES',
      subject: `${url.subject}, ${explicitPath.subject}`,
      value: redacted,
      hint: `set only one of ${url.subject} and ${explicitPath.subject}`,
    });
  }
  const picked = asString(pick([['option', 'authToken option', options.authToken], ...AUTH_TOKEN_VARIABLES.map((name): Candidate => ['env', name, env[name]])]));
  if (picked !== undefined && check.token !== undefined && picked.value !== check.token) {
    throw new ConfigError(`${url.subject} has an authToken parameter and ${picked.subject} another token`, {
      code: 'CONFIG_CONFLICTING_VALUES',
      subject: `${url.subject}, ${picked.subject}`,
      value: redacted,
      hint: `remove authToken from ${url.subject} and keep ${picked.subject}`,
    });
  }
  const token = picked?.value ?? check.token;
  sources.databaseUrl = url.source;
  if (token !== undefined) sources.authToken = picked?.source ?? url.source;
  return { url: check.url, authToken: token === undefined ? undefined : new Secret(token) };
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

const secret = instanceOf(Secret, 'Secret');
const limit = (name: keyof typeof LIMITS) => wholeNumber(LIMITS[name][0], LIMITS[name][1]);
const role = object({ user: text(), password: optional(secret) });

// The resolved shape, checked after resolution (shape-check.ts); `strict: false` where DbConfig carries more.
const checkResolved = object(
  {
    projectName: text(),
    prefix: text(),
    dialect: oneOf(DIALECTS),
    sqlite: object({ path: text(), busyTimeoutMs: limit('sqliteBusyTimeoutMs'), remote: optional(object({ url: text(), authToken: optional(secret) })) }, { strict: false }),
    postgres: optional(
      object(
        {
          url: secret,
          redactedUrl: text({ allowEmpty: true }),
          directUrl: optional(secret),
          directUrlSubject: optional(text({ allowEmpty: true })),
          replicaUrls: arrayOf(secret),
          poolMax: limit('poolMax'),
          idleTimeoutMs: limit('idleTimeoutMs'),
          connectTimeoutMs: limit('connectTimeoutMs'),
          prepare: boolean(),
          copy: optional(boolean()),
          ddlLockTimeoutMs: limit('ddlLockTimeoutMs'),
          ddlLockRetries: limit('ddlLockRetries'),
          replicaReadTimeoutMs: limit('replicaReadTimeoutMs'),
          replicaMaxLagMs: limit('replicaMaxLagMs'),
          replicaCheckIntervalMs: limit('replicaCheckIntervalMs'),
        },
        { strict: false },
      ),
    ),
    roles: object({ admin: role, app: role }, { strict: false }),
    adminToken: optional(secret),
    initMode: oneOf(INIT_MODES),
  },
  { strict: false },
);

/** Last line of defence: a bug in the resolution above must not produce a half-valid configuration. */
function validateResolved(config: DbConfig): DbConfig {
  const issue = checkResolved(config, []);
  if (issue !== undefined) {
    const at = issue.path.length === 0 ? '(root)' : issue.path.join('.');
    throw new ConfigError(`resolved configuration is invalid at ${at}: ${issue.message}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: at,
      hint: 'this is a bug in the configuration resolver; please report it with the variables you set (not their passwords)',
    });
  }
  if ((config.dialect === 'postgresql') !== (config.postgres !== undefined)) {
    throw new ConfigError('resolved configuration has PostgreSQL settings that do not match its dialect', {
      code: 'CONFIG_INVALID_VALUE',
      subject: 'postgres',
      hint: 'this is a bug in the configuration resolver; please report it',
    });
  }
  return config;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Secret)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
