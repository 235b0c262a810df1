import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthChecker, type HealthChecker } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

/** DDL from another connection than the checker's, as an operator or another process would run it. */
async function ddl(target: MigrationTarget, statement: string): Promise<void> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end();
    }
  } else {
    const db = new Database(target.sqlitePath!);
    try {
      db.exec('PRAGMA foreign_keys = OFF');
      db.exec(statement);
    } finally {
      db.close();
    }
  }
}

const catalogQuery = (q: string) => /pg_class|sqlite_master/.test(q);

// A long-lived checker answers from the ledger alone while the schema is unchanged (PostgreSQL: a prepared
// statement the server invalidates on DDL; SQLite: the schema cookie). These tests change the schema behind
// its back and require the very next check to see it.
describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('health checks see schema changes at once on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let checker: HealthChecker;
  const queries: string[] = [];

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    expect((await migrate(target.config('pc'))).ok).toBe(true);
    checker = createHealthChecker(target.config('pc'), { onQuery: (q) => queries.push(q) });
  }, 60_000);
  afterAll(async () => {
    await checker?.close();
    await target?.cleanup();
  });

  const check = async () => {
    queries.length = 0;
    const report = await checker.check();
    return { report, queries: [...queries] };
  };

  it('asks the catalog once, then answers an unchanged schema with one query that does not', async () => {
    const first = await check();
    expect(first.report.status).toBe('healthy');
    expect(first.queries.some(catalogQuery)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const next = await check();
      expect(next.report).toMatchObject({ status: 'healthy', database: { tableCount: 31 } });
      expect(next.queries).toHaveLength(1);
      expect(next.queries.some(catalogQuery)).toBe(false);
    }
  });

  it('reports a renamed critical table on the next check, and healthy again once it is back', async () => {
    await check();
    await ddl(target, 'alter table "pc_site_logs" rename to "pc_site_logs_old"');
    const renamed = await check();
    expect(renamed.report.status).toBe('degraded');
    expect(renamed.report.database.criticalTables.missing).toEqual(['pc_site_logs']);
    expect(renamed.report.database.tableCount).toBe(30);
    await ddl(target, 'alter table "pc_site_logs_old" rename to "pc_site_logs"');
    expect((await check()).report).toMatchObject({ status: 'healthy', database: { tableCount: 31 } });
    expect((await check()).queries.some(catalogQuery)).toBe(false);
  });

  it('counts a dropped non-critical table on the next check', async () => {
    await check();
    await ddl(target, 'drop table "pc_statistics_daily"');
    const after = await check();
    expect(after.report.database.tableCount).toBe(30);
    expect(after.report.database.criticalTables.missing).toEqual([]);
  });

  it('sees a table created again under the same name (with the check still cheap afterwards)', async () => {
    await ddl(target, 'create table "pc_statistics_daily" (id integer primary key)');
    expect((await check()).report.database.tableCount).toBe(31);
    expect((await check()).queries.some(catalogQuery)).toBe(false);
  });

  it('reports the ledger dropped and every migration pending on the next check', async () => {
    await check();
    await ddl(target, 'drop table "pc_schema_migrations"');
    const after = await check();
    expect(after.report.status).toBe('degraded');
    expect(after.report.database.criticalTables.missing).toEqual(['pc_schema_migrations']);
    expect(after.report.migrations).toEqual({ latest: null, pending: 1 });
  });
});
