import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, type TestPostgres } from '../support/test-postgres.js';

/**
 * Every ordinary mistake a user can make gives `error [CODE] message` with a hint, exit 1 (2 for usage), no
 * stack, and changes nothing. Each case runs the real command as a process.
 */
const STACK = /\n\s+at .+:\d+:\d+/;
const script = (name: string) => join(REPO_ROOT, 'scripts', `${name}.ts`);

async function fingerprint(dir: string): Promise<string> {
  const entries: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const path = join(dir, name);
    const s = await stat(path);
    entries.push(`${name}:${s.isDirectory() ? 'dir' : createHash('sha256').update(await readFile(path)).digest('hex')}:${(s.mode & 0o777).toString(8)}`);
  }
  return entries.join('\n');
}

function expectCoded(run: { code: number | null; stdout: string; stderr: string }, code: string, exit = 1): void {
  expect(run.code, run.stderr).toBe(exit);
  expect(run.stderr).toMatch(new RegExp(`^error \\[${code}\\] `, 'm'));
  expect(run.stderr).toMatch(/\n {2}hint: \S/);
  expect(run.stderr.match(/hint: /g)).toHaveLength(1);
  expect(run.stderr).not.toMatch(STACK);
  expect(run.stderr).not.toContain('UNEXPECTED');
}

