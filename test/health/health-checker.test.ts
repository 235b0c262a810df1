import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { resolveConfig } from '../../src/config/index.js';
import { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from '../../src/health/index.js';
import { healthErrorCode } from '../../src/health/error-code.js';
import { migrate } from '../../src/migrate/index.js';
import { NamingError } from '../../src/naming/index.js';
import { committedTags, latestTag } from '../support/committed-migrations.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';
import { queryTarget } from '../support/target-query.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * The health and migration-status reports field by field (the JSON that monitoring reads): healthy,
 * degraded for each reason and for several at once, unhealthy with unknowns as null, and the checker's
 * recovery after a failure. In-process, so the mutation run (`pnpm test:mutation`) can use it.
 */
const MIGRATIONS = [
  { tag: '0000_alpha', sql: 'CREATE TABLE alpha (id TEXT PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE beta (id TEXT PRIMARY KEY);\n' },
  { tag: '0001_gamma', sql: 'CREATE TABLE gamma (id TEXT PRIMARY KEY);\n' },
  { tag: '0002_delta', sql: 'CREATE TABLE delta (id TEXT PRIMARY KEY);\n' },
];
const TABLES = ['alpha', 'beta', 'gamma', 'delta'];

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('health checker reports on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  const open: HealthChecker[] = [];
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    dir = await createTempDir('cts-health-checker');
    await writeMigrationFolder(join(dir.path, 'two'), folder, MIGRATIONS.slice(0, 2));
    await writeMigrationFolder(join(dir.path, 'three'), folder, MIGRATIONS);
  }, 60_000);
  afterAll(async () => {
    for (const c of open) await c.close();
    await target?.cleanup();
    await dir?.cleanup();
  });
  const options = (set: 'two' | 'three'): HealthCheckerOptions => ({ migrationsRoot: join(dir.path, set), tables: TABLES, criticalTables: ['alpha'] });
  const checker = (prefix: string, set: 'two' | 'three' = 'three', extra: HealthCheckerOptions = {}) => {
    const c = createHealthChecker(target.config(prefix), { ...options(set), ...extra });
    open.push(c);
    return c;
  };
  const migrated = async (prefix: string, set: 'two' | 'three' = 'three') => {
    const result = await migrate(target.config(prefix), { migrationsRoot: join(dir.path, set), criticalTables: [] });
    expect(result.ok).toBe(true);
  };
  const database = (tableCount: number, missing: string[]) => ({
    type: dialect,
    connected: true,
    responseTime: expect.stringMatching(/^\d+ms$/),
    tableCount,
    criticalTables: { total: 2, existing: 2 - missing.length, missing },
  });

  it('healthy: every field, and no error, errorCode or replicas key', async () => {
    await migrated('hk_ok');
    const queries: string[] = [];
    const report = await checker('hk_ok', 'three', { onQuery: (q) => queries.push(q) }).check();
    expect(report).toStrictEqual({ status: 'healthy', database: database(4, []), prefix: 'hk_ok', migrations: { latest: '0002_delta', pending: 0 } });
    expect(queries.length).toBeGreaterThan(0);
  });

  it('degraded by a pending migration: the count, the latest applied, the reason', async () => {
    await migrated('hk_pend', 'two');
    const report = await checker('hk_pend').check();
    expect(report).toStrictEqual({
      status: 'degraded',
      database: database(3, []),
      prefix: 'hk_pend',
      migrations: { latest: '0001_gamma', pending: 1 },
      error: '1 migration(s) pending',
    });
  });

  it('degraded for three reasons at once: each named, in order, joined by "; "', async () => {
    await migrated('hk_all', 'two');
    await rawExec(target, ['DROP TABLE "hk_all_alpha"', `UPDATE "hk_all_schema_migrations" SET checksum = 'tampered' WHERE tag = '0001_gamma'`]);
    const report = await checker('hk_all').check();
    expect(report).toStrictEqual({
      status: 'degraded',
      database: database(2, ['hk_all_alpha']),
      prefix: 'hk_all',
      migrations: { latest: '0001_gamma', pending: 1 },
      error: 'critical tables missing: hk_all_alpha; 1 migration(s) pending; 1 applied migration(s) changed or missing on disk (cts-db validate)',
    });
  });

  it('degraded by an applied migration that left the journal (counted as changed), latest still the furthest applied', async () => {
    await migrated('hk_gone');
    const report = await checker('hk_gone', 'two').check();
    expect(report.status).toBe('degraded');
    expect(report.migrations).toEqual({ latest: '0002_delta', pending: 0 });
    expect(report.error).toBe('1 applied migration(s) changed or missing on disk (cts-db validate)');
  });

  it('a dropped ledger: the ledger is critical even when not listed, every migration pending, latest null', async () => {
    await migrated('hk_led');
    await rawExec(target, ['DROP TABLE "hk_led_schema_migrations"']);
    const report = await checker('hk_led').check();
    expect(report).toStrictEqual({
      status: 'degraded',
      database: database(4, ['hk_led_schema_migrations']),
      prefix: 'hk_led',
      migrations: { latest: null, pending: 3 },
      error: 'critical tables missing: hk_led_schema_migrations; 3 migration(s) pending',
    });
  });

  it('tableCount counts only the listed tables of this prefix', async () => {
    await migrated('hk_cnt');
    await migrated('hk_cnt_other');
    expect((await checker('hk_cnt', 'three', { tables: ['alpha', 'gamma'] }).check()).database.tableCount).toBe(2);
  });

  it('responseTime is the time the check took (never more than measured around it)', async () => {
    await migrated('hk_time');
    const c = checker('hk_time');
    const t0 = performance.now();
    const report = await c.check();
    const around = performance.now() - t0;
    expect(Number.parseInt(report.database.responseTime, 10)).toBeLessThanOrEqual(Math.ceil(around) + 1);
  });

  it('several missing critical tables are listed, comma-separated', async () => {
    await migrated('hk_two');
    await rawExec(target, ['DROP TABLE "hk_two_alpha"', 'DROP TABLE "hk_two_gamma"']);
    const report = await checker('hk_two', 'three', { criticalTables: ['alpha', 'gamma'] }).check();
    expect(report.database.criticalTables).toEqual({ total: 3, existing: 1, missing: ['hk_two_alpha', 'hk_two_gamma'] });
    expect(report.error).toBe('critical tables missing: hk_two_alpha, hk_two_gamma');
  });

  it('latest is the applied migration furthest in the current journal, not the last ledger row', async () => {
    await migrated('hk_swap', 'two');
    // The same two files, listed the other way round (as after a bad merge of the journal).
    const root = join(dir.path, 'swapped');
    await writeMigrationFolder(root, folder, [MIGRATIONS[1], MIGRATIONS[0]].filter((m) => m !== undefined));
    const report = await checker('hk_swap', 'three', { migrationsRoot: root }).check();
    expect(report.migrations).toEqual({ latest: '0000_alpha', pending: 0 });
  });

  it('a journal rotated after applying (gamma, delta, alpha): latest is alpha, the furthest in it now', async () => {
    await migrated('hk_rot');
    const root = join(dir.path, 'rotated');
    await writeMigrationFolder(root, folder, [MIGRATIONS[1], MIGRATIONS[2], MIGRATIONS[0]].filter((m) => m !== undefined));
    expect((await checker('hk_rot', 'three', { migrationsRoot: root }).check()).migrations).toEqual({ latest: '0000_alpha', pending: 0 });
  });

  it('an applied migration missing from the journal ahead of the others: latest is still the furthest applied', async () => {
    await migrated('hk_first');
    const root = join(dir.path, 'without-alpha');
    await writeMigrationFolder(root, folder, MIGRATIONS.slice(1));
    const report = await checker('hk_first', 'three', { migrationsRoot: root }).check();
    expect(report.status).toBe('degraded');
    expect(report.migrations).toEqual({ latest: '0002_delta', pending: 0 });
    expect(report.error).toBe('1 applied migration(s) changed or missing on disk (cts-db validate)');
  });

  it('close() and a later check() open the connection again', async () => {
    await migrated('hk_close');
    const c = checker('hk_close');
    expect((await c.check()).status).toBe('healthy');
    await c.close();
    expect((await c.check()).status).toBe('healthy');
  });
});

