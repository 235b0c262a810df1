/**
 * upsertMany and insertBulk's onConflict, on both engines, on both paths (raw batched statements in their own
 * transaction, and Drizzle's builder inside a caller's transaction): generated batches against a model of the
 * table (a map by unique key), the count, the returned rows and the table after, exactly; then the two engines
 * against each other. And the refusals: a key given twice, a missing key or update column, a bad target.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000e001';
const C2 = '00000000-0000-4000-8000-00000000e002';
const T0 = new Date('2026-04-01T00:00:00.000Z');

/** What the model tracks of a volume_configuration row. */
interface Modelled {
  connectionId: string;
  symbol: string;
  baseVolume: string;
  leverage: number;
  settings: Record<string, unknown>;
}
type Incoming = { connectionId: string; symbol: string; baseVolume: string; settings: Record<string, unknown>; leverage?: number };
type Update = undefined | readonly [] | readonly ['baseVolume'] | readonly ['baseVolume', 'settings'];

const keyOf = (r: { connectionId: string; symbol: string }) => `${r.connectionId}|${r.symbol}`;
// Canonical decimal(38,18) text: what the engines give back, so the model compares exactly.
const decimalArb = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999_999 })).map(([i, f]) => `${i}.${String(f).padStart(6, '0')}${'0'.repeat(12)}`);
const incomingArb: fc.Arbitrary<Incoming> = fc.record(
  {
    connectionId: fc.constantFrom(C1, C2),
    symbol: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    baseVolume: decimalArb,
    settings: fc.record({ n: fc.integer({ min: 0, max: 9 }) }),
    leverage: fc.integer({ min: 1, max: 50 }),
  },
  { requiredKeys: ['connectionId', 'symbol', 'baseVolume', 'settings'] },
);
const batchArb = fc.uniqueArray(incomingArb, { selector: keyOf, maxLength: 10 });
const updateArb = fc.constantFrom<Update>(undefined, [], ['baseVolume'], ['baseVolume', 'settings']);

/** The model: the table after the batch, the count, and the rows RETURNING gives (in the batch's order). */
function model(before: readonly Modelled[], batch: readonly Incoming[], update: Update) {
  const table = new Map(before.map((r) => [keyOf(r), { ...r, settings: { ...r.settings } }]));
  let count = 0;
  const returned: Modelled[] = [];
  for (const row of batch) {
    const existing = table.get(keyOf(row));
    if (existing === undefined) {
      const inserted = { connectionId: row.connectionId, symbol: row.symbol, baseVolume: row.baseVolume, leverage: row.leverage ?? 1, settings: { ...row.settings } };
      table.set(keyOf(row), inserted);
      count += 1;
      returned.push({ ...inserted });
      continue;
    }
    if (update !== undefined && update.length === 0) continue;
    const columns = update ?? (Object.keys(row).filter((k) => k !== 'connectionId' && k !== 'symbol') as (keyof Incoming)[]);
    for (const c of columns) (existing as unknown as Record<string, unknown>)[c] = c === 'settings' ? { ...row.settings } : row[c as keyof Incoming];
    count += 1;
    returned.push({ ...existing });
  }
  return { table: [...table.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)), count, returned };
}

const project = (r: Modelled & Record<string, unknown>): Modelled => ({ connectionId: r.connectionId, symbol: r.symbol, baseVolume: r.baseVolume, leverage: r.leverage, settings: r.settings });

interface Engine {
  readonly dialect: string;
  readonly target: MigrationTarget;
  readonly db: CtsDatabase;
}

