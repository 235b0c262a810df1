/**
 * `distinctOn` (one row per group: the first in the order, ties to the primary key) and `distinct` (distinct rows of
 * the selected columns), on SQLite (a NOT EXISTS, SQLite has no DISTINCT ON) and PostgreSQL (DISTINCT ON), checked
 * against a model with generated rows: ties in the order, NULLs in a nullable order column, filters, pages, and
 * the prepared path and a transaction's. The latest indication per symbol is the query a trading app runs most.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, QueryError, type CtsDatabase, type SelectRow } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';
import { codeAndMessage, rejectionOf } from '../support/thrown.js';

const CONNECTIONS = ['00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000d002'] as const;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const indicationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
type Indication = SelectRow<'indications_direction'>;

interface Draft {
  readonly connection: 0 | 1;
  readonly symbol: (typeof SYMBOLS)[number];
  readonly status: 'active' | 'expired';
  readonly minute: number;
  readonly expires: number | null;
}
const rowsArb = fc.array(
  fc.record({
    connection: fc.constantFrom(0 as const, 1 as const),
    symbol: fc.constantFrom(...SYMBOLS),
    status: fc.constantFrom('active' as const, 'expired' as const),
    // Few distinct minutes: ties in the order, which the primary key must break alike on both engines.
    minute: fc.integer({ min: 0, max: 4 }),
    expires: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  }),
  { maxLength: 30 },
);

type Key = 'connectionId' | 'symbol' | 'calculatedAt' | 'expiresAt' | 'id';
type Term = readonly [Key, 'asc' | 'desc'];
interface Case {
  readonly distinctOn: readonly ('connectionId' | 'symbol')[];
  readonly order: readonly Term[];
  readonly status: 'active' | undefined;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}
const CASES: readonly Omit<Case, 'limit' | 'offset'>[] = [
  // The latest indication per (connection, symbol).
  { distinctOn: ['connectionId', 'symbol'], order: [['connectionId', 'asc'], ['symbol', 'asc'], ['calculatedAt', 'desc']], status: undefined },
  { distinctOn: ['symbol', 'connectionId'], order: [['connectionId', 'desc'], ['symbol', 'asc'], ['calculatedAt', 'asc']], status: 'active' },
  // A nullable column in the order: NULLs last ascending, first descending.
  { distinctOn: ['symbol'], order: [['symbol', 'desc'], ['expiresAt', 'asc']], status: undefined },
  { distinctOn: ['symbol'], order: [['symbol', 'asc'], ['expiresAt', 'desc'], ['calculatedAt', 'desc']], status: 'active' },
  // The primary key in the order already.
  { distinctOn: ['connectionId'], order: [['connectionId', 'asc'], ['id', 'desc']], status: undefined },
];

function compare(a: Indication, b: Indication, terms: readonly Term[]): number {
  for (const [key, direction] of terms) {
    const [x, y] = [a[key], b[key]];
    const sign = direction === 'asc' ? 1 : -1;
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? sign : -sign;
    }
    const c = x instanceof Date ? Math.sign(x.getTime() - (y as Date).getTime()) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return sign * c;
  }
  return 0;
}

/** What distinctOn must answer: per group the first row in the order (then the id), in that order, paged. */
function model(rows: readonly Indication[], c: Case): Indication[] {
  const terms: Term[] = [...c.order, ...(c.order.some(([k]) => k === 'id') ? [] : [['id', 'asc'] as const])];
  const kept = new Map<string, Indication>();
  for (const row of rows.filter((r) => c.status === undefined || r.status === c.status)) {
    const key = JSON.stringify(c.distinctOn.map((k) => row[k]));
    const best = kept.get(key);
    if (best === undefined || compare(row, best, terms) < 0) kept.set(key, row);
  }
  const sorted = [...kept.values()].sort((a, b) => compare(a, b, terms));
  const start = c.offset ?? 0;
  return sorted.slice(start, c.limit === undefined ? undefined : start + c.limit);
}

const optionsOf = (c: Case) => ({
  distinctOn: c.distinctOn,
  orderBy: c.order.map(([k, d]) => ({ [k]: d })),
  ...(c.status === undefined ? {} : { where: { status: c.status } }),
  ...(c.limit === undefined ? {} : { limit: c.limit }),
  ...(c.offset === undefined ? {} : { offset: c.offset }),
});

