import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLive, formatLiveDrift, liveDrift, type LiveDifference, type LiveDriftReport } from '../../src/drift/live-drift.js';
import { manifest } from '../../generated/manifest.js';
import { resolveConfig } from '../../src/config/index.js';
import { migrate } from '../../src/migrate/index.js';
import { openMigrationDriver } from '../../src/migrate/open-driver.js';
import { rawExec } from '../support/raw-sql.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

/**
 * The live drift report difference by difference, in-process (test/health/live-drift.test.ts runs
 * db:check --live and db:repair as processes): each kind of change made behind the schema's back is
 * reported with its kind, object, expected and found values, and whether db:repair may fix it.
 */
describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('live drift report on $label', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
  }, 60_000);
  afterAll(() => target?.cleanup());
  const pg = dialect === 'postgresql';

  async function driftOf(prefix: string): Promise<LiveDriftReport> {
    const config = target.config(prefix);
    const driver = await openMigrationDriver(config, { create: false, lockTimeoutMs: 5_000 });
    try {
      return await liveDrift(driver, config);
    } finally {
      await driver.close();
    }
  }
  const migrated = async (prefix: string) => expect((await migrate(target.config(prefix))).ok).toBe(true);

  it('a migrated prefix matches, beside a prefix that extends it (with its own extra table)', async () => {
    await migrated('lr');
    await migrated('lr_eu');
    await rawExec(target, ['CREATE TABLE "lr_eu_notes" (id text primary key)', 'CREATE INDEX "lr_eu_idx_extra" ON "lr_eu_site_logs" (source)']);
    const report = await driftOf('lr');
    expect(report).toEqual({ ok: true, prefix: 'lr', dialect, differences: [] });
    expect(formatLiveDrift(report)).toBe(`db:check --live: ${dialect}, prefix lr: the live database matches the schema (31 tables)`);
  });

  it('additive differences: a dropped table, column, index and unique constraint, each named with what is expected', async () => {
    await migrated('la');
    await rawExec(target, [
      'DROP TABLE "la_statistics_daily"',
      'ALTER TABLE "la_site_logs" DROP COLUMN "error_stack"',
      'DROP INDEX "la_idx_slog_created"',
      pg ? 'ALTER TABLE "la_users" DROP CONSTRAINT "la_uq_usr_email"' : 'DROP INDEX "la_uq_usr_email"',
    ]);
    const report = await driftOf('la');
    expect(report.ok).toBe(false);
    expect([...report.differences].sort(byKey)).toEqual(
      [
        { kind: 'missing-table', table: 'statistics_daily', additive: true },
        { kind: 'missing-column', table: 'site_logs', object: 'error_stack', expected: 'text', additive: true },
        { kind: 'missing-index', table: 'site_logs', object: 'idx_slog_created', additive: true },
        { kind: 'missing-index', table: 'users', object: 'uq_usr_email', additive: true },
      ].sort(byKey),
    );
    expect(formatLiveDrift(report).split('\n')).toEqual([
      `db:check --live: ${dialect}, prefix la: 4 difference(s):`,
      ...report.differences.map((d) =>
        d.kind === 'missing-column' ? '- missing-column la_site_logs.error_stack (expected text, found -)' : `- ${d.kind} la_${d.table}${d.object === undefined ? '' : `.${d.object}`}`,
      ),
      '  fix: pnpm db:repair adds what is missing; other differences need a migration or a manual decision',
    ]);
  });

  it('differences db:repair must not touch: an extra table, column and index are reported as not additive', async () => {
    await migrated('lx');
    await rawExec(target, [
      'CREATE TABLE "lx_notes" (id text primary key)',
      'ALTER TABLE "lx_site_logs" ADD COLUMN "note" text',
      'CREATE INDEX "lx_idx_slog_note" ON "lx_site_logs" (note)',
    ]);
    const report = await driftOf('lx');
    expect([...report.differences].sort(byKey)).toEqual(
      [
        { kind: 'extra-table', table: 'notes', additive: false },
        { kind: 'extra-column', table: 'site_logs', object: 'note', additive: false },
        { kind: 'extra-index', table: 'site_logs', object: 'idx_slog_note', additive: false },
      ].sort(byKey),
    );
    const text = formatLiveDrift(report);
    expect(text).toContain('- extra-column lx_site_logs.note [not repaired automatically]');
    expect(text.split('\n').at(-1)).toBe('  fix: needs a migration or a manual decision');
  });

  // SQLite cannot change a column's type, nullability or default in place (a rebuild would be a new table).
  const onPostgres = (name: string, fn: () => Promise<void>) => (pg ? it(name, fn) : undefined);

  onPostgres('PostgreSQL: a changed type, nullability and default, each with the expected and the found value', async () => {
    await migrated('lt');
    await rawExec(target, [
      'ALTER TABLE "lt_site_logs" ALTER COLUMN "created_at" TYPE timestamp(6) with time zone',
      'ALTER TABLE "lt_site_logs" ALTER COLUMN "source" SET NOT NULL',
      'ALTER TABLE "lt_site_logs" ALTER COLUMN "category" DROP DEFAULT',
      'ALTER TABLE "lt_site_logs" ALTER COLUMN "message" SET DEFAULT \'\'',
    ]);
    const report = await driftOf('lt');
    expect([...report.differences].sort(byKey)).toEqual(
      [
        { kind: 'column-type', table: 'site_logs', object: 'created_at', expected: 'timestamp(3) with time zone', actual: 'timestamp(6) with time zone', additive: false },
        { kind: 'column-nullability', table: 'site_logs', object: 'source', expected: 'null', actual: 'not null', additive: false },
        { kind: 'column-default', table: 'site_logs', object: 'category', expected: 'a default', actual: 'no default', additive: false },
        { kind: 'column-default', table: 'site_logs', object: 'message', expected: 'no default', actual: 'a default', additive: false },
      ].sort(byKey),
    );
    expect(formatLiveDrift(report)).toContain('- column-type lt_site_logs.created_at (expected timestamp(3) with time zone, found timestamp(6) with time zone) [not repaired automatically]');
  });

  onPostgres('PostgreSQL: a NOT NULL column made nullable is reported the other way round', async () => {
    await migrated('ln');
    await rawExec(target, ['ALTER TABLE "ln_site_logs" ALTER COLUMN "message" DROP NOT NULL']);
    expect((await driftOf('ln')).differences).toEqual([{ kind: 'column-nullability', table: 'site_logs', object: 'message', expected: 'not null', actual: 'null', additive: false }]);
  });

  it('a mix of additive and other differences: each line marked, and the fix line says db:repair adds what is missing', async () => {
    await migrated('lm');
    await rawExec(target, ['DROP INDEX "lm_idx_slog_created"', 'CREATE TABLE "lm_notes" (id text primary key)']);
    const lines = formatLiveDrift(await driftOf('lm')).split('\n');
    expect(lines.slice(1, -1).sort()).toEqual(['- extra-table lm_notes [not repaired automatically]', '- missing-index lm_site_logs.idx_slog_created']);
    expect(lines.at(-1)).toBe('  fix: pnpm db:repair adds what is missing; other differences need a migration or a manual decision');
  });

  it('compareLive ignores this prefix\'s ledger and the engine\'s own indexes', () => {
    const config = target.config('lc');
    const report = compareLive(
      {
        ledgers: ['lc_schema_migrations'],
        columns: [{ table: 'lc_schema_migrations', column: 'tag', type: 'text', notNull: true, hasDefault: false }],
        indexes: [
          { table: 'lc_schema_migrations', name: 'lc_schema_migrations_pkey' },
          { table: 'lc_schema_migrations', name: 'sqlite_autoindex_lc_schema_migrations_1' },
        ],
      } as Parameters<typeof compareLive>[0],
      config,
    );
    expect(report.differences.every((d) => d.kind === 'missing-table')).toBe(true);
    expect(report.differences).toHaveLength(31);
  });
});

