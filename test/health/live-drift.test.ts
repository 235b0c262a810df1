import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';


describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('live drift and repair on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let env: Record<string, string>;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    env = { ...target.env, DB_PREFIX: 'live' };
    expect((await migrate(target.config('live'))).ok).toBe(true);
    // Another instance whose prefix extends ours shares the database: its objects must be ignored.
    expect((await migrate(target.config('live_eu'))).ok).toBe(true);
  }, 60_000);
  afterAll(() => target.cleanup());

  it('is clean on a migrated database, even beside another prefix that starts with ours', async () => {
    const check = await runScriptIn(REPO_ROOT, 'db-check.ts', ['--live'], env);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('the live database matches the schema (31 tables)');
    expect(check.code).toBe(0);
  });

  it('names an index and a column dropped by hand; db:repair restores them and the check passes again', async () => {
    await rawExec(target, ['DROP INDEX live_idx_exc_exchange', 'ALTER TABLE live_exchange_connections DROP COLUMN api_passphrase', 'DROP INDEX live_eu_idx_exc_enabled']);
    const check = await runScriptIn(REPO_ROOT, 'db-check.ts', ['--live'], env);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('- missing-column live_exchange_connections.api_passphrase');
    expect(check.stdout).toContain('- missing-index live_exchange_connections.idx_exc_exchange');
    expect(check.stdout).not.toContain('live_eu');

    const repair = await runScriptIn(REPO_ROOT, 'db-repair.ts', [], env);
    expect(repair.stderr).toBe('');
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(/ALTER TABLE ["`]live_exchange_connections["`] ADD (COLUMN )?["`]api_passphrase["`] text;/);
    expect(repair.stdout).toMatch(/CREATE INDEX ["`]live_idx_exc_exchange["`]/);
    expect(repair.stdout).toContain('after repair: db:check --live');

    const again = await runScriptIn(REPO_ROOT, 'db-check.ts', ['--live'], env);
    expect(again.code).toBe(0);
    // The other instance's damage is its own business: still missing there.
    const other = await runScriptIn(REPO_ROOT, 'db-check.ts', ['--live'], { ...target.env, DB_PREFIX: 'live_eu' });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('- missing-index live_eu_exchange_connections.idx_exc_enabled');
  }, 60_000);

  it('reports destructive differences without applying them', async () => {
    await rawExec(target, ['ALTER TABLE live_presets ADD COLUMN hand_added text']);
    const repair = await runScriptIn(REPO_ROOT, 'db-repair.ts', [], env);
    expect(repair.code).toBe(1);
    expect(repair.stdout).toContain('- extra-column live_presets.hand_added [not repaired automatically]');
    expect(repair.stdout).toContain('repair plan: nothing to add');
  }, 30_000);
});