describe(`distinctOn and distinct on SQLite (file) and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'}), against a model`, () => {
  const engines: { name: string; target: MigrationTarget; db: CtsDatabase }[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const target = await createMigrationTarget(dialect);
      const config = target.config('dst');
      const migrated = await migrate(config);
      if (!migrated.ok) throw migrated.error;
      const db = ctsDatabase(await openAppDatabase(config));
      for (const [i, id] of CONNECTIONS.entries()) await db.exchangeConnections.insert({ id, name: `c${i}`, exchange: 'bybit' });
      engines.push({ name: dialect, target, db });
    }
  }, 60_000);
  afterAll(async () => {
    for (const e of engines) {
      await e.db.close();
      await e.target.cleanup();
    }
  });

  const write = async (db: CtsDatabase, drafts: readonly Draft[]) => {
    await db.indicationsDirection.delete({ all: true });
    await db.indicationsDirection.insertBulk(
      drafts.map((d, n) => ({ id: indicationId(n), connectionId: CONNECTIONS[d.connection], symbol: d.symbol, side: 'long', status: d.status, calculatedAt: at(d.minute), expiresAt: d.expires === null ? null : at(100 + d.expires) })),
    );
    return db.indicationsDirection.findMany({ orderBy: { id: 'asc' } });
  };

  it("keeps each group's first row in the order, ties to the id, on the prepared path and in a transaction", async () => {
    const caseArb: fc.Arbitrary<Case> = fc.record({
      base: fc.constantFrom(...CASES),
      limit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      offset: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }).map(({ base, limit, offset }) => ({ ...base, limit, offset }));
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(caseArb, { minLength: 1, maxLength: 4 }), async (drafts, cases) => {
        for (const e of engines) {
          const rows = await write(e.db, drafts);
          for (const c of cases) {
            const expected = model(rows, c);
            const find = e.db.indicationsDirection.findMany as (o: unknown) => Promise<Indication[]>;
            expect(await find(optionsOf(c)), `${e.name} ${JSON.stringify(optionsOf(c))}`).toEqual(expected);
            const inTx = await e.db.transaction((tx) => (tx.indicationsDirection.findMany as (o: unknown) => Promise<Indication[]>)(optionsOf(c)));
            expect(inTx, `${e.name} in a transaction ${JSON.stringify(optionsOf(c))}`).toEqual(expected);
          }
        }
      }),
      { numRuns: 40, seed: 20_261_210 },
    );
  }, 300_000);

  it('the latest indication per symbol of one connection, typed, with findFirst and select', async () => {
    for (const e of engines) {
      await write(e.db, [
        { connection: 0, symbol: 'BTCUSDT', status: 'active', minute: 1, expires: null },
        { connection: 0, symbol: 'BTCUSDT', status: 'active', minute: 3, expires: null },
        { connection: 0, symbol: 'ETHUSDT', status: 'active', minute: 2, expires: null },
        { connection: 1, symbol: 'ETHUSDT', status: 'active', minute: 9, expires: null },
      ]);
      const latest = await e.db.indicationsDirection.findMany({
        where: { connectionId: CONNECTIONS[0] },
        distinctOn: ['symbol'],
        orderBy: [{ symbol: 'asc' }, { calculatedAt: 'desc' }],
        select: { symbol: true, calculatedAt: true },
      });
      expect(latest, e.name).toEqual([
        { symbol: 'BTCUSDT', calculatedAt: at(3) },
        { symbol: 'ETHUSDT', calculatedAt: at(2) },
      ]);
      const first = await e.db.indicationsDirection.findFirst({ distinctOn: ['symbol'], orderBy: [{ symbol: 'desc' }, { calculatedAt: 'desc' }] });
      expect([first?.symbol, first?.calculatedAt], e.name).toEqual(['ETHUSDT', at(9)]);
    }
  });

  it('distinct: the distinct values of the selected columns', async () => {
    for (const e of engines) {
      await write(e.db, [
        { connection: 0, symbol: 'SOLUSDT', status: 'active', minute: 1, expires: null },
        { connection: 1, symbol: 'BTCUSDT', status: 'expired', minute: 1, expires: null },
        { connection: 0, symbol: 'SOLUSDT', status: 'expired', minute: 2, expires: null },
        { connection: 1, symbol: 'BTCUSDT', status: 'active', minute: 3, expires: null },
      ]);
      expect(await e.db.indicationsDirection.findMany({ select: { symbol: true }, distinct: true, orderBy: { symbol: 'asc' } }), e.name).toEqual([{ symbol: 'BTCUSDT' }, { symbol: 'SOLUSDT' }]);
      expect(await e.db.indicationsDirection.findMany({ select: { connectionId: true, symbol: true }, distinct: true, orderBy: [{ symbol: 'desc' }], where: { status: 'active' } }), e.name).toEqual([
        { connectionId: CONNECTIONS[0], symbol: 'SOLUSDT' },
        { connectionId: CONNECTIONS[1], symbol: 'BTCUSDT' },
      ]);
    }
  });

  it('a filter too long for SQLite, which binds it twice under distinctOn, is refused on both engines alike', async () => {
    const ids = Array.from({ length: 16_300 }, (_, n) => indicationId(100_000 + n));
    for (const e of engines) {
      const error = await rejectionOf(QueryError, e.db.indicationsDirection.findMany({ where: { id: { in: ids } }, distinctOn: ['symbol'], orderBy: { symbol: 'asc' } }));
      expect(codeAndMessage(error), e.name).toEqual({ code: 'QUERY_TOO_MANY_VALUES', message: 'indications_direction.where: with distinctOn a filter may bind at most 16255 values, and this one binds 16300' });
      expect(await e.db.indicationsDirection.findMany({ where: { id: { in: ids.slice(0, 16_255) } }, distinctOn: ['symbol'], orderBy: { symbol: 'asc' } }), e.name).toEqual([]);
    }
  });

  it('refuses what the engines would answer differently or not at all, naming the option', async () => {
    const find = engines[0]!.db.indicationsDirection.findMany as (o: unknown) => Promise<unknown>;
    const refused = async (options: unknown) => codeAndMessage(await rejectionOf(QueryError, find(options)));
    expect(await refused({ distinctOn: ['symbol'], orderBy: { calculatedAt: 'desc' } })).toEqual({ code: 'QUERY_INVALID_ORDER', message: 'indications_direction.orderBy: with distinctOn the order must start with the distinctOn columns (symbol)' });
    expect(await refused({ distinctOn: ['symbol'] })).toEqual({ code: 'QUERY_INVALID_ORDER', message: 'indications_direction.orderBy: with distinctOn the order must start with the distinctOn columns (symbol)' });
    expect(await refused({ distinctOn: [], orderBy: { symbol: 'asc' } })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinctOn: expected a non-empty list of columns, got an empty list' });
    expect(await refused({ distinctOn: ['settings'], orderBy: { symbol: 'asc' } })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinctOn[0]: JSON columns cannot be compared the same way on both engines' });
    expect(await refused({ distinctOn: ['nope'], orderBy: { symbol: 'asc' } })).toEqual({ code: 'QUERY_UNKNOWN_COLUMN', message: 'indications_direction has no column "nope"' });
    expect(await refused({ distinctOn: ['symbol'], orderBy: { symbol: 'asc' }, with: { connection: true } })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinctOn: distinctOn with relations (with) is not supported yet' });
    expect(await refused({ distinct: true })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinct: JSON columns (settings) cannot be compared the same way on both engines' });
    expect(await refused({ distinct: true, select: { symbol: true }, orderBy: { calculatedAt: 'desc' } })).toEqual({ code: 'QUERY_INVALID_ORDER', message: 'indications_direction.orderBy: distinct rows can only be ordered by selected columns, and calculatedAt is not selected' });
    expect(await refused({ distinct: 'yes' })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinct: expected true or false, got string' });
    expect(await refused({ distinct: true, distinctOn: ['symbol'], orderBy: { symbol: 'asc' } })).toEqual({ code: 'QUERY_INVALID_SELECT', message: 'indications_direction.distinctOn: distinct and distinctOn together' });
  });
});
