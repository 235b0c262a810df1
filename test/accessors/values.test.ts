/**
 * The value tests extended to the accessors: generated decimals, timestamps, enums and JSON written and read
 * through the same accessor code on SQLite and PostgreSQL come back identical, and decimals in exactly the form
 * PostgreSQL's numeric(38, 18) gives.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase, type InsertRow } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { normalizeDecimal } from '../../src/schema-kit/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';

const decimals = fc
  .tuple(fc.constantFrom('', '-'), fc.stringMatching(/^\d{1,12}$/), fc.boolean(), fc.stringMatching(/^\d{0,22}$/))
  .map(([sign, int, point, frac]) => `${sign}${int}${point && frac !== '' ? `.${frac}` : ''}`);
const SIDES = ['long', 'short'] as const;
const settings = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.includes('\u0000')),
  fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 12 }).filter((s) => !s.includes('\u0000')), fc.constant(null)),
  { maxKeys: 4, noNullPrototype: true },
);
const CONNECTION = '00000000-0000-4000-8000-0000000000aa';

type Row = InsertRow<'pseudo_positions'>;
const rows: Row[] = fc
  .sample(fc.tuple(decimals, decimals, fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(...SIDES), settings), { numRuns: 200, seed: 7 })
  .map(([entry, quantity, ms, side, json], i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    connectionId: CONNECTION,
    symbol: `S${i % 7}`,
    side,
    entryPrice: entry,
    quantity,
    openedAt: new Date(ms),
    settings: json,
  }));

async function roundTrip(dialect: 'sqlite' | 'postgresql'): Promise<{ read: unknown[]; target: MigrationTarget; db: CtsDatabase }> {
  const target = await createMigrationTarget(dialect);
  const config = target.config('val');
  const migrated = await migrate(config);
  if (!migrated.ok) throw migrated.error;
  const db = ctsDatabase(await openAppDatabase(config));
  await db.exchangeConnections.insert({ id: CONNECTION, name: 'values', exchange: 'test' });
  await db.pseudoPositions.insertMany(rows);
  const read = (await db.pseudoPositions.findMany({ orderBy: { id: 'asc' } })).map((r) => ({ id: r.id, side: r.side, entryPrice: r.entryPrice, quantity: r.quantity, openedAt: r.openedAt, settings: r.settings }));
  return { read, target, db };
}

describe('values through the accessors on SQLite and PostgreSQL', () => {
  const runs: Awaited<ReturnType<typeof roundTrip>>[] = [];
  beforeAll(async () => {
    runs.push(await roundTrip('sqlite'), await roundTrip('postgresql'));
  }, 60_000);
  afterAll(async () => {
    for (const r of runs) {
      await r.db.close();
      await r.target.cleanup();
    }
  });

  it('200 generated rows read back identical on both engines, field by field', () => {
    expect(runs[0]!.read).toHaveLength(200);
    expect(runs[1]!.read).toEqual(runs[0]!.read);
  });

  it("decimals in numeric(38, 18)'s canonical form, timestamps to the millisecond, enums and JSON as written", () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const read of runs[0]!.read as { id: string; side: string; entryPrice: string; quantity: string; openedAt: Date; settings: unknown }[]) {
      const written = byId.get(read.id)!;
      expect(read.entryPrice).toBe(normalizeDecimal(written.entryPrice, 38, 18));
      expect(read.quantity).toBe(normalizeDecimal(written.quantity, 38, 18));
      expect(read.openedAt.getTime()).toBe(written.openedAt!.getTime());
      expect(read.side).toBe(written.side);
      expect(read.settings).toEqual(written.settings);
    }
  });
});
