import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { ConnectionError } from '../../src/db/index.js';
import { initializeDatabase, lockKeyFor, migrate } from '../../src/migrate/index.js';
import { committedTags } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { itNeedsServer } from '../support/test-postgres.js';

const LOCK_CLASS = 0x43545331;

describe('the PostgreSQL migration lock', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
  });
  afterAll(() => target.cleanup());

  itNeedsServer('times out with an error that names who holds it; another prefix does not wait', async () => {
    const holder = postgres(target.pg!.url, { max: 1, onnotice: () => {}, connection: { application_name: 'lock-holder-test' } });
    try {
      await holder`select pg_advisory_lock(${LOCK_CLASS}, ${lockKeyFor('locked')})`;
      const [{ pid }] = (await holder`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
      const started = Date.now();
      const blocked = await migrate(target.config('locked'), { lockTimeoutMs: 600 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
      expect(blocked.ok).toBe(false);
      expect(blocked.error?.code).toBe('MIGRATION_LOCK_TIMEOUT');
      expect(blocked.error?.message).toContain(`pid ${pid}`);
      expect(blocked.error?.message).toContain('application "lock-holder-test"');
      const other = await migrate(target.config('free'), { lockTimeoutMs: 600 });
      expect(other).toMatchObject({ ok: true, applied: committedTags('postgresql').length });
    } finally {
      await holder.end();
    }
    // Released: the blocked prefix migrates now.
    expect(await migrate(target.config('locked'), { lockTimeoutMs: 5_000 })).toMatchObject({ ok: true, applied: committedTags('postgresql').length });
  });
});

describe('the SQLite migration lock', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
  });
  afterAll(() => target.cleanup());

  it('waits for another writer up to the timeout, then fails clearly and leaves nothing behind', async () => {
    expect((await migrate(target.config('first'))).ok).toBe(true);
    const writer = new Database(target.sqlitePath!);
    try {
      writer.exec('BEGIN IMMEDIATE');
      const blocked = await migrate(target.config('second'), { lockTimeoutMs: 300 });
      expect(blocked.ok).toBe(false);
      expect(blocked.error?.code).toBe('MIGRATION_LOCK_TIMEOUT');
      expect(blocked.error?.message).toContain(target.sqlitePath!);
      writer.exec('ROLLBACK');
    } finally {
      writer.close();
    }
    expect(await migrate(target.config('second'))).toMatchObject({ ok: true, applied: committedTags('sqlite').length });
  });
});

describe.each(['postgresql', 'sqlite'] as const)('start-up initialisation on %s', (dialect) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  });
  afterAll(() => target.cleanup());

  it('migrates once for concurrent callers and returns a summary; later calls on an up-to-date database cost at most 2 queries', async () => {
    const config = target.config('boot');
    const [a, b, c] = await Promise.all([initializeDatabase(config), initializeDatabase(config), initializeDatabase(config)]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    const total = committedTags(dialect).length;
    expect(a).toMatchObject({ dialect, prefix: 'boot', applied: total, total, attempts: 1 });
    // A new process would start from scratch: a fresh config object for the same database runs the fast path.
    const queries: string[] = [];
    const again = await initializeDatabase(target.config('boot', { DB_APP_USER: 'boot_app_other' }), { onQuery: (q) => queries.push(q) });
    expect(again.applied).toBe(0);
    // One or two statements (PostgreSQL: one; SQLite: the schema cookie and the ledger), never none: the
    // accounting itself must see them.
    expect(queries.length).toBeGreaterThanOrEqual(1);
    expect(queries.length).toBeLessThanOrEqual(2);
  });
});

describe('start-up initialisation without a database', () => {
  it('retries with backoff, then fails with a ConnectionError naming the server; it never falls back', async () => {
    const config = resolveConfig({ env: { DATABASE_URL: 'postgres://cts:secret-pw@127.0.0.1:1/cts', DB_CONNECT_TIMEOUT_MS: '1000' }, configFile: false });
    const started = Date.now();
    const error = await initializeDatabase(config, { attempts: 3, initialDelayMs: 100 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(/database not reachable after 3 attempt\(s\): cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
    expect((error as ConnectionError).message).not.toContain('secret-pw');
    // 100 ms + 200 ms of backoff between the three attempts.
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });
});
