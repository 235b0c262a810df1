import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, checkPostgresUrl, configFileFor, parseConfigFile, readConfigFile, serverLabel, targetLabel, writeConfigFile } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';
import { thrownBy } from '../support/thrown.js';

/**
 * The two parsers of user input in src/config at their edges, with the exact reason, hint and shown value
 * (what a person reads): PostgreSQL URLs and the configuration file. Written against the surviving mutants of
 * `pnpm test:mutation` (group config).
 */
const URL_HINT = 'use postgresql://user:password@host:5432/database and percent-encode special characters in the user name and password';
const HOST_HINT = 'add the host (postgresql://user:password@host:5432/database), or ?host=/path/to/socket/folder for a Unix socket';

describe('checkPostgresUrl', () => {
  it.each([
    ['postgres://u:pw@db.example:6543/app', { host: 'db.example', port: 6543, database: 'app', user: 'u', socket: false }, 'postgres://u:pw@db.example:6543/app'],
    ['postgresql://db.example/app', { host: 'db.example', port: 5432, database: 'app', user: 'postgres', socket: false }, 'postgresql://db.example/app'],
    ['postgres://%C3%BCser@[::1]:5433/d%20b', { host: '::1', port: 5433, database: 'd b', user: 'üser', socket: false }, 'postgres://%C3%BCser@[::1]:5433/d%20b'],
    ['postgres://u@h//double', { host: 'h', port: 5432, database: '/double', user: 'u', socket: false }, 'postgres://u@h//double'],
    // libpq's Unix-socket forms: the host= parameter names the socket folder and wins over a host before it.
    ['postgres://postgres@/app?host=/var/run/postgresql', { host: '/var/run/postgresql', port: 5432, database: 'app', user: 'postgres', socket: true }, 'postgres://postgres@localhost/app'],
    ['postgres://postgres@localhost/app?host=/tmp/pg&sslmode=disable', { host: '/tmp/pg', port: 5432, database: 'app', user: 'postgres', socket: true }, 'postgres://postgres@localhost/app?sslmode=disable'],
    ['postgres://u:pw@:6000/app?host=%2Frun%2Fpg', { host: '/run/pg', port: 6000, database: 'app', user: 'u', socket: true }, 'postgres://u:pw@localhost:6000/app'],
    ['postgres:///app?host=/tmp&port=6001', { host: '/tmp', port: 6001, database: 'app', user: 'postgres', socket: true }, 'postgres://localhost/app'],
    ['postgres://u@h/app?host=10.0.0.5', { host: '10.0.0.5', port: 5432, database: 'app', user: 'u', socket: false }, 'postgres://u@h/app'],
  ])('%s -> %j', (url, target, driverUrl) => {
    expect(checkPostgresUrl(url)).toEqual({ ok: true, target, driverUrl });
  });

  it('labels: IPv6 in brackets, a socket as its file', () => {
    const label = (url: string) => {
      const check = checkPostgresUrl(url);
      if (!check.ok) throw new Error(check.reason);
      return [serverLabel(check.target), targetLabel(check.target)];
    };
    expect(label('postgres://u@[::1]:5433/app')).toEqual(['[::1]:5433', '[::1]:5433/app']);
    expect(label('postgres://u@127.0.0.1/app')).toEqual(['127.0.0.1:5432', '127.0.0.1:5432/app']);
    expect(label('postgres://u@/app?host=/var/run/postgresql/')).toEqual(['/var/run/postgresql/.s.PGSQL.5432', '/var/run/postgresql/.s.PGSQL.5432/app']);
  });

  it.each([
    ['not a url', { reason: 'it does not parse as a URL', hint: URL_HINT }],
    ['mysql://h/db', { reason: 'scheme "mysql:" is not postgres: or postgresql:', hint: 'for SQLite, unset DATABASE_URL and use SQLITE_DB_PATH, or set DATABASE_TYPE=sqlite' }],
    ['postgres:///db', { reason: 'it has no host', hint: HOST_HINT }],
    ['postgres://u@/db', { reason: 'it has no host', hint: HOST_HINT }],
    ['postgres://u@h/db?host=', { reason: 'it has no host', hint: HOST_HINT }],
    ['postgres://u@/db?host=/a,/b', { reason: 'its host parameter names several hosts, which is not supported', hint: HOST_HINT }],
    ['postgres://u@/db?host=/tmp&port=x', { reason: 'its port "x" is not a number from 1 to 65535', hint: URL_HINT }],
    ['postgres://u@/db?host=/tmp&port=70000', { reason: 'its port "70000" is not a number from 1 to 65535', hint: URL_HINT }],
    ['postgres://u@h:0/db', { reason: 'its port "0" is not a number from 1 to 65535', hint: URL_HINT }],
    ['postgres://u%ZZ@h/db', { reason: 'the user name, password or database has a malformed %-escape', hint: URL_HINT }],
    ['postgres://u:p%ZZ@h/db', { reason: 'the user name, password or database has a malformed %-escape', hint: URL_HINT }],
    ['postgres://u@h:5432', { reason: 'it names no database (nothing after the host and port)', hint: 'add the database name: postgresql://user:password@host:5432/<database>' }],
  ])('%s is refused: %j', (url, expected) => {
    expect(checkPostgresUrl(url)).toMatchObject({ ok: false, ...expected });
  });

  it('an unparsable URL keeps the code and message of the cause, never the input (it may hold a password)', () => {
    const check = checkPostgresUrl('postgres://u:s3cret@h:notaport/db');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.cause).toMatchObject({ code: 'ERR_INVALID_URL', message: 'Invalid URL' });
    expect(JSON.stringify(check.cause)).not.toContain('s3cret');
    expect(Object.keys(check.cause as object)).toEqual(['code']);
  });
});

