import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { migrate } from '../../src/migrate/index.js';
import { manifest } from '../../generated/manifest.js';
import { freePort } from '../support/pgbouncer.js';
import { REPO_ROOT, scriptArgs } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, type TestPostgres } from '../support/test-postgres.js';

describe('pnpm db:studio', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await createTempDir('cts-studio');
    env = { SQLITE_DB_PATH: join(dir.path, 'studio.db'), DB_PREFIX: 'stu', DATABASE_URL: '', DB_CONFIG_FILE: join(dir.path, 'none.json') };
    // Two instances in one file: Studio gets this prefix's schema only.
    for (const prefix of ['stu', 'other']) expect((await migrate(resolveConfig({ env: { ...env, DB_PREFIX: prefix }, configFile: false }))).ok).toBe(true);
  });
  afterAll(() => dir.cleanup());

  /** Starts db:studio, asks its local endpoint for "init" (the schema Studio was given), stops it with SIGTERM. */
  async function probe(studioEnv: Record<string, string>, expectDialect: string, prefix: string): Promise<void> {
    const port = await freePort();
    const child = spawn(process.execPath, scriptArgs(join(REPO_ROOT, 'scripts', 'db-studio.ts'), ['--port', String(port)]), { cwd: dir.path, env: { ...process.env, ...studioEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const until = Date.now() + 60_000;
      while (!output.includes(`Studio is running at http://127.0.0.1:${port}`)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`db:studio did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain(`db:studio: ${manifest.tableCount} tables of prefix ${prefix} on ${expectDialect}`);
      // The endpoint the Studio web page talks to: its "init" answer describes the schema Studio was given.
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'init' }) });
      expect(res.status).toBe(200);
      const init = (await res.json()) as { dialect: string; customDefaults: { table: string }[] };
      expect(init.dialect).toBe(expectDialect);
      // The defaults Studio knows come from the schema it was given: this prefix's tables only.
      for (const table of new Set(init.customDefaults.map((d) => d.table))) expect(table.startsWith(`${prefix}_`), table).toBe(true);
      // And it reaches the configured database: a query the page would send, on a prefixed table.
      const query = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'proxy', data: { sql: `select count(*) as n from "${prefix}_exchange_connections"`, method: 'all', mode: 'object' } }),
      });
      expect(query.status).toBe(200);
      const rows = (await query.json()) as { n: number | string }[];
      expect(rows.map((r) => Number(r.n))).toEqual([0]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('db:studio stopped (SIGTERM)');
  }

  it("SQLite: starts on 127.0.0.1, serves its local endpoint with this prefix's schema, and stops on SIGTERM", async () => {
    await probe(env, 'sqlite', 'stu');
  }, 90_000);

  let pg: TestPostgres | undefined;
  afterAll(async () => pg?.cleanup());
  itNeedsServer("PostgreSQL: the same on the configured server", async () => {
    pg = await createTestPostgres();
    const pgEnv = { DATABASE_URL: pg.url, DB_PREFIX: 'stupg', DB_CONFIG_FILE: join(dir.path, 'none.json') };
    expect((await migrate(resolveConfig({ env: pgEnv, configFile: false }))).ok).toBe(true);
    await probe(pgEnv, 'postgresql', 'stupg');
  }, 90_000);
});
