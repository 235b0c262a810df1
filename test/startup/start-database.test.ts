import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type DbConfig } from '../../src/config/index.js';
import { createHealthChecker } from '../../src/health/index.js';
import { closeSharedDatabases, sharedDatabase } from '../../src/startup/shared-database.js';
import { startDatabase, type StartupEvent } from '../../src/startup/start-database.js';
import { committedTags } from '../support/committed-migrations.js';
import { clusterMissing, createStoppedNode, type PgNode } from '../support/pg-cluster.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { runCommand } from '../support/run-command.js';

const skip = clusterMissing();
if (skip !== undefined) console.log(`[tests] skipped: start-up with the database down: ${skip}`);

async function eventually(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip !== undefined)('a start-up with the database down (a PostgreSQL server the test starts later)', () => {
  let node: PgNode;
  let cleanup: () => Promise<void>;
  let config: DbConfig;
  beforeAll(async () => {
    ({ node, cleanup } = await createStoppedNode());
    config = resolveConfig({ env: { DATABASE_URL: node.url(), DB_PREFIX: 'boot', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false });
  }, 120_000);
  afterAll(async () => {
    await closeSharedDatabases();
    await cleanup?.();
  });

  it('keeps retrying in the background, sharedDatabase() and health say CONNECTION_REFUSED; once the server is up the next call migrates and serves', async () => {
    const events: StartupEvent[] = [];
    const startup = startDatabase({ config, maxDelayMs: 300, onEvent: (e) => events.push(e) });
    try {
      expect(startDatabase({ config })).toBe(startup);
      await eventually(() => events.filter((e) => e.type === 'retrying').length >= 3, 30_000);
      expect(events.every((e) => e.type === 'retrying' && e.error.code === 'CONNECTION_REFUSED')).toBe(true);
      expect(startup.summary).toBeUndefined();
      await expect(sharedDatabase({ config: { env: { DATABASE_URL: node.url(), DB_PREFIX: 'boot', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false } })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
      const checker = createHealthChecker(config);
      try {
        expect(await checker.check()).toMatchObject({ status: 'unhealthy', errorCode: 'CONNECTION_REFUSED' });
        await node.start();
        // The first call after the server is back applies the migrations before it answers.
        const db = await sharedDatabase({ config: { env: { DATABASE_URL: node.url(), DB_PREFIX: 'boot', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false } });
        expect(startup.summary?.results.map((r) => [r.tag, r.status])).toEqual(committedTags('postgresql').map((tag) => [tag, 'applied']));
        expect(await db.exchangeConnections.count()).toBe(0);
        expect((await checker.check()).status).toBe('healthy');
        expect(events.filter((e) => e.type === 'ready')).toHaveLength(1);
        expect(events.some((e) => e.type === 'failed')).toBe(false);
      } finally {
        await checker.close();
      }
    } finally {
      startup.stop();
    }
  }, 120_000);
});

describe('DB_INIT_MODE', () => {
  const script = (mode: string) =>
    [
      `import { startDatabase } from './src/index.ts';`,
      `startDatabase({ attempts: 3, initialDelayMs: 50, onEvent: (e) => console.error(e.type, e.error?.code, e.type === 'failed' ? e.exiting : '') });`,
      // Something else keeps the process alive, as a server would; it ends after 10 s by itself.
      `setTimeout(() => { console.error('still running'); process.exit(0); }, ${mode === 'exit' ? 10_000 : 3_000});`,
    ].join('\n');
  const env = (mode: string) => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_PREFIX: 'boot_mode', DB_CONNECT_TIMEOUT_MS: '1000', DB_INIT_MODE: mode, DB_CONFIG_FILE: '/nonexistent/db-config.json' });

  it('exit: the process ends with exit code 1 after the first round of attempts, saying why', async () => {
    const run = await runCommand(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script('exit')], { cwd: REPO_ROOT, env: env('exit'), timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['retrying CONNECTION_REFUSED ', 'retrying CONNECTION_REFUSED ', 'failed CONNECTION_REFUSED true']);
  }, 90_000);

  it('retry (the default): the process keeps running and keeps trying', async () => {
    const run = await runCommand(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script('retry')], { cwd: REPO_ROOT, env: env(''), timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('still running');
    expect(lines.length).toBeGreaterThan(4);
    expect(new Set(lines.slice(0, -1))).toEqual(new Set(['retrying CONNECTION_REFUSED ']));
  }, 90_000);

  it('another word is refused naming the variable', async () => {
    const run = await runCommand(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script('retry')], { cwd: REPO_ROOT, env: env('sometimes'), timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DB_INIT_MODE must be retry or exit, got "sometimes"');
  }, 90_000);
});
