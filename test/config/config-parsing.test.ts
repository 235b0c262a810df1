import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, checkPostgresUrl, configFileFor, parseConfigFile, readConfigFile, writeConfigFile } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';
import { thrownBy } from '../support/thrown.js';

/**
 * The two parsers of user input in src/config at their edges, with the exact reason, hint and shown value
 * (what a person reads): PostgreSQL URLs and the configuration file. Written against the surviving mutants of
 * `pnpm test:mutation` (group config).
 */
const URL_HINT = 'use postgresql://user:password@host:5432/database and percent-encode special characters in the user name and password';

describe('checkPostgresUrl', () => {
  it.each([
    ['postgres://u:pw@db.example:6543/app', { host: 'db.example', port: 6543, database: 'app', user: 'u' }],
    ['postgresql://db.example/app', { host: 'db.example', port: 5432, database: 'app', user: 'postgres' }],
    ['postgres://%C3%BCser@[::1]:5433/d%20b', { host: '::1', port: 5433, database: 'd b', user: 'üser' }],
    ['postgres://u@h//double', { host: 'h', port: 5432, database: '/double', user: 'u' }],
  ])('%s -> %j', (url, target) => {
    expect(checkPostgresUrl(url)).toEqual({ ok: true, target });
  });

  it.each([
    ['not a url', { reason: 'it does not parse as a URL', hint: URL_HINT }],
    ['mysql://h/db', { reason: 'scheme "mysql:" is not postgres: or postgresql:', hint: 'for SQLite, unset DATABASE_URL and use SQLITE_DB_PATH, or set DATABASE_TYPE=sqlite' }],
    ['postgres:///db', { reason: 'it has no host', hint: URL_HINT }],
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

  it('an unreadable file (a folder here) is CONFIG_FILE_UNREADABLE naming it', async () => {
    const folder = join(dir.path, 'is-a-folder.json');
    await mkdir(folder);
    try {
      readConfigFile(folder);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFIG_FILE_UNREADABLE', subject: folder, hint: 'check the file permissions, or point DB_CONFIG_FILE at a readable file' });
      expect((error as Error).message.split('\n')[0]).toMatch(new RegExp(`^cannot read configuration file ${folder}: EISDIR`));
    }
  });

  it.runIf(process.platform === 'linux')('writing closes its file: no descriptor is left open (Linux /proc)', async () => {
    const open = async () => (await readdir('/proc/self/fd')).length;
    const before = await open();
    for (let i = 0; i < 5; i++) await writeConfigFile(join(dir.path, 'fd-check.json'), valid);
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
