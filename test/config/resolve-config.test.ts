import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFileFor, operationsSettings, resolveConfig, type ResolveConfigOptions } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
let fileCounter = 0;

beforeAll(async () => {
  ({ path: dir, cleanup } = await createTempDir('cts-config'));
});
afterAll(() => cleanup());

/** A config file with the given content in its own folder; returns the cwd to use. */
function withFile(content: object): string {
  const cwd = join(dir, `case-${fileCounter++}`);
  mkdirSync(join(cwd, 'data'), { recursive: true });
  writeFileSync(join(cwd, 'data', 'db-config.json'), JSON.stringify(content));
  return cwd;
}

function emptyCwd(): string {
  const cwd = join(dir, `case-${fileCounter++}`);
  mkdirSync(cwd, { recursive: true });
  return cwd;
}

const resolve = (options: ResolveConfigOptions) => resolveConfig({ cwd: emptyCwd(), env: {}, ...options });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('are SQLite at data/cts.db under the working directory, prefix cts_v3_1, roles {prefix}_admin/_app', () => {
    const cwd = emptyCwd();
    const config = resolveConfig({ cwd, env: {} });
    expect(config.dialect).toBe('sqlite');
    expect(config.sqlite.path).toBe(join(cwd, 'data', 'cts.db'));
    expect(config.projectName).toBe('CTS v3.1');
    expect(config.prefix).toBe('cts_v3_1');
    expect(config.roles.admin.user).toBe('cts_v3_1_admin');
    expect(config.roles.app.user).toBe('cts_v3_1_app');
    expect(config.postgres).toBeUndefined();
    expect(config.sources.prefix).toBe('default');
  });

  it('is deeply frozen', () => {
    const config = resolve({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.sqlite)).toBe(true);
    expect(Object.isFrozen(config.roles.admin)).toBe(true);
    expect(() => {
      (config as { prefix: string }).prefix = 'x';
    }).toThrow(TypeError);
  });

  it('reads process.env when called, not when imported', () => {
    const before = process.env.PROJECT_NAME;
    process.env.PROJECT_NAME = 'Late Env Name';
    try {
      expect(resolveConfig({ cwd: emptyCwd() }).prefix).toBe('late_env_name');
    } finally {
      if (before === undefined) delete process.env.PROJECT_NAME;
      else process.env.PROJECT_NAME = before;
    }
  });
});

