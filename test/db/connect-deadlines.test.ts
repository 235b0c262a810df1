import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_ANSWER_MARGIN_MS } from '../../src/migrate/pg/pg-migration-driver.js';
import { REPO_ROOT, scriptArgs } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * Every command gives up within DB_CONNECT_TIMEOUT_MS plus a stated margin (times start's documented
 * attempts), with a CONNECTION_* code, however the network fails. All targets are on this machine (loopback),
 * or no network at all; nothing is ever sent elsewhere.
 */
const TIMEOUT_MS = 1_000;
// Starting node with tsx and loading the toolkit, on two shared cores with other test files running.
const PROCESS_ALLOWANCE_MS = 8_000;
const START_ATTEMPTS = 5;
const START_PAUSES_MS = 250 + 500 + 1_000 + 2_000;
const BUDGET_MS: Readonly<Record<string, number>> = {
  'db-migrate.ts': TIMEOUT_MS + FIRST_ANSWER_MARGIN_MS,
  'db-status.ts': TIMEOUT_MS + FIRST_ANSWER_MARGIN_MS,
  'db-health.ts': TIMEOUT_MS + 1_000,
  'start.ts': START_ATTEMPTS * (TIMEOUT_MS + FIRST_ANSWER_MARGIN_MS) + START_PAUSES_MS,
};
const COMMANDS = Object.keys(BUDGET_MS);

interface Run {
  readonly script: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(script: string, url: string, options: { preload?: string; unshare?: boolean; cwd: string }): Promise<Run> {
  const args = [...(options.preload === undefined ? [] : ['--import', options.preload]), ...scriptArgs(join(REPO_ROOT, 'scripts', script))];
  const [command, argv] = options.unshare === true ? ['unshare', ['-n', process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(command, argv, {
      cwd: options.cwd,
      env: { ...process.env, DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS), DB_PREFIX: 'deadline', DB_CONFIG_FILE: join(options.cwd, 'none.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // A command that hangs is killed well after its budget, so the assertion reports it instead of the test timing out.
    const killer = setTimeout(() => child.kill('SIGKILL'), BUDGET_MS[script]! + PROCESS_ALLOWANCE_MS + 20_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ script, code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

function expectGaveUp(r: Run, code: string): void {
  expect(r.ms, `${r.script} took ${Math.round(r.ms)} ms`).toBeLessThan(BUDGET_MS[r.script]! + PROCESS_ALLOWANCE_MS);
  expect(r.code, `${r.script}: ${r.stderr}${r.stdout}`).toBe(1);
  if (r.script === 'db-health.ts') {
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'unhealthy', errorCode: code, database: { connected: false } });
  } else {
    expect(r.stderr).toContain(`error [${code}]`);
    expect(r.stderr).not.toContain('unexpected error');
  }
}

const runAll = (url: string, options: { preload?: string; unshare?: boolean; cwd: string }) => Promise.all(COMMANDS.map((script) => run(script, url, options)));

describe('connect deadlines: migrate, status, health and start give up in time with a CONNECTION_* code', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const cleanups: (() => void)[] = [];
  beforeAll(async () => {
    dir = await createTempDir('cts-deadlines');
  });
  afterAll(async () => {
    for (const c of cleanups) c();
    await dir.cleanup();
  });

  it('a loopback listener that accepts and never speaks', async () => {
    const held: Socket[] = [];
    const server: Server = createServer((socket) => void held.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => {
      for (const s of held) s.destroy();
      server.close();
    });
    const port = (server.address() as { port: number }).port;
    for (const r of await runAll(`postgres://cts@127.0.0.1:${port}/cts`, { cwd: dir.path })) expectGaveUp(r, 'CONNECTION_TIMEOUT');
    expect(held.length).toBeGreaterThan(0);
  }, 120_000);

  it('a loopback listener whose accept queue is full (the handshake never completes)', async () => {
    const listener = spawn(process.execPath, [join(REPO_ROOT, 'test', 'support', 'stalled-listener.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => listener.kill('SIGKILL'));
    const port = await new Promise<number>((resolve) => listener.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    // Fill the queue: connections complete until it is full; the first one left hanging shows it is.
    const fillers: Socket[] = [];
    cleanups.push(() => fillers.forEach((s) => s.destroy()));
    for (let i = 0; i < 16; i++) {
      const socket = connect(port, '127.0.0.1');
      fillers.push(socket);
      const connected = await Promise.race([new Promise((r) => socket.once('connect', () => r(true))), new Promise((r) => setTimeout(() => r(false), 300))]);
      if (!connected) break;
    }
    for (const r of await runAll(`postgres://cts@127.0.0.1:${port}/cts`, { cwd: dir.path })) expectGaveUp(r, 'CONNECTION_TIMEOUT');
  }, 120_000);

  it('a socket that never connects and never errors (every connect left pending, nothing sent)', async () => {
    const preload = join(REPO_ROOT, 'test', 'support', 'silent-socket.mjs');
    // Port 9 (discard) on loopback: nothing is sent anyway, the patched socket never tries.
    for (const r of await runAll('postgres://cts@127.0.0.1:9/cts', { cwd: dir.path, preload })) expectGaveUp(r, 'CONNECTION_TIMEOUT');
  }, 120_000);

  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  if (!unshare && process.env.CI === 'true') throw new Error('`unshare -n` is required under CI (root in a container that allows network namespaces)');
  if (!unshare) console.log('[tests] skipped: no network (`unshare -n`): this user may not create a network namespace');
  (unshare ? it : it.skip)('no network at all (a new network namespace, loopback down: connect fails with ENETUNREACH)', async () => {
    for (const r of await runAll('postgres://cts@127.0.0.1:5432/cts', { cwd: dir.path, unshare: true })) expectGaveUp(r, 'CONNECTION_UNREACHABLE');
  }, 120_000);
});
