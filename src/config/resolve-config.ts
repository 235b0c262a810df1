import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { redactUrl } from '../errors/redact.js';
import { isCtsDbError } from '../errors/cts-db-error.js';
import {
  MAX_PREFIX_BYTES,
  NAME_PATTERN,
  PG_IDENTIFIER_MAX_BYTES,
  assertValidPrefix,
  checkIdentifierLengths,
  shortenPrefix,
  createObjectNames,
  sanitizeName,
  type DatabaseNames,
  type ObjectNames,
} from '../naming/index.js';
import { ConfigError } from './config-error.js';
import { DEFAULT_CONFIG_FILE, readConfigFile, type ConfigFile } from './config-file.js';
import { checkPostgresUrl } from './postgres-url.js';
import { Secret } from './secret.js';

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
  sqlitePath: 'data/cts.db',
  vercelSqlitePath: '/tmp/cts.db',
} as const;

/** Explicit options; each one beats the environment, the config file and the defaults. */
export interface ResolveConfigOptions {
  readonly projectName?: string;
  readonly prefix?: string;
  readonly dialect?: Dialect;
  readonly databaseUrl?: string;
  readonly sqlitePath?: string;
  readonly adminUser?: string;
  readonly adminPassword?: string;
  readonly appUser?: string;
  readonly appPassword?: string;
  readonly adminToken?: string;
  readonly poolMax?: number;
  readonly idleTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
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
  readonly url: Secret;
  readonly redactedUrl: string;
  readonly poolMax: number;
  readonly idleTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface SqliteSettings {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

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

const positiveInt = z.coerce.number().int().min(1).max(2_147_483_647);

function pickInt(name: string, candidates: readonly Candidate[], fallback: number): Picked<number> {
  const found = pick(candidates);
  if (found === undefined) return { value: fallback, source: 'default', subject: name };
  const parsed = positiveInt.safeParse(found.value);
  if (!parsed.success) {
    throw new ConfigError(`${found.subject} must be a positive integer, got ${JSON.stringify(String(found.value))}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: found.subject,
      value: String(found.value),
      hint: `set ${found.subject} to a whole number such as ${fallback}, or unset it for the default (${fallback})`,
      cause: parsed.error,
    });
  }
  return { value: parsed.data, source: found.source, subject: found.subject };
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
    const parsed = z.enum(DIALECTS).safeParse(dialectPick.value);
    if (!parsed.success) {
      throw new ConfigError(`${dialectPick.subject} must be "sqlite" or "postgresql", got ${JSON.stringify(dialectPick.value)}`, {
        code: 'CONFIG_INVALID_VALUE',
        subject: dialectPick.subject,
        value: dialectPick.value,
        hint: 'set DATABASE_TYPE=sqlite or DATABASE_TYPE=postgresql, or unset it to choose by DATABASE_URL',
        cause: parsed.error,
      });
    }
    dialect = parsed.data;
    sources.dialect = dialectPick.source;
  } else {
    // Only a postgres:// or postgresql:// URL selects PostgreSQL; hosts such as Vercel may set DATABASE_URL for other tools.
    const isPostgresUrl = databaseUrl !== undefined && /^postgres(ql)?:\/\//i.test(databaseUrl.value);
    dialect = isPostgresUrl ? 'postgresql' : 'sqlite';
    sources.dialect = isPostgresUrl ? (databaseUrl as Picked<string>).source : 'default';
    if (databaseUrl !== undefined && !isPostgresUrl) {
      notes.push(`${databaseUrl.subject} (${redactUrl(databaseUrl.value)}) is not a postgres:// or postgresql:// URL, so SQLite is used; set DATABASE_TYPE to choose explicitly`);
    }
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
    const poolMax = pickInt('DB_POOL_MAX', [['option', 'poolMax option', options.poolMax], ['env', 'DB_POOL_MAX', env.DB_POOL_MAX]], DEFAULTS.poolMax);
    const idle = pickInt('DB_IDLE_TIMEOUT_MS', [['option', 'idleTimeoutMs option', options.idleTimeoutMs], ['env', 'DB_IDLE_TIMEOUT_MS', env.DB_IDLE_TIMEOUT_MS]], DEFAULTS.idleTimeoutMs);
    const connect = pickInt('DB_CONNECT_TIMEOUT_MS', [['option', 'connectTimeoutMs option', options.connectTimeoutMs], ['env', 'DB_CONNECT_TIMEOUT_MS', env.DB_CONNECT_TIMEOUT_MS]], DEFAULTS.connectTimeoutMs);
    sources.poolMax = poolMax.source;
    sources.idleTimeoutMs = idle.source;
    sources.connectTimeoutMs = connect.source;
    postgres = {
      url: new Secret(databaseUrl.value),
      redactedUrl: redactUrl(databaseUrl.value),
      poolMax: poolMax.value,
      idleTimeoutMs: idle.value,
      connectTimeoutMs: connect.value,
    };
  }

  const sqlitePick = asString(
    pick([
      ['option', 'sqlitePath option', options.sqlitePath],
      ['env', 'SQLITE_DB_PATH', env.SQLITE_DB_PATH],
    ]),
  );
  // Serverless file systems are read-only except /tmp, so Vercel gets /tmp/cts.db unless told otherwise.
  const sqlitePath = sqlitePick ?? (nonEmpty(env.VERCEL) !== undefined
    ? { value: DEFAULTS.vercelSqlitePath, source: 'env' as const, subject: 'VERCEL' }
    : { value: DEFAULTS.sqlitePath, source: 'default' as const, subject: 'default SQLite path' });
  sources.sqlitePath = sqlitePath.source;
  const busy = pickInt('SQLITE_BUSY_TIMEOUT_MS', [['option', 'sqliteBusyTimeoutMs option', options.sqliteBusyTimeoutMs], ['env', 'SQLITE_BUSY_TIMEOUT_MS', env.SQLITE_BUSY_TIMEOUT_MS]], DEFAULTS.sqliteBusyTimeoutMs);
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
    sqlite: { path: resolvePath(cwd, sqlitePath.value), busyTimeoutMs: busy.value },
    postgres,
    databases: fileMatchesPrefix ? file.databases : names.databases,
    roles: {
      admin: role('admin', options.adminUser, 'DB_ADMIN_USER', options.adminPassword, 'DB_ADMIN_PASSWORD'),
      app: role('app', options.appUser, 'DB_APP_USER', options.appPassword, 'DB_APP_PASSWORD'),
    },
    adminToken: ((t) => (t === undefined ? undefined : new Secret(t.value)))(asString(pick([['option', 'adminToken option', options.adminToken], ['env', 'ADMIN_TOKEN', env.ADMIN_TOKEN]]))),
    configFile: { path: configFilePath, found: file !== undefined },
    sources,
    notes,
  };
  return deepFreeze(validateResolved(config));
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

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

const secretOrUndefined = z.instanceof(Secret).optional();
const resolvedSchema = z.object({
  projectName: z.string().min(1),
  prefix: z.string().min(1),
  dialect: z.enum(DIALECTS),
  sqlite: z.object({ path: z.string().min(1), busyTimeoutMs: z.number().int().positive() }),
  postgres: z
    .object({
      url: z.instanceof(Secret),
      redactedUrl: z.string(),
      poolMax: z.number().int().positive(),
      idleTimeoutMs: z.number().int().positive(),
      connectTimeoutMs: z.number().int().positive(),
    })
    .optional(),
  roles: z.object({
    admin: z.object({ user: z.string().min(1), password: secretOrUndefined }),
    app: z.object({ user: z.string().min(1), password: secretOrUndefined }),
  }),
  adminToken: secretOrUndefined,
});

/** Last line of defence: a bug in the resolution above must not produce a half-valid configuration. */
function validateResolved(config: DbConfig): DbConfig {
  const result = resolvedSchema.safeParse(config);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`resolved configuration is invalid at ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? ''}`, {
      code: 'CONFIG_INVALID_VALUE',
      subject: issue?.path.join('.') ?? '(root)',
      hint: 'this is a bug in the configuration resolver; please report it with the variables you set (not their passwords)',
      cause: result.error,
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
