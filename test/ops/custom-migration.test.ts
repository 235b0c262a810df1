import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { catalogNames } from '../support/catalog.js';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { copyRepo, runScriptIn } from '../support/repo-copy.js';

describe('pnpm db:migrate:create and db:setup:prefix', () => {
  let copy: { root: string; cleanup: () => Promise<void> };
  let target: MigrationTarget;
  beforeAll(async () => {
    copy = await copyRepo();
    target = await createMigrationTarget('sqlite');
  });
  afterAll(async () => {
    await copy.cleanup();
    await target.cleanup();
  });

  it('creates a custom migration in both folders; written with base names, it is applied with the prefix', async () => {
    const created = await runScriptIn(copy.root, 'db-migrate-create.ts', ['add_settings_index']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    for (const folder of ['pg', 'sqlite'] as const) {
      const file = `${nextTag(folder, 'add_settings_index')}.sql`;
      const files = await readdir(join(copy.root, 'drizzle', folder));
      expect(files).toContain(file);
      // The seed's style: bare base names, prefixed by the runner.
      await writeFile(join(copy.root, 'drizzle', folder, file), 'CREATE INDEX idx_sys_updated ON system_settings (updated_at);\n');
    }
    // Until db:generate embeds the written SQL, the drift check names the stale module.
    const stale = await runScriptIn(copy.root, 'db-check.ts');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('generated/migrations.ts: modified (it must embed drizzle/ exactly)');
    const generated = await runScriptIn(copy.root, 'db-generate.ts');
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('generated/migrations.ts: embedded the migrations of drizzle/');
    // An index that schema/ does not declare: replaying the migrations shows it on both dialects (the schema
    // would say otherwise, and the next generated migration would drop it).
    const check = await runScriptIn(copy.root, 'db-check.ts');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('[replay/pg] replaying drizzle/pg does not give the schema of schema/');
    expect(check.stdout).toContain('system_settings.idx_sys_updated (index or constraint): schema/ gives nothing, the migrations give "CREATE INDEX replay_idx_sys_updated ON public.replay_system_settings USING btree (updated_at)"');
    expect(check.stdout).toContain('[replay/sqlite] replaying drizzle/sqlite does not give the schema of schema/');
    const result = await migrate(target.config('cm'), { migrationsRoot: join(copy.root, 'drizzle') });
    const total = committedTags('sqlite').length + 1;
    expect(result).toMatchObject({ ok: true, applied: total });
    // The embedded copy, as the copy's own commands use it, is the same migration: nothing left to apply.
    const embedded = await runScriptIn(copy.root, 'db-migrate.ts', [], { ...target.env, DB_PREFIX: 'cm' });
    expect(embedded.stdout).toContain(`already up to date; ${total} in total`);
    const names = await catalogNames(target);
    expect(names).toContain('cm_idx_sys_updated');
    expect(names).not.toContain('idx_sys_updated');
  }, 90_000);

  it('rejects a name that is not a slug', async () => {
    const bad = await runScriptIn(copy.root, 'db-migrate-create.ts', ['Add Index']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error [CLI_INVALID_VALUE] the migration name must be a lowercase slug, got "Add Index"');
  });

  it('db:setup:prefix (--config-only) writes the configuration and nothing else', async () => {
    const run = await runScriptIn(copy.root, 'db-setup.ts', ['--yes', '--config-only', '--project-name', 'Production Bot'], target.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(copy.root, 'data', 'db-config.json'), 'utf8'))).toMatchObject({ projectName: 'Production Bot', dbPrefix: 'production_bot', users: { admin: 'production_bot_admin', app: 'production_bot_app' } });
    expect((await catalogNames(target)).some((n) => n.startsWith('production_bot_'))).toBe(false);
  }, 30_000);
});
