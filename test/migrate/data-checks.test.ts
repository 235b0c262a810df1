import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, planMigrations } from '../../src/migrate/index.js';
import { holdsNoTables } from '../../src/migrate/data-checks.js';
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

  // An enumeration is a CHECK (col IN (...)) on both engines: narrowing it is DROP/ADD CONSTRAINT on
  // PostgreSQL and a table rebuild on SQLite (whose copy step would fail on the rows the new table refuses).
  const ORDERS =
    dialect === 'postgresql'
      ? "CREATE TABLE orders (id text PRIMARY KEY, side text, price numeric(24, 10), CONSTRAINT ck_side CHECK (side IN ('long', 'short', 'flat')));\n"
      : "CREATE TABLE orders (id text PRIMARY KEY NOT NULL, side text, price text, CONSTRAINT ck_side CHECK(side IN ('long', 'short', 'flat')));\n";
  const NARROWED =
    dialect === 'postgresql'
      ? "ALTER TABLE orders DROP CONSTRAINT ck_side;\n--> statement-breakpoint\nALTER TABLE orders ADD CONSTRAINT ck_side CHECK (side IN ('long', 'short'));\n"
      : [
          'PRAGMA foreign_keys=OFF;',
          "CREATE TABLE `__new_orders` (id text PRIMARY KEY NOT NULL, side text NOT NULL, price text, CONSTRAINT ck_side CHECK(side IN ('long', 'short')));",
          'INSERT INTO `__new_orders`("id", "side", "price") SELECT "id", "side", "price" FROM `orders`;',
          'DROP TABLE `orders`;',
          'ALTER TABLE `__new_orders` RENAME TO `orders`;',
          'PRAGMA foreign_keys=ON;',
        ].join('\n--> statement-breakpoint\n');
  const withOrders = async (prefix: string, rows: string, next: string) => {
    const base = { tag: '0000_orders', sql: ORDERS };
    expect((await migrate(target.config(prefix), await options([base]))).ok).toBe(true);
    await rawExec(target, `insert into ${prefix}_orders (id, side, price) values ${rows}`);
    return options([base, { tag: '0001_next', sql: next }]);
  };

  it('a narrowed enumeration: --plan names the rows the new CHECK refuses, db:migrate refuses and runs nothing; with the rows fixed it applies', async () => {
    const opts = await withOrders('dc_e', "('1', 'long', '1.5'), ('2', 'flat', '2'), ('3', 'flat', '3'), ('4', 'short', '4'), ('5', null, null)", NARROWED);
    const plan = await planMigrations(target.config('dc_e'), opts);
    const expected =
      dialect === 'postgresql'
        ? [{ tag: '0001_next', statement: 1, kind: 'check', table: 'dc_e_orders', columns: ['side'], constraint: 'dc_e_ck_side', count: 2, examples: ['flat (2 rows)'] }]
        : [
            { tag: '0001_next', statement: 2, kind: 'check', table: 'dc_e_orders', columns: ['side'], constraint: 'dc_e_ck_side', count: 2, examples: ['flat (2 rows)'] },
            { tag: '0001_next', statement: 2, kind: 'nulls', table: 'dc_e_orders', columns: ['side'], count: 1, examples: [], refusedBy: 'the NOT NULL column side of the rebuilt table' },
          ];
    expect(plan.pending.map((p) => p.conflicts)).toEqual([expected]);
    const run = await migrate(target.config('dc_e'), opts);
    expect([run.ok, run.applied, run.error?.code]).toEqual([false, 0, 'MIGRATION_DATA_CONFLICT']);
    expect(run.error?.message.split('\n').slice(0, 2)).toEqual([
      'the data would make a pending statement fail; nothing was run:',
      `  0001_next statement ${dialect === 'postgresql' ? 2 : 3}: 2 row(s) of dc_e_orders fail CHECK dc_e_ck_side (side): flat (2 rows)`,
    ]);
    expect(await ledger('dc_e')).toEqual(['0000_orders']);
    expect(await queryTarget<{ id: string; side: string | null }>(target, 'select id, side from dc_e_orders order by id')).toEqual([
      { id: '1', side: 'long' },
      { id: '2', side: 'flat' },
      { id: '3', side: 'flat' },
      { id: '4', side: 'short' },
      { id: '5', side: null },
    ]);
    await rawExec(target, "update dc_e_orders set side = 'short' where side = 'flat' or side is null");
    expect(await migrate(target.config('dc_e'), opts)).toMatchObject({ ok: true, applied: 1 });
  });

  if (dialect === 'postgresql') it('a narrowing type change: the values it would round, or the failure of values that do not fit, refused before anything runs', async () => {
    const narrow = 'ALTER TABLE orders ALTER COLUMN price SET DATA TYPE numeric(18, 8);\n';
    const opts = await withOrders('dc_t', "('1', 'long', 1.5), ('2', 'long', 2.1234567891), ('3', 'long', 3.10000000), ('4', 'long', 4.123456789), ('5', 'long', null)", narrow);
    const plan = await planMigrations(target.config('dc_t'), opts);
    expect(plan.pending.map((p) => p.conflicts)).toEqual([
      [{ tag: '0001_next', statement: 0, kind: 'narrowing', table: 'dc_t_orders', columns: ['price'], from: 'numeric(24,10)', to: 'numeric(18, 8)', count: 2, examples: ['2.1234567891 -> 2.12345679', '4.1234567890 -> 4.12345679'] }],
    ]);
    const run = await migrate(target.config('dc_t'), opts);
    expect([run.ok, run.applied, run.error?.code]).toEqual([false, 0, 'MIGRATION_DATA_CONFLICT']);
    expect(run.error?.message.split('\n').slice(0, 2)).toEqual([
      'the data would make a pending statement fail or lose values; nothing was run:',
      '  0001_next statement 1: 2 value(s) of dc_t_orders.price would change from numeric(24,10) to numeric(18, 8): 2.1234567891 -> 2.12345679; 4.1234567890 -> 4.12345679',
    ]);
    expect(await queryTarget<{ price: string }>(target, "select cast(price as text) as price from dc_t_orders where id = '2'")).toEqual([{ price: '2.1234567891' }]);

    const over = await withOrders('dc_o', "('1', 'long', 12345678901.5)", narrow);
    const refused = await migrate(target.config('dc_o'), over);
    expect([refused.ok, refused.error?.code]).toEqual([false, 'MIGRATION_DATA_CONFLICT']);
    expect(refused.error?.message.split('\n')[1]).toBe('  0001_next statement 1: values of dc_o_orders.price do not convert from numeric(24,10) to numeric(18, 8): numeric field overflow');
    expect(await ledger('dc_o')).toEqual(['0000_orders']);
  });

  if (dialect === 'sqlite') it('a rebuild whose copy would leave rows without their parent is refused before anything runs', async () => {
    const base = { tag: '0000_tree', sql: 'CREATE TABLE nodes (id text PRIMARY KEY NOT NULL, parent_id text);\n' };
    expect((await migrate(target.config('dc_r'), await options([base]))).ok).toBe(true);
    await rawExec(target, "insert into dc_r_nodes (id, parent_id) values ('a', null), ('b', 'a'), ('c', 'ghost'), ('d', 'ghost')");
    const rebuild = [
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE `__new_nodes` (id text PRIMARY KEY NOT NULL, parent_id text REFERENCES nodes(id));',
      'INSERT INTO `__new_nodes`("id", "parent_id") SELECT "id", "parent_id" FROM `nodes`;',
      'DROP TABLE `nodes`;',
      'ALTER TABLE `__new_nodes` RENAME TO `nodes`;',
      'PRAGMA foreign_keys=ON;',
    ].join('\n--> statement-breakpoint\n');
    const opts = await options([base, { tag: '0001_fk', sql: rebuild }]);
    expect((await planMigrations(target.config('dc_r'), opts)).pending.map((p) => p.conflicts)).toEqual([
      [{ tag: '0001_fk', statement: 2, kind: 'orphans', table: 'dc_r_nodes', columns: ['parent_id'], count: 2, examples: ['ghost'] }],
    ]);
    const run = await migrate(target.config('dc_r'), opts);
    expect([run.ok, run.applied, run.error?.code]).toEqual([false, 0, 'MIGRATION_DATA_CONFLICT']);
    expect(await ledger('dc_r')).toEqual(['0000_tree']);
  });
});

// A first deployment on a database without a single table skips the data checks (src/migrate/data-checks.ts):
// the test of that condition itself, on each engine.
describe.each(DIALECTS)('holdsNoTables on $label', ({ dialect }) => {
  it('true on a new database; false once any table exists, of any name (and on PostgreSQL in any schema)', async () => {
    const target = await createMigrationTarget(dialect);
    try {
      const reader = { dialect, query: async <T>(sql: string) => (await queryTarget(target, sql)) as T[] };
      expect(await holdsNoTables(reader)).toBe(true);
      if (dialect === 'postgresql') {
        await rawExec(target, ['create schema other_tool', 'create table other_tool.t (id int)']);
        expect(await holdsNoTables(reader)).toBe(false);
        await rawExec(target, 'drop schema other_tool cascade');
        expect(await holdsNoTables(reader)).toBe(true);
      }
      await rawExec(target, 'create table someone_elses (id int)');
      expect(await holdsNoTables(reader)).toBe(false);
    } finally {
      await target.cleanup();
    }
  });
});
