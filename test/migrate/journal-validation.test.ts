import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';
import { queryTarget } from '../support/target-query.js';
import { postgresMode } from '../support/test-postgres.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

interface Journal {
  entries: { idx: number; tag: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

/**
 * Edits the journal of one dialect folder only: the commands check all of drizzle/ (the embedded set holds both
 * dialects), so the other folder stays intact and the error named is this dialect's.
 */
async function editJournal(root: string, folder: 'pg' | 'sqlite', change: (journal: Journal) => void): Promise<void> {
  const file = join(root, 'drizzle', folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(file, 'utf8')) as Journal;
  change(journal);
  await writeFile(file, JSON.stringify(journal, null, 2));
}

describe.each(DIALECTS)('journal and migration-file checks on $label: each a coded error, exit 1, nothing applied', ({ dialect }) => {
  let target: MigrationTarget;
  let copy: { root: string; cleanup: () => Promise<void> };
  let n = 0;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  });
  afterAll(() => target.cleanup());
  afterEach(() => copy.cleanup());
  const tags = committedTags(dialect);
  const fresh = async () => {
    copy = await copyRepo();
    n += 1;
    return `jv${n}`;
  };
  const run = (script: string, prefix: string, args: string[] = []) => runScriptIn(copy.root, script, args, { ...target.env, DB_PREFIX: prefix });
  const tablesOf = async (prefix: string) =>
    (
      await queryTarget<{ name: string }>(
        target,
        target.pg !== undefined ? `select relname::text as name from pg_class where relkind = 'r' and relname like '${prefix}\\_%'` : `select name from sqlite_master where type = 'table' and name like '${prefix}\\_%' escape '\\'`,
      )
    ).map((r) => r.name);

  it('a duplicated tag: MIGRATION_DUPLICATE_TAG from db:migrate, db:validate and db:check', async () => {
    const prefix = await fresh();
    await editJournal(copy.root, target.folder, (j) => j.entries.push({ ...(j.entries[0] as Journal['entries'][number]), idx: j.entries.length }));
    const migrate = await run('db-migrate.ts', prefix);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toMatch(new RegExp(`^error \\[MIGRATION_DUPLICATE_TAG\\] migration tag 0000_init appears twice in the journal \\(entries 0 and ${tags.length}\\)`));
    expect(await tablesOf(prefix)).toEqual([]);
    const validate = await run('db-validate.ts', prefix);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('MIGRATION_DUPLICATE_TAG');
    const check = await runScriptIn(copy.root, 'db-check.ts');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('[MIGRATION_DUPLICATE_TAG]');
  }, 60_000);

  it('an entry without its file: MIGRATION_FILE_MISSING; a file without an entry: MIGRATION_FILE_UNLISTED', async () => {
    const prefix = await fresh();
    await rm(join(copy.root, 'drizzle', target.folder, '0000_init.sql'));
    const missing = await run('db-migrate.ts', prefix);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error \[MIGRATION_FILE_MISSING\] migration 0000_init is in the journal but its file .*0000_init\.sql cannot be read/);
    expect(await tablesOf(prefix)).toEqual([]);
    await copy.cleanup();

    const other = await fresh();
    const orphan = nextTag(dialect, 'orphan');
    await writeFile(join(copy.root, 'drizzle', target.folder, `${orphan}.sql`), 'CREATE INDEX idx_orphan ON users (username);\n');
    const unlisted = await run('db-migrate.ts', other);
    expect(unlisted.code).toBe(1);
    expect(unlisted.stderr).toMatch(new RegExp(`^error \\[MIGRATION_FILE_UNLISTED\\] migration file .*${orphan}\\.sql is not in the journal`));
    expect(await tablesOf(other)).toEqual([]);
    const check = await runScriptIn(copy.root, 'db-check.ts');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('[MIGRATION_FILE_UNLISTED]');
  }, 60_000);

  it('a snapshot removed: db:check names the file with MIGRATION_SNAPSHOT_MISSING and how to restore it, never UNEXPECTED', async () => {
    await fresh();
    const snapshot = join('drizzle', target.folder, 'meta', '0000_snapshot.json');
    await rm(join(copy.root, snapshot));
    const check = await runScriptIn(copy.root, 'db-check.ts');
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('UNEXPECTED');
    expect(check.stdout).toContain(`- [journal/${target.folder}] [MIGRATION_SNAPSHOT_MISSING] the snapshot of migration 0 is missing: ${join(copy.root, snapshot)}\n  fix: restore it from git (git checkout -- ${snapshot}); never write it by hand\n`);
  }, 180_000);

