import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRemoteLibsqlUrl, isRemoteLibsqlUrl } from '../../src/config/libsql-url.js';
import { ConfigError, databaseTarget, describeConfig, resolveConfig, type ResolveConfigOptions } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';
import { thrownBy } from '../support/thrown.js';

/**
 * A remote libSQL server (sqld, Turso) is named by DATABASE_URL (libsql:, http(s):, ws(s):) and its token by
 * DATABASE_AUTH_TOKEN or the URL's authToken. These are the rules without a server; remote-libsql.test.ts
 * runs the commands against a real sqld.
 */
const HINT = 'write libsql://host, https://host or http://127.0.0.1:8080 and give the token in DATABASE_AUTH_TOKEN';
const TOKEN = 'eyJ.secret-token-value.sig';

let dir: string;
let cleanup: () => Promise<void>;
let counter = 0;
beforeAll(async () => {
  ({ path: dir, cleanup } = await createTempDir('cts-libsql-url'));
});
afterAll(() => cleanup());

function resolve(env: Record<string, string>, options: ResolveConfigOptions = {}) {
  const cwd = join(dir, `case-${counter++}`);
  mkdirSync(cwd, { recursive: true });
  return resolveConfig({ cwd, env: { DB_PREFIX: 'remote', ...env }, ...options });
}

const firstLine = (error: Error) => error.message.split('\n')[0];

const configError = (fn: () => unknown) => thrownBy(ConfigError, fn);

describe('checkRemoteLibsqlUrl', () => {
  it.each([
    ['libsql://db-org.turso.io', 'libsql://db-org.turso.io', undefined],
    ['libsql://db-org.turso.io/', 'libsql://db-org.turso.io', undefined],
    [`libsql://db-org.turso.io?authToken=${TOKEN}`, 'libsql://db-org.turso.io', TOKEN],
    ['libsql://127.0.0.1:8080?tls=0', 'libsql://127.0.0.1:8080?tls=0', undefined],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', undefined],
    [`https://db.example.com?tls=1&authToken=${TOKEN}`, 'https://db.example.com/?tls=1', TOKEN],
    ['ws://[::1]:8080', 'ws://[::1]:8080', undefined],
    ['wss://db.example.com', 'wss://db.example.com', undefined],
  ])('%s is the server %s', (url, shown, token) => {
    expect(isRemoteLibsqlUrl(url)).toBe(true);
    expect(checkRemoteLibsqlUrl(url)).toEqual({ ok: true, url: shown, token });
  });

  it.each([
    ['libsql://user:pw@db.example.com', 'it has a user or password, which libSQL does not use', 'remove them and give the token in DATABASE_AUTH_TOKEN'],
    ['libsql://db.example.com/main', 'it has the path "/main", which libSQL does not use', HINT],
    ['https://db.example.com#x', 'it has a fragment', HINT],
    ['libsql://db.example.com?tls=yes', 'its tls parameter is "yes", not 0 or 1', HINT],
    ['libsql://db.example.com?tls=0', 'a libsql: URL with ?tls=0 must give the port', 'write libsql://host:8080?tls=0, or http://host:8080'],
    ['libsql://db.example.com?timeout=5&x=1', 'it has the query parameter(s) timeout, x, which libSQL does not apply', HINT],
    ['libsql://', 'it has no host', HINT],
    ['http://[::1', 'it does not parse as a URL', HINT],
  ])('%s is refused: %s', (url, reason, hint) => {
    expect(checkRemoteLibsqlUrl(url)).toEqual({ ok: false, reason, hint });
  });

  it.each(['file:/tmp/a.db', 'postgres://h/db', 'mysql://h/db', 'libsql'])('%s is not a libSQL server URL', (url) => {
    expect(isRemoteLibsqlUrl(url)).toBe(false);
  });
});

