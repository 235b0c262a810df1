import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../src/app-database.js';
import { migrate } from '../../src/migrate/index.js';
import { ctsDatabase, type CtsDatabase } from '../../src/accessors/cts-database.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

describe.each([
  { dialect: 'postgresql' as const, label: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})` },
  { dialect: 'sqlite' as const, label: 'SQLite (file)' },
])('insertBulk on $label', ({ dialect }) => {
  let target: MigrationTarget;
  let app: AppDatabase;
  let db: CtsDatabase;
  beforeAll(async () => {
    target = await createMigrationTarget(dialect);
    expect((await migrate(target.config('ins'))).ok).toBe(true);
    app = await openAppDatabase(target.config('ins'));
    db = ctsDatabase(app);
  });
  afterAll(async () => {
    await app.close();
    await target.cleanup();
  });

  it('keeps database defaults for columns a row leaves out, maps values like Drizzle, and returns the count', async () => {
    const n = await db.exchangeConnections.insertBulk([
      { name: 'a', exchange: 'bybit' },
      { name: 'b', exchange: 'okx', apiType: 'spot', volumeFactor: '2.5', settings: { x: "it's" } },
      { name: 'c', exchange: 'okx', isTestnet: true, id: 'ABCDEF01-0000-4000-8000-000000000001' },
    ]);
    expect(n).toBe(3);
    const rows = await db.exchangeConnections.findMany();
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.a).toMatchObject({ apiType: 'perpetual_futures', volumeFactor: '1.00000000', isTestnet: false, settings: {} });
    expect(byName.b).toMatchObject({ apiType: 'spot', volumeFactor: '2.50000000', settings: { x: "it's" } });
    expect(byName.c).toMatchObject({ id: 'abcdef01-0000-4000-8000-000000000001', isTestnet: true });
    // Left out, id and timestamps come from the DDL defaults: canonical v4 uuids, distinct, and the current time in ms.
    const before = Date.now() - 60_000;
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    for (const r of [byName.a!, byName.b!]) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const r of rows) {
      expect(r.createdAt).toBeInstanceOf(Date);
      expect(r.createdAt.getTime()).toBeGreaterThan(before);
      expect(r.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(r.updatedAt.getTime()).toBe(r.createdAt.getTime());
    }
  });

  it('inserts in the order given when consecutive rows provide different columns', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `order-${i}`);
    const rows = names.map((name, i) => (i % 3 === 0 ? { name, exchange: 'bybit', apiType: 'spot' as const } : i % 3 === 1 ? { name, exchange: 'okx' } : { name, exchange: 'okx', isTestnet: true }));
    expect(await db.exchangeConnections.insertBulk(rows)).toBe(9);
    // Physical order: rowid on SQLite, ctid in PostgreSQL's heap (a fresh table written by one transaction).
    // (The test's own engine-specific check; app code never needs this branch.)
    const stored =
      app.dialect === 'postgresql'
        ? (await app.sql.unsafe<{ name: string }[]>(`select name from ins_exchange_connections where name like 'order-%' order by ctid`)).map((r) => r.name)
        : (await app.client.execute(`select name from ins_exchange_connections where name like 'order-%' order by rowid`)).rows.map((r) => String(r.name));
    expect(stored).toEqual(names);
  });

  // 7 columns: PostgreSQL's batch of floor(limit / 7) rows was 65,534 parameters, one more than postgres.js takes
  // (it refuses 65,534 and up: MAX_PARAMETERS_EXCEEDED, found by the bench's query case); SQLite's limit is
  // 32,766 = 2 x 3 x 43 x 127, met exactly by 6 columns.
  it('fills batches up to the driver\'s parameter limit exactly, and no further', async () => {
    const columns = dialect === 'postgresql' ? 7 : 6;
    const perBatch = Math.floor((dialect === 'postgresql' ? 65_533 : 32_766) / columns);
    const rows = Array.from({ length: perBatch + 1 }, (_, i) => {
      const row = { name: `limit-${i}`, exchange: 'bybit', apiType: 'spot' as const, isTestnet: i % 2 === 0, isEnabled: true, volumeFactor: '1.5', settings: { i } };
      // Six of the seven columns on SQLite.
      if (columns === 6) delete (row as { settings?: unknown }).settings;
      return row;
    });
    expect(await db.exchangeConnections.insertBulk(rows)).toBe(perBatch + 1);
    expect(await db.exchangeConnections.count({ where: { exchange: 'bybit', apiType: 'spot', volumeFactor: '1.5' } })).toBe(perBatch + 1);
    await db.exchangeConnections.delete({ where: { exchange: 'bybit', apiType: 'spot', volumeFactor: '1.5' } });
  }, 120_000);

  it('sends a row that provides nothing as DEFAULT VALUES, and the database names the required column', async () => {
    await expect(db.exchangeConnections.insertBulk([{} as never])).rejects.toThrow(/name/);
  });

  it('inside a transaction goes through the transaction: rolled back with it', async () => {
    const before = await db.exchangeConnections.count();
    const outcome = await db
      .transaction(async (tx) => {
        expect(await tx.exchangeConnections.insertBulk([{ name: 'tx-1', exchange: 'bybit' }, { name: 'tx-2', exchange: 'okx' }])).toBe(2);
        expect(await tx.exchangeConnections.count({ where: { name: { in: ['tx-1', 'tx-2'] } } })).toBe(2);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    expect(outcome).toBe('roll back');
    expect(await db.exchangeConnections.count()).toBe(before);
  });
});

