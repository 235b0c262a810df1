/**
 * The README's plain Node server (`server.mjs`) from the packed package, started while its PostgreSQL server is
 * not running: it must answer from the start, heal once the database is up, and exit under DB_INIT_MODE=exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackedApp, type PackedApp } from '../support/packed-app.js';
import { clusterMissing, createStoppedNode, type PgNode } from '../support/pg-cluster.js';
import { freePort } from '../support/pgbouncer.js';
import { readmeFileBlocks } from '../support/readme-blocks.js';
import { runCommand } from '../support/run-command.js';

const skip = clusterMissing();
if (skip !== undefined) console.log(`[tests] skipped: the plain Node server that heals: ${skip}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined)("the README's plain Node server, from the packed package, with its database away at start", () => {
  let packed: PackedApp;
  let node: PgNode;
  let cleanupNode: () => Promise<void>;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    packed = await installPackedApp('cts-server');
    const source = (await readmeFileBlocks()).get('server.mjs');
    expect(source).toBeDefined();
    await writeFile(join(packed.app, 'server.mjs'), source as string);
    ({ node, cleanup: cleanupNode } = await createStoppedNode());
  }, 400_000);
  afterAll(async () => {
    // Each server runs in a process group of its own: nothing it started outlives the test.
    for (const child of children) if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await cleanupNode?.();
    await packed?.cleanup();
  });

  const env = (extra: Record<string, string> = {}) => ({ ...process.env, DATABASE_URL: node.url(), DB_PREFIX: 'heal', DB_CONNECT_TIMEOUT_MS: '2000', DB_CONFIG_FILE: '/nonexistent/db-config.json', ...extra });

  it('answers 503 with CONNECTION_REFUSED while the server is down, then 200 within 10 s of pg_ctl start, the same process throughout', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['server.mjs'], { cwd: packed.app, env: env({ PORT: String(port) }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const until = Date.now() + 60_000;
    while (!output.includes(`listening on ${port}`)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`server.mjs did not start:\n${output}`);
      await sleep(50);
    }
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(15_000) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const down = await get('/api/health/database');
    expect([down.status, down.body.status, down.body.errorCode]).toEqual([503, 'unhealthy', 'CONNECTION_REFUSED']);
    expect(await get('/api/connections')).toEqual({ status: 503, body: { error: 'CONNECTION_REFUSED' } });
    expect(output).toContain('database [CONNECTION_REFUSED]');

    await node.start();
    const started = Date.now();
    let health = await get('/api/health/database');
    while (health.status !== 200 && Date.now() - started < 10_000) {
      await sleep(200);
      health = await get('/api/health/database');
    }
    expect([health.status, health.body.status]).toEqual([200, 'healthy']);
    expect(await get('/api/connections')).toEqual({ status: 200, body: { connections: 0 } });
    expect(Date.now() - started).toBeLessThanOrEqual(10_000);
    expect(child.exitCode).toBeNull();
    await node.stop();
  }, 180_000);

  it('DB_INIT_MODE=exit: with the database away, the server exits 1 after the first round of attempts', async () => {
    const run = await runCommand(process.execPath, ['server.mjs'], { cwd: packed.app, env: env({ PORT: String(await freePort()), DB_INIT_MODE: 'exit' }), exactEnv: true, timeoutMs: 120_000 });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('database ['))).toHaveLength(5);
  }, 180_000);
});
