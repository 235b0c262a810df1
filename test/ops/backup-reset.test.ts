import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase } from '../../src/accessors/cts-database.js';
import { openAppDatabase, type AppDatabase } from '../../src/app-database.js';
import { migrate } from '../../src/migrate/index.js';
import { backupDatabase, resetPrefix, restoreDatabase } from '../../src/ops/index.js';
import { registerConnection, writeDirectionIndications } from '../../src/queries/trading-hot-paths.js';
import { catalogNames } from '../support/catalog.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';

/** Every row of every table of the prefix, in a stable order: the contents to compare. */
async function contents(app: AppDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [key, table] of Object.entries(app.tables)) {
    const rows = app.dialect === 'postgresql' ? await app.db.select().from(table as never) : await app.db.select().from(table as never);
    out[key] = (rows as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
  }
  return out;
}

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('backup, reset and restore on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    dir = await createTempDir('cts-backup');
    for (const prefix of ['ops', 'ops_eu']) expect((await migrate(target.config(prefix))).ok).toBe(true);
    for (const prefix of ['ops', 'ops_eu']) {
      const app = await openAppDatabase(target.config(prefix));
      const id = await registerConnection(ctsDatabase(app), { name: `${prefix} main`, exchange: 'bybit', volumeFactor: '1.23456789' });
      await writeDirectionIndications(ctsDatabase(app), Array.from({ length: 250 }, (_, i) => ({ connectionId: id, symbol: `S${i % 7}`, side: 'long' as const, strength: `${i}.5`, calculatedAt: new Date(1_700_000_000_000 + i) })));
      await app.close();
    }
  }, 60_000);
  afterAll(async () => {
    await target.cleanup();
    await dir.cleanup();
  });

  // pg_dump/pg_restore need a real server.
  (dialect === 'postgresql' ? itNeedsServer : it)('backup, reset, restore gives back identical row counts and contents; the other prefix is untouched', async () => {
    const app = await openAppDatabase(target.config('ops'));
    const before = await contents(app);
    await app.close();
    const file = join(dir.path, dialect === 'sqlite' ? 'ops.db' : 'ops.dump');
    const backup = await backupDatabase(target.config('ops'), file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(backup.counts.ops_indications_direction).toBe(250);
    expect(backup.counts.ops_exchange_connections).toBe(1);

    const catalogBefore = await catalogNames(target);
    const reset = await resetPrefix(target.config('ops'));
    expect(reset.dropped).toContain('ops_schema_migrations');
    const catalogAfter = await catalogNames(target);
    // Exactly this prefix's objects are gone; every object of ops_eu (which starts with "ops_") is still there.
    expect(catalogAfter.filter((n) => n.startsWith('ops_') && !n.startsWith('ops_eu_'))).toEqual([]);
    expect(catalogAfter).toEqual(catalogBefore.filter((n) => !n.startsWith('ops_') || n.startsWith('ops_eu_')));

    const restored = await restoreDatabase(target.config('ops'), file);
    expect(restored.counts).toEqual(backup.counts);
    const again = await openAppDatabase(target.config('ops'));
    expect(await contents(again)).toEqual(before);
    await again.close();
    expect((await migrate(target.config('ops'))).applied).toBe(0);
    const other = await openAppDatabase(target.config('ops_eu'));
    expect((await contents(other)).indicationsDirection).toHaveLength(250);
    await other.close();
  }, 60_000);

  it('db:reset refuses under NODE_ENV=production without --force-production, and without a terminal without --yes', async () => {
    const env = { ...target.env, DB_PREFIX: 'ops_eu' };
    const guarded = await runScriptIn(REPO_ROOT, 'db-reset.ts', ['--yes'], { ...env, NODE_ENV: 'production' });
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toContain('OPS_PRODUCTION_GUARD');
    const unconfirmed = await runScriptIn(REPO_ROOT, 'db-reset.ts', [], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('OPS_NOT_CONFIRMED');
    expect(await catalogNames(target)).toContain('ops_eu_exchange_connections');
  }, 30_000);
});