describe('user mistakes give coded errors with a hint, no stack, and change nothing', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let base: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-mistakes');
    await mkdir(join(dir.path, 'a-directory'));
    await writeFile(join(dir.path, 'notes.txt'), 'not a database\n');
    await mkdir(join(dir.path, 'read-only'));
    await chmod(join(dir.path, 'read-only'), 0o555);
    base = { DATABASE_URL: '', DB_PREFIX: 'mistake', DB_CONFIG_FILE: join(dir.path, 'none.json') };
  });
  afterAll(async () => {
    await chmod(join(dir.path, 'read-only'), 0o755);
    await dir.cleanup();
  });

  // Root may write into a 0555 folder; /proc refuses everyone.
  const readOnlyPath = () => (process.getuid?.() === 0 ? '/proc/cts-mistake/cts.db' : join(dir.path, 'read-only', 'sub', 'cts.db'));
  const paths: readonly (readonly [string, () => string, string])[] = [
    ['a directory', () => join(dir.path, 'a-directory'), 'SQLITE_PATH_INVALID'],
    ['a text file', () => join(dir.path, 'notes.txt'), 'SQLITE_NOT_A_DATABASE'],
    ['/dev/null', () => '/dev/null', 'SQLITE_PATH_INVALID'],
    ['a read-only location', readOnlyPath, 'SQLITE_PATH_NOT_WRITABLE'],
  ];
  for (const [what, path, code] of paths) {
    it(`SQLITE_DB_PATH pointing at ${what}: ${code} from db:migrate, db:status, db:info and start; nothing changed`, async () => {
      const before = await fingerprint(dir.path);
      for (const command of ['db-migrate', 'db-status', 'db-info', 'start']) {
        const run = await runScriptIn(dir.path, script(command), [], { ...base, SQLITE_DB_PATH: path() });
        expectCoded(run, code);
        expect(run.stderr).toContain(path());
      }
      expect(await fingerprint(dir.path)).toBe(before);
    }, 90_000);
  }

  it('db:backup of a SQLite database that does not exist: SQLITE_OPEN_FAILED, and no file is created', async () => {
    const before = await fingerprint(dir.path);
    const run = await runScriptIn(dir.path, script('db-backup'), ['--file', join(dir.path, 'b.db')], { ...base, SQLITE_DB_PATH: join(dir.path, 'missing.db') });
    expectCoded(run, 'SQLITE_OPEN_FAILED');
    expect(await fingerprint(dir.path)).toBe(before);
  });

  it.each([
    ['DATABASE_URL with a misspelt scheme', { DATABASE_URL: 'postgress://cts:pw@127.0.0.1:5432/cts' }, 'CONFIG_INVALID_DATABASE_URL'],
    ['a PostgreSQL URL without a database', { DATABASE_URL: 'postgres://cts:pw@127.0.0.1:5432' }, 'CONFIG_INVALID_DATABASE_URL'],
    ['DB_POOL_MAX in hex', { DATABASE_URL: 'postgres://cts@127.0.0.1:5432/cts', DB_POOL_MAX: '0x10' }, 'CONFIG_INVALID_VALUE'],
    ['DB_CONNECT_TIMEOUT_MS that would overflow a timer', { DATABASE_URL: 'postgres://cts@127.0.0.1:5432/cts', DB_CONNECT_TIMEOUT_MS: '2147483647' }, 'CONFIG_INVALID_VALUE'],
  ])('%s: the configuration error names it, before any connection', async (_what, env, code) => {
    for (const command of ['db-migrate', 'db-status', 'db-info']) {
      const run = await runScriptIn(dir.path, script(command), [], { ...base, ...env });
      expectCoded(run, code);
      expect(run.stderr).not.toContain(':pw@');
    }
  });

  it('db:serve on a host that does not resolve, and on a port that is taken: SERVE_ADDRESS_INVALID, SERVE_PORT_IN_USE', async () => {
    const sqlite = { ...base, SQLITE_DB_PATH: join(dir.path, 'serve.db') };
    expectCoded(await runScriptIn(dir.path, script('db-serve'), [], { ...sqlite, HOST: '999.1.1.1', PORT: '0' }), 'SERVE_ADDRESS_INVALID');
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const port = (taken.address() as { port: number }).port;
      const run = await runScriptIn(dir.path, script('db-serve'), ['--port', String(port)], sqlite);
      expectCoded(run, 'SERVE_PORT_IN_USE');
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
  });

  let pg: TestPostgres | undefined;
  afterAll(async () => pg?.cleanup());
  itNeedsServer('a PostgreSQL database that does not exist: CONNECTION_DATABASE_MISSING from every command that connects; a refused user: CONNECTION_AUTH_FAILED', async () => {
    pg = await createTestPostgres();
    const url = new URL(pg.url);
    url.pathname = '/cts_no_such_database';
    const env = { ...base, DATABASE_URL: url.toString() };
    const args: Record<string, string[]> = {
      'db-backup': ['--file', join(dir.path, 'x.dump')],
      'db-baseline': ['--to', '0000_init'],
      'db-resolve': ['--rolled-back', '0000_init', '--yes'],
      'db-reset': ['--yes', '--no-backup'],
      'db-rename-prefix': ['--to', 'mistake_two', '--yes'],
      'db-check': ['--live'],
    };
    const connecting = ['db-migrate', 'db-status', 'db-validate', 'db-info', 'db-backup', 'db-rollback', 'db-baseline', 'db-resolve', 'db-repair', 'db-reset', 'db-seed', 'db-rename-prefix', 'db-check', 'start'];
    for (const command of connecting) {
      const run = await runScriptIn(dir.path, script(command), args[command] ?? [], env);
      expectCoded(run, 'CONNECTION_DATABASE_MISSING');
      expect(run.stderr).toContain('database "cts_no_such_database"');
    }
    const health = await runScriptIn(dir.path, script('db-health'), [], env);
    expect(health.code).toBe(1);
    expect(JSON.parse(health.stdout)).toMatchObject({ status: 'unhealthy', errorCode: 'CONNECTION_DATABASE_MISSING' });

    // A user the server refuses (this server trusts loopback, so a role that does not exist stands for a
    // wrong password: both are SQLSTATE 28xxx): CONNECTION_AUTH_FAILED, never the password in the output.
    const refused = new URL(pg.url);
    refused.username = 'cts_no_such_role';
    refused.password = 'Wr0ng-Secret';
    for (const command of ['db-migrate', 'db-status', 'db-info']) {
      const run = await runScriptIn(dir.path, script(command), [], { ...base, DATABASE_URL: refused.toString() });
      expectCoded(run, 'CONNECTION_AUTH_FAILED');
      expect(run.stderr).toContain('user "cts_no_such_role"');
      expect(`${run.stdout}${run.stderr}`).not.toContain('Wr0ng-Secret');
    }
  }, 240_000);
});