describe('resolveConfig with a libSQL server URL', () => {
  it('selects SQLite on the server, with the token from DATABASE_AUTH_TOKEN kept secret', () => {
    const config = resolve({ DATABASE_URL: 'http://127.0.0.1:8080', DATABASE_AUTH_TOKEN: TOKEN });
    expect(config.dialect).toBe('sqlite');
    expect(config.postgres).toBeUndefined();
    expect(config.sqlite.remote?.url).toBe('http://127.0.0.1:8080');
    expect(config.sqlite.remote?.authToken?.reveal()).toBe(TOKEN);
    expect(databaseTarget(config)).toBe('http://127.0.0.1:8080');
    expect(config.notes).toContain('DATABASE_URL names a libSQL server, so SQLite is used at http://127.0.0.1:8080');
    const described = describeConfig(config);
    expect(described).toContain('sqlite    libSQL server http://127.0.0.1:8080 (env), auth token set (env)');
    expect(`${described}\n${JSON.stringify(config)}\n${config.notes.join('\n')}`).not.toContain(TOKEN);
  });

  it.each([['LIBSQL_AUTH_TOKEN'], ['TURSO_AUTH_TOKEN']])('takes the token from %s', (name) => {
    const config = resolve({ DATABASE_URL: 'libsql://db-org.turso.io', [name]: TOKEN });
    expect(config.sqlite.remote?.authToken?.reveal()).toBe(TOKEN);
    expect(describeConfig(config)).toContain('sqlite    libSQL server libsql://db-org.turso.io (env), auth token set (env)');
  });

  it('DATABASE_AUTH_TOKEN beats LIBSQL_AUTH_TOKEN, and the authToken option beats both', () => {
    const env = { DATABASE_URL: 'libsql://db-org.turso.io', DATABASE_AUTH_TOKEN: 'first', LIBSQL_AUTH_TOKEN: 'second' };
    expect(resolve(env).sqlite.remote?.authToken?.reveal()).toBe('first');
    expect(resolve(env, { authToken: 'option' }).sqlite.remote?.authToken?.reveal()).toBe('option');
  });

  it("takes the token from the URL's authToken, and never shows it", () => {
    const config = resolve({ DATABASE_URL: `libsql://db-org.turso.io?authToken=${TOKEN}` });
    expect(config.sqlite.remote?.url).toBe('libsql://db-org.turso.io');
    expect(config.sqlite.remote?.authToken?.reveal()).toBe(TOKEN);
    expect(describeConfig(config)).toContain('sqlite    libSQL server libsql://db-org.turso.io (env), auth token set (env)');
    expect(`${describeConfig(config)}\n${JSON.stringify(config)}`).not.toContain(TOKEN);
  });

  it('without a token says so', () => {
    expect(describeConfig(resolve({ DATABASE_URL: 'http://127.0.0.1:8080' }))).toContain('sqlite    libSQL server http://127.0.0.1:8080 (env), auth token not set');
  });

  it('the same token in the URL and the variable is fine; two different ones are a conflict that shows neither', () => {
    expect(resolve({ DATABASE_URL: `libsql://db-org.turso.io?authToken=${TOKEN}`, DATABASE_AUTH_TOKEN: TOKEN }).sqlite.remote?.authToken?.reveal()).toBe(TOKEN);
    const error = configError(() => resolve({ DATABASE_URL: `libsql://db-org.turso.io?authToken=${TOKEN}`, DATABASE_AUTH_TOKEN: 'other-token' }));
    expect(error.code).toBe('CONFIG_CONFLICTING_VALUES');
    expect(firstLine(error)).toBe('DATABASE_URL has an authToken parameter and DATABASE_AUTH_TOKEN another token');
    expect(error.hint).toBe('remove authToken from DATABASE_URL and keep DATABASE_AUTH_TOKEN');
    expect(`${error.message} ${error.value ?? ''} ${error.hint}`).not.toContain(TOKEN);
    expect(`${error.message} ${error.value ?? ''} ${error.hint}`).not.toContain('other-token');
  });

  it('a server URL and SQLITE_DB_PATH are a conflict, not a silent choice', () => {
    const error = configError(() => resolve({ DATABASE_URL: 'http://127.0.0.1:8080', SQLITE_DB_PATH: '/tmp/x.db' }));
    expect(error.code).toBe('CONFIG_CONFLICTING_VALUES');
    expect(firstLine(error)).toBe('DATABASE_URL names the libSQL server http://127.0.0.1:8080 but SQLITE_DB_PATH names the file /tmp/x.db');
    expect(error.subject).toBe('DATABASE_URL, SQLITE_DB_PATH');
  });

  it('an unusable server URL is CONFIG_INVALID_DATABASE_URL naming the reason, with its token masked', () => {
    const error = configError(() => resolve({ DATABASE_URL: `libsql://db-org.turso.io/main?authToken=${TOKEN}` }));
    expect(error.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(error.subject).toBe('DATABASE_URL');
    expect(firstLine(error)).toBe('DATABASE_URL is not a usable libSQL server URL (it has the path "/main", which libSQL does not use): libsql://db-org.turso.io/main?authToken=***');
    expect(error.hint).toBe(HINT);
  });

  it('a server URL that does not parse still has its token masked', () => {
    const error = configError(() => resolve({ DATABASE_URL: `https://db.example.com:99999?authToken=${TOKEN}` }));
    expect(error.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(firstLine(error)).toBe('DATABASE_URL is not a usable libSQL server URL (it does not parse as a URL): https://db.example.com:99999?authToken=***');
    expect(`${error.message} ${error.value ?? ''}`).not.toContain(TOKEN);
  });

  it('a token variable without a server URL is a note, not a silent no-op', () => {
    const config = resolve({ DATABASE_AUTH_TOKEN: TOKEN });
    expect(config.sqlite.remote).toBeUndefined();
    expect(config.notes).toContain('DATABASE_AUTH_TOKEN is set but no libSQL server URL is, so it is ignored');
  });

  it('an unknown scheme is still refused, naming the schemes that are taken', () => {
    const error = configError(() => resolve({ DATABASE_URL: 'mysql://h/db' }));
    expect(error.code).toBe('CONFIG_INVALID_DATABASE_URL');
    expect(firstLine(error)).toBe('DATABASE_URL has the scheme "mysql:", which is neither postgres:// or postgresql:// (PostgreSQL) nor file: or libsql: (SQLite): mysql://h/db');
  });
});
