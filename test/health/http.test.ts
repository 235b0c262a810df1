import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { createHealthChecker } from '../../src/health/index.js';
import { committedTags, latestTag } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn, scriptArgs } from '../support/repo-copy.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { healthResponse, migrationStatusResponse } from '../support/seed-shapes.js';
import { postgresMode } from '../support/test-postgres.js';

const TOKEN = 'admin-token-for-tests-0123456789';
const PASSWORD = 'Pw-never-shown-42';

interface Served {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `pnpm db:serve` (the script, in one process) on a free port and waits for its first line. */
async function serve(env: Record<string, string>): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, scriptArgs('db-serve.ts', ['--port', '0']), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`db:serve did not start: ${output}`)), 20_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`db:serve exited with ${code}: ${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, cacheControl: response.headers.get('cache-control'), text: await response.text() };
}

async function dropTable(target: MigrationTarget, table: string): Promise<void> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop table "${table}" cascade`);
    await sql.end();
  } else {
    const db = new Database(target.sqlitePath!);
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec(`drop table "${table}"`);
    db.close();
  }
}

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('health endpoints over HTTP on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let server: Served;
  let env: Record<string, string>;

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    env = { ...target.env, DB_PREFIX: 'web', ADMIN_TOKEN: TOKEN };
    if (target.pg !== undefined) {
      // The local server trusts connections, so a password in the URL is accepted and must never be echoed.
      const url = new URL(target.pg.url);
      url.password = PASSWORD;
      url.username = url.username || 'postgres';
      env.DATABASE_URL = url.toString();
    }
    expect((await migrate(target.config('web', { ...env }))).ok).toBe(true);
    server = await serve(env);
  }, 60_000);
  afterAll(async () => {
    const code = await server?.stop();
    expect(code).toBe(0);
    expect(server.output()).toContain('db:serve stopped (SIGTERM)');
    expect(server.output()).not.toContain(PASSWORD);
    await target.cleanup();
  });

  it('health: 200 and healthy on a migrated database, in the seed shape, not cacheable', async () => {
    const res = await get(`${server.url}/api/health/database`);
    expect(res.status).toBe(200);
    expect(res.cacheControl).toBe('no-store');
    const body = healthResponse.parse(JSON.parse(res.text));
    expect(body).toMatchObject({
      status: 'healthy',
      database: { type: dialect, connected: true, tableCount: 31, criticalTables: { total: 5, existing: 5, missing: [] } },
      prefix: 'web',
      migrations: { latest: latestTag(dialect), pending: 0 },
    });
    // pnpm db:health prints the same JSON and exits 0 when healthy.
    const run = await runScriptIn(REPO_ROOT, 'db-health.ts', [], env);
    expect(run.code).toBe(0);
    expect(healthResponse.parse(JSON.parse(run.stdout)).status).toBe('healthy');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('admin status: 401 without the token, 401 with a wrong one, 200 with the right one', async () => {
    const url = `${server.url}/api/admin/migrations/status`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, { authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await get(url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    const ok = await get(url, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    const body = migrationStatusResponse.parse(JSON.parse(ok.text));
    expect(body).toMatchObject({ success: true, status: 'complete', migrations: { total: committedTags(dialect).length, pending: [] }, tables: { total: 31, expected: 31, existing: 31 } });
    expect(body.migrations.applied.map((a) => [a.tag, a.checksum])).toEqual(committedTags(dialect).map((tag) => [tag, 'ok']));
    expect(Object.keys(body.tables.categories)).toEqual(['system', 'connections', 'indications', 'strategies', 'positions', 'statistics', 'presets']);
  });

  it('health: 503 and degraded with the table in missing after a critical table is dropped', async () => {
    await dropTable(target, 'web_site_logs');
    const res = await get(`${server.url}/api/health/database`);
    expect(res.status).toBe(503);
    const body = healthResponse.parse(JSON.parse(res.text));
    expect(body.status).toBe('degraded');
    expect(body.database.connected).toBe(true);
    expect(body.database.criticalTables).toEqual({ total: 5, existing: 4, missing: ['web_site_logs'] });
    expect(body.database.tableCount).toBe(30);
    const cli = await runScriptIn(REPO_ROOT, 'db-health.ts', [], env);
    expect(cli.code).toBe(1);
    expect(healthResponse.parse(JSON.parse(cli.stdout)).status).toBe('degraded');
    const status = migrationStatusResponse.parse(JSON.parse((await get(`${server.url}/api/admin/migrations/status`, { authorization: `Bearer ${TOKEN}` })).text));
    expect(status.status).toBe('pending');
    expect(status.tables.categories.system).toEqual({ expected: 4, existing: 3, missing: ['web_site_logs'] });
  });

  it('no response body contains the password', async () => {
    for (const path of ['/api/health/database', '/api/admin/migrations/status']) {
      expect((await get(`${server.url}${path}`, { authorization: `Bearer ${TOKEN}` })).text).not.toContain(PASSWORD);
    }
  });
});

describe('health with the database unreachable', () => {
  it('answers 503 unhealthy within the connect timeout, without the password, and the admin endpoint is disabled without a token', async () => {
    const server = await serve({ DATABASE_URL: `postgres://cts:${PASSWORD}@127.0.0.1:1/cts`, DB_CONNECT_TIMEOUT_MS: '1500', ADMIN_TOKEN: '' });
    try {
      const started = Date.now();
      const res = await get(`${server.url}/api/health/database`);
      expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
      expect(res.status).toBe(503);
      expect(res.text).not.toContain(PASSWORD);
      const body = healthResponse.parse(JSON.parse(res.text));
      expect(body).toMatchObject({ status: 'unhealthy', database: { type: 'postgresql', connected: false }, errorCode: 'CONNECTION_REFUSED' });
      // What could not be checked is unknown (null), not "every critical table missing, every migration pending".
      expect(body.database.tableCount).toBeNull();
      expect(body.database.criticalTables).toEqual({ total: 5, existing: null, missing: null });
      expect(body.migrations).toEqual({ latest: null, pending: null });
      // Unauthenticated: what happened, not where the database is or who logs in.
      expect(body.error).toBe('the database server refused the connection');
      expect(res.text).not.toContain('127.0.0.1');
      const admin = await get(`${server.url}/api/admin/migrations/status`, { authorization: 'Bearer anything' });
      expect(admin.status).toBe(503);
      expect(admin.text).toContain('set ADMIN_TOKEN');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).not.toContain(PASSWORD);
  }, 30_000);
});

describe('the number of queries of a health check', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
    await migrate(target.config('count'));
  });
  afterAll(() => target.cleanup());

  it('does not grow with the number of tables', async () => {
    const count = async (tables: readonly string[]) => {
      const queries: string[] = [];
      const checker = createHealthChecker(target.config('count'), { tables, onQuery: (q) => queries.push(q) });
      try {
        const report = await checker.check();
        expect(report.database.connected).toBe(true);
      } finally {
        await checker.close();
      }
      return queries.length;
    };
    const few = await count(['users']);
    const all = await count(Array.from({ length: 500 }, (_, i) => `synthetic_table_${i}`));
    expect(few).toBe(1);
    expect(all).toBe(few);
  });
});
