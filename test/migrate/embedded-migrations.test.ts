/**
 * The runner's default source: migrations embedded in generated/ (heads, and SQL loaded only when a
 * migration has to run), on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrationSet } from '../../src/codegen/migrations-module.js';
import { headsDigest, toEmbeddedSet, type EmbeddedMigrationData, type EmbeddedMigrationSet } from '../../src/migrate/embedded-migrations.js';
import { loadEmbeddedMigrations, migrate, migrationStatus, planMigrations, rollbackMigrations } from '../../src/migrate/index.js';
import { checksumSql } from '../../src/migrate/sql-checksum.js';
import { catalogNames } from '../support/catalog.js';
import { committedTags, nextTag } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { REPO_ROOT } from '../support/repo-copy.js';
import { postgresMode } from '../support/test-postgres.js';

const DIALECTS = [
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
];

/** A set that counts how often its heads and its SQL are loaded. */
function counted(data: EmbeddedMigrationData): { set: EmbeddedMigrationSet; loads: () => number; headLoads: () => number } {
  const inner = toEmbeddedSet(data);
  let loads = 0;
  let headLoads = 0;
  return {
    set: { ...inner, loadHeads: () => ((headLoads += 1), inner.loadHeads()), loadSql: () => ((loads += 1), inner.loadSql()) },
    loads: () => loads,
    headLoads: () => headLoads,
  };
}

/** One more migration after the committed ones of `dialect`. */
const extra = (dialect: 'postgresql' | 'sqlite') => {
  const sql = dialect === 'postgresql' ? 'CREATE TABLE "presets_embedded_marker" ("id" text PRIMARY KEY);\n' : 'CREATE TABLE `presets_embedded_marker` (`id` text PRIMARY KEY);\n';
  return { idx: committedTags(dialect).length, tag: nextTag(dialect, 'marker'), checksum: checksumSql(sql), sql, down: 'DROP TABLE presets_embedded_marker;\n' };
};

describe('the committed embedded migrations are drizzle/ exactly', () => {
  it('generated/migrations.ts and generated/migration-sql.ts hold the tags, checksums, SQL and down SQL of drizzle/', async () => {
    const fromFolder = await readMigrationSet(REPO_ROOT);
    const embedded = await loadEmbeddedMigrations();
    const [heads, sql] = await Promise.all([embedded.loadHeads(), embedded.loadSql()]);
    for (const dialect of ['postgresql', 'sqlite'] as const) {
      expect(heads[dialect]).toEqual(fromFolder[dialect].map(({ idx, tag, checksum }) => ({ idx, tag, checksum })));
      expect(embedded.summary[dialect]).toEqual({ count: fromFolder[dialect].length, digest: headsDigest(fromFolder[dialect]) });
      for (const m of fromFolder[dialect]) expect(sql[dialect][m.tag]).toEqual({ sql: m.sql, down: m.down });
    }
  });
});

describe.each(DIALECTS)('embedded migrations on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let data: EmbeddedMigrationData;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    data = await readMigrationSet(REPO_ROOT);
  });
  afterAll(async () => {
    await target.cleanup();
  });
  const tags = committedTags(dialect);
  const marker = nextTag(dialect, 'marker');

  it('applies from the default (the package’s own embedded set) with no folder given', async () => {
    const result = await migrate(target.config('emb'));
    expect(result).toMatchObject({ ok: true, applied: tags.length });
    const status = await migrationStatus(target.config('emb'));
    expect(status.rows.map((r) => [r.tag, r.state])).toEqual(tags.map((tag) => [tag, 'applied']));
    expect(await catalogNames(target)).toContain('emb_users');
  });

  it('loads the SQL only when a migration has to run, once per run; an up-to-date start-up loads neither heads nor SQL', async () => {
    const first = counted(data);
    expect(await migrate(target.config('lazy'), { migrations: first.set })).toMatchObject({ ok: true, applied: tags.length });
    expect(first.loads()).toBe(1);
    const upToDate = counted(data);
    const queries: string[] = [];
    expect(await migrate(target.config('lazy'), { migrations: upToDate.set, onQuery: (q) => queries.push(q) })).toMatchObject({
      ok: true,
      applied: 0,
      results: tags.map((tag) => ({ tag, status: 'already-applied', ms: 0 })),
    });
    expect([upToDate.headLoads(), upToDate.loads()]).toEqual([0, 0]);
    expect(queries.length).toBeLessThanOrEqual(2);
    expect(await migrationStatus(target.config('lazy'), { migrations: upToDate.set })).toMatchObject({ ok: true });
    expect([upToDate.headLoads(), upToDate.loads()]).toEqual([1, 0]);
    const more = counted({ ...data, [dialect]: [...data[dialect], extra(dialect)] });
    const plan = await planMigrations(target.config('lazy'), { migrations: more.set });
    expect(plan.pending.map((p) => p.tag)).toEqual([marker]);
    expect(plan.pending[0]?.statements.join('\n')).toContain('lazy_presets_embedded_marker');
    expect(await migrate(target.config('lazy'), { migrations: more.set })).toMatchObject({ ok: true, applied: 1 });
    // The embedded down SQL rolls it back; no folder involved.
    expect(await rollbackMigrations(target.config('lazy'), { migrations: more.set })).toMatchObject({ ok: true, rolledBack: [marker] });
    expect(await catalogNames(target)).not.toContain('lazy_presets_embedded_marker');
    // Without embedded down SQL (a custom migration whose reverse was never written) the rollback stops, changing nothing.
    const noDown = toEmbeddedSet({ ...data, [dialect]: [...data[dialect], { ...extra(dialect), down: null }] });
    expect(await migrate(target.config('lazy'), { migrations: noDown })).toMatchObject({ ok: true, applied: 1 });
    const refused = await rollbackMigrations(target.config('lazy'), { migrations: noDown });
    expect(refused).toMatchObject({ ok: false, rolledBack: [] });
    expect(refused.error?.message).toContain('has no down migration');
    expect(refused.error?.hint).toContain('pnpm db:generate');
    expect(await catalogNames(target)).toContain('lazy_presets_embedded_marker');
  });

  it('refuses SQL whose checksum is not its head’s, and runs nothing', async () => {
    const added = extra(dialect);
    const inner = toEmbeddedSet({ ...data, [dialect]: [...data[dialect], added] });
    const tampered: EmbeddedMigrationSet = {
      ...inner,
      loadSql: async () => {
        const sql = await inner.loadSql();
        return { ...sql, [dialect]: { ...sql[dialect], [added.tag]: { sql: `${added.sql}-- changed\n`, down: null } } };
      },
    };
    expect(await migrate(target.config('tamper'), { migrations: toEmbeddedSet(data) })).toMatchObject({ ok: true, applied: tags.length });
    const before = await catalogNames(target);
    const result = await migrate(target.config('tamper'), { migrations: tampered });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'MIGRATION_EMBEDDED_INCONSISTENT', tag: marker });
    expect(result.error?.message).toContain(`its head says ${added.checksum}`);
    expect(await catalogNames(target)).toEqual(before);
  });
});
