import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, planMigrations } from '../../src/migrate/index.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { rawExec } from '../support/raw-sql.js';
import { queryTarget } from '../support/target-query.js';
import { postgresMode } from '../support/test-postgres.js';
import { createTempDir } from '../support/temp-dir.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

const BASE = { tag: '0000_base', sql: 'CREATE TABLE accounts (id text PRIMARY KEY, email text, parent_id text);\n' };

// A migration that fails on the data already there must be refused before anything runs, and --plan must say so.
describe.each(DIALECTS)('data-aware pre-checks on $label', ({ dialect }) => {
  let target: MigrationTarget;
  const dirs: { cleanup(): Promise<void> }[] = [];
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  const options = async (migrations: { tag: string; sql: string }[]) => {
    const dir = await createTempDir('cts-data-checks');
    dirs.push(dir);
    await writeMigrationFolder(dir.path, folder, migrations);
    return { migrationsRoot: dir.path, criticalTables: [] as string[] };
  };
  /** A database at 0000_base holding `rows`, and the options of a folder that adds `next`. */
  const prepared = async (prefix: string, rows: string, next: string) => {
    expect((await migrate(target.config(prefix), await options([BASE]))).ok).toBe(true);
    await rawExec(target, `insert into ${prefix}_accounts (id, email, parent_id) values ${rows}`);
    return options([BASE, { tag: '0001_next', sql: next }]);
  };
  const ledger = async (prefix: string) => (await queryTarget<{ tag: string }>(target, `select tag from ${prefix}_schema_migrations order by journal_idx`)).map((r) => r.tag);

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
    for (const d of dirs) await d.cleanup();
  });

  it('a UNIQUE index over duplicates: --plan names the keys with their counts, db:migrate refuses and runs nothing', async () => {
    const opts = await prepared('dc_u', `('1', 'a@x', null), ('2', 'a@x', null), ('3', 'a@x', null), ('4', 'b@x', null), ('5', 'b@x', null), ('6', 'c@x', null), ('7', null, null), ('8', null, null)`, 'CREATE UNIQUE INDEX idx_email ON accounts (email);\n');
    const plan = await planMigrations(target.config('dc_u'), opts);
    expect([plan.ok, plan.error?.code]).toEqual([false, 'MIGRATION_DATA_CONFLICT']);
    expect(plan.pending.map((p) => p.conflicts)).toEqual([
      [{ tag: '0001_next', statement: 0, kind: 'duplicates', table: 'dc_u_accounts', columns: ['email'], count: 2, examples: ['a@x (3 rows)', 'b@x (2 rows)'] }],
    ]);
    const run = await migrate(target.config('dc_u'), opts);
    expect([run.ok, run.applied, run.error?.code]).toEqual([false, 0, 'MIGRATION_DATA_CONFLICT']);
    expect(run.error?.message).toBe('the data would make a pending statement fail; nothing was run:\n  0001_next statement 1: 2 duplicate key(s) in dc_u_accounts (email) for a UNIQUE index or constraint: a@x (3 rows); b@x (2 rows)\n  hint: fix the data first (in a custom migration before this one, or by hand), or change the migration; `cts-db migrate --plan` lists the conflicts');
    expect(await ledger('dc_u')).toEqual(['0000_base']);
    // Once the data is fixed, the same migration applies.
    await rawExec(target, `update dc_u_accounts set email = id || '@y' where email in ('a@x', 'b@x')`);
    expect(await migrate(target.config('dc_u'), opts)).toMatchObject({ ok: true, applied: 1 });
  });

  it('a migration that fixes the data first and then adds the index is not refused: a statement after SQL that may change the table is not judged by the data there now', async () => {
    const opts = await prepared('dc_d', `('1', 'a@x', null), ('2', 'a@x', null), ('3', 'b@x', null)`, "DELETE FROM accounts WHERE id = '2';\n--> statement-breakpoint\nCREATE UNIQUE INDEX idx_email ON accounts (email);\n");
    expect((await planMigrations(target.config('dc_d'), opts)).pending.map((p) => p.conflicts)).toEqual([[]]);
    expect(await migrate(target.config('dc_d'), opts)).toMatchObject({ ok: true, applied: 1 });
    expect(await ledger('dc_d')).toEqual(['0000_base', '0001_next']);
  });

  // SQLite has no SET NOT NULL or ADD CONSTRAINT: drizzle-kit rebuilds the table, which these checks do not read yet.
  if (dialect === 'postgresql') it('SET NOT NULL over nulls, and a FOREIGN KEY over orphans: refused before anything runs', async () => {
    const notNull = await prepared('dc_n', `('1', 'a@x', null), ('2', null, null), ('3', null, null)`, 'ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n');
    const refusedNulls = await migrate(target.config('dc_n'), notNull);
    expect([refusedNulls.ok, refusedNulls.error?.code]).toEqual([false, 'MIGRATION_DATA_CONFLICT']);
    expect(refusedNulls.error?.message.split('\n')[1]).toBe('  0001_next statement 1: 2 row(s) of dc_n_accounts have email NULL, which SET NOT NULL refuses');
    expect(await ledger('dc_n')).toEqual(['0000_base']);

    const fk = await prepared('dc_f', `('1', 'a@x', null), ('2', 'b@x', '1'), ('3', 'c@x', 'ghost'), ('4', 'd@x', 'gone'), ('5', 'e@x', 'gone')`, 'ALTER TABLE accounts ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES accounts(id);\n');
    const plan = await planMigrations(target.config('dc_f'), fk);
    expect(plan.pending[0]?.conflicts).toEqual([{ tag: '0001_next', statement: 0, kind: 'orphans', table: 'dc_f_accounts', columns: ['parent_id'], count: 3, examples: ['ghost', 'gone'] }]);
    const refusedOrphans = await migrate(target.config('dc_f'), fk);
    expect([refusedOrphans.ok, refusedOrphans.error?.code]).toEqual([false, 'MIGRATION_DATA_CONFLICT']);
    expect(await ledger('dc_f')).toEqual(['0000_base']);
  });
});
