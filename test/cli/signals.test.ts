import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/pgbouncer.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, type TestPostgres } from '../support/test-postgres.js';

const pnpm = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0;
if (!pnpm && process.env.CI === 'true') throw new Error('pnpm is required under CI (.ci/run installs it)');
if (!pnpm) console.log('[tests] skipped: signals through pnpm: pnpm is not on PATH (npm run setup installs it)');

/** Processes whose command line contains `marker` (Linux /proc), excluding this test process. */
async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
  }
  return found;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function startPnpm(args: readonly string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn('pnpm', [...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

describe.skipIf(!pnpm)('stopping the command you started stops the work (through pnpm)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await createTempDir('cts-signals');
  });
  afterAll(() => dir.cleanup());

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the pnpm process of db:serve frees the port within 2 s and leaves no process`, async () => {
      const port = await freePort();
      const marker = join(dir.path, `serve-${signal}.db`);
      const { child, output } = startPnpm(['db:serve', '--port', String(port)], { SQLITE_DB_PATH: marker, DB_CONFIG_FILE: join(dir.path, 'none.json') });
      await until(() => output().includes('listening on'), 30_000);
      expect(await portOpen(port)).toBe(true);
      child.kill(signal);
      const ms = await until(async () => !(await portOpen(port)), 2_000);
      expect(ms).toBeLessThan(2_000);
      await until(async () => (await processesWith(marker)).length === 0, 2_000);
    }, 60_000);
  }

  let pg: TestPostgres | undefined;
  afterAll(async () => pg?.cleanup());
  itNeedsServer('SIGKILL to pnpm db:migrate during a long migration leaves no process of it, and the next run completes', async () => {
    pg = await createTestPostgres();
    const migrations = join(dir.path, 'drizzle-slow');
    await cp(join(REPO_ROOT, 'drizzle', 'pg'), join(migrations, 'pg'), { recursive: true });
    const journalFile = join(migrations, 'pg', 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
    const tag = `${String(journal.entries.length).padStart(4, '0')}_slow_backfill`;
    await writeFile(join(migrations, 'pg', `${tag}.sql`), 'SELECT pg_sleep(4);\n--> statement-breakpoint\nCREATE TABLE "slow_done" ("id" integer PRIMARY KEY);\n');
    journal.entries.push({ idx: journal.entries.length, version: '7', when: 1_800_000_000_000, tag, breakpoints: true });
    await writeFile(journalFile, JSON.stringify(journal, null, 2));
    const env = { DATABASE_URL: pg.url, DB_PREFIX: 'sig', DB_CONFIG_FILE: join(dir.path, 'none.json') };

    const { child } = startPnpm(['db:migrate', '--migrations-dir', migrations], env);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      await until(async () => (await sql.unsafe(`select count(*)::int as n from pg_stat_activity where query like 'SELECT pg_sleep(4)%'`))[0]?.n === 1, 30_000);
      expect((await processesWith(migrations)).length).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await until(async () => (await processesWith(migrations)).length === 0, 3_000);

      const next = await runScriptIn(REPO_ROOT, 'db-migrate.ts', ['--migrations-dir', migrations], env);
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      expect(next.stdout).toMatch(new RegExp(`applied\\s+${tag}`));
      const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "sig_schema_migrations" where tag = '${tag}'`);
      expect(row?.n).toBe(1);
    } finally {
      await sql.end();
    }
  }, 90_000);
});