function byKey(a: Pick<LiveDifference, 'table'> & { kind: string; object?: string }, b: Pick<LiveDifference, 'table'> & { kind: string; object?: string }): number {
  return `${a.kind} ${a.table} ${a.object ?? ''}`.localeCompare(`${b.kind} ${b.table} ${b.object ?? ''}`);
}

describe('compareLive on a catalog built from the manifest', () => {
  const config = (dialect: 'postgresql' | 'sqlite') =>
    dialect === 'postgresql'
      ? resolveConfig({ env: { DATABASE_URL: 'postgres://u@127.0.0.1:1/db', DB_PREFIX: 'cm' }, configFile: false })
      : resolveConfig({ env: { SQLITE_DB_PATH: '/tmp/unused.db', DB_PREFIX: 'cm' }, configFile: false });
  const catalogOf = (dialect: 'postgresql' | 'sqlite', typeOf: (type: string) => string) => ({
    ledgers: ['cm_schema_migrations'],
    columns: manifest.tables.flatMap((t) =>
      t.columns.map((c) => ({ table: `cm_${t.name}`, column: c.name, type: typeOf(dialect === 'postgresql' ? c.pgType : c.sqliteType), notNull: !c.nullable, hasDefault: c.hasDefault })),
    ),
    indexes: manifest.tables.flatMap((t) => [...t.indexes, ...t.uniques].map((i) => ({ table: `cm_${t.name}`, name: `cm_${i.name}` }))),
  });

  it.each(['postgresql', 'sqlite'] as const)('%s: type names match whatever their case and surrounding spaces (a hand-written TEXT is text)', (dialect) => {
    expect(compareLive(catalogOf(dialect, (t) => t), config(dialect)).differences).toEqual([]);
    expect(compareLive(catalogOf(dialect, (t) => ` ${t.toUpperCase()} `), config(dialect)).differences).toEqual([]);
  });
});
