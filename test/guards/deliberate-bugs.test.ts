import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairLive } from '../../src/drift/repair.js';
import { createHealthChecker } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { openMigrationDriver } from '../../src/migrate/open-driver.js';
import { backupDatabase, restoreDatabase } from '../../src/ops/index.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * One test per behaviour the README promises that a deliberate bug once broke without any test failing
 * (issue 16). Each name says which code it guards; each fails with that code broken on purpose.
 */


describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('guards on $label', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  });
  afterAll(() => target.cleanup());

  it('health reports degraded when an applied migration was changed (guards pendingOf().changed in health-checker.ts)', async () => {
    const config = target.config('hc');
    expect((await migrate(config)).ok).toBe(true);
    const checker = createHealthChecker(config);
    try {
      expect((await checker.check()).status).toBe('healthy');
      await rawExec(target, [`update "hc_schema_migrations" set checksum = 'tampered' where tag = '0000_init'`]);
      const report = await checker.check();
      expect(report.status).toBe('degraded');
      expect(report.error).toContain('1 applied migration(s) changed or missing on disk');
      expect(report.migrations.pending).toBe(0);
    } finally {
      await checker.close();
    }
  });

  it('health reports degraded with the count when a migration is pending (guards pendingOf().pending in health-checker.ts)', async () => {
    const config = target.config('hp');
    expect((await migrate(config)).ok).toBe(true);
    const checker = createHealthChecker(config);
    try {
      expect((await checker.check()).migrations.pending).toBe(0);
      await rawExec(target, [`delete from "hp_schema_migrations" where tag = '0000_init'`]);
      const report = await checker.check();
      expect(report.status).toBe('degraded');
      expect(report.migrations.pending).toBe(1);
      expect(report.error).toContain('1 migration(s) pending');
    } finally {
      await checker.close();
    }
  });

  // pg_dump/pg_restore need a real server: skipped with the reason printed on PGlite.
  (dialect === 'postgresql' ? itNeedsServer : it)('db:restore refuses a backup whose row counts differ and keeps the current rows (guards the OPS_RESTORE_MISMATCH check in restore.ts)', async () => {
    const config = target.config('rs');
    expect((await migrate(config)).ok).toBe(true);
    await rawExec(target, [`insert into "rs_system_settings" (id, key, value) values ('00000000-0000-4000-8000-000000000001', 'kept', '1')`]);
    const dir = await createTempDir('cts-guard-restore');
    try {
      const file = join(dir.path, dialect === 'sqlite' ? 'b.db' : 'b.dump');
      await backupDatabase(config, file);
      // The recorded counts no longer describe the file (a damaged or mixed-up backup).
      const counts = JSON.parse(await readFile(`${file}.json`, 'utf8')) as { counts: Record<string, number> };
      counts.counts.rs_system_settings = 7;
      await writeFile(`${file}.json`, JSON.stringify(counts));
      await rawExec(target, [`insert into "rs_system_settings" (id, key, value) values ('00000000-0000-4000-8000-000000000002', 'added after the backup', '2')`]);
      await expect(restoreDatabase(config, file)).rejects.toMatchObject({ code: 'OPS_RESTORE_MISMATCH' });
      if (dialect === 'sqlite') {
        // All or nothing: the rows written after the backup are still there.
        const db = new Database(target.sqlitePath as string);
        try {
          expect((db.prepare('select count(*) as n from "rs_system_settings"').get() as { n: number }).n).toBe(2);
        } finally {
          db.close();
        }
      }
    } finally {
      await dir.cleanup();
    }
  });
});

describe('guards on SQLite only', () => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
    dir = await createTempDir('cts-guard-sqlite');
  });
  afterAll(async () => {
    await target.cleanup();
    await dir.cleanup();
  });

  it('a migration that leaves rows without their parent is refused before commit (guards PRAGMA foreign_key_check in the SQLite runner)', async () => {
    await writeMigrationFolder(join(dir.path, 'fk'), 'sqlite', [
      { tag: '0000_tables', sql: 'CREATE TABLE `parents` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE `children` (`id` integer PRIMARY KEY, `parent_id` integer NOT NULL REFERENCES `parents`(`id`));' },
      // Foreign keys are off during a migration (a table rebuild needs that); the check before commit is what catches this.
      { tag: '0001_orphan', sql: 'INSERT INTO `children` (`id`, `parent_id`) VALUES (1, 999);' },
    ]);
    const config = target.config('fk');
    const result = await migrate(config, { migrationsRoot: join(dir.path, 'fk'), criticalTables: [] });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('MIGRATION_FOREIGN_KEY_VIOLATION');
    expect(result.results.map((r) => [r.tag, r.status])).toEqual([
      ['0000_tables', 'applied'],
      ['0001_orphan', 'failed'],
    ]);
    const db = new Database(target.sqlitePath as string);
    try {
      expect((db.prepare('select count(*) as n from "fk_children"').get() as { n: number }).n).toBe(0);
      expect((db.prepare('select tag from "fk_schema_migrations"').all() as { tag: string }[]).map((r) => r.tag)).toEqual(['0000_tables']);
    } finally {
      db.close();
    }
  });

  it('db:repair refuses a plan that would rebuild a table, and changes nothing (guards the destructive-plan check in repair.ts)', async () => {
    const config = target.config('rp');
    expect((await migrate(config)).ok).toBe(true);
    // The live table lost its primary key column: putting it back on SQLite means rebuilding the table.
    await rawExec(target, [
      'DROP TABLE "rp_system_settings"',
      'CREATE TABLE "rp_system_settings" ("key" text NOT NULL, "value" text NOT NULL, "category" text NOT NULL DEFAULT \'general\', "description" text, "is_secret" integer NOT NULL DEFAULT 0, "created_at" integer NOT NULL, "updated_at" integer NOT NULL)',
    ]);
    const ddl = () => {
      const db = new Database(target.sqlitePath as string);
      try {
        return db.prepare("select name, sql from sqlite_master where name like 'rp\\_%' escape '\\' or name like '\\_\\_new\\_%' escape '\\' order by name").all();
      } finally {
        db.close();
      }
    };
    const before = ddl();
    const driver = await openMigrationDriver(config, { lockTimeoutMs: 5_000, create: false });
    try {
      await expect(repairLive(driver, config)).rejects.toThrow(/the repair plan would drop or rebuild objects, which db:repair never does/);
    } finally {
      await driver.close();
    }
    expect(ddl()).toEqual(before);
  });
});
