import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, rollbackMigrations } from '../../src/migrate/index.js';
import { describeCatalog } from '../support/catalog.js';
import { nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';
import { postgresMode } from '../support/test-postgres.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

describe('rolling back a generated migration and migrating forward again', () => {
  let copy: { root: string; cleanup: () => Promise<void> };
  const targets = new Map<string, MigrationTarget>();
  const before = new Map<string, unknown>();
  beforeAll(async () => {
    copy = await copyRepo();
    for (const { dialect } of DIALECTS) {
      const target = await createMigrationTarget(dialect);
      targets.set(dialect, target);
      expect((await migrate(target.config('rb'), { migrationsRoot: join(copy.root, 'drizzle') })).ok).toBe(true);
      before.set(dialect, await describeCatalog(target, 'rb'));
    }
    // A schema change: a column and an index, then a generated migration (with its down file).
    const file = join(copy.root, 'schema', 'connections.ts');
    const source = await readFile(file, 'utf8');
    await writeFile(
      file,
      source
        .replace('    exchange: col.text().notNull(),\n', '    exchange: col.text().notNull(),\n    accountLabel: col.text(),\n')
        .replace("    { name: 'idx_exc_exchange', columns: ['exchange'] },", "    { name: 'idx_exc_exchange', columns: ['exchange'] },\n    { name: 'idx_exc_label', columns: ['accountLabel'] },"),
    );
    const generate = await runScriptIn(copy.root, 'db-generate.ts', ['--name', 'account_label']);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain(`wrote down migration drizzle/pg/down/${nextTag('pg', 'account_label')}.sql`);
    expect(generate.stdout).toContain(`wrote down migration drizzle/sqlite/down/${nextTag('sqlite', 'account_label')}.sql`);
  }, 120_000);
  afterAll(async () => {
    for (const t of targets.values()) await t.cleanup();
    await copy.cleanup();
  });

  it.each(DIALECTS)('gives back the same catalog on $label', async ({ dialect }) => {
    const target = targets.get(dialect)!;
    const root = join(copy.root, 'drizzle');
    const forward = await migrate(target.config('rb'), { migrationsRoot: root });
    expect(forward).toMatchObject({ ok: true, applied: 1 });
    const after = await describeCatalog(target, 'rb');
    expect(JSON.stringify(after)).toContain('rb_idx_exc_label');
    expect(after).not.toEqual(before.get(dialect));

    const back = await rollbackMigrations(target.config('rb'), { migrationsRoot: root, steps: 1 });
    expect(back).toMatchObject({ ok: true, rolledBack: [nextTag(dialect, 'account_label')] });
    expect(await describeCatalog(target, 'rb')).toEqual(before.get(dialect));

    expect(await migrate(target.config('rb'), { migrationsRoot: root })).toMatchObject({ ok: true, applied: 1 });
    expect(await describeCatalog(target, 'rb')).toEqual(after);
  }, 60_000);
});

describe.each(DIALECTS)('rollback guards on $label', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  });
  afterAll(() => target.cleanup());

  it('a custom migration without a hand-written down file blocks the rollback with a clear error', async () => {
    const { createTempDir } = await import('../support/temp-dir.js');
    const dir = await createTempDir('cts-rollback');
    try {
      const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
      await writeMigrationFolder(dir.path, folder, [
        { tag: '0000_users', sql: "CREATE TABLE users (id TEXT PRIMARY KEY);\nINSERT INTO users (id) VALUES ('u0');\n" },
        { tag: '0001_backfill', sql: "INSERT INTO users (id) VALUES ('u1');\n" },
      ]);
      const options = { migrationsRoot: dir.path, criticalTables: [] };
      expect((await migrate(target.config('guard'), options)).ok).toBe(true);
      const blocked = await rollbackMigrations(target.config('guard'), options);
      expect(blocked.ok).toBe(false);
      expect(blocked.error?.message).toContain(join(dir.path, folder, 'down', '0001_backfill.sql'));
      expect(blocked.error?.hint).toMatch(/write its reverse by hand/);
      // With a hand-written down file it works; dropping a table that holds rows then needs --yes.
      await (await import('node:fs/promises')).mkdir(join(dir.path, folder, 'down'), { recursive: true });
      await writeFile(join(dir.path, folder, 'down', '0001_backfill.sql'), "DELETE FROM users WHERE id = 'u1';\n");
      await writeFile(join(dir.path, folder, 'down', '0000_users.sql'), 'DROP TABLE users;\n');
      expect(await rollbackMigrations(target.config('guard'), options)).toMatchObject({ ok: true, rolledBack: ['0001_backfill'] });
      await migrate(target.config('guard'), options);
      // Every step is tried first, in the state the steps before it leave (u1 gone, u0 still there): refused
      // for the second step, so not even the first one is undone.
      const lossy = await rollbackMigrations(target.config('guard'), { ...options, steps: 2 });
      expect(lossy.rolledBack).toEqual([]);
      expect(lossy.error?.message).toContain('rolling back 0000_users would drop table guard_users, which holds 1 row(s)');
      const to = await rollbackMigrations(target.config('guard'), { ...options, to: '0000_users' });
      expect(to.rolledBack).toEqual(['0001_backfill']);
      expect(await rollbackMigrations(target.config('guard'), { ...options, yes: true })).toMatchObject({ ok: true, rolledBack: ['0000_users'] });
    } finally {
      await dir.cleanup();
    }
  });
});
