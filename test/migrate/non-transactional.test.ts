import { createHash } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, writeMigrationFolder, type FixtureMigration, type MigrationTarget } from '../support/migration-fixtures.js';
import { createTempDir } from '../support/temp-dir.js';
import { itNeedsServer } from '../support/test-postgres.js';

const BASE: FixtureMigration[] = [
  { tag: '0000_items', sql: 'CREATE TABLE "nt_items" ("id" integer PRIMARY KEY, "note" text);\n--> statement-breakpoint\nINSERT INTO "nt_items" SELECT g, \'n\' || (g % 7) FROM generate_series(1, 2000) g;\n' },
];
const CONCURRENT: FixtureMigration = {
  tag: '0001_note_index',
  sql: '-- cts:transaction none\nCREATE INDEX CONCURRENTLY "nt_items_note_idx" ON "nt_items" ("note");\n--> statement-breakpoint\nCOMMENT ON TABLE "nt_items" IS \'indexed\';\n--> statement-breakpoint\nCREATE UNIQUE INDEX CONCURRENTLY "nt_items_id_note_idx" ON "nt_items" ("id", "note");\n',
};
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('-- cts:transaction none on PostgreSQL', () => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  let admin: postgres.Sql;
  beforeAll(async () => {
    target = await createMigrationTarget('postgresql');
    dir = await createTempDir('cts-nt');
    admin = postgres(target.pg?.url ?? '', { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await target?.cleanup();
    await dir?.cleanup();
  });

  /** Indexes of the prefix with their validity, by name. */
  const indexes = async (prefix: string) =>
    (await admin.unsafe<{ name: string; valid: boolean }[]>(`select c.relname::text as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid where t.relname = $1 order by 1`, [`${prefix}_nt_items`])).map((r) => [r.name, r.valid]);
  const ledger = async (prefix: string) =>
    (await admin.unsafe<{ tag: string; checksum: string; statements_done: number | null }[]>(`select tag, checksum, statements_done from "${prefix}_schema_migrations" order by tag`)).map((r) => [r.tag, r.checksum, r.statements_done]);

  itNeedsServer('runs CREATE INDEX CONCURRENTLY statement by statement and records the migration once, with its checksum', async () => {
    const root = join(dir.path, 'a');
    await writeMigrationFolder(root, 'pg', [...BASE, CONCURRENT]);
    const result = await migrate(target.config('nta'), { migrationsRoot: root, criticalTables: [] });
    expect(result.error?.message).toBeUndefined();
    expect(result.results.map((r) => [r.tag, r.status])).toEqual([['0000_items', 'applied'], ['0001_note_index', 'applied']]);
    expect(await indexes('nta')).toEqual([['nta_nt_items_id_note_idx', true], ['nta_nt_items_note_idx', true], ['nta_nt_items_pkey', true]]);
    expect(await ledger('nta')).toEqual([['0000_items', sha(BASE[0]!.sql), null], ['0001_note_index', sha(CONCURRENT.sql), null]]);
  });

  itNeedsServer('an INVALID index it did not leave (no progress recorded) is refused, named with its fix; after the fix it is built', async () => {
    const root = join(dir.path, 'b');
    await writeMigrationFolder(root, 'pg', BASE);
    expect((await migrate(target.config('ntb'), { migrationsRoot: root, criticalTables: [] })).ok).toBe(true);
    // A failed CREATE UNIQUE INDEX CONCURRENTLY (duplicate notes) leaves its index INVALID.
    await expect(admin.unsafe('create unique index concurrently "ntb_nt_items_note_idx" on "ntb_nt_items" ("note")')).rejects.toThrow(/could not create unique index/);
    expect(await indexes('ntb')).toEqual([['ntb_nt_items_note_idx', false], ['ntb_nt_items_pkey', true]]);
    await writeMigrationFolder(root, 'pg', [...BASE, CONCURRENT]);
    const refused = await migrate(target.config('ntb'), { migrationsRoot: root, criticalTables: [] });
    expect(refused.error?.code).toBe('MIGRATION_INVALID_INDEX');
    expect(refused.error?.message).toBe(
      'migration 0001_note_index statement 1 would build index ntb_nt_items_note_idx, which exists on ntb_nt_items and is INVALID (pg_index.indisvalid = false): a CREATE INDEX CONCURRENTLY outside this migration failed or was interrupted\n  hint: drop it with DROP INDEX CONCURRENTLY "ntb_nt_items_note_idx"; then migrate again, which builds it',
    );
    await admin.unsafe('drop index concurrently "ntb_nt_items_note_idx"');
    const fixed = await migrate(target.config('ntb'), { migrationsRoot: root, criticalTables: [] });
    expect(fixed.error?.message).toBeUndefined();
    expect(await indexes('ntb')).toEqual([['ntb_nt_items_id_note_idx', true], ['ntb_nt_items_note_idx', true], ['ntb_nt_items_pkey', true]]);
  });

  itNeedsServer('a CONCURRENTLY statement that fails drops the INVALID index it left, keeps the progress, and the next run continues there', async () => {
    const root = join(dir.path, 'c');
    const failing: FixtureMigration = { tag: '0001_unique_note', sql: '-- cts:transaction none\nCREATE INDEX CONCURRENTLY "nt_items_note_idx" ON "nt_items" ("note");\n--> statement-breakpoint\nCREATE UNIQUE INDEX CONCURRENTLY "nt_items_unique_note_idx" ON "nt_items" ("note");\n' };
    await writeMigrationFolder(root, 'pg', [...BASE, failing]);
    const result = await migrate(target.config('ntc'), { migrationsRoot: root, criticalTables: [] });
    expect(result.error?.code).toBe('MIGRATION_FAILED');
    expect(result.error?.message.split('\n')[0]).toBe(
      'migration 0001_unique_note failed at statement 2 of 2 (' + join(root, 'pg', '0001_unique_note.sql') + ', run outside a transaction): could not create unique index "ntc_nt_items_unique_note_idx" (the INVALID index ntc_nt_items_unique_note_idx it left was dropped)',
    );
    expect(result.results.map((r) => [r.tag, r.status])).toEqual([['0000_items', 'applied'], ['0001_unique_note', 'failed']]);
    expect(await indexes('ntc')).toEqual([['ntc_nt_items_note_idx', true], ['ntc_nt_items_pkey', true]]);
    expect(await ledger('ntc')).toEqual([['0000_items', sha(BASE[0]!.sql), null], ['in-progress/0001_unique_note', sha(failing.sql), 1]]);
    // Fix the data; the next run does not build statement 1's index again, and finishes.
    await admin.unsafe('update "ntc_nt_items" set note = note || id');
    const rerun = await migrate(target.config('ntc'), { migrationsRoot: root, criticalTables: [] });
    expect(rerun.error?.message).toBeUndefined();
    expect(rerun.results.map((r) => [r.tag, r.status])).toEqual([['0000_items', 'already-applied'], ['0001_unique_note', 'applied']]);
    expect(await indexes('ntc')).toEqual([['ntc_nt_items_note_idx', true], ['ntc_nt_items_pkey', true], ['ntc_nt_items_unique_note_idx', true]]);
    expect(await ledger('ntc')).toEqual([['0000_items', sha(BASE[0]!.sql), null], ['0001_unique_note', sha(failing.sql), null]]);
  });

  itNeedsServer('a run killed during a CONCURRENTLY build (progress recorded, INVALID index left) heals it: drops it concurrently and builds it again', async () => {
    const root = join(dir.path, 'd');
    await writeMigrationFolder(root, 'pg', [...BASE, CONCURRENT]);
    expect((await migrate(target.config('ntd'), { migrationsRoot: root, criticalTables: [] })).ok).toBe(true);
    // The state a SIGKILL during statement 3 leaves (the acceptance test produces it with real kills):
    // statements 1 and 2 recorded, statement 3's index INVALID, the migration not applied.
    await admin.unsafe(`delete from "ntd_schema_migrations" where tag = '0001_note_index'`);
    await admin.unsafe(`insert into "ntd_schema_migrations" (tag, journal_idx, checksum, execution_ms, prefix, dialect, statements_done) values ('in-progress/0001_note_index', 1, $1, 5, 'ntd', 'postgresql', 2)`, [sha(CONCURRENT.sql)]);
    await admin.unsafe('drop index "ntd_nt_items_id_note_idx"');
    await admin.unsafe(`insert into "ntd_nt_items" values (100001, 'dup'), (100002, 'dup')`);
    await expect(admin.unsafe('create unique index concurrently "ntd_nt_items_id_note_idx" on "ntd_nt_items" ("note")')).rejects.toThrow(/could not create unique index/);
    await admin.unsafe(`delete from "ntd_nt_items" where id > 100000`);
    expect(await indexes('ntd')).toEqual([['ntd_nt_items_id_note_idx', false], ['ntd_nt_items_note_idx', true], ['ntd_nt_items_pkey', true]]);
    const rerun = await migrate(target.config('ntd'), { migrationsRoot: root, criticalTables: [] });
    expect(rerun.error?.message).toBeUndefined();
    // Statement 3's index was rebuilt with its own definition (id, note), not the one left behind (note).
    const [def] = await admin.unsafe<{ def: string }[]>(`select pg_get_indexdef('"ntd_nt_items_id_note_idx"'::regclass) as def`);
    expect(def?.def).toBe('CREATE UNIQUE INDEX ntd_nt_items_id_note_idx ON public.ntd_nt_items USING btree (id, note)');
    expect(await indexes('ntd')).toEqual([['ntd_nt_items_id_note_idx', true], ['ntd_nt_items_note_idx', true], ['ntd_nt_items_pkey', true]]);
    expect(await ledger('ntd')).toEqual([['0000_items', sha(BASE[0]!.sql), null], ['0001_note_index', sha(CONCURRENT.sql), null]]);
  });

  itNeedsServer('6 concurrent runs: the migration is applied by exactly one, the others wait for the lock and find it applied', async () => {
    const root = join(dir.path, 'f');
    await writeMigrationFolder(root, 'pg', BASE);
    expect((await migrate(target.config('ntf'), { migrationsRoot: root, criticalTables: [] })).ok).toBe(true);
    await writeMigrationFolder(root, 'pg', [...BASE, CONCURRENT]);
    const runs = await Promise.all(Array.from({ length: 6 }, () => migrate(target.config('ntf'), { migrationsRoot: root, criticalTables: [] })));
    for (const run of runs) expect(run.error?.message).toBeUndefined();
    expect(runs.map((r) => r.results.find((x) => x.tag === '0001_note_index')?.status).filter((s) => s === 'applied').length).toBe(1);
    expect(runs.map((r) => r.results.find((x) => x.tag === '0001_note_index')?.status).filter((s) => s === 'already-applied').length).toBe(5);
    expect(await indexes('ntf')).toEqual([['ntf_nt_items_id_note_idx', true], ['ntf_nt_items_note_idx', true], ['ntf_nt_items_pkey', true]]);
    expect(await ledger('ntf')).toEqual([['0000_items', sha(BASE[0]!.sql), null], ['0001_note_index', sha(CONCURRENT.sql), null]]);
  });

  itNeedsServer('refuses --tx all when a pending migration runs outside a transaction, before running anything', async () => {
    const root = join(dir.path, 'e');
    await writeMigrationFolder(root, 'pg', [...BASE, CONCURRENT]);
    const result = await migrate(target.config('nte'), { migrationsRoot: root, criticalTables: [], tx: 'all' });
    expect(result.error?.code).toBe('MIGRATION_NONTRANSACTIONAL_UNSUPPORTED');
    expect(result.error?.hint).toBe('migrate with --tx each (the default): every migration commits on its own, and this one statement by statement');
    const [row] = await admin.unsafe<{ t: string | null }[]>(`select to_regclass('"nte_nt_items"')::text as t`);
    expect(row?.t).toBeNull();
  });
});

describe('-- cts:transaction none on SQLite', () => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
    dir = await createTempDir('cts-nt-sqlite');
  });
  afterAll(async () => {
    await target?.cleanup();
    await dir?.cleanup();
  });

  it('runs the migration in one transaction like any other: applied when it succeeds, nothing of it kept when a statement fails', async () => {
    const root = join(dir.path, 'a');
    const applied: FixtureMigration = { tag: '0001_marked', sql: '-- cts:transaction none\nCREATE TABLE `nt_notes` (`id` integer PRIMARY KEY, `note` text);\n--> statement-breakpoint\nCREATE INDEX `nt_notes_note_idx` ON `nt_notes` (`note`);\n' };
    const failing: FixtureMigration = { tag: '0002_marked_failing', sql: '-- cts:transaction none\nCREATE TABLE `nt_more` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nCREATE INDEX `nt_more_missing_idx` ON `nt_more` (`missing`);\n' };
    await writeMigrationFolder(root, 'sqlite', [{ tag: '0000_items', sql: 'CREATE TABLE `nt_items` (`id` integer PRIMARY KEY, `note` text);\n' }, applied, failing]);
    const result = await migrate(target.config('nts'), { migrationsRoot: root, criticalTables: [] });
    expect(result.error?.code).toBe('MIGRATION_FAILED');
    expect(result.error?.message.split('\n')[0]).toBe(`migration 0002_marked_failing failed at statement 2 of 2 (${join(root, 'sqlite', '0002_marked_failing.sql')}): no such column: missing`);
    expect(result.results.map((r) => [r.tag, r.status])).toEqual([['0000_items', 'applied'], ['0001_marked', 'applied'], ['0002_marked_failing', 'failed']]);
    const db = new Database(target.sqlitePath ?? '');
    try {
      expect(db.prepare(`select name from sqlite_master where name like 'nts_%' order by name`).all()).toEqual([
        { name: 'nts_nt_items' },
        { name: 'nts_nt_notes' },
        { name: 'nts_nt_notes_note_idx' },
        { name: 'nts_schema_migrations' },
      ]);
      expect(db.prepare(`select tag from nts_schema_migrations order by tag`).all()).toEqual([{ tag: '0000_items' }, { tag: '0001_marked' }]);
    } finally {
      db.close();
    }
  });

  it('refuses the marker on a later line (it would not apply), on both engines alike', async () => {
    const root = join(dir.path, 'b');
    await writeMigrationFolder(root, 'sqlite', [{ tag: '0000_items', sql: 'CREATE TABLE `nt_items` (`id` integer PRIMARY KEY);\n-- cts:transaction none\n' }]);
    const result = await migrate(target.config('ntm'), { migrationsRoot: root, criticalTables: [] });
    expect(result.error?.code).toBe('MIGRATION_MARKER_INVALID');
    expect(result.error?.message).toBe(
      `migration 0000_items has "-- cts:transaction none" on a later line (${join(root, 'sqlite', '0000_items.sql')}); it only counts as the first line\n  hint: to run the migration outside a transaction, make "-- cts:transaction none" its first line (the only value); otherwise remove the comment`,
    );
  });
});
