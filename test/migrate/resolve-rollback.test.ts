import { cp, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { queryTarget } from '../support/target-query.js';
import { postgresMode } from '../support/test-postgres.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

describe.each(DIALECTS)('db:resolve and db:rollback on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let copy: { root: string; cleanup: () => Promise<void> };
  const prefix = 'rs';
  const run = (script: string, args: string[] = []) => runScriptIn(copy.root, script, args, { ...target.env, DB_PREFIX: prefix });
  const tags = committedTags(dialect);
  const feature = nextTag(dialect, 'feature_notes');
  const ledger = async () => (await queryTarget<{ tag: string; applied_by: string }>(target, `select tag, applied_by from ${prefix}_schema_migrations order by journal_idx`)).map((r) => `${r.tag} ${r.applied_by}`);

  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    copy = await copyRepo();
    // A feature branch: one custom migration with its hand-written reverse.
    expect((await runScriptIn(copy.root, 'db-migrate-create.ts', ['feature_notes'])).code).toBe(0);
    for (const folder of ['pg', 'sqlite'] as const) {
      await appendFile(join(copy.root, 'drizzle', folder, `${nextTag(folder, 'feature_notes')}.sql`), 'CREATE TABLE feature_notes (id text PRIMARY KEY, note text);\n');
      await writeFile(join(copy.root, 'drizzle', folder, 'down', `${nextTag(folder, 'feature_notes')}.sql`), 'DROP TABLE feature_notes;\n');
    }
    expect((await runScriptIn(copy.root, 'db-generate.ts')).code).toBe(0);
    expect((await run('db-migrate.ts')).stdout).toContain(`applied ${tags.length + 1} migration(s)`);
  }, 120_000);
  afterAll(async () => {
    await target.cleanup();
    await copy.cleanup();
  });

  it('rollback checks every step before undoing any: refused for the oldest step, nothing rolled back; --plan prints the down SQL', async () => {
    await queryTarget(target, `insert into ${prefix}_users (id, username, password_hash) values ('u1', 'alice', 'h')`);
    // Every step back to an empty database: the feature migration first, 0000_init (which drops rs_users) last.
    const steps = String(tags.length + 1);
    const plan = await run('db-rollback.ts', ['--steps', steps, '--plan', '--yes']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(new RegExp(`^-- undo ${feature} \\(.*${feature}\\.sql.*\\)\\nDROP TABLE rs_feature_notes;\\n`));
    expect(plan.stdout.match(/^-- undo \S+/gm)).toEqual([feature, ...tags.toReversed()].map((tag) => `-- undo ${tag}`));
    expect(plan.stdout).toMatch(dialect === "postgresql" ? /DROP TABLE "rs_users" CASCADE;/ : /DROP TABLE `rs_users`;/);
    const refused = await run('db-rollback.ts', ['--steps', steps]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/rolling back 0000_init would drop table rs_users, which holds 1 row\(s\)/);
    expect(refused.stdout).not.toContain('rolled back');
    expect((await ledger()).map((l) => l.split(' ')[0])).toEqual([...tags, feature]);
  }, 60_000);

  it('after switching branches (an applied migration left the journal), db:resolve --rolled-back forgets it; --applied records one', async () => {
    // Back on main: drizzle/ and generated/ without the feature migration.
    for (const folder of ['drizzle', 'generated']) {
      await rm(join(copy.root, folder), { recursive: true, force: true });
      await cp(join(REPO_ROOT, folder), join(copy.root, folder), { recursive: true });
    }
    const stuck = await run('db-migrate.ts');
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toContain(`[MIGRATION_APPLIED_MISSING] migration ${feature}`);

    const unconfirmed = await run('db-resolve.ts', ['--rolled-back', feature]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain(`error [OPS_NOT_CONFIRMED] db:resolve would remove ${feature} from the ledger`);
    expect(unconfirmed.stderr).toContain('confirm with --yes');
    expect(await ledger()).toHaveLength(tags.length + 1);

    const resolved = await run('db-resolve.ts', ['--rolled-back', feature, '--yes']);
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toMatch(new RegExp(`^resolved ${feature} as rolled-back on .* \\(by .+ via db:resolve at \\d{4}-.*\\); no schema change was made`));
    expect((await run('db-migrate.ts')).stdout).toContain(`already up to date; ${tags.length} in total`);

    // The other direction: forget every migration, then record each as applied again (their tables are all there).
    for (const tag of tags.toReversed()) expect((await run('db-resolve.ts', ['--rolled-back', tag, '--yes'])).code).toBe(0);
    expect(await ledger()).toEqual([]);
    for (const tag of tags) {
      const applied = await run('db-resolve.ts', ['--applied', tag, '--yes', '--json']);
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, action: 'applied', tag });
    }
    expect(await ledger()).toEqual(tags.map((tag) => expect.stringMatching(new RegExp(`^${tag} .+ via db:resolve$`))));
    expect((await run('db-validate.ts')).code).toBe(0);
    const again = await run('db-resolve.ts', ['--applied', '0000_init', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[MIGRATION_RESOLVE_INVALID] migration 0000_init is already recorded as applied');
  }, 120_000);
});