describe('precedence: option > environment > config file > default', () => {
  const file = { ...configFileFor('File Project', 'file_prefix'), users: { admin: 'file_admin', app: 'file_app' } };

  it('projectName', () => {
    const cwd = withFile(file);
    expect(resolveConfig({ cwd, env: {} }).projectName).toBe('File Project');
    expect(resolveConfig({ cwd, env: { PROJECT_NAME: 'Env Project' } }).projectName).toBe('Env Project');
    expect(resolveConfig({ cwd, env: { PROJECT_NAME: 'Env Project' }, projectName: 'Opt Project' }).projectName).toBe('Opt Project');
    expect(resolve({}).projectName).toBe('CTS v3.1');
  });

  it('prefix: DB_PREFIX beats the derived prefix at its level; a higher level beats a lower one', () => {
    const cwd = withFile(file);
    expect(resolveConfig({ cwd, env: {} }).prefix).toBe('file_prefix');
    // PROJECT_NAME in the environment beats the file's dbPrefix: the newer intent wins.
    expect(resolveConfig({ cwd, env: { PROJECT_NAME: 'Env Project' } }).prefix).toBe('env_project');
    expect(resolveConfig({ cwd, env: { PROJECT_NAME: 'Env Project', DB_PREFIX: 'env_prefix' } }).prefix).toBe('env_prefix');
    expect(resolveConfig({ cwd, env: { DB_PREFIX: 'env_prefix' }, projectName: 'Opt Project' }).prefix).toBe('opt_project');
    expect(resolveConfig({ cwd, env: { DB_PREFIX: 'env_prefix' }, prefix: 'opt_prefix', projectName: 'Opt Project' }).prefix).toBe('opt_prefix');
    expect(resolve({ env: { PROJECT_NAME: 'Production Bot' } }).sources.prefix).toBe('env');
  });

  it('dialect: DATABASE_TYPE beats the URL; a URL selects PostgreSQL; REMOTE_POSTGRES_URL is accepted', () => {
    const url = 'postgresql://u:p@db.example:5432/cts';
    expect(resolve({ env: {} }).dialect).toBe('sqlite');
    expect(resolve({ env: { DATABASE_URL: url } }).dialect).toBe('postgresql');
    expect(resolve({ env: { REMOTE_POSTGRES_URL: url } }).dialect).toBe('postgresql');
    expect(resolve({ env: { DATABASE_URL: url, DATABASE_TYPE: 'sqlite' } }).dialect).toBe('sqlite');
    expect(resolve({ env: { DATABASE_URL: url, DATABASE_TYPE: 'sqlite' }, dialect: 'postgresql' }).dialect).toBe('postgresql');
  });

  it('database URL: option > DATABASE_URL > REMOTE_POSTGRES_URL', () => {
    const a = 'postgres://a@a.example/a';
    const b = 'postgres://b@b.example/b';
    const c = 'postgres://c@c.example/c';
    expect(resolve({ env: { REMOTE_POSTGRES_URL: c } }).postgres?.url.reveal()).toBe(c);
    expect(resolve({ env: { DATABASE_URL: b, REMOTE_POSTGRES_URL: c } }).postgres?.url.reveal()).toBe(b);
    expect(resolve({ env: { DATABASE_URL: b, REMOTE_POSTGRES_URL: c }, databaseUrl: a }).postgres?.url.reveal()).toBe(a);
    // An empty variable is unset, as .env loaders write them.
    expect(resolve({ env: { DATABASE_URL: '', REMOTE_POSTGRES_URL: c } }).postgres?.url.reveal()).toBe(c);
  });

  it('SQLite path: option > SQLITE_DB_PATH > /tmp/cts.db under VERCEL > data/cts.db', () => {
    const cwd = emptyCwd();
    expect(resolveConfig({ cwd, env: {} }).sqlite.path).toBe(join(cwd, 'data', 'cts.db'));
    expect(resolveConfig({ cwd, env: { VERCEL: '1' } }).sqlite.path).toBe('/tmp/cts.db');
    expect(resolveConfig({ cwd, env: { VERCEL: '1', SQLITE_DB_PATH: 'custom/x.db' } }).sqlite.path).toBe(join(cwd, 'custom', 'x.db'));
    expect(resolveConfig({ cwd, env: { VERCEL: '1', SQLITE_DB_PATH: '/abs/y.db' }, sqlitePath: '/abs/opt.db' }).sqlite.path).toBe('/abs/opt.db');
  });

  it('role users: option > env > file (when it is for this prefix) > {prefix}_admin/_app', () => {
    const cwd = withFile(file);
    expect(resolveConfig({ cwd, env: {} }).roles.admin.user).toBe('file_admin');
    expect(resolveConfig({ cwd, env: {} }).roles.app.user).toBe('file_app');
    expect(resolveConfig({ cwd, env: { DB_ADMIN_USER: 'env_admin', DB_APP_USER: 'env_app' } }).roles.admin.user).toBe('env_admin');
    expect(resolveConfig({ cwd, env: { DB_ADMIN_USER: 'env_admin', DB_APP_USER: 'env_app' } }).roles.app.user).toBe('env_app');
    const opt = resolveConfig({ cwd, env: { DB_ADMIN_USER: 'env_admin', DB_APP_USER: 'env_app' }, adminUser: 'opt_admin', appUser: 'opt_app' });
    expect([opt.roles.admin.user, opt.roles.app.user]).toEqual(['opt_admin', 'opt_app']);
    // The file's users belong to the file's prefix: with another prefix they are not used.
    const other = resolveConfig({ cwd, env: { DB_PREFIX: 'other' } });
    expect([other.roles.admin.user, other.roles.app.user]).toEqual(['other_admin', 'other_app']);
    expect(other.databases.main).toBe('other_main');
  });

  it('role passwords: option > env, never from the file', () => {
    const env = { DB_ADMIN_PASSWORD: 'env-admin-pw', DB_APP_PASSWORD: 'env-app-pw' };
    expect(resolve({ env }).roles.admin.password?.reveal()).toBe('env-admin-pw');
    expect(resolve({ env }).roles.app.password?.reveal()).toBe('env-app-pw');
    expect(resolve({ env, adminPassword: 'opt-admin', appPassword: 'opt-app' }).roles.admin.password?.reveal()).toBe('opt-admin');
    expect(resolve({ env, adminPassword: 'opt-admin', appPassword: 'opt-app' }).roles.app.password?.reveal()).toBe('opt-app');
    expect(resolve({ env: {} }).roles.admin.password).toBeUndefined();
  });

  it('pool and timeouts: option > env > defaults (20, 30 s, 10 s; SQLite busy 5 s)', () => {
    const url = 'postgres://u@h/d';
    const d = resolve({ env: { DATABASE_URL: url } }).postgres;
    expect([d?.poolMax, d?.idleTimeoutMs, d?.connectTimeoutMs]).toEqual([20, 30_000, 10_000]);
    const e = resolve({ env: { DATABASE_URL: url, DB_POOL_MAX: '7', DB_IDLE_TIMEOUT_MS: '1000', DB_CONNECT_TIMEOUT_MS: '2000' } }).postgres;
    expect([e?.poolMax, e?.idleTimeoutMs, e?.connectTimeoutMs]).toEqual([7, 1000, 2000]);
    const o = resolve({ env: { DATABASE_URL: url, DB_POOL_MAX: '7' }, poolMax: 3, idleTimeoutMs: 10, connectTimeoutMs: 200 }).postgres;
    expect([o?.poolMax, o?.idleTimeoutMs, o?.connectTimeoutMs]).toEqual([3, 10, 200]);
    expect(resolve({}).sqlite.busyTimeoutMs).toBe(5_000);
    expect(resolve({ env: { SQLITE_BUSY_TIMEOUT_MS: '250' } }).sqlite.busyTimeoutMs).toBe(250);
    expect(resolve({ env: { SQLITE_BUSY_TIMEOUT_MS: '250' }, sqliteBusyTimeoutMs: 99 }).sqlite.busyTimeoutMs).toBe(99);
  });

  it('config file location: option > DB_CONFIG_FILE > data/db-config.json; false ignores it', () => {
    const cwd = withFile(file);
    const elsewhere = join(cwd, 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify(configFileFor('Elsewhere', 'elsewhere')));
    expect(resolveConfig({ cwd, env: {} }).prefix).toBe('file_prefix');
    expect(resolveConfig({ cwd, env: { DB_CONFIG_FILE: 'elsewhere.json' } }).prefix).toBe('elsewhere');
    expect(resolveConfig({ cwd, env: { DB_CONFIG_FILE: 'elsewhere.json' }, configFile: join(cwd, 'data', 'db-config.json') }).prefix).toBe('file_prefix');
    expect(resolveConfig({ cwd, env: {}, configFile: false }).prefix).toBe('cts_v3_1');
  });
});