describe(`upsertMany on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const target = await createMigrationTarget(dialect);
      const config = target.config('ups');
      const migrated = await migrate(config);
      if (!migrated.ok) throw migrated.error;
      const db = ctsDatabase(await openAppDatabase(config));
      await db.exchangeConnections.insertMany([
        { id: C1, name: 'one', exchange: 'bybit' },
        { id: C2, name: 'two', exchange: 'okx' },
      ]);
      engines.push({ dialect, target, db });
    }
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) {
      await e.db.close();
      await e.target.cleanup();
    }
  });

  const tableOf = async (db: CtsDatabase) => (await db.volumeConfiguration.findMany({ orderBy: [{ connectionId: 'asc' }, { symbol: 'asc' }] })).map(project);
  const reset = async (db: CtsDatabase, rows: readonly Incoming[]) => {
    await db.volumeConfiguration.delete({ all: true });
    if (rows.length > 0) await db.volumeConfiguration.insertMany(rows.map((r) => ({ ...r, createdAt: T0, updatedAt: T0 })));
  };

  it('gives the model\'s count, returned rows and table, on both paths, the same on both engines', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb, batchArb, updateArb, fc.constantFrom('upsertMany', 'upsertMany returning', 'insertBulk'), fc.boolean(), async (before, batch, update, method, inTransaction) => {
        const expected = model(before.map((r) => ({ ...r, leverage: r.leverage ?? 1 })), batch, update);
        const answers: unknown[] = [];
        for (const e of engines) {
          await reset(e.db, before);
          const options = { target: ['connectionId', 'symbol'] as const, ...(update === undefined ? {} : { update }) };
          const run = async (db: Pick<CtsDatabase, 'volumeConfiguration'>) =>
            method === 'insertBulk'
              ? db.volumeConfiguration.insertBulk(batch, { onConflict: options })
              : method === 'upsertMany'
                ? db.volumeConfiguration.upsertMany(batch, options)
                : (await db.volumeConfiguration.upsertMany(batch, { ...options, returning: true })).map(project);
          const result = inTransaction ? await e.db.transaction((tx) => run(tx)) : await run(e.db);
          expect(result, `${e.dialect} ${method}`).toStrictEqual(method === 'upsertMany returning' ? expected.returned : expected.count);
          const after = await tableOf(e.db);
          expect(after, e.dialect).toStrictEqual(expected.table);
          answers.push([result, after]);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 80, seed: 20_261_208 },
    );
  }, 300_000);

  it('writes across batches under the parameter limit, in one transaction: all rows or none', async () => {
    for (const e of engines) {
      await reset(e.db, []);
      const rows = Array.from({ length: 5_000 }, (_, i) => ({ connectionId: i % 2 === 0 ? C1 : C2, symbol: `S${i}`, baseVolume: '1.000000000000000000', settings: { i } }));
      expect(await e.db.volumeConfiguration.upsertMany(rows, { target: ['connectionId', 'symbol'] }), e.dialect).toBe(5_000);
      const again = rows.map((r, i) => ({ ...r, baseVolume: `${i}.000000000000000000` }));
      expect(await e.db.volumeConfiguration.upsertMany(again, { target: ['connectionId', 'symbol'], update: ['baseVolume'] }), e.dialect).toBe(5_000);
      expect((await e.db.volumeConfiguration.findFirst({ where: { symbol: 'S4321' } }))?.baseVolume, e.dialect).toBe('4321.000000000000000000');
      // The last row breaks a foreign key: nothing of the call stays (the first batches were written before it).
      const broken = [...again.map((r) => ({ ...r, baseVolume: '0.500000000000000000' })), { connectionId: '00000000-0000-4000-8000-00000000e0ff', symbol: 'X', baseVolume: '1', settings: {} }];
      await expect(e.db.volumeConfiguration.upsertMany(broken, { target: ['connectionId', 'symbol'] }), e.dialect).rejects.toMatchObject({ code: 'QUERY_FOREIGN_KEY_VIOLATION' });
      expect(await e.db.volumeConfiguration.count({ where: { baseVolume: '0.5' } }), e.dialect).toBe(0);
      expect(await e.db.volumeConfiguration.count(), e.dialect).toBe(5_000);
    }
  }, 120_000);

  it('refuses a key given twice, a row without the key or an update column, and a target that is not a unique key, before writing', async () => {
    for (const e of engines) {
      await reset(e.db, []);
      const row = (symbol: string) => ({ connectionId: C1, symbol, baseVolume: '1', settings: {} });
      const refused = (promise: Promise<unknown>) => promise.then(() => 'written', (error: { code?: string; path?: string; message?: string }) => ({ code: error.code, path: error.path, message: error.message }));
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A'), row('B'), row('A')], { target: ['connectionId', 'symbol'] })), e.dialect).toStrictEqual({
        code: 'QUERY_INVALID_UPSERT',
        path: 'volume_configuration.upsertMany[2]',
        message: `volume_configuration.upsertMany[2] has the key (connectionId, symbol) = "${C1}","A" of volume_configuration.upsertMany[0]\n  hint: give each key once: merge the two rows, or upsert them in two calls`,
      });
      const { symbol: _dropped, ...withoutSymbol } = row('B');
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A'), withoutSymbol as never], { target: ['connectionId', 'symbol'] })), e.dialect).toMatchObject({ code: 'QUERY_INVALID_UPSERT', path: 'volume_configuration.upsertMany[1].symbol' });
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A')], { target: ['connectionId', 'symbol'], update: ['leverage'] })), e.dialect).toMatchObject({ code: 'QUERY_INVALID_UPSERT', path: 'volume_configuration.upsertMany[0].leverage' });
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A')], { target: ['symbol'] as never })), e.dialect).toMatchObject({ code: 'QUERY_INVALID_UPSERT', path: 'volume_configuration.upsertMany.target' });
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A')], { target: ['connectionId', 'symbol'], update: ['symbol'] as never })), e.dialect).toMatchObject({ code: 'QUERY_INVALID_UPSERT', path: 'volume_configuration.upsertMany.update[0]' });
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A')], { target: ['connectionId', 'symbol'], update: ['nope'] as never })), e.dialect).toMatchObject({ code: 'QUERY_UNKNOWN_COLUMN', path: 'volume_configuration.upsertMany.update[0]' });
      expect(await refused(e.db.volumeConfiguration.upsertMany([row('A')], { target: ['connectionId', 'symbol'], returning: 'yes' } as never)), e.dialect).toMatchObject({ code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.upsertMany.returning' });
      expect(await refused(e.db.volumeConfiguration.insertBulk([row('A'), row('A')], { onConflict: { target: ['connectionId', 'symbol'] } })), e.dialect).toMatchObject({ code: 'QUERY_INVALID_UPSERT', path: 'volume_configuration.insertBulk[1]' });
      expect(await e.db.volumeConfiguration.count(), e.dialect).toBe(0);
      expect(await e.db.volumeConfiguration.upsertMany([], { target: ['connectionId', 'symbol'] }), e.dialect).toBe(0);
      expect(await e.db.volumeConfiguration.upsertMany([], { target: ['connectionId', 'symbol'], returning: true }), e.dialect).toStrictEqual([]);
    }
  });

  it('writes a JSON object without a prototype as the object it equals, on every write path (Drizzle crashed on it)', async () => {
    for (const e of engines) {
      await reset(e.db, []);
      const settings = (n: number) => Object.assign(Object.create(null) as Record<string, unknown>, { n });
      const row = (symbol: string, n: number) => ({ connectionId: C1, symbol, baseVolume: '1', settings: settings(n) });
      await e.db.volumeConfiguration.insert(row('A', 1));
      await e.db.volumeConfiguration.insertMany([row('B', 2)]);
      await e.db.volumeConfiguration.upsertMany([row('C', 3)], { target: ['connectionId', 'symbol'] });
      await e.db.transaction((tx) => tx.volumeConfiguration.upsertMany([row('D', 4)], { target: ['connectionId', 'symbol'] }));
      await e.db.volumeConfiguration.upsert({ values: row('A', 5), target: ['connectionId', 'symbol'] });
      expect((await tableOf(e.db)).map((r) => [r.symbol, r.settings]), e.dialect).toStrictEqual([
        ['A', { n: 5 }],
        ['B', { n: 2 }],
        ['C', { n: 3 }],
        ['D', { n: 4 }],
      ]);
    }
  });
});
