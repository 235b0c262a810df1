import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, resolveMigration, rollbackMigrations } from '../../src/migrate/index.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { queryTarget } from '../support/target-query.js';
import { postgresMode } from '../support/test-postgres.js';
import { createTempDir } from '../support/temp-dir.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

// After a merge, the journal can list migrations in another order than their tags: 0002_late was merged first,
// and 0001_merged (written on a branch earlier, merged later) builds on it. Journal order is the order; each of
// these tests fails if the runner, the rollback or db:resolve goes by tags, skips a check, or picks the newest row.
const MIGRATIONS = [
  { tag: '0000_base', sql: 'CREATE TABLE base_t (id text PRIMARY KEY);\n' },
  { tag: '0002_late', sql: 'CREATE TABLE late_t (id text PRIMARY KEY, note text);\n' },
  { tag: '0001_merged', sql: 'CREATE INDEX idx_merged ON late_t (note);\n' },
];
const DOWN: Record<string, string> = { '0000_base': 'DROP TABLE base_t;\n', '0002_late': 'DROP TABLE late_t;\n', '0001_merged': 'DROP INDEX idx_merged;\n' };

describe.each(DIALECTS)('a journal whose order is not its tags\' on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup(): Promise<void> };
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  const ledger = async (prefix: string) =>
    (await queryTarget<{ tag: string; journal_idx: number | string }>(target, `select tag, journal_idx from ${prefix}_schema_migrations order by applied_at, journal_idx`)).map((r) => [r.tag, Number(r.journal_idx)]);
  const options = () => ({ migrationsRoot: dir.path, criticalTables: [] as string[] });

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    dir = await createTempDir('cts-order');
    await writeMigrationFolder(dir.path, folder, MIGRATIONS);
    await mkdir(join(dir.path, folder, 'down'), { recursive: true });
    for (const [tag, sql] of Object.entries(DOWN)) await writeFile(join(dir.path, folder, 'down', `${tag}.sql`), sql);
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
    await dir?.cleanup();
  });

  it('applies them in journal order (by tags, the index would come before its table and fail)', async () => {
    const result = await migrate(target.config('ord_a'), options());
    expect(result.error).toBeUndefined();
    expect(result.results.map((r) => [r.tag, r.status])).toEqual([
      ['0000_base', 'applied'],
      ['0002_late', 'applied'],
      ['0001_merged', 'applied'],
    ]);
    expect(await ledger('ord_a')).toEqual([
      ['0000_base', 0],
      ['0002_late', 1],
      ['0001_merged', 2],
    ]);
  });

  it('db:rollback checks the checksums first: an applied file edited since is refused and nothing is undone', async () => {
    expect((await migrate(target.config('ord_b'), options())).ok).toBe(true);
    const file = join(dir.path, folder, '0001_merged.sql');
    const original = await readFile(file, 'utf8');
    await writeFile(file, 'CREATE INDEX idx_merged ON late_t (note, id);\n');
    try {
      const back = await rollbackMigrations(target.config('ord_b'), { ...options(), steps: 1 });
      expect([back.ok, back.error?.code, back.error?.subject]).toEqual([false, 'MIGRATION_CHECKSUM_MISMATCH', file]);
      expect(back.rolledBack).toEqual([]);
      expect(await ledger('ord_b')).toEqual([
        ['0000_base', 0],
        ['0002_late', 1],
        ['0001_merged', 2],
      ]);
    } finally {
      await writeFile(file, original);
    }
    // With the file as it was applied, the newest by journal (0001_merged) is the one undone.
    const back = await rollbackMigrations(target.config('ord_b'), { ...options(), steps: 1 });
    expect([back.ok, back.rolledBack]).toEqual([true, ['0001_merged']]);
  });

  it('db:resolve --rolled-back removes the named row, not the newest', async () => {
    expect((await migrate(target.config('ord_c'), options())).ok).toBe(true);
    const resolved = await resolveMigration(target.config('ord_c'), { ...options(), rolledBack: '0000_base' });
    expect([resolved.ok, resolved.action, resolved.tag]).toEqual([true, 'rolled-back', '0000_base']);
    expect(await ledger('ord_c')).toEqual([
      ['0002_late', 1],
      ['0001_merged', 2],
    ]);
  });
});
