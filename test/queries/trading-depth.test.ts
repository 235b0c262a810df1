/**
 * Issue 25's queries as app code (src/queries/trading-depth.ts: accessors only, no db.app, no dialect branch) on
 * SQLite (a file) and PostgreSQL, with the same data: every answer is checked exactly and the two engines against
 * each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import {
  addToQuantity,
  allPositionPages,
  closedPnlSummary,
  connectionsWithOpenPositions,
  latestIndicationPerSymbol,
  openPositionsOnExchange,
  pnlPerConnection,
  symbolsStartingWith,
} from '../../src/queries/trading-depth.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';

const BYBIT = '00000000-0000-4000-8000-0000000e0001';
const OKX = '00000000-0000-4000-8000-0000000e0002';
const IDLE = '00000000-0000-4000-8000-0000000e0003';
const GRID = '00000000-0000-4000-8000-0000000d0001';
const TREND = '00000000-0000-4000-8000-0000000d0002';
const T0 = Date.parse('2026-07-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const pid = (n: number) => `00000000-0000-4000-8000-0000000f${String(n).padStart(4, '0')}`;

async function seed(db: CtsDatabase): Promise<void> {
  await db.exchangeConnections.insertMany([
    { id: BYBIT, name: 'main', exchange: 'bybit' },
    { id: OKX, name: 'spare', exchange: 'okx' },
    // No positions at all: left out by a filter that asks for some.
    { id: IDLE, name: 'idle', exchange: 'bybit' },
  ]);
  await db.strategiesBase.insertMany([
    { id: GRID, connectionId: BYBIT, name: 'grid', symbol: 'BTCUSDT', side: 'long' },
    { id: TREND, connectionId: OKX, name: 'trend', symbol: 'BTCUSDT', side: 'short' },
  ]);
  const symbols = ['BTCUSDT', 'btc_PERP', 'ETHUSDT', 'BTC%USD', 'SOLUSDT'];
  await db.indicationsDirection.insertBulk(
    Array.from({ length: 12 }, (_, i) => ({ connectionId: i % 4 === 3 ? OKX : BYBIT, symbol: symbols[i % 3]!, side: i % 2 === 0 ? ('long' as const) : ('short' as const), strength: `${i}.5`, calculatedAt: at(i) })),
  );
  // PnL that a float would get wrong: 0.1 + 0.2, and 18-digit fractions.
  const pnl = ['0.1', '0.2', '1234.000000000000000001', '-0.3', '570.45', '-0.000000000000000002'];
  await db.pseudoPositions.insertBulk(
    Array.from({ length: 10 }, (_, i) => ({
      id: pid(i),
      connectionId: i % 3 === 2 ? OKX : BYBIT,
      strategyId: i === 7 ? null : i % 3 === 2 ? TREND : GRID,
      symbol: symbols[i % symbols.length]!,
      side: 'long' as const,
      status: i < 6 ? ('closed' as const) : ('active' as const),
      entryPrice: `${100 + i}.5`,
      quantity: '0.1',
      realizedPnl: pnl[i] ?? '0',
      openedAt: at(i % 4),
      closedAt: i < 6 ? at(100 + i) : null,
    })),
  );
}

async function scenario(db: CtsDatabase) {
  await seed(db);
  return {
    latest: await latestIndicationPerSymbol(db, BYBIT),
    pnl: await pnlPerConnection(db),
    onBybit: await openPositionsOnExchange(db, 'bybit'),
    withOpen: await connectionsWithOpenPositions(db),
    prefix: await symbolsStartingWith(db, 'btc'),
    percent: await symbolsStartingWith(db, 'BTC%'),
    increment: [await addToQuantity(db, pid(7), '0.2'), await addToQuantity(db, pid(7), '0.0000000000000000005')],
    pages: await allPositionPages(db, BYBIT, 3),
    summary: await closedPnlSummary(db),
  };
}

describe(`issue 25's queries on the accessors only, on SQLite (file) and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const runs: { name: string; target: MigrationTarget; db: CtsDatabase; outcome: Awaited<ReturnType<typeof scenario>> }[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const target = await createMigrationTarget(dialect);
      const config = target.config('depth');
      const migrated = await migrate(config);
      if (!migrated.ok) throw migrated.error;
      const db = ctsDatabase(await openAppDatabase(config));
      runs.push({ name: dialect, target, db, outcome: await scenario(db) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const r of runs) {
      await r.db.close();
      await r.target.cleanup();
    }
  });
  const sqlite = () => runs[0]!.outcome;

  it('gives identical answers on both engines, field by field', () => {
    const [a, b] = [runs[0]!.outcome, runs[1]!.outcome];
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(b[key], key).toEqual(a[key]);
  });

  it('the latest indication per symbol', () => {
    // BYBIT's rows are i = 0,1,2,4,5,6,8,9,10 (i % 4 !== 3): symbols cycle BTCUSDT, btc_PERP, ETHUSDT.
    expect(sqlite().latest).toEqual([
      { symbol: 'BTCUSDT', side: 'short', strength: '9.50000000', calculatedAt: at(9) },
      { symbol: 'ETHUSDT', side: 'long', strength: '8.50000000', calculatedAt: at(8) },
      { symbol: 'btc_PERP', side: 'long', strength: '10.50000000', calculatedAt: at(10) },
    ]);
  });

  it('the PnL per connection, exact', () => {
    // Closed: i = 0..5; OKX has i = 2, 5.
    expect(sqlite().pnl).toEqual([
      { connectionId: OKX, _sum: { realizedPnl: '1233.999999999999999999' }, _count: 2 },
      { connectionId: BYBIT, _sum: { realizedPnl: '570.450000000000000000' }, _count: 4 },
    ]);
  });

  it('connections with their open positions, nested to each position\'s strategy', () => {
    // Active: i = 6, 7, 9 (BYBIT) and 8 (OKX), oldest first (openedAt is minute i % 4); pid(7) has no strategy.
    // IDLE has no positions, so no active one. Read before the increment.
    const expected = [
      {
        id: BYBIT,
        name: 'main',
        exchange: 'bybit',
        pseudoPositions: [
          { id: pid(9), symbol: 'SOLUSDT', quantity: '0.100000000000000000', strategy: { name: 'grid', side: 'long' } },
          { id: pid(6), symbol: 'btc_PERP', quantity: '0.100000000000000000', strategy: { name: 'grid', side: 'long' } },
          { id: pid(7), symbol: 'ETHUSDT', quantity: '0.100000000000000000', strategy: null },
        ],
      },
      { id: OKX, name: 'spare', exchange: 'okx', pseudoPositions: [{ id: pid(8), symbol: 'BTC%USD', quantity: '0.100000000000000000', strategy: { name: 'trend', side: 'short' } }] },
    ];
    for (const run of runs) expect(run.outcome.withOpen, run.name).toStrictEqual(expected);
  });

  it('positions filtered by their connection, prefix search, increments, keyset pages and a summary', () => {
    // Active positions of BYBIT's connection (i = 6, 7, 9; i = 8 is OKX's), oldest first; read before the increment.
    expect(sqlite().onBybit).toEqual([
      { id: pid(9), symbol: 'SOLUSDT', quantity: '0.100000000000000000' },
      { id: pid(6), symbol: 'btc_PERP', quantity: '0.100000000000000000' },
      { id: pid(7), symbol: 'ETHUSDT', quantity: '0.100000000000000000' },
    ]);
    expect(sqlite().prefix).toEqual([{ symbol: 'BTC%USD' }, { symbol: 'BTCUSDT' }, { symbol: 'btc_PERP' }]);
    expect(sqlite().percent).toEqual([{ symbol: 'BTC%USD' }]);
    // Rounded half away from zero to 18 digits, as an insert of the value would be.
    expect(sqlite().increment).toEqual(['0.300000000000000000', '0.300000000000000001']);
    // openedAt desc, then id: minute 3 (3, 7), 2 (6), 1 (1, 9), 0 (0, 4).
    expect(sqlite().pages.map((p) => p.map((r) => r.id))).toEqual([[pid(3), pid(7), pid(6)], [pid(1), pid(9), pid(0)], [pid(4)]]);
    expect(sqlite().summary).toEqual({
      _count: 6,
      // 0.1 + 0.2 - 0.3 is exactly 0 here; the 18th digits of the other two do not cancel.
      _sum: { realizedPnl: '1804.449999999999999999' },
      _avg: { realizedPnl: '300.741666666666666666500000' },
      _min: { realizedPnl: '-0.300000000000000000' },
      _max: { closedAt: at(105) },
    });
  });
});
