import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase } from '../../src/accessors/cts-database.js';
import { openAppDatabase } from '../../src/app-database.js';
import { migrate, migrationStatus } from '../../src/migrate/index.js';
import { developmentSeeds, productionSeeds, renamePrefix, seedDatabase } from '../../src/operations.js';
import { latestDirectionIndication } from '../../src/queries/trading-hot-paths.js';
import { catalogNames } from '../support/catalog.js';
import { committedTags } from '../support/committed-migrations.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

/** Every DDL text of the database (SQLite keeps constraint names only there). */
async function ddlTexts(target: MigrationTarget): Promise<string[]> {
  if (target.pg !== undefined) {
    const sql = postgres(target.pg.url, { max: 1, onnotice: () => {} });
    try {
      return (await sql`select conname::text as n from pg_constraint where connamespace = 'public'::regnamespace`).map((r) => String(r.n));
    } finally {
      await sql.end();
    }
  }
  const db = new Database(target.sqlitePath!);
  try {
    return (db.prepare('select sql from sqlite_master where sql is not null').all() as { sql: string }[]).map((r) => r.sql);
  } finally {
    db.close();
  }
}

describe('seed data', () => {
  it('holds no credentials in production or development', () => {
    const text = JSON.stringify({ productionSeeds, developmentSeeds });
    expect(text).not.toMatch(/"api(Key|Secret|Passphrase)"/);
    expect(developmentSeeds.exchangeConnections.every((c) => c.isTestnet)).toBe(true);
  });
});

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('seeds and prefix rename on $label', ({ dialect }) => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    for (const prefix of ['old', 'old_eu']) expect((await migrate(target.config(prefix))).ok).toBe(true);
  }, 60_000);
  afterAll(() => target.cleanup());

  it('seeds are idempotent: a second run inserts nothing', async () => {
    const app = await openAppDatabase(target.config('old'));
    try {
      const first = await seedDatabase(app, 'development');
      expect(first.inserted).toEqual({ systemSettings: 4, presets: 3, exchangeConnections: 1, indicationsDirection: 20 });
      const second = await seedDatabase(app, 'development');
      expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
      expect((await seedDatabase(app, 'production')).inserted).toEqual({ systemSettings: 0, presets: 0 });
    } finally {
      await app.close();
    }
  });

  it('rename-prefix moves every object; status shows all applied under the new prefix; typed queries work; the other prefix is intact', async () => {
    const before = await catalogNames(target);
    const result = await renamePrefix(target.config('old'), target.config('fresh'));
    expect(result.tables).toBe(32);
    const after = await catalogNames(target);
    expect(after.filter((n) => n.startsWith('old_') && !n.startsWith('old_eu_'))).toEqual([]);
    expect(after.filter((n) => n.startsWith('old_eu_'))).toEqual(before.filter((n) => n.startsWith('old_eu_')));
    expect(after.filter((n) => n.startsWith('fresh_'))).toHaveLength(before.filter((n) => n.startsWith('old_') && !n.startsWith('old_eu_')).length);
    expect((await ddlTexts(target)).filter((t) => /\bold_(?!eu_)/.test(t))).toEqual([]);

    const status = await migrationStatus(target.config('fresh'));
    expect(status.rows.map((r) => [r.tag, r.state])).toEqual(committedTags(dialect).map((tag) => [tag, 'applied']));
    expect((await migrate(target.config('fresh'))).applied).toBe(0);
    const app = await openAppDatabase(target.config('fresh'));
    try {
      const latest = await latestDirectionIndication(ctsDatabase(app), '00000000-0000-4000-8000-000000000201', 'ETHUSDT');
      expect(latest?.calculatedAt).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 19)));
    } finally {
      await app.close();
    }
    await expect(renamePrefix(target.config('fresh'), target.config('old_eu'))).rejects.toThrow(/prefix old_eu is already used/);
  });
});