describe('errors name the variable, show the value (redacted) and give a hint', () => {
  it('DATABASE_TYPE with an unknown value', () => {
    const error = configError(() => resolve({ env: { DATABASE_TYPE: 'mysql' } }));
    expect(error.code).toBe('CONFIG_INVALID_VALUE');
    expect(error.subject).toBe('DATABASE_TYPE');
    expect(error.value).toBe('mysql');
    expect(error.message).toMatch(/DATABASE_TYPE must be "sqlite" or "postgresql", got "mysql"/);
    expect(error.hint).toMatch(/DATABASE_TYPE=sqlite/);
  });

  it('PostgreSQL selected without a URL', () => {
    const error = configError(() => resolve({ env: { DATABASE_TYPE: 'postgresql' } }));
    expect(error.code).toBe('CONFIG_MISSING_DATABASE_URL');
    expect(error.hint).toMatch(/DATABASE_URL=postgresql:\/\//);
  });

  it('a non-PostgreSQL DATABASE_URL does not select PostgreSQL (noted), unless DATABASE_TYPE asks for it; a malformed one fails', () => {
    const cwd = emptyCwd();
    const fileUrl = resolveConfig({ cwd, env: { DATABASE_URL: 'file:./data/other.db' } });
    expect([fileUrl.dialect, fileUrl.sqlite.path, fileUrl.sources.sqlitePath]).toEqual(['sqlite', join(cwd, 'data', 'other.db'), 'env']);
    expect(fileUrl.notes).toEqual([`DATABASE_URL is a file: URL, so SQLite is used at ${join(cwd, 'data', 'other.db')}`]);
    // Any other scheme is an error naming the accepted ones (a typo must not silently mean SQLite)...
    for (const url of ['postgress://u:pw@h/d', 'mysql://u:pw@h/d', 'h:5432/d']) {
      const typo = configError(() => resolve({ env: { DATABASE_URL: url } }));
      expect(typo.code).toBe('CONFIG_INVALID_DATABASE_URL');
      expect(typo.message).toContain('neither postgres:// or postgresql:// (PostgreSQL) nor file: or libsql: (SQLite)');
      expect(typo.message).not.toContain(':pw@');
      expect(typo.hint).toContain('DATABASE_TYPE=sqlite');
    }
    // ...unless DATABASE_TYPE=sqlite says to ignore it.
    expect(resolve({ env: { DATABASE_URL: 'mysql://u:pw@h/d', DATABASE_TYPE: 'sqlite' } }).dialect).toBe('sqlite');
    // A PostgreSQL URL without a database would migrate into whatever libpq falls back to: an error.
    const noDatabase = configError(() => resolve({ env: { DATABASE_URL: 'postgres://u:pw@h:5432' } }));
    expect([noDatabase.code, noDatabase.message]).toEqual(['CONFIG_INVALID_DATABASE_URL', expect.stringContaining('names no database')]);
    expect(noDatabase.hint).toContain('/<database>');
    const sqliteUrl = configError(() => resolve({ env: { DATABASE_URL: 'mysql://u:pw@h/d', DATABASE_TYPE: 'postgresql' } }));
    expect(sqliteUrl.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(sqliteUrl.subject).toBe('DATABASE_URL');
    expect(sqliteUrl.hint).toMatch(/SQLITE_DB_PATH/);
    const malformed = configError(() => resolve({ env: { REMOTE_POSTGRES_URL: 'postgres://user:pw@host:port/db' } }));
    expect(malformed.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(malformed.subject).toBe('REMOTE_POSTGRES_URL');
  });

  it('a pool size that is not a positive integer', () => {
    for (const bad of ['0', '-1', '2.5', 'twenty']) {
      const error = configError(() => resolve({ env: { DATABASE_URL: 'postgres://u@h/d', DB_POOL_MAX: bad } }));
      expect(error.code).toBe('CONFIG_INVALID_VALUE');
      expect(error.subject).toBe('DB_POOL_MAX');
      expect(error.value).toBe(bad);
    }
  });

  it('numbers are plain decimals within bounds: hex, exponents and timer-overflowing timeouts are refused with the range', () => {
    const url = 'postgres://u@h/d';
    for (const [name, bad] of [
      ['DB_POOL_MAX', '0x10'],
      ['DB_POOL_MAX', '1e3'],
      ['DB_CONNECT_TIMEOUT_MS', '2147483647'],
      ['DB_CONNECT_TIMEOUT_MS', '50'],
      ['DB_IDLE_TIMEOUT_MS', ' 5'],
      ['DB_DDL_LOCK_TIMEOUT_MS', '0'],
      ['DB_DDL_LOCK_RETRIES', '-1'],
      ['SQLITE_BUSY_TIMEOUT_MS', '2147483647'],
    ] as const) {
      const error = configError(() => resolve({ env: { DATABASE_URL: url, [name]: bad } }));
      expect(error.code).toBe('CONFIG_INVALID_VALUE');
      expect(error.subject).toBe(name);
      expect(error.message).toMatch(/must be a whole number from \d+ to \d+/);
    }
    expect(resolve({ env: { DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: '600000' } }).postgres?.connectTimeoutMs).toBe(600_000);
  });

  it('DB_PREPARE: true by default, false/off/0/no turn named statements off, anything else is an error', () => {
    const url = 'postgres://u@h/d';
    expect(resolve({ env: { DATABASE_URL: url } }).postgres?.prepare).toBe(true);
    for (const off of ['false', 'OFF', '0', 'no']) expect(resolve({ env: { DATABASE_URL: url, DB_PREPARE: off } }).postgres?.prepare).toBe(false);
    expect(resolve({ env: { DATABASE_URL: url, DB_PREPARE: 'off' }, prepare: true }).postgres?.prepare).toBe(true);
    const error = configError(() => resolve({ env: { DATABASE_URL: url, DB_PREPARE: 'sometimes' } }));
    expect([error.code, error.subject, error.value]).toEqual(['CONFIG_INVALID_VALUE', 'DB_PREPARE', 'sometimes']);
  });

  it('direct URL: option > DATABASE_URL_UNPOOLED > POSTGRES_URL_NON_POOLING > DIRECT_URL; operations use it, the app keeps DATABASE_URL', () => {
    const env = { DATABASE_URL: 'postgres://u:pooled@pooler:6432/d', DIRECT_URL: 'postgres://u:c@direct-c/d', POSTGRES_URL_NON_POOLING: 'postgres://u:b@direct-b/d' };
    const pick = (e: Record<string, string>, directUrl?: string) => {
      const pg = resolve({ env: e, ...(directUrl === undefined ? {} : { directUrl }) }).postgres;
      return [pg?.url.reveal(), pg?.directUrl?.reveal(), pg?.directUrlSubject, pg === undefined ? undefined : operationsSettings(pg).url.reveal()];
    };
    expect(pick(env)).toEqual([env.DATABASE_URL, env.POSTGRES_URL_NON_POOLING, 'POSTGRES_URL_NON_POOLING', env.POSTGRES_URL_NON_POOLING]);
    expect(pick({ ...env, DATABASE_URL_UNPOOLED: 'postgres://u:a@direct-a/d' })[2]).toBe('DATABASE_URL_UNPOOLED');
    expect(pick({ DATABASE_URL: env.DATABASE_URL, DIRECT_URL: env.DIRECT_URL })[2]).toBe('DIRECT_URL');
    expect(pick(env, 'postgres://u:o@direct-o/d')[2]).toBe('directUrl option');
    expect(pick({ DATABASE_URL: env.DATABASE_URL })).toEqual([env.DATABASE_URL, undefined, undefined, env.DATABASE_URL]);
    const bad = configError(() => resolve({ env: { DATABASE_URL: env.DATABASE_URL, DIRECT_URL: 'postgres://u:secret@host:port/d' } }));
    expect([bad.code, bad.subject]).toEqual(['CONFIG_INVALID_DATABASE_URL', 'DIRECT_URL']);
    expect(bad.message).not.toContain('secret');
    expect(resolve({ env: { DIRECT_URL: env.DIRECT_URL } }).notes.join('\n')).toContain('DIRECT_URL is set but SQLite is used');
  });

  it('DATABASE_REPLICA_URLS: comma-separated, blanks ignored, each entry validated by its position', () => {
    const pg = resolve({ env: { DATABASE_URL: 'postgres://u@p/d', DATABASE_REPLICA_URLS: 'postgres://u@r1/d, ,postgres://u@r2:5433/d' } }).postgres;
    expect(pg?.replicaUrls?.map((r) => r.reveal())).toEqual(['postgres://u@r1/d', 'postgres://u@r2:5433/d']);
    const bad = configError(() => resolve({ env: { DATABASE_URL: 'postgres://u@p/d', DATABASE_REPLICA_URLS: 'postgres://u@r1/d,mysql://u:pw@r2/d' } }));
    expect([bad.code, bad.subject]).toEqual(['CONFIG_INVALID_DATABASE_URL', 'DATABASE_REPLICA_URLS (entry 2)']);
  });

  it('an invalid DB_PREFIX or a PROJECT_NAME without letters', () => {
    const prefix = configError(() => resolve({ env: { DB_PREFIX: 'Bad Prefix' } }));
    expect(prefix.code).toBe('CONFIG_INVALID_PREFIX');
    expect(prefix.subject).toBe('DB_PREFIX');
    expect(prefix.hint).toContain('bad_prefix');
    const name = configError(() => resolve({ env: { PROJECT_NAME: '!!!' } }));
    expect(name.code).toBe('CONFIG_INVALID_PREFIX');
    expect(name.subject).toBe('PROJECT_NAME');
    expect(name.message).toContain('"!!!"');
  });

  it('a project name too long for PostgreSQL identifiers, listing the identifiers it would break', () => {
    const error = configError(() => resolve({ env: { PROJECT_NAME: 'CTS Production Trading Cluster Europe West Primary' } }));
    expect(error.code).toBe('CONFIG_PREFIX_TOO_LONG');
    expect(error.subject).toBe('PROJECT_NAME');
    expect(error.message).toContain('cts_production_trading_cluster_europe_west_primary_indication_direction (71 bytes)');
    expect(error.message).toContain('cts_production_trading_cluster_europe_west_primary_schema_migrations');
    expect(error.hint).toBe('set DB_PREFIX=cts_production_trading, or choose a shorter PROJECT_NAME');
    expect(resolve({ env: { DB_PREFIX: 'cts_production_trading' } }).prefix).toBe('cts_production_trading');
  });

  it('a prefix over 24 bytes, even when today\'s names would fit, so later schema names always fit too', () => {
    const error = configError(() => resolve({ env: { DB_PREFIX: 'a_twenty_five_byte_prefix' } }));
    expect(error.code).toBe('CONFIG_PREFIX_TOO_LONG');
    expect(error.message).toContain('(25 bytes); a prefix may have at most 24 bytes');
    expect(resolve({ env: { DB_PREFIX: 'a_twenty_four_byte_prefx' } }).prefix).toBe('a_twenty_four_byte_prefx');
  });

  it('role names that could not be used safely in SQL', () => {
    for (const bad of ['x"; drop role postgres; --', 'Admin', 'a'.repeat(64)]) {
      const error = configError(() => resolve({ env: { DB_APP_USER: bad } }));
      expect(error.code).toBe('CONFIG_INVALID_VALUE');
      expect(error.subject).toBe('DB_APP_USER');
    }
  });

  it('checks the schema base names it is given as well', () => {
    const error = configError(() => resolve({ env: { PROJECT_NAME: 'CTS v3.1' }, objectBaseNames: ['x'.repeat(60)] }));
    expect(error.code).toBe('CONFIG_PREFIX_TOO_LONG');
    expect(error.message).toContain(`cts_v3_1_${'x'.repeat(60)}`);
  });
});
