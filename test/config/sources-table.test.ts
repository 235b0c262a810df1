import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFileFor, resolveConfig } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';
import { thrownBy } from '../support/thrown.js';

/**
 * Where each value came from (sources), which name an error gives the value that was wrong (subject), and
 * the notes about ignored settings, for everything outside the PostgreSQL pool settings
 * (settings-table.test.ts). Written against the surviving mutants of `pnpm test:mutation` (group config).
 */
const refusal = (fn: () => unknown) => thrownBy(ConfigError, fn);
const PG = 'postgres://u@127.0.0.1:5432/db';

describe('sources and subjects', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let file: string;
  beforeAll(async () => {
    dir = await createTempDir('cts-sources');
    file = join(dir.path, 'db-config.json');
    await writeFile(file, JSON.stringify({ ...configFileFor('File Project', 'file_project'), users: { admin: 'file_admin', app: 'file_app' } }));
  });
  afterAll(() => dir.cleanup());

  it('project name: option > PROJECT_NAME > file > default, each with its source', () => {
    const at = (env: Record<string, string>, extra: { projectName?: string } = {}) => resolveConfig({ env, configFile: file, ...extra });
    expect([at({}, { projectName: 'Opt' }).projectName, at({}, { projectName: 'Opt' }).sources.projectName]).toEqual(['Opt', 'option']);
    expect([at({ PROJECT_NAME: 'Env' }).projectName, at({ PROJECT_NAME: 'Env' }).sources.projectName]).toEqual(['Env', 'env']);
    expect([at({}).projectName, at({}).sources.projectName]).toEqual(['File Project', 'file']);
    const none = resolveConfig({ env: {}, configFile: false });
    expect([none.projectName, none.sources.projectName]).toEqual(['CTS v3.1', 'default']);
  });

  it('a project name without letters is refused as the variable, option or file field that gave it', () => {
    expect(refusal(() => resolveConfig({ env: { PROJECT_NAME: '!!!' }, configFile: false })).subject).toBe('PROJECT_NAME');
    expect(refusal(() => resolveConfig({ env: {}, projectName: '!!!', configFile: false })).subject).toBe('projectName option');
  });

  it('roles: option > DB_*_USER > the file (when its prefix is ours) > the default, each with its source; passwords by source', () => {
    const fromFile = resolveConfig({ env: {}, configFile: file });
    expect([fromFile.roles.admin.user, fromFile.sources.adminUser, fromFile.roles.app.user, fromFile.sources.appUser]).toEqual(['file_admin', 'file', 'file_app', 'file']);
    expect(fromFile.sources.databases).toBe('file');
    const fromEnv = resolveConfig({ env: { DB_ADMIN_USER: 'env_admin', DB_APP_PASSWORD: 'pw' }, configFile: file });
    expect([fromEnv.roles.admin.user, fromEnv.sources.adminUser, fromEnv.sources.appPassword, fromEnv.sources.adminPassword]).toEqual(['env_admin', 'env', 'env', undefined]);
    const fromOption = resolveConfig({ env: { DB_ADMIN_USER: 'env_admin' }, adminUser: 'opt_admin', adminPassword: 'pw2', configFile: file });
    expect([fromOption.roles.admin.user, fromOption.sources.adminUser, fromOption.sources.adminPassword, fromOption.roles.admin.password?.reveal()]).toEqual(['opt_admin', 'option', 'option', 'pw2']);
    const otherPrefix = resolveConfig({ env: { DB_PREFIX: 'other' }, configFile: file });
    expect([otherPrefix.roles.admin.user, otherPrefix.sources.adminUser, otherPrefix.sources.databases]).toEqual(['other_admin', 'default', 'default']);
  });

  it('a role name that is not usable is refused as its variable or option, at 64 bytes but not 63', () => {
    const error = refusal(() => resolveConfig({ env: { DB_APP_USER: 'Bad-Name' }, configFile: false }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID_VALUE', subject: 'DB_APP_USER', value: 'Bad-Name', hint: 'use lowercase letters, digits and single underscores, at most 63 bytes, e.g. cts_v3_1_app' });
    expect(error.message.split('\n')[0]).toBe('DB_APP_USER "Bad-Name" is not a usable role name');
    expect(refusal(() => resolveConfig({ env: {}, adminUser: 'x'.repeat(64), configFile: false })).subject).toBe('adminUser option');
    expect(resolveConfig({ env: {}, adminUser: 'x'.repeat(63), configFile: false }).roles.admin.user).toBe('x'.repeat(63));
  });

  it('the admin token from the option or ADMIN_TOKEN', () => {
    expect(resolveConfig({ env: { ADMIN_TOKEN: 'e' }, adminToken: 'o', configFile: false }).adminToken?.reveal()).toBe('o');
    expect(resolveConfig({ env: { ADMIN_TOKEN: 'e' }, configFile: false }).adminToken?.reveal()).toBe('e');
  });

  it('database URL: the option beats DATABASE_URL, which beats REMOTE_POSTGRES_URL; errors name the one used', () => {
    const option = resolveConfig({ env: { DATABASE_URL: 'postgres://u@h/env' }, databaseUrl: 'postgres://u@h/opt', configFile: false });
    expect([option.postgres?.url.reveal(), option.sources.databaseUrl, option.sources.dialect]).toEqual(['postgres://u@h/opt', 'option', 'option']);
    const remote = resolveConfig({ env: { REMOTE_POSTGRES_URL: 'postgres://u@h/remote' }, configFile: false });
    expect([remote.postgres?.url.reveal(), remote.sources.databaseUrl, remote.sources.dialect]).toEqual(['postgres://u@h/remote', 'env', 'env']);
    expect(refusal(() => resolveConfig({ env: {}, databaseUrl: 'postgres://u@h', configFile: false })).subject).toBe('databaseUrl option');
  });

  it('dialect: the option beats DATABASE_TYPE; a wrong one is refused as the one that gave it', () => {
    const option = resolveConfig({ env: { DATABASE_TYPE: 'postgresql', DATABASE_URL: PG }, dialect: 'sqlite', configFile: false });
    expect([option.dialect, option.sources.dialect]).toEqual(['sqlite', 'option']);
    expect(resolveConfig({ env: { DATABASE_TYPE: 'sqlite' }, configFile: false }).sources.dialect).toBe('env');
    expect(refusal(() => resolveConfig({ env: {}, dialect: 'mysql' as 'sqlite', configFile: false })).subject).toBe('dialect option');
  });

  it('PostgreSQL chosen without a URL names what chose it', () => {
    const error = refusal(() => resolveConfig({ env: { DATABASE_TYPE: 'postgresql' }, configFile: false }));
    expect(error).toMatchObject({ code: 'CONFIG_MISSING_DATABASE_URL', subject: 'DATABASE_TYPE', hint: 'set DATABASE_URL=postgresql://user:password@host:5432/database, or DATABASE_TYPE=sqlite' });
    expect(error.message.split('\n')[0]).toBe('PostgreSQL was selected but no connection URL is set');
    expect(refusal(() => resolveConfig({ env: {}, dialect: 'postgresql', configFile: false })).subject).toBe('dialect option');
  });

  it.each([
    ['xpostgres://h/db', 'has the scheme "xpostgres:"'],
    ['myfile:/x.db', 'has the scheme "myfile:"'],
    ['post-gres+x.y://h/db', 'has the scheme "post-gres+x.y:"'],
    ['//h/db', 'has no scheme'],
    ['1abc://h/db', 'has no scheme'],
  ])('DATABASE_URL=%s: %s, which is neither PostgreSQL nor SQLite', (url, what) => {
    const error = refusal(() => resolveConfig({ env: { DATABASE_URL: url }, configFile: false }));
    expect(error.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(error.message.split('\n')[0]).toBe(`DATABASE_URL ${what}, which is neither postgres:// or postgresql:// (PostgreSQL) nor file: or libsql: (SQLite): ${url}`);
  });

  it('notes: a URL ignored because DATABASE_TYPE says sqlite; none without a URL; PostgreSQL-only variables ignored on SQLite, one or several', () => {
    expect(resolveConfig({ env: { DATABASE_TYPE: 'sqlite' }, configFile: false }).notes).toEqual([]);
    expect(resolveConfig({ env: { DATABASE_TYPE: 'postgresql', DATABASE_URL: PG }, configFile: false }).notes).toEqual([]);
    expect(resolveConfig({ env: { DIRECT_URL: PG }, configFile: false }).notes).toEqual(['DIRECT_URL is set but SQLite is used, so it is ignored']);
    expect(resolveConfig({ env: { DIRECT_URL: PG, DATABASE_REPLICA_URLS: PG }, configFile: false }).notes).toEqual(['DIRECT_URL, DATABASE_REPLICA_URLS are set but SQLite is used, so they are ignored']);
  });

  it('SQLite path: option > SQLITE_DB_PATH > /tmp/cts.db on Vercel > data/cts.db, relative to cwd; busy timeout by source and subject', () => {
    const at = (env: Record<string, string>, extra: { sqlitePath?: string } = {}) => resolveConfig({ env, configFile: false, cwd: '/srv/app', ...extra });
    expect([at({ SQLITE_DB_PATH: 'e.db' }, { sqlitePath: 'o.db' }).sqlite.path, at({ SQLITE_DB_PATH: 'e.db' }, { sqlitePath: 'o.db' }).sources.sqlitePath]).toEqual(['/srv/app/o.db', 'option']);
    expect([at({ SQLITE_DB_PATH: 'e.db' }).sqlite.path, at({ SQLITE_DB_PATH: 'e.db' }).sources.sqlitePath]).toEqual(['/srv/app/e.db', 'env']);
    expect([at({ VERCEL: '1' }).sqlite.path, at({ VERCEL: '1' }).sources.sqlitePath]).toEqual(['/tmp/cts.db', 'env']);
    expect([at({}).sqlite.path, at({}).sources.sqlitePath]).toEqual(['/srv/app/data/cts.db', 'default']);
    expect([at({ SQLITE_BUSY_TIMEOUT_MS: '7' }).sqlite.busyTimeoutMs, at({ SQLITE_BUSY_TIMEOUT_MS: '7' }).sources.sqliteBusyTimeoutMs]).toEqual([7, 'env']);
    expect(resolveConfig({ env: { SQLITE_BUSY_TIMEOUT_MS: '7' }, sqliteBusyTimeoutMs: 9, configFile: false }).sources.sqliteBusyTimeoutMs).toBe('option');
    expect(refusal(() => resolveConfig({ env: { SQLITE_BUSY_TIMEOUT_MS: '0' }, configFile: false })).subject).toBe('SQLITE_BUSY_TIMEOUT_MS');
    expect(refusal(() => resolveConfig({ env: {}, sqliteBusyTimeoutMs: 0, configFile: false })).subject).toBe('sqliteBusyTimeoutMs option');
  });

  it('replica URLs from the option are checked one by one, named by entry', () => {
    expect(refusal(() => resolveConfig({ env: { DATABASE_URL: PG }, replicaUrls: [PG, 'postgres://u@h'], configFile: false })).subject).toBe('replicaUrls option (entry 2)');
  });

  it('a prefix that makes more than 10 names too long lists 10 and says how many more; without a fitting prefix the hint says to choose a shorter name', () => {
    const bases = Array.from({ length: 13 }, (_, i) => `t${String(i).padStart(2, '0')}_${'x'.repeat(50)}`);
    const error = refusal(() => resolveConfig({ env: { DB_PREFIX: 'long_enough' }, objectBaseNames: bases, configFile: false }));
    expect(error.code).toBe('CONFIG_PREFIX_TOO_LONG');
    expect(error.message).toContain('\n    ... and 3 more');
    expect(error.message.match(/^ {4}long_enough_t\d\d_x+ \(\d+ bytes\)$/gm)).toHaveLength(10);
    const hopeless = refusal(() => resolveConfig({ env: { DB_PREFIX: 'p' }, objectBaseNames: ['y'.repeat(62)], configFile: false }));
    expect(hopeless.hint).toBe('choose a shorter PROJECT_NAME or DB_PREFIX');
  });
});

describe('prefix sources, length limits, nested errors, empty variables', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let file: string;
  beforeAll(async () => {
    dir = await createTempDir('cts-prefix-sources');
    file = join(dir.path, 'db-config.json');
    await writeFile(file, JSON.stringify({ ...configFileFor('File Project', 'file_pfx'), users: { admin: 'a'.repeat(64), app: 'file_app' } }));
  });
  afterAll(() => dir.cleanup());

  it('the prefix and where it came from: option, DB_PREFIX or PROJECT_NAME (env), the file, the default', () => {
    const source = (env: Record<string, string>, extra: { prefix?: string } = {}) => {
      const config = resolveConfig({ env, configFile: false, ...extra });
      return [config.prefix, config.sources.prefix];
    };
    expect(source({ DB_PREFIX: 'env_p' }, { prefix: 'opt_p' })).toEqual(['opt_p', 'option']);
    expect(source({ DB_PREFIX: 'env_p' })).toEqual(['env_p', 'env']);
    expect(source({ PROJECT_NAME: 'Env Name' })).toEqual(['env_name', 'env']);
    expect(source({})).toEqual(['cts_v3_1', 'default']);
    const withFile = resolveConfig({ env: { DB_APP_USER: 'x' }, configFile: file, adminUser: 'fine' });
    expect([withFile.prefix, withFile.sources.prefix]).toEqual(['file_pfx', 'file']);
  });

  it('an invalid prefix option is refused as the option, with one hint line', () => {
    const error = refusal(() => resolveConfig({ env: {}, prefix: 'Bad-Prefix', configFile: false }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID_PREFIX', subject: 'prefix option', value: 'Bad-Prefix' });
    expect(error.message.match(/hint:/g)).toHaveLength(1);
  });

  it('a role name from the file that is too long is refused as that field of that file', () => {
    expect(refusal(() => resolveConfig({ env: {}, configFile: file })).subject).toBe(`${file}: users.admin`);
  });

  it('a prefix over 24 bytes with no name too long: the message ends after the limit (no list)', () => {
    const error = refusal(() => resolveConfig({ env: { DB_PREFIX: 'p'.repeat(25) }, configFile: false }));
    expect(error.code).toBe('CONFIG_PREFIX_TOO_LONG');
    expect(error.message.split('\n')[0]).toBe(
      `DB_PREFIX gives the prefix "${'p'.repeat(25)}" (25 bytes); a prefix may have at most 24 bytes so that every object name fits PostgreSQL's 63-byte limit, which PostgreSQL would otherwise cut silently`,
    );
    expect(error.hint).toBe(`set DB_PREFIX=${'p'.repeat(24)}, or choose a shorter PROJECT_NAME`);
  });

  it('exactly 10 names too long: all listed, no "more" line', () => {
    const bases = Array.from({ length: 10 }, (_, i) => `t${i}_${'x'.repeat(52)}`);
    const error = refusal(() => resolveConfig({ env: { DB_PREFIX: 'long_enough' }, objectBaseNames: bases, configFile: false }));
    expect(error.message.match(/^ {4}long_enough_t\d_x+ \(\d+ bytes\)$/gm)).toHaveLength(10);
    expect(error.message).not.toContain('more');
  });

  it('an unparsable URL keeps its cause (code only); a URL that parses but names no database has none', () => {
    const unparsable = refusal(() => resolveConfig({ env: { DATABASE_URL: 'postgres://u:s3cret@h:notaport/db' }, configFile: false }));
    expect(unparsable.cause).toMatchObject({ code: 'ERR_INVALID_URL' });
    expect(refusal(() => resolveConfig({ env: { DATABASE_URL: 'postgres://u@h' }, configFile: false })).cause).toBeUndefined();
  });

  it('an empty variable counts as unset (DB_CONFIG_FILE, VERCEL, DB_PREFIX)', () => {
    const config = resolveConfig({ env: { DB_CONFIG_FILE: '', VERCEL: '', DB_PREFIX: '' }, cwd: '/srv/app', configFile: false });
    expect([config.configFile.path, config.sqlite.path, config.prefix]).toEqual(['/srv/app/data/db-config.json', '/srv/app/data/cts.db', 'cts_v3_1']);
  });
});
