import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags, latestTag } from '../support/committed-migrations.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { createTempDir } from '../support/temp-dir.js';
import { itNeedsServer } from '../support/test-postgres.js';

/**
 * Smoke runs, as processes, of the commands and flags no other test runs for real: db:baseline, db:repair,
 * db:migrate --tx all, db:reset under NODE_ENV=production with --force-production, db:setup:prefix. Each
 * asserts the exit code and the key line of the output.
 */
const script = (name: string) => join(REPO_ROOT, 'scripts', `${name}.ts`);


describe.each([{ dialect: 'sqlite' as const }, { dialect: 'postgresql' as const }])('smoke runs on $dialect', ({ dialect }) => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    dir = await createTempDir('cts-smoke');
  });
  afterAll(async () => {
    await target.cleanup();
    await dir.cleanup();
  });
  // PGlite serves one session at a time; these run many processes one after another against a real server.
  const run = dialect === 'sqlite' ? it : itNeedsServer;
  const env = (prefix: string) => ({ ...target.env, DB_PREFIX: prefix, DB_CONFIG_FILE: join(dir.path, 'none.json') });
  const tags = committedTags(dialect);
  const latest = latestTag(dialect);

  run('db:migrate --tx all applies the batch; a database whose ledger was dropped gets MIGRATION_LEDGER_MISSING, db:baseline records it, db:migrate is then up to date', async () => {
    const all = await runScriptIn(dir.path, script('db-migrate'), ['--tx', 'all'], env('sm_base'));
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`applied ${tags.length} migration(s); ${tags.length} in total`);
    await rawExec(target, 'DROP TABLE "sm_base_schema_migrations"');
    const refused = await runScriptIn(dir.path, script('db-migrate'), [], env('sm_base'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [MIGRATION_LEDGER_MISSING]');
    expect(refused.stderr).toContain('pnpm db:baseline --to');
    const baseline = await runScriptIn(dir.path, script('db-baseline'), ['--to', latest], env('sm_base'));
    expect(baseline.stderr).toBe('');
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toContain(`recorded ${tags.length} migration(s) as applied up to ${latest}; no SQL was run`);
    const again = await runScriptIn(dir.path, script('db-migrate'), [], env('sm_base'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already up to date');
  }, 120_000);

  run('db:repair --dry-run shows the plan for a dropped index and changes nothing (exit 1); db:repair adds it (exit 0)', async () => {
    expect((await runScriptIn(dir.path, script('db-migrate'), [], env('sm_rep'))).code).toBe(0);
    await rawExec(target, 'DROP INDEX "sm_rep_idx_usr_role"');
    const dry = await runScriptIn(dir.path, script('db-repair'), ['--dry-run'], env('sm_rep'));
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/repair plan \(1 statement\(s\)\), not applied \(--dry-run\):\n {2}CREATE INDEX .*sm_rep_idx_usr_role/);
    const repaired = await runScriptIn(dir.path, script('db-repair'), [], env('sm_rep'));
    expect(repaired.stderr).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/after repair: .*matches the schema/);
  }, 120_000);

  run('db:reset under NODE_ENV=production runs only with --force-production, and drops exactly this prefix', async () => {
    expect((await runScriptIn(dir.path, script('db-migrate'), [], env('sm_reset'))).code).toBe(0);
    const refused = await runScriptIn(dir.path, script('db-reset'), ['--yes', '--no-backup'], { ...env('sm_reset'), NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error [OPS_PRODUCTION_GUARD]');
    const forced = await runScriptIn(dir.path, script('db-reset'), ['--yes', '--no-backup', '--force-production'], { ...env('sm_reset'), NODE_ENV: 'production' });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('dropped 32 tables of prefix sm_reset');
  }, 120_000);
});

describe('db:setup:prefix (the configuration only)', () => {
  it('writes the configuration file and touches no database', async () => {
    const dir = await createTempDir('cts-smoke-prefix');
    try {
      const run = await runScriptIn(dir.path, script('db-setup'), ['--config-only', '--yes', '--project-name', 'Smoke Prefix'], {
        SQLITE_DB_PATH: join(dir.path, 'never.db'),
        DATABASE_URL: '',
        DB_CONFIG_FILE: '',
        PROJECT_NAME: '',
        DB_PREFIX: '',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`wrote ${join(dir.path, 'data', 'db-config.json')}`);
      expect(JSON.parse(await readFile(join(dir.path, 'data', 'db-config.json'), 'utf8'))).toMatchObject({ projectName: 'Smoke Prefix', dbPrefix: 'smoke_prefix' });
      expect(existsSync(join(dir.path, 'never.db'))).toBe(false);
    } finally {
      await dir.cleanup();
    }
  });
});