describe('health checker when the database cannot be reached', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await createTempDir('cts-health-down');
  });
  afterAll(() => dir.cleanup());

  it('SQLite file missing: unhealthy, unknowns null, one line of error with its code; the same checker is healthy once the database exists', async () => {
    const path = join(dir.path, 'later.db');
    const config = resolveConfig({ env: { SQLITE_DB_PATH: path, DB_PREFIX: 'hk_down' }, configFile: false });
    const c = createHealthChecker(config);
    try {
      const t0 = performance.now();
      const report = await c.check();
      const around = performance.now() - t0;
      expect(Number.parseInt(report.database.responseTime, 10)).toBeLessThanOrEqual(Math.ceil(around) + 1);
      // The first line of the error (its hint stays out), naming the file.
      expect(report.error).toContain(path);
      expect(report).toStrictEqual({
        status: 'unhealthy',
        database: { type: 'sqlite', connected: false, responseTime: expect.stringMatching(/^\d+ms$/), tableCount: null, criticalTables: { total: manifest.criticalTables.length + 1, existing: null, missing: null } },
        prefix: 'hk_down',
        migrations: { latest: null, pending: null },
        error: expect.stringMatching(/^[^\n]+$/),
        errorCode: expect.stringMatching(/^[A-Z_]+$/),
      });
      expect(report.errorCode).not.toBe('HEALTH_CHECK_FAILED');
      expect((await migrate(config)).ok).toBe(true);
      const after = await c.check();
      expect(after.status).toBe('healthy');
      expect(after.database.tableCount).toBe(manifest.tableCount);
    } finally {
      await c.close();
    }
  });

  it('PostgreSQL refused: CONNECTION_REFUSED, and the password appears nowhere in the report', async () => {
    const config = resolveConfig({ env: { DATABASE_URL: 'postgres://cts_user:s3cret-Pw@127.0.0.1:1/cts', DB_PREFIX: 'hk_pg', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false });
    const c = createHealthChecker(config);
    try {
      const report = await c.check();
      expect(report.status).toBe('unhealthy');
      expect(report.errorCode).toBe('CONNECTION_REFUSED');
      expect(report.database.connected).toBe(false);
      expect(JSON.stringify(report)).not.toContain('s3cret-Pw');
      const status = await c.migrationStatus();
      expect(status.success).toBe(false);
      expect(JSON.stringify(status)).not.toContain('s3cret-Pw');
    } finally {
      await c.close();
    }
  });
});

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('migration status report on $label (the package migrations)', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(() => target?.cleanup());
  const categories = (prefix: string, missing: readonly string[] = []) =>
    Object.fromEntries(
      Object.entries(manifest.categories).map(([category, names]) => {
        const gone = names.filter((n) => missing.includes(n)).map((n) => `${prefix}_${n}`);
        return [category, { expected: names.length, existing: names.length - gone.length, missing: gone }];
      }),
    );
  const tags = committedTags(dialect);
  const status = async (prefix: string) => {
    const c = createHealthChecker(target.config(prefix));
    try {
      return await c.migrationStatus();
    } finally {
      await c.close();
    }
  };

  it('before any migration of this prefix: pending, nothing applied, every table missing', async () => {
    // The database exists (another prefix lives in it); this prefix has nothing yet.
    expect((await migrate(target.config('ms_other'))).ok).toBe(true);
    expect(await status('ms_new')).toStrictEqual({
      success: true,
      database: { type: dialect, connected: true },
      migrations: { total: tags.length, applied: [], pending: tags },
      tables: { total: manifest.tableCount, expected: manifest.tableCount, existing: 0, categories: categories('ms_new', manifest.tables.map((t) => t.name)) },
      status: 'pending',
      prefix: 'ms_new',
    });
  });

  it('migrated: complete, each applied migration with its time and checksum ok', async () => {
    expect((await migrate(target.config('ms_done'))).ok).toBe(true);
    expect(await status('ms_done')).toStrictEqual({
      success: true,
      database: { type: dialect, connected: true },
      migrations: { total: tags.length, applied: tags.map((tag) => ({ tag, appliedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), executionMs: expect.any(Number), checksum: 'ok' })), pending: [] },
      tables: { total: manifest.tableCount, expected: manifest.tableCount, existing: manifest.tableCount, categories: categories('ms_done') },
      status: 'complete',
      prefix: 'ms_done',
    });
  });

  it('a table dropped after migrating: pending, with the table named in its category', async () => {
    expect((await migrate(target.config('ms_drop'))).ok).toBe(true);
    await rawExec(target, ['DROP TABLE "ms_drop_site_logs"']);
    const report = await status('ms_drop');
    expect(report.status).toBe('pending');
    expect(report.success).toBe(true);
    expect(report.tables.existing).toBe(manifest.tableCount - 1);
    expect(report.tables.categories).toEqual(categories('ms_drop', ['site_logs']));
  });

  it('an applied migration changed: error, success false, checksum changed; one that left the journal: missing-file', async () => {
    expect((await migrate(target.config('ms_chg'))).ok).toBe(true);
    await rawExec(target, [`UPDATE "ms_chg_schema_migrations" SET checksum = 'tampered'`]);
    const changed = await status('ms_chg');
    expect(changed).toMatchObject({ success: false, status: 'error', error: 'an applied migration was changed or removed: run cts-db validate' });
    expect(changed.migrations.applied.map((a) => [a.tag, a.checksum])).toEqual(tags.map((tag) => [tag, 'changed']));
    await rawExec(target, [`UPDATE "ms_chg_schema_migrations" SET tag = '0000_elsewhere' WHERE tag = '0000_init'`]);
    const gone = await status('ms_chg');
    expect(gone.migrations.applied.map((a) => [a.tag, a.checksum])).toEqual([['0000_elsewhere', 'missing-file'], ...tags.slice(1).map((tag) => [tag, 'changed'])]);
    expect(gone.migrations.pending).toEqual(['0000_init']);
    expect(gone.status).toBe('error');
  });

  it('unreachable: error, nothing applied, everything pending and missing', async () => {
    const config = dialect === 'sqlite'
      ? resolveConfig({ env: { SQLITE_DB_PATH: join(target.sqlitePath ?? '', '..', 'absent.db'), DB_PREFIX: 'ms_down' }, configFile: false })
      : resolveConfig({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cts', DB_PREFIX: 'ms_down', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false });
    const c = createHealthChecker(config);
    try {
      expect(await c.migrationStatus()).toStrictEqual({
        success: false,
        database: { type: dialect, connected: false },
        migrations: { total: tags.length, applied: [], pending: tags },
        tables: { total: manifest.tableCount, expected: manifest.tableCount, existing: 0, categories: categories('ms_down', manifest.tables.map((t) => t.name)) },
        status: 'error',
        prefix: 'ms_down',
        error: expect.stringMatching(/^[^\n]+$/),
      });
    } finally {
      await c.close();
    }
  });
});

