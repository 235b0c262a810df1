import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, type TestPostgres } from '../support/test-postgres.js';

const PREFIX = 'lk';
const TABLE = `${PREFIX}_exchange_connections`;
const LOCK_TIMEOUT_MS = 1_000;

describe('lock-safe DDL on PostgreSQL: lock_timeout per statement, retries with backoff, a coded error naming the blocker', () => {
  let pg: TestPostgres;
  let dir: { path: string; cleanup: () => Promise<void> };
  let migrations: string;
  let journal: { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
  let env: Record<string, string>;
  const open: Sql[] = [];
  const connect = () => {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    open.push(sql);
    return sql;
  };

  beforeAll(async () => {
    pg = await createTestPostgres();
    dir = await createTempDir('cts-lock-ddl');
    migrations = join(dir.path, 'drizzle');
    await cp(join(REPO_ROOT, 'drizzle', 'pg'), join(migrations, 'pg'), { recursive: true });
    journal = JSON.parse(await readFile(join(migrations, 'pg', 'meta', '_journal.json'), 'utf8')) as typeof journal;
    env = { DATABASE_URL: pg.url, DB_PREFIX: PREFIX, DB_DDL_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) };
    const first = await runScriptIn(REPO_ROOT, 'db-migrate.ts', ['--migrations-dir', migrations], env);
    expect(first.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const sql of open) await sql.end({ timeout: 1 }).catch(() => undefined);
    await pg?.cleanup();
    await dir?.cleanup();
  });

  async function addMigration(tag: string, statement: string): Promise<void> {
    await writeFile(join(migrations, 'pg', `${tag}.sql`), `${statement}\n`);
    journal.entries.push({ idx: journal.entries.length, version: '7', when: 1_800_000_000_000 + journal.entries.length, tag, breakpoints: true });
    await writeFile(join(migrations, 'pg', 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  }

  /** A session inside a transaction that has read the table: it holds ACCESS SHARE until it ends. */
  async function holdTable(): Promise<{ pid: number; end: () => Promise<void> }> {
    const sql = connect();
    const reserved = await sql.reserve();
    const [row] = await reserved.unsafe<{ pid: number }[]>('select pg_backend_pid() as pid');
    await reserved.unsafe('begin');
    await reserved.unsafe(`select count(*) from "${TABLE}" /* long report */`);
    return {
      pid: row?.pid ?? -1,
      end: async () => {
        await reserved.unsafe('commit');
        reserved.release();
      },
    };
  }

  itNeedsServer('behind a long transaction, a plain query on the table waits at most about the lock timeout; the migration retries, says so, and applies once the blocker commits', async () => {
    const tag = `${String(journal.entries.length).padStart(4, '0')}_add_lock_note`;
    await addMigration(tag, `ALTER TABLE "exchange_connections" ADD COLUMN "lock_note" text;`);
    const blocker = await holdTable();
    const run = runScriptIn(REPO_ROOT, 'db-migrate.ts', ['--migrations-dir', migrations], { ...env, DB_DDL_LOCK_RETRIES: '30' });

    // A trading query on the table, again and again, while the migration waits: each may queue behind the
    // migration's ACCESS EXCLUSIVE request, but never longer than its lock_timeout.
    const probe = connect();
    await probe`select 1`;
    // The window starts once the migration is waiting for its lock, however long the process took to start
    // on a loaded machine (tsx, the parser for the prefix check): otherwise the blocker could end before it asks.
    const asked = performance.now() + 60_000;
    while (performance.now() < asked) {
      const [w] = await probe.unsafe<{ n: number }[]>(`select count(*)::int as n from pg_locks where not granted and relation = '"${TABLE}"'::regclass`);
      if ((w?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const waits: number[] = [];
    const until = performance.now() + 5_000;
    while (performance.now() < until) {
      const started = performance.now();
      await probe.unsafe(`select count(*) from "${TABLE}"`);
      waits.push(performance.now() - started);
    }
    await blocker.end();
    const result = await run;

    const longest = Math.max(...waits);
    // It did queue (the measurement sees the migration's lock request)...
    expect(longest).toBeGreaterThan(LOCK_TIMEOUT_MS / 5);
    // ...and never for much longer than the lock timeout (a margin for two busy cores); without the lock
    // timeout it would wait for the blocker, 5 s.
    expect(longest).toBeLessThan(LOCK_TIMEOUT_MS + 1_000);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`waiting: ${tag} statement 1 could not lock ${TABLE} within ${LOCK_TIMEOUT_MS} ms \\(held by pid ${blocker.pid} \\(AccessShareLock on ${TABLE}, idle in transaction.*long report.*\\); retry 1 of 30 in 500 ms`));
    expect(result.stdout).toMatch(new RegExp(`applied\\s+${tag}`));
    const sql = connect();
    const [column] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from information_schema.columns where table_name = '${TABLE}' and column_name = 'lock_note'`);
    expect(column?.n).toBe(1);
    const [ledger] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${PREFIX}_schema_migrations" where tag = '${tag}'`);
    expect(ledger?.n).toBe(1);
  }, 90_000);

  itNeedsServer('with the blocker never ending, it gives up after the retries with MIGRATION_LOCK_BLOCKED naming the blocking pid and query; nothing is applied', async () => {
    const tag = `${String(journal.entries.length).padStart(4, '0')}_drop_lock_note`;
    await addMigration(tag, `ALTER TABLE "exchange_connections" DROP COLUMN "lock_note";`);
    const blocker = await holdTable();
    try {
      const result = await runScriptIn(REPO_ROOT, 'db-migrate.ts', ['--migrations-dir', migrations], { ...env, DB_DDL_LOCK_RETRIES: '2' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error [MIGRATION_LOCK_BLOCKED]');
      expect(result.stderr).toContain(`could not get the lock on ${TABLE} for statement 1 within ${LOCK_TIMEOUT_MS} ms, 3 time(s)`);
      expect(result.stderr).toContain(`pid ${blocker.pid} (AccessShareLock on ${TABLE}, idle in transaction`);
      expect(result.stderr).toContain('long report');
      expect(result.stdout.match(/waiting: /g)).toHaveLength(2);
      const sql = connect();
      const [ledger] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${PREFIX}_schema_migrations" where tag = '${tag}'`);
      expect(ledger?.n).toBe(0);
    } finally {
      await blocker.end();
    }
  }, 90_000);
});
