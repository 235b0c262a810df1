/** The typed accessors on both engines: one app file (app-scenario.ts), identical results field by field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';
import { appScenario } from './app-scenario.js';

type Outcome = Awaited<ReturnType<typeof appScenario>>;

async function run(dialect: 'postgresql' | 'sqlite'): Promise<{ outcome: Outcome; target: MigrationTarget; db: CtsDatabase }> {
  const target = await createMigrationTarget(dialect);
  const config = target.config('acc');
  const migrated = await migrate(config);
  if (!migrated.ok) throw migrated.error;
  const db = ctsDatabase(await openAppDatabase(config));
  return { outcome: await appScenario(db), target, db };
}

describe(`typed accessors: one app file on SQLite (file) and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const runs: { dialect: string; outcome: Outcome; target: MigrationTarget; db: CtsDatabase }[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) runs.push({ dialect, ...(await run(dialect)) });
  }, 60_000);
  afterAll(async () => {
    for (const r of runs) {
      await r.db.close();
      await r.target.cleanup();
    }
  });
  const sqlite = () => runs[0]!.outcome;
  const pg = () => runs[1]!.outcome;

  it('gives identical results on both engines, field by field', () => {
    for (const key of Object.keys(sqlite())) expect(pg()[key], key).toEqual(sqlite()[key]);
    expect(Object.keys(pg())).toEqual(Object.keys(sqlite()));
  });

  it('inserts return the stored rows with defaults, decimals, JSON and timestamps alike', () => {
    expect(sqlite().insertOne).toEqual({
      id: '00000000-0000-4000-8000-00000000c001',
      name: 'main',
      exchange: 'bybit',
      apiType: 'perpetual_futures',
      connectionMethod: 'rest',
      apiKey: null,
      apiSecret: null,
      apiPassphrase: null,
      isTestnet: false,
      isEnabled: true,
      isLiveTrading: false,
      marginType: 'cross',
      positionMode: 'hedge',
      volumeFactor: '1.50000000',
      settings: { risk: 'low' },
      lastTestedAt: null,
      lastTestStatus: 'untested',
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      updatedAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    expect(sqlite().insertMany).toHaveLength(6);
  });

  it('filters, orders, pages and counts as written', () => {
    const p = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
    expect(sqlite().filters).toEqual({
      equality: [p(1), p(4)],
      in: [p(2), p(3), p(6)],
      notIn: [p(1), p(4), p(5)],
      emptyIn: [],
      comparisons: [p(2), p(3), p(4)],
      dates: [p(3), p(4), p(5)],
      isNull: [p(1), p(2), p(3), p(4), p(6)],
      isNotNull: [p(5)],
      ne: [p(2), p(4), p(6)],
      and: [p(1), p(3), p(5)],
      or: [p(3), p(5)],
      not: [p(6)],
      boolean: ['spare'],
    });
    expect(sqlite().page).toEqual([p(2), p(3)]);
    expect(sqlite().offsetOnly).toEqual([p(5), p(6)]);
    expect(sqlite().limitOnly).toEqual([p(6)]);
    expect(sqlite().count).toEqual({ all: 6, active: 5 });
    expect(sqlite().none).toBe('none');
    expect((sqlite().first as { id: string }).id).toBe(p(6));
  });

  it('updates and deletes report counts or rows; upsert keeps one row per key; a relation reads along', () => {
    expect(sqlite().update).toBe(2);
    expect(sqlite().updateReturning).toEqual([['SOLUSDT', 'long', 'closed', '102.125000000000000000', '0.300000000000000000']]);
    expect(sqlite().delete).toBe(1);
    expect(sqlite().deleteReturning).toEqual(['00000000-0000-4000-8000-000000000006']);
    expect(sqlite().upsert).toEqual({ sameRow: true, value: { level: 2 }, rows: 1 });
    expect(sqlite().relation).toStrictEqual({ position: '00000000-0000-4000-8000-000000000001', connection: 'main', volumeFactor: '1.50000000', strategy: null });
  });

  it('a transaction commits as a whole; one that throws leaves nothing written', () => {
    expect(sqlite().transactions).toEqual({ rolledBack: 'abort the transaction', logs: ['committed'], status: 'success' });
  });
});