describe('configuration file errors', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await createTempDir('cts-config-parse');
  });
  afterAll(() => dir.cleanup());
  const valid = configFileFor('CTS v3.1', 'cts_v3_1');
  const invalid = (value: unknown) => thrownBy(ConfigError, () => parseConfigFile(JSON.stringify(value), 'c.json'));
  const HINT = 'the file must have projectName, dbPrefix, databases{main, indicationActive, indicationDirection, indicationMove, strategySimple, strategyAdvanced, strategyStep} and users{admin, app}, all names lowercase snake_case';

  it('a wrong name shows the field, the rule and the value', () => {
    const error = invalid({ ...valid, dbPrefix: 'Bad-Prefix' });
    expect(error).toMatchObject({ code: 'CONFIG_FILE_INVALID', subject: 'c.json: dbPrefix', value: '"Bad-Prefix"', hint: HINT });
    expect(error.message.split('\n')[0]).toBe('configuration file c.json: field dbPrefix: must match ^[a-z0-9]+(_[a-z0-9]+)*$ (got "Bad-Prefix")');
  });

  it('a nested field is named by its path; numbers, booleans and null are shown too', () => {
    expect(invalid({ ...valid, users: { ...valid.users, app: 7 } }).message.split('\n')[0]).toMatch(/^configuration file c\.json: field users\.app: .+ \(got 7\)$/);
    expect(invalid({ ...valid, projectName: false }).message.split('\n')[0]).toMatch(/^configuration file c\.json: field projectName: .+ \(got false\)$/);
    expect(invalid({ ...valid, projectName: null }).message.split('\n')[0]).toMatch(/^configuration file c\.json: field projectName: .+ \(got null\)$/);
    expect(invalid({ ...valid, projectName: null })).toMatchObject({ value: 'null' });
  });

  it('an object value is not shown (it could hold a password), and the error has no value', () => {
    const error = invalid({ ...valid, users: 'x', databases: { ...valid.databases, main: { password: 'hunter2' } } });
    expect(error.message).not.toContain('hunter2');
    expect(error.message.split('\n')[0]).not.toContain('(got');
    expect(error.value).toBeUndefined();
  });

  it('unknown fields are listed by name, without their values', () => {
    const error = invalid({ ...valid, password: 'hunter2', extra: 1 });
    expect(error.message.split('\n')[0]).toBe('configuration file c.json: field (root): unknown field(s) "password", "extra"');
    expect(error.message).not.toContain('hunter2');
    expect(error.subject).toBe('c.json: (root)');
  });

  it('a document that is not an object is a root error', () => {
    expect(invalid([1, 2]).subject).toBe('c.json: (root)');
    expect(invalid('text').message.split('\n')[0]).toMatch(/^configuration file c\.json: field \(root\): .+ \(got "text"\)$/);
  });

  it('a path that cannot be opened (under a file) is CONFIG_FILE_UNREADABLE naming it; a folder is CONFIG_FILE_NOT_REGULAR', async () => {
    const underFile = join(dir.path, 'plain-file', 'c.json');
    await writeFile(join(dir.path, 'plain-file'), 'x');
    try {
      readConfigFile(underFile);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFIG_FILE_UNREADABLE', subject: underFile, hint: 'check the file permissions, or point DB_CONFIG_FILE at a readable file' });
      expect((error as Error).message.split('\n')[0]).toBe(`cannot read configuration file ${underFile}: ENOTDIR: not a directory, open '${underFile}'`);
    }
    const folder = join(dir.path, 'is-a-folder.json');
    await mkdir(folder);
    expect(() => readConfigFile(folder)).toThrow(expect.objectContaining({ code: 'CONFIG_FILE_NOT_REGULAR', subject: folder }));
  });

  it.runIf(process.platform === 'linux')('writing and reading close their file: no descriptor is left open (Linux /proc)', async () => {
    const open = async () => (await readdir('/proc/self/fd')).length;
    const before = await open();
    for (let i = 0; i < 5; i++) await writeConfigFile(join(dir.path, 'fd-check.json'), valid);
    for (let i = 0; i < 5; i++) readConfigFile(join(dir.path, 'fd-check.json'));
    for (let i = 0; i < 5; i++) expect(() => readConfigFile(dir.path)).toThrow();
    expect(await open()).toBe(before);
  });

  it('a file that cannot be written (its folder is a file) is CONFIG_FILE_WRITE_FAILED, and no temporary file is left', async () => {
    const blocker = join(dir.path, 'blocker');
    await writeFile(blocker, 'not a folder');
    const target = join(blocker, 'db-config.json');
    await expect(writeConfigFile(target, valid)).rejects.toMatchObject({ code: 'CONFIG_FILE_WRITE_FAILED', subject: target, hint: 'check that the folder exists and is writable' });
    await expect(writeConfigFile(target, valid)).rejects.toThrow(`cannot write configuration file ${target}: `);
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
