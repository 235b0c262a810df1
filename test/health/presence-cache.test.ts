import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthChecker, type HealthChecker } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { committedTags } from '../support/committed-migrations.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';


const catalogQuery = (q: string) => /pg_class|sqlite_master/.test(q);

// A long-lived checker answers from the ledger alone while the schema is unchanged (PostgreSQL: a prepared
// statement the server invalidates on DDL; SQLite: the schema cookie). These tests change the schema behind
// its back and require the very next check to see it.
describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('health checks see schema changes at once on $label', ({ dialect }) => {
  let target: MigrationTarget;
  const open: HealthChecker[] = [];
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(async () => {
    for (const c of open) await c.close();
    await target?.cleanup();
  });

  /**
   * Each test has its own prefix and its own long-lived checker (warmed up by one check), so one failure
   * cannot leave a dropped table or a stale cache behind for the next test.
   */
  async function fresh(prefix: string) {
    expect((await migrate(target.config(prefix))).ok).toBe(true);
    const queries: string[] = [];
    const checker = createHealthChecker(target.config(prefix), { onQuery: (q) => queries.push(q) });
    open.push(checker);
    const check = async () => {
      queries.length = 0;
      const report = await checker.check();
      return { report, queries: [...queries] };
    };
    const first = await check();
    expect(first.report.status).toBe('healthy');
    expect(first.queries.some(catalogQuery)).toBe(true);
    return check;
  }

  it('asks the catalog once, then answers an unchanged schema with one query that does not', async () => {
    const check = await fresh('pc_a');
    for (let i = 0; i < 3; i++) {
      const next = await check();
      expect(next.report).toMatchObject({ status: 'healthy', database: { tableCount: 31 } });
      expect(next.queries).toHaveLength(1);
      expect(next.queries.some(catalogQuery)).toBe(false);
    }
  });

  it('reports a renamed critical table on the next check, and healthy again once it is back', async () => {
    const check = await fresh('pc_b');
    await check();
    await rawExec(target, 'alter table "pc_b_site_logs" rename to "pc_b_site_logs_old"');
    const renamed = await check();
    expect(renamed.report.status).toBe('degraded');
    expect(renamed.report.database.criticalTables.missing).toEqual(['pc_b_site_logs']);
    expect(renamed.report.database.tableCount).toBe(30);
    await rawExec(target, 'alter table "pc_b_site_logs_old" rename to "pc_b_site_logs"');
    expect((await check()).report).toMatchObject({ status: 'healthy', database: { tableCount: 31 } });
    expect((await check()).queries.some(catalogQuery)).toBe(false);
  });

  it('counts a dropped non-critical table on the next check', async () => {
    const check = await fresh('pc_c');
    await check();
    await rawExec(target, 'drop table "pc_c_statistics_daily"');
    const after = await check();
    expect(after.report.database.tableCount).toBe(30);
    expect(after.report.database.criticalTables.missing).toEqual([]);
  });

  it('sees a table created again under the same name (with the check still cheap afterwards)', async () => {
    const check = await fresh('pc_d');
    await rawExec(target, 'drop table "pc_d_statistics_daily"');
    expect((await check()).report.database.tableCount).toBe(30);
    await rawExec(target, 'create table "pc_d_statistics_daily" (id integer primary key)');
    expect((await check()).report.database.tableCount).toBe(31);
    expect((await check()).queries.some(catalogQuery)).toBe(false);
  });

  it('reports the ledger dropped and every migration pending on the next check', async () => {
    const check = await fresh('pc_e');
    await check();
    await rawExec(target, 'drop table "pc_e_schema_migrations"');
    const after = await check();
    expect(after.report.status).toBe('degraded');
    expect(after.report.database.criticalTables.missing).toEqual(['pc_e_schema_migrations']);
    expect(after.report.migrations).toEqual({ latest: null, pending: committedTags(dialect).length });
  });
});