  it('applied migrations listed in another order: MIGRATION_HISTORY_ORDER (renumbered) or MIGRATION_JOURNAL_INVALID (moved)', async () => {
    const prefix = await fresh();
    // Two new migrations; their tags follow each dialect's committed ones.
    const created: string[] = [];
    for (const name of ['first_step', 'second_step']) {
      const next = { pg: nextTag('pg', name, copy.root), sqlite: nextTag('sqlite', name, copy.root) };
      created.push(next[target.folder]);
      expect((await runScriptIn(copy.root, 'db-migrate-create.ts', [name])).code).toBe(0);
      for (const folder of ['pg', 'sqlite'] as const) await appendFile(join(copy.root, 'drizzle', folder, `${next[folder]}.sql`), `UPDATE system_settings SET description = '${name}' WHERE key = 'none';\n`);
    }
    const [first, second] = created;
    expect((await runScriptIn(copy.root, 'db-generate.ts')).code).toBe(0);
    const applied = await run('db-migrate.ts', prefix);
    expect(applied.stdout).toContain(`applied ${tags.length + 2} migration(s)`);
    // Moved: the two new entries swap places but keep their idx, so the journal itself is visibly out of order.
    await editJournal(copy.root, target.folder, (j) => j.entries.push(...j.entries.splice(-2, 2).reverse()));
    const moved = await run('db-validate.ts', prefix);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(new RegExp(`^error \\[MIGRATION_JOURNAL_INVALID\\] .*entry ${second} at position ${tags.length} with idx ${tags.length + 1}`));
    expect((await runScriptIn(copy.root, 'db-check.ts')).stdout).toContain('[MIGRATION_JOURNAL_INVALID]');
    // Renumbered as well (and re-embedded): only the ledger knows, and the runner compares with it.
    await editJournal(copy.root, target.folder, (j) => j.entries.forEach((e, i) => (e.idx = i)));
    // db:generate refuses to embed a hand-edited journal while drizzle/migrations.sum records the old one;
    // without the sum (a repository that bypasses it) only the ledger is left to notice.
    expect((await runScriptIn(copy.root, 'db-generate.ts')).stderr).toContain('[MIGRATION_SUM_MISMATCH]');
    await rm(join(copy.root, 'drizzle', 'migrations.sum'));
    expect((await runScriptIn(copy.root, 'db-generate.ts')).code).toBe(0);
    for (const script of ['db-migrate.ts', 'db-validate.ts']) {
      const result = await run(script, prefix);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error \\[MIGRATION_HISTORY_ORDER\\] the journal lists applied migrations in a different order than they were applied: ${second} where the ledger has ${first}`));
    }
  }, 120_000);

  it('an empty migration (the unwritten template) is refused by db:migrate with nothing applied and flagged by db:check', async () => {
    const prefix = await fresh();
    const tag = nextTag(dialect, 'not_written');
    expect((await runScriptIn(copy.root, 'db-migrate-create.ts', ['not_written'])).code).toBe(0);
    const template = await readFile(join(copy.root, 'drizzle', target.folder, `${tag}.sql`), 'utf8');
    expect(template.endsWith('\n')).toBe(true);
    expect((await runScriptIn(copy.root, 'db-generate.ts')).code).toBe(0);
    const migrate = await run('db-migrate.ts', prefix);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toMatch(new RegExp(`^error \\[MIGRATION_EMPTY\\] migration ${tag} has no SQL statement`));
    expect(await tablesOf(prefix)).toEqual([]);
    const check = await runScriptIn(copy.root, 'db-check.ts');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('[MIGRATION_EMPTY] migrations with no SQL statement');
    expect(check.stdout).toContain(`drizzle/${target.folder}/${tag}.sql`);
  }, 60_000);

  it('tables without a ledger: MIGRATION_LEDGER_MISSING naming db:baseline, nothing applied', async () => {
    const prefix = await fresh();
    await queryTarget(target, `create table ${prefix}_system_settings (id text primary key)`);
    const migrate = await run('db-migrate.ts', prefix);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toMatch(/^error \[MIGRATION_LEDGER_MISSING\] tables of prefix jv\d+ exist \(jv\d+_system_settings\) but its ledger jv\d+_schema_migrations does not/);
    expect(migrate.stderr).toContain('pnpm db:baseline --to');
    // It lists what it knows: no migration ran.
    for (const tag of tags) expect(migrate.stdout).toContain(`not-run  ${tag}\n`);
    expect(await tablesOf(prefix)).toEqual([`${prefix}_system_settings`]);
    // Without a connection it knows nothing, and lists nothing (not every migration as not-run).
    const refused = await runScriptIn(copy.root, 'db-migrate.ts', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DB_PREFIX: prefix });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[CONNECTION_/);
    expect(refused.stdout).not.toContain('not-run');
  }, 60_000);
});