describe('health checker on PostgreSQL: which URL, replicas, secrets, connections', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
    expect((await migrate(target.config('hq'))).ok).toBe(true);
  }, 60_000);
  afterAll(() => target?.cleanup());
  const url = () => target.pg?.url ?? '';

  it('checks through DATABASE_URL (what the app uses), not the direct URL of migrations', async () => {
    const c = createHealthChecker(target.config('hq', { DATABASE_URL_UNPOOLED: 'postgres://postgres@127.0.0.1:1/nowhere', DB_CONNECT_TIMEOUT_MS: '2000' }));
    try {
      expect((await c.check()).status).toBe('healthy');
    } finally {
      await c.close();
    }
  });

  itNeedsServer('lists each replica: a refused one leaves the status alone, one not in recovery (here the primary itself) makes it degraded; unloadable migrations still give a report', async () => {
    const refused = createHealthChecker(target.config('hq', { DATABASE_REPLICA_URLS: 'postgres://postgres@127.0.0.1:1/gone', DB_CONNECT_TIMEOUT_MS: '2000' }));
    try {
      const report = await refused.check();
      expect([report.status, report.error]).toEqual(['healthy', undefined]);
      expect(report.replicas).toEqual([
        { target: '127.0.0.1:1/gone', reachable: false, standby: null, lagMs: null, lagBytes: null, migration: null, matchesPrimary: null, error: expect.any(String), errorCode: 'CONNECTION_REFUSED' },
      ]);
    } finally {
      await refused.close();
    }
    const replicas = `postgres://postgres@127.0.0.1:1/gone,${url()}`;
    const c = createHealthChecker(target.config('hq', { DATABASE_REPLICA_URLS: replicas, DB_CONNECT_TIMEOUT_MS: '2000' }));
    try {
      const report = await c.check();
      expect([report.status, report.error]).toEqual(['degraded', 'replica 2 is not in recovery (promoted): it is not read']);
      expect(report.replicas).toEqual([
        { target: '127.0.0.1:1/gone', reachable: false, standby: null, lagMs: null, lagBytes: null, migration: null, matchesPrimary: null, error: expect.any(String), errorCode: 'CONNECTION_REFUSED' },
        {
          target: expect.stringMatching(/^127\.0\.0\.1:\d+\//),
          reachable: true,
          standby: false,
          lagMs: null,
          lagBytes: null,
          migration: latestTag('postgresql'),
          matchesPrimary: true,
          errorCode: 'REPLICA_PROMOTED',
          error: 'not in recovery: promoted (or a primary), so it is not read',
        },
      ]);
    } finally {
      await c.close();
    }
    const broken = createHealthChecker(target.config('hq', { DATABASE_REPLICA_URLS: url() }), { migrationsRoot: '/nonexistent/migrations' });
    try {
      const report = await broken.check();
      expect(report.status).toBe('unhealthy');
      // The replica is still read: its newest migration by journal index (no journal to place it in).
      expect(report.replicas).toEqual([expect.objectContaining({ reachable: true, migration: latestTag('postgresql'), matchesPrimary: false })]);
    } finally {
      await broken.close();
    }
  });

  itNeedsServer('the password never appears, even where the server repeats it (a database named like the password)', async () => {
    const secret = 'Zq9sEcretPw';
    const base = new URL(url());
    base.username = 'postgres';
    base.password = secret;
    base.pathname = `/${secret}`;
    const c = createHealthChecker(target.config('hq', { DATABASE_URL: base.toString(), DB_CONNECT_TIMEOUT_MS: '2000' }));
    try {
      const report = await c.check();
      expect(report.errorCode).toBe('CONNECTION_DATABASE_MISSING');
      expect(report.error).toContain('***');
      expect(JSON.stringify(report)).not.toContain(secret);
    } finally {
      await c.close();
    }
  });

  itNeedsServer('close() ends the connection it kept open', async () => {
    const others = async () =>
      Number((await queryTarget<{ n: string }>(target, "select count(*)::text as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"))[0]?.n);
    const before = await others();
    const c = createHealthChecker(target.config('hq'));
    await c.check();
    expect(await others()).toBe(before + 1);
    await c.close();
    await expect.poll(others, { timeout: 5_000 }).toBe(before);
  });

  it('migration status: pending when the ledger lost a row although every table exists', async () => {
    expect((await migrate(target.config('hs'))).ok).toBe(true);
    await rawExec(target, ['DELETE FROM "hs_schema_migrations"']);
    const c = createHealthChecker(target.config('hs'));
    try {
      const status = await c.migrationStatus();
      expect(status).toMatchObject({ success: true, status: 'pending', migrations: { applied: [], pending: committedTags('postgresql') }, tables: { existing: manifest.tableCount } });
    } finally {
      await c.close();
    }
  });

  it('migration status with migrations that cannot be loaded: a report with none, not a throw', async () => {
    const c = createHealthChecker(target.config('hq'), { migrationsRoot: '/nonexistent/migrations' });
    try {
      const status = await c.migrationStatus();
      expect(status.migrations.total).toBe(0);
      expect(status.migrations.applied.map((a) => [a.tag, a.checksum])).toEqual(committedTags('postgresql').map((tag) => [tag, 'missing-file']));
    } finally {
      await c.close();
    }
  });
});

describe('healthErrorCode', () => {
  it("a toolkit error's own code, a driver's connection code, else HEALTH_CHECK_FAILED", () => {
    expect(healthErrorCode(new NamingError('x', { code: 'NAMING_EMPTY', subject: 's', hint: 'h' }))).toBe('NAMING_EMPTY');
    expect(healthErrorCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('CONNECTION_REFUSED');
    expect(healthErrorCode(new Error('something else'))).toBe('HEALTH_CHECK_FAILED');
    expect(healthErrorCode('not even an Error')).toBe('HEALTH_CHECK_FAILED');
  });
});
