import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, rollbackMigrations } from '../../src/migrate/index.js';
import { createMigrationTarget, writeMigrationFolder, type MigrationTarget } from '../support/migration-fixtures.js';
import { rawExec } from '../support/raw-sql.js';
import { queryTarget } from '../support/target-query.js';
import { postgresMode } from '../support/test-postgres.js';
import { createTempDir } from '../support/temp-dir.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

interface Step {
  readonly tag: string;
  readonly sql: string;
  readonly down: string;
}

const rebuild = (columns: string, copied: string) =>
  [
    'PRAGMA foreign_keys=OFF;',
    `CREATE TABLE \`__new_orders\` (${columns});`,
    `INSERT INTO \`__new_orders\`(${copied}) SELECT ${copied} FROM \`orders\`;`,
    'DROP TABLE `orders`;',
    'ALTER TABLE `__new_orders` RENAME TO `orders`;',
    'PRAGMA foreign_keys=ON;',
  ].join('\n--> statement-breakpoint\n');

// A rollback is judged by what it would lose in the state each statement meets (its dry run), not by the
// words it contains: a lossy narrowing needs --yes; a SQLite rebuild that keeps every row and value does not.
describe.each(DIALECTS)('rollbacks that would lose values, on $label', ({ dialect }) => {
  let target: MigrationTarget;
  const dirs: { cleanup(): Promise<void> }[] = [];
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  const prepare = async (prefix: string, steps: readonly Step[], rows: string) => {
    const dir = await createTempDir('cts-rollback-loss');
    dirs.push(dir);
    await writeMigrationFolder(dir.path, folder, steps);
    await mkdir(join(dir.path, folder, 'down'), { recursive: true });
    for (const s of steps) await writeFile(join(dir.path, folder, 'down', `${s.tag}.sql`), s.down);
    const options = { migrationsRoot: dir.path, criticalTables: [] as string[] };
    expect(await migrate(target.config(prefix), options)).toMatchObject({ ok: true, applied: steps.length });
    await rawExec(target, `insert into ${prefix}_orders values ${rows}`);
    return options;
  };
  const ledger = async (prefix: string) => (await queryTarget<{ tag: string }>(target, `select tag from ${prefix}_schema_migrations order by journal_idx`)).map((r) => r.tag);

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(async () => {
    await target?.cleanup();
    for (const d of dirs) await d.cleanup();
  });

  if (dialect === 'postgresql') {
    it('rolling back a widened decimal that now holds more digits: --plan and the rollback refuse with MIGRATION_DATA_LOSS naming the values; --yes rounds them', async () => {
      const options = await prepare(
        'rl_w',
        [
          { tag: '0000_orders', sql: 'CREATE TABLE orders (id text PRIMARY KEY, price numeric(18, 8));\n', down: 'DROP TABLE orders;\n' },
          { tag: '0001_widen', sql: 'ALTER TABLE orders ALTER COLUMN price SET DATA TYPE numeric(24, 10);\n', down: 'ALTER TABLE orders ALTER COLUMN price SET DATA TYPE numeric(18, 8);\n' },
        ],
        "('1', 1.5), ('2', 2.1234567891), ('3', null)",
      );
      const message =
        'rolling back 0001_widen would change 1 value(s) of rl_w_orders.price from numeric(24,10) to numeric(18, 8): 2.1234567891 -> 2.12345679\n' +
        '  hint: back up first (cts-db backup), then confirm with --yes; prefix rl_w';
      for (const plan of [true, false]) {
        const refused = await rollbackMigrations(target.config('rl_w'), { ...options, plan });
        expect([refused.ok, refused.rolledBack, refused.error?.code, refused.error?.message]).toEqual([false, [], 'MIGRATION_DATA_LOSS', message]);
      }
      expect(await ledger('rl_w')).toEqual(['0000_orders', '0001_widen']);
      expect(await queryTarget<{ p: string }>(target, "select cast(price as text) as p from rl_w_orders where id = '2'")).toEqual([{ p: '2.1234567891' }]);
      expect(await rollbackMigrations(target.config('rl_w'), { ...options, yes: true })).toMatchObject({ ok: true, rolledBack: ['0001_widen'] });
      expect(await queryTarget<{ p: string }>(target, "select cast(price as text) as p from rl_w_orders order by id")).toEqual([{ p: '1.50000000' }, { p: '2.12345679' }, { p: null }]);
    });

    it('a narrowing rollback whose values all fit needs no --yes', async () => {
      const options = await prepare(
        'rl_f',
        [
          { tag: '0000_orders', sql: 'CREATE TABLE orders (id text PRIMARY KEY, price numeric(18, 8));\n', down: 'DROP TABLE orders;\n' },
          { tag: '0001_widen', sql: 'ALTER TABLE orders ALTER COLUMN price SET DATA TYPE numeric(24, 10);\n', down: 'ALTER TABLE orders ALTER COLUMN price SET DATA TYPE numeric(18, 8);\n' },
        ],
        "('1', 1.5), ('2', 2.12345678)",
      );
      expect(await rollbackMigrations(target.config('rl_f'), options)).toMatchObject({ ok: true, rolledBack: ['0001_widen'] });
      expect(await queryTarget<{ p: string }>(target, 'select cast(price as text) as p from rl_f_orders order by id')).toEqual([{ p: '1.50000000' }, { p: '2.12345678' }]);
    });
  }

  if (dialect === 'sqlite') {
    const BASE = 'id text PRIMARY KEY NOT NULL, side text, note text';
    it('a rebuild that keeps every row and value rolls back without --yes, rows identical', async () => {
      const options = await prepare(
        'rl_k',
        [
          { tag: '0000_orders', sql: `CREATE TABLE orders (${BASE});\n`, down: 'DROP TABLE orders;\n' },
          { tag: '0001_check', sql: rebuild(`${BASE}, CONSTRAINT ck_side CHECK(side IN ('long', 'short'))`, '"id", "side", "note"'), down: rebuild(BASE, '"id", "side", "note"') },
        ],
        "('1', 'long', 'a'), ('2', 'short', null), ('3', null, 'c')",
      );
      const before = await queryTarget(target, 'select id, side, note from rl_k_orders order by id');
      expect(await rollbackMigrations(target.config('rl_k'), options)).toMatchObject({ ok: true, rolledBack: ['0001_check'] });
      expect(await queryTarget(target, 'select id, side, note from rl_k_orders order by id')).toEqual(before);
      expect(await ledger('rl_k')).toEqual(['0000_orders']);
    });

    it('a rebuild that leaves out a column holding values needs --yes, and says which; one holding only NULLs does not', async () => {
      const steps = [
        { tag: '0000_orders', sql: `CREATE TABLE orders (${BASE});\n`, down: 'DROP TABLE orders;\n' },
        { tag: '0001_extra', sql: 'ALTER TABLE orders ADD COLUMN extra text;\n', down: rebuild(BASE, '"id", "side", "note"') },
      ];
      const lossy = await prepare('rl_d', steps, "('1', 'long', 'a', 'kept?'), ('2', 'short', null, null)");
      for (const plan of [true, false]) {
        const refused = await rollbackMigrations(target.config('rl_d'), { ...lossy, plan });
        expect([refused.ok, refused.rolledBack, refused.error?.code, refused.error?.message.split('\n')[0]]).toEqual([
          false,
          [],
          'MIGRATION_DATA_LOSS',
          'rolling back 0001_extra would drop column rl_d_orders.extra (the table is rebuilt without it), which holds 1 value(s)',
        ]);
      }
      expect(await queryTarget(target, 'select extra from rl_d_orders order by id')).toEqual([{ extra: 'kept?' }, { extra: null }]);
      expect(await rollbackMigrations(target.config('rl_d'), { ...lossy, yes: true })).toMatchObject({ ok: true, rolledBack: ['0001_extra'] });

      const empty = await prepare('rl_n', steps, "('1', 'long', 'a', null)");
      expect(await rollbackMigrations(target.config('rl_n'), empty)).toMatchObject({ ok: true, rolledBack: ['0001_extra'] });
      expect(await queryTarget(target, 'select id, side, note from rl_n_orders')).toEqual([{ id: '1', side: 'long', note: 'a' }]);
    });

    it('a down rebuild whose copy the restored CHECK refuses fails before anything is rolled back, naming the rows', async () => {
      const options = await prepare(
        'rl_c',
        [
          { tag: '0000_orders', sql: `CREATE TABLE orders (${BASE}, CONSTRAINT ck_side CHECK(side IN ('long', 'short')));\n`, down: 'DROP TABLE orders;\n' },
          { tag: '0001_widen', sql: rebuild(`${BASE}, CONSTRAINT ck_side CHECK(side IN ('long', 'short', 'flat'))`, '"id", "side", "note"'), down: rebuild(`${BASE}, CONSTRAINT ck_side CHECK(side IN ('long', 'short'))`, '"id", "side", "note"') },
        ],
        "('1', 'flat', null), ('2', 'long', null)",
      );
      const refused = await rollbackMigrations(target.config('rl_c'), { ...options, plan: true });
      expect([refused.ok, refused.error?.code, refused.error?.message.split('\n').slice(0, 2)]).toEqual([
        false,
        'MIGRATION_DATA_CONFLICT',
        ['the data would make a rollback statement fail; nothing was run:', '  0001_widen statement 3: 1 row(s) of rl_c_orders fail CHECK rl_c_ck_side (side): flat (1 rows)'],
      ]);
      expect(await ledger('rl_c')).toEqual(['0000_orders', '0001_widen']);
    });
  }

  const PLAIN = { tag: '0000_orders', sql: 'CREATE TABLE orders (id text PRIMARY KEY NOT NULL, side text);\n', down: 'DROP TABLE orders;\n' };

  it('a down file whose UNIQUE index the data refuses: --plan and the rollback refuse with the duplicate keys, nothing rolled back', async () => {
    const options = await prepare(
      'rl_u',
      [PLAIN, { tag: '0001_index', sql: 'CREATE INDEX idx_side ON orders (side);\n', down: 'DROP INDEX idx_side;\n--> statement-breakpoint\nCREATE UNIQUE INDEX idx_side ON orders (side);\n' }],
      "('1', 'long'), ('2', 'long'), ('3', 'short'), ('4', null), ('5', null)",
    );
    for (const plan of [true, false]) {
      const refused = await rollbackMigrations(target.config('rl_u'), { ...options, plan });
      expect([refused.ok, refused.rolledBack, refused.error?.code, refused.error?.message.split('\n').slice(0, 2)]).toEqual([
        false,
        [],
        'MIGRATION_DATA_CONFLICT',
        ['the data would make a rollback statement fail; nothing was run:', '  0001_index statement 2: 1 duplicate key(s) in rl_u_orders (side) for a UNIQUE index or constraint: long (2 rows)'],
      ]);
    }
    expect(await ledger('rl_u')).toEqual(['0000_orders', '0001_index']);
  });

  it("a down file that reaches another prefix's table is refused with MIGRATION_PREFIX_VIOLATION, and the other prefix keeps its rows", async () => {
    await prepare('rl_b', [PLAIN], "('b1', 'long')");
    const options = await prepare('rl_a', [PLAIN, { tag: '0001_note', sql: 'ALTER TABLE orders ADD COLUMN note text;\n', down: 'DROP TABLE rl_b_orders;\n' }], "('a1', 'short', null)");
    for (const plan of [true, false]) {
      const refused = await rollbackMigrations(target.config('rl_a'), { ...options, plan });
      expect([refused.ok, refused.rolledBack, refused.error?.code, refused.error?.subject]).toEqual([false, [], 'MIGRATION_PREFIX_VIOLATION', expect.stringContaining('rl_b_orders')]);
    }
    expect(await queryTarget(target, 'select id, side from rl_b_orders')).toEqual([{ id: 'b1', side: 'long' }]);
    expect(await ledger('rl_a')).toEqual(['0000_orders', '0001_note']);
  });
});
