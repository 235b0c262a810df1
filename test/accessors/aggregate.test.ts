/**
 * `aggregate`: counts, exact sums and averages, min and max, on SQLite (file) and PostgreSQL, checked against a
 * model computed here with BigInt from the rows written, with generated rows (fast-check): decimals of up to
 * 38 digits, negatives, zeros, nulls, and filters that match nothing. SQLite stores decimals as text keys, so its
 * sums are the ones a float or a plain SUM would get wrong; the two engines must answer exactly alike.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, QueryError, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { postgresMode } from '../support/test-postgres.js';
import { codeAndMessage, rejectionOf } from '../support/thrown.js';
import { useCountedEngines } from '../support/counted-engine.js';

const CONNECTION = '00000000-0000-4000-8000-00000000a001';
const T0 = Date.parse('2026-05-01T00:00:00.000Z');
const positionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'] as const;
const STATUSES = ['active', 'closed', 'failed'] as const;

/** Units at a scale as PostgreSQL prints numeric(p, scale): exactly `scale` fraction digits. */
function formatUnits(units: bigint, scale: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const unitsOf = (text: string, scale: number) => {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return text.startsWith('-') ? -units : units;
};

/** A decimal of numeric(p, s) as text: big ones (carries across the 9-digit chunks) as often as small ones. */
const decimal = (precision: number, scale: number) => {
  const max = 10n ** BigInt(precision) - 1n;
  return fc.oneof(fc.bigInt({ min: -max, max }), fc.bigInt({ min: -(10n ** BigInt(scale + 2)), max: 10n ** BigInt(scale + 2) }), fc.constantFrom(0n, 1n, -1n, max, -max)).map((units) => formatUnits(units, scale));
};

interface Position {
  readonly n: number;
  readonly symbol: (typeof SYMBOLS)[number];
  readonly status: (typeof STATUSES)[number];
  readonly side: 'long' | 'short';
  readonly entryPrice: string;
  readonly realizedPnl: string;
  readonly takeProfitFactor: string | null;
  readonly minute: number;
}

const rowsArb: fc.Arbitrary<Position[]> = fc
  .array(
    fc.record({
      symbol: fc.constantFrom(...SYMBOLS),
      status: fc.constantFrom(...STATUSES.slice(0, 2)),
      side: fc.constantFrom('long' as const, 'short' as const),
      entryPrice: decimal(38, 18),
      realizedPnl: decimal(38, 18),
      takeProfitFactor: fc.option(decimal(18, 8), { nil: null }),
      minute: fc.integer({ min: 0, max: 100_000 }),
    }),
    { maxLength: 40 },
  )
  .map((rows) => rows.map((r, n) => ({ ...r, n })));

type Filter = { readonly where: Record<string, unknown>; readonly keep: (p: Position) => boolean };
const FILTERS: readonly Filter[] = [
  { where: {}, keep: () => true },
  { where: { status: 'closed' }, keep: (p) => p.status === 'closed' },
  { where: { side: 'long', symbol: { startsWith: 'B' } }, keep: (p) => p.side === 'long' && p.symbol.startsWith('B') },
  { where: { status: 'failed' }, keep: () => false },
];

/** What aggregate must answer, computed from the rows themselves. */
function model(rows: readonly Position[]) {
  const sum = (values: readonly string[], scale: number) => (values.length === 0 ? null : formatUnits(values.reduce((a, v) => a + unitsOf(v, scale), 0n), scale));
  const avg = (values: readonly string[], scale: number) => {
    if (values.length === 0) return null;
    const total = values.reduce((a, v) => a + unitsOf(v, scale), 0n) * 10n ** 6n;
    const n = BigInt(values.length);
    const q = (total < 0n ? -total : total) * 2n + n;
    const rounded = q / (2n * n);
    return formatUnits(total < 0n ? -rounded : rounded, scale + 6);
  };
  const extreme = (values: readonly string[], scale: number, pick: 'min' | 'max') => {
    if (values.length === 0) return null;
    const units = values.map((v) => unitsOf(v, scale));
    return formatUnits(units.reduce((a, b) => ((pick === 'min' ? b < a : b > a) ? b : a)), scale);
  };
  const factors = rows.map((r) => r.takeProfitFactor).filter((v): v is string => v !== null);
  const minutes = rows.map((r) => r.minute);
  const symbols = rows.map((r) => r.symbol).sort();
  return {
    _count: rows.length,
    _sum: { entryPrice: sum(rows.map((r) => r.entryPrice), 18), realizedPnl: sum(rows.map((r) => r.realizedPnl), 18), takeProfitFactor: sum(factors, 8) },
    _avg: { realizedPnl: avg(rows.map((r) => r.realizedPnl), 18), takeProfitFactor: avg(factors, 8) },
    _min: { takeProfitFactor: extreme(factors, 8, 'min'), openedAt: rows.length === 0 ? null : new Date(T0 + Math.min(...minutes) * 60_000), symbol: symbols[0] ?? null },
    _max: { realizedPnl: extreme(rows.map((r) => r.realizedPnl), 18, 'max'), openedAt: rows.length === 0 ? null : new Date(T0 + Math.max(...minutes) * 60_000), symbol: symbols.at(-1) ?? null },
  };
}

const ASK = {
  _count: true,
  _sum: { entryPrice: true, realizedPnl: true, takeProfitFactor: true },
  _avg: { realizedPnl: true, takeProfitFactor: true },
  _min: { takeProfitFactor: true, openedAt: true, symbol: true },
  _max: { realizedPnl: true, openedAt: true, symbol: true },
} as const;

describe(`aggregate on SQLite (file) and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'}), against a model`, () => {
  const engines: { name: string; target: MigrationTarget; db: CtsDatabase }[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const target = await createMigrationTarget(dialect);
      const config = target.config('agg');
      const migrated = await migrate(config);
      if (!migrated.ok) throw migrated.error;
      const db = ctsDatabase(await openAppDatabase(config));
      await db.exchangeConnections.insert({ id: CONNECTION, name: 'main', exchange: 'bybit' });
      engines.push({ name: dialect, target, db });
    }
  }, 60_000);
  afterAll(async () => {
    for (const e of engines) {
      await e.db.close();
      await e.target.cleanup();
    }
  });

  const write = async (db: CtsDatabase, rows: readonly Position[]) => {
    await db.pseudoPositions.delete({ all: true });
    await db.pseudoPositions.insertBulk(
      rows.map((r) => ({
        id: positionId(r.n),
        connectionId: CONNECTION,
        symbol: r.symbol,
        side: r.side,
        status: r.status,
        entryPrice: r.entryPrice,
        quantity: '1',
        realizedPnl: r.realizedPnl,
        takeProfitFactor: r.takeProfitFactor,
        openedAt: new Date(T0 + r.minute * 60_000),
      })),
    );
  };

  it('gives the model exact answers on both engines, for generated rows and filters', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, async (rows) => {
        for (const e of engines) await write(e.db, rows);
        for (const filter of FILTERS) {
          const expected = model(rows.filter(filter.keep));
          for (const e of engines) {
            const got = await e.db.pseudoPositions.aggregate({ where: filter.where, ...ASK });
            expect(got, `${e.name} ${JSON.stringify(filter.where)}`).toEqual(expected);
          }
        }
      }),
      { numRuns: 30, seed: 20_261_208 },
    );
  }, 300_000);

  it('the sum of big decimals carries across every digit, where a float or a plain SUM would round', async () => {
    const big = '99999999999999999999.999999999999999999';
    const rows: Position[] = [big, big, '-0.000000000000000001', '0.000000000000000003'].map((v, n) => ({ n, symbol: 'BTCUSDT', status: 'closed', side: 'long', entryPrice: v, realizedPnl: v, takeProfitFactor: null, minute: n }));
    for (const e of engines) {
      await write(e.db, rows);
      const got = await e.db.pseudoPositions.aggregate({ _sum: { realizedPnl: true }, _avg: { realizedPnl: true }, _count: { takeProfitFactor: true, realizedPnl: true } });
      expect(got, e.name).toEqual({
        _sum: { realizedPnl: '200000000000000000000.000000000000000000' },
        _avg: { realizedPnl: '50000000000000000000.000000000000000000000000' },
        _count: { takeProfitFactor: 0, realizedPnl: 4 },
      });
    }
  });

  it('integer sums are numbers; averages of integers have 6 digits', async () => {
    for (const e of engines) {
      await e.db.strategiesBase.delete({ all: true });
      for (const [i, trades] of [7, -2, 0, 2_147_483_647].entries()) {
        await e.db.strategiesBase.insert({ connectionId: CONNECTION, name: `s${i}`, symbol: 'BTCUSDT', side: 'long', totalTrades: trades });
      }
      const got = await e.db.strategiesBase.aggregate({ _sum: { totalTrades: true }, _avg: { totalTrades: true }, _min: { totalTrades: true }, _max: { name: true } });
      expect(got, e.name).toEqual({ _sum: { totalTrades: 2_147_483_652 }, _avg: { totalTrades: '536870913.000000' }, _min: { totalTrades: -2 }, _max: { name: 's3' } });
    }
  });

  it('groupBy: groups, having, order and pages as the model computes them, on both engines', async () => {
    type By = readonly ('symbol' | 'side' | 'status')[];
    const BYS: readonly By[] = [['symbol'], ['symbol', 'side'], ['status'], ['side', 'status', 'symbol']];
    type Case = { by: By; having: number; order: number; limit: number | undefined; offset: number | undefined };
    // Each having / order is given to the accessor and, beside it, to the model as code.
    const maxEntry = (members: readonly Position[]) => members.reduce((a, r) => (unitsOf(r.entryPrice, 18) > a ? unitsOf(r.entryPrice, 18) : a), -(10n ** 40n));
    const HAVINGS: readonly { having: Record<string, unknown> | undefined; keep: (m: ReturnType<typeof model>, members: readonly Position[]) => boolean }[] = [
      { having: undefined, keep: () => true },
      { having: { _count: { gte: 2 } }, keep: (m) => m._count >= 2 },
      { having: { _sum: { realizedPnl: { gt: '0' } } }, keep: (m) => m._sum.realizedPnl !== null && unitsOf(m._sum.realizedPnl, 18) > 0n },
      { having: { _min: { takeProfitFactor: { isNull: true } }, _count: { lt: 4 }, _max: { entryPrice: { gte: '0' } } }, keep: (m, members) => m._min.takeProfitFactor === null && m._count < 4 && maxEntry(members) >= 0n },
      { having: { _avg: { takeProfitFactor: { lte: '0.5' } } }, keep: (m) => m._avg.takeProfitFactor !== null && unitsOf(m._avg.takeProfitFactor, 14) <= unitsOf('0.5', 14) },
    ];
    type Group = ReturnType<typeof model> & Record<string, unknown>;
    const cmpUnits = (a: string | null, b: string | null, scale: number, dir: 1 | -1) => (a === null || b === null ? (a === b ? 0 : a === null ? dir : -dir) : dir * Math.sign(Number(unitsOf(a, scale) - unitsOf(b, scale))));
    const ORDERS: readonly { orderBy: unknown; compare: (a: Group, b: Group) => number }[] = [
      { orderBy: undefined, compare: () => 0 },
      { orderBy: { _sum: { realizedPnl: 'desc' } }, compare: (a, b) => cmpUnits(a._sum.realizedPnl, b._sum.realizedPnl, 18, -1) },
      { orderBy: [{ _count: 'asc' }, { _min: { takeProfitFactor: 'desc' } }], compare: (a, b) => a._count - b._count || cmpUnits(a._min.takeProfitFactor, b._min.takeProfitFactor, 8, -1) },
      { orderBy: [{ _avg: { realizedPnl: 'asc' } }], compare: (a, b) => cmpUnits(a._avg.realizedPnl, b._avg.realizedPnl, 24, 1) },
    ];
    const caseArb: fc.Arbitrary<Case> = fc.record({
      by: fc.constantFrom(...BYS),
      having: fc.integer({ min: 0, max: HAVINGS.length - 1 }),
      order: fc.integer({ min: 0, max: ORDERS.length - 1 }),
      limit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      offset: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(caseArb, { minLength: 1, maxLength: 4 }), async (rows, cases) => {
        for (const e of engines) await write(e.db, rows);
        for (const c of cases) {
          const groups = new Map<string, Position[]>();
          for (const r of rows) {
            const key = JSON.stringify(c.by.map((k) => r[k]));
            groups.set(key, [...(groups.get(key) ?? []), r]);
          }
          let expected: Group[] = [...groups.values()].filter((members) => HAVINGS[c.having]!.keep(model(members), members)).map((members) => ({ ...Object.fromEntries(c.by.map((k) => [k, members[0]![k]])), ...model(members) }));
          // Ties: the by columns ascending (ASCII here, so < is byte order).
          const tie = (a: Group, b: Group) => {
            for (const k of c.by) if (a[k] !== b[k]) return (a[k] as string) < (b[k] as string) ? -1 : 1;
            return 0;
          };
          expected.sort((a, b) => ORDERS[c.order]!.compare(a, b) || tie(a, b));
          const start = c.offset ?? 0;
          expected = expected.slice(start, c.limit === undefined ? undefined : start + c.limit);
          for (const e of engines) {
            const options = { by: c.by, ...ASK, ...(HAVINGS[c.having]!.having === undefined ? {} : { having: HAVINGS[c.having]!.having }), ...(ORDERS[c.order]!.orderBy === undefined ? {} : { orderBy: ORDERS[c.order]!.orderBy }), ...(c.limit === undefined ? {} : { limit: c.limit }), ...(c.offset === undefined ? {} : { offset: c.offset }) };
            const got = await (e.db.pseudoPositions.groupBy as (o: unknown) => Promise<unknown>)(options);
            expect(got, `${e.name} ${JSON.stringify(options)}`).toEqual(expected);
          }
        }
      }),
      { numRuns: 30, seed: 20_261_209 },
    );
  }, 300_000);

  it('groupBy: a page of many groups is the same on both engines, whatever order the engine groups in (ties by the by columns)', async () => {
    // 300 symbols: enough for PostgreSQL to hash the groups, whose order is then the hash table's.
    const symbols = Array.from({ length: 300 }, (_, i) => `S${String((i * 7919) % 1000).padStart(3, '0')}`);
    const expected = [...new Set(symbols)].sort().slice(20, 30).map((symbol) => ({ symbol, _count: 1 }));
    for (const e of engines) {
      await e.db.pseudoPositions.delete({ all: true });
      await e.db.pseudoPositions.insertBulk(symbols.map((symbol, n) => ({ id: positionId(n), connectionId: CONNECTION, symbol, side: 'long', entryPrice: '1', quantity: '1' })));
      expect(await e.db.pseudoPositions.groupBy({ by: ['symbol'], _count: true, orderBy: { _count: 'desc' }, offset: 20, limit: 10 }), e.name).toEqual(expected);
    }
  });

  it('groupBy: the PnL sum per connection, exact, largest first', async () => {
    const OTHER = '00000000-0000-4000-8000-00000000a002';
    for (const e of engines) {
      await e.db.pseudoPositions.delete({ all: true });
      await e.db.exchangeConnections.upsert({ values: { id: OTHER, name: 'spare', exchange: 'okx' }, target: ['id'] });
      const pnl = [['1.10', CONNECTION], ['2.20', CONNECTION], ['570.45', CONNECTION], ['-0.000000000000000001', OTHER], ['0.000000000000000002', OTHER]] as const;
      await e.db.pseudoPositions.insertBulk(pnl.map(([realizedPnl, connectionId], n) => ({ id: positionId(n), connectionId, symbol: 'BTCUSDT', side: 'long', status: 'closed', entryPrice: '1', quantity: '1', realizedPnl })));
      const got = await e.db.pseudoPositions.groupBy({ by: ['connectionId'], where: { status: 'closed' }, _sum: { realizedPnl: true }, _count: true, orderBy: { _sum: { realizedPnl: 'desc' } } });
      expect(got, e.name).toEqual([
        { connectionId: CONNECTION, _sum: { realizedPnl: '573.750000000000000000' }, _count: 3 },
        { connectionId: OTHER, _sum: { realizedPnl: '0.000000000000000001' }, _count: 2 },
      ]);
    }
  });

  it('refuses what is not defined, naming the table and key, before any SQL', async () => {
    const db = engines[0]!.db;
    const refused = async (options: unknown) => codeAndMessage(await rejectionOf(QueryError, (db.pseudoPositions.aggregate as (o: unknown) => Promise<unknown>)(options)));
    expect(await refused({ _sum: { symbol: true } })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.aggregate._sum.symbol: a sum of a text column is not defined' });
    expect(await refused({ _min: { settings: true } })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.aggregate._min.settings: a minimum of a json column is not defined' });
    expect(await refused({ _count: { nope: true } })).toEqual({ code: 'QUERY_UNKNOWN_COLUMN', message: 'pseudo_positions has no column "nope"' });
    expect(await refused({ _sum: { quantity: undefined } })).toEqual({ code: 'QUERY_UNDEFINED_VALUE', message: 'pseudo_positions.aggregate._sum.quantity is undefined' });
    expect(await refused({ _count: false })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.aggregate: asks for no aggregate' });
    expect(await refused({ _count: 'yes' })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.aggregate._count: expected true or { column: true, ... }, got string' });
    expect(await refused({ _summ: { quantity: true } })).toEqual({ code: 'QUERY_UNKNOWN_OPTION', message: 'pseudo_positions.aggregate: unknown option "_summ"' });
    expect(await refused(undefined)).toEqual({ code: 'QUERY_INVALID_FILTER', message: 'pseudo_positions.aggregate: expected an options object, got undefined' });
    expect(await refused({ where: { symbol: undefined }, _count: true })).toEqual({ code: 'QUERY_UNDEFINED_VALUE', message: 'pseudo_positions.where.symbol is undefined' });
    const group = async (options: unknown) => codeAndMessage(await rejectionOf(QueryError, (db.pseudoPositions.groupBy as (o: unknown) => Promise<unknown>)(options)));
    expect(await group({ by: [] })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.groupBy.by: expected a non-empty list of columns, got an empty list' });
    expect(await group({ by: ['settings'] })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.groupBy.by[0]: JSON columns cannot be grouped by the same way on both engines' });
    expect(await group({ by: ['symbol', 'symbol'] })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.groupBy.by[1]: symbol is listed twice' });
    expect(await group({ by: ['symbol'], orderBy: { side: 'asc' } })).toEqual({ code: 'QUERY_INVALID_ORDER', message: 'pseudo_positions.groupBy.orderBy.side: side is not one of the by columns' });
    expect(await group({ by: ['symbol'], orderBy: { _sum: { symbol: 'asc' } } })).toEqual({ code: 'QUERY_INVALID_AGGREGATE', message: 'pseudo_positions.groupBy.orderBy._sum.symbol: sum of a text column is not defined' });
    expect(await group({ by: ['symbol'], having: { _sum: { realizedPnl: { gt: 0 } } } })).toEqual({ code: 'QUERY_INVALID_VALUE', message: 'pseudo_positions.groupBy.having._sum.realizedPnl.gt: expected a plain decimal string such as "0.5", got number' });
    expect(await group({ by: ['symbol'], having: { _count: { atLeast: 2 } } })).toEqual({ code: 'QUERY_UNKNOWN_OPERATOR', message: 'pseudo_positions.groupBy.having._count.atLeast: unknown operator' });
    expect(await group({ by: ['symbol'], having: { _count: { gte: undefined } } })).toEqual({ code: 'QUERY_UNDEFINED_VALUE', message: 'pseudo_positions.groupBy.having._count.gte is undefined' });
    expect(await group({ by: ['symbol'], limit: -1 })).toMatchObject({ code: 'QUERY_INVALID_VALUE' });
  });
});

describe(`aggregate and groupBy are prepared once per shape, like finds (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const CONNECTION = '00000000-0000-4000-8000-00000000c001';
  const engines = useCountedEngines('aggprep', async (db) => {
    await db.exchangeConnections.insert({ id: CONNECTION, name: 'c', exchange: 'bybit' });
    await db.pseudoPositions.insertMany(
      ['0.1', '0.2', '-0.3', '12345678901234567890.123456789012345678'].map((pnl, i) => ({ connectionId: CONNECTION, symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT', side: 'long' as const, status: i < 3 ? ('closed' as const) : ('active' as const), entryPrice: '1', quantity: '1', realizedPnl: pnl })),
    );
  });

  it('sends one kept statement per shape: other filter values reuse it, other aggregates get their own; answers as in a transaction', async () => {
    const answers: unknown[] = [];
    for (const e of engines) {
      const before = { statements: e.statements(), prepares: e.prepares() };
      const sums: unknown[] = [];
      for (const status of ['closed', 'active', 'pending'] as const) sums.push(await e.db.pseudoPositions.aggregate({ where: { status }, _count: true, _sum: { realizedPnl: true }, _avg: { realizedPnl: true }, _max: { symbol: true } }));
      const groups: unknown[] = [];
      for (const symbol of ['BTCUSDT', 'ETHUSDT']) groups.push(await e.db.pseudoPositions.groupBy({ by: ['status'], where: { symbol }, _sum: { realizedPnl: true }, orderBy: { status: 'asc' } }));
      expect(e.statements() - before.statements, e.dialect).toBe(5);
      // Two shapes on SQLite's native connection; PostgreSQL names its statements itself.
      expect(e.prepares() - before.prepares, e.dialect).toBe(e.dialect === 'sqlite' ? 2 : 0);
      expect(sums[0], e.dialect).toStrictEqual({ _count: 3, _sum: { realizedPnl: '0.000000000000000000' }, _avg: { realizedPnl: '0.000000000000000000000000' }, _max: { symbol: 'ETHUSDT' } });
      expect(sums[2], e.dialect).toStrictEqual({ _count: 0, _sum: { realizedPnl: null }, _avg: { realizedPnl: null }, _max: { symbol: null } });
      expect(groups[0], e.dialect).toStrictEqual([
        { status: 'closed', _sum: { realizedPnl: '-0.200000000000000000' } },
      ]);
      // The same calls inside a transaction (built and run directly, mapped by Drizzle) answer the same.
      const inTransaction = await e.db.transaction(async (tx) => {
        const s: unknown[] = [];
        for (const status of ['closed', 'active', 'pending'] as const) s.push(await tx.pseudoPositions.aggregate({ where: { status }, _count: true, _sum: { realizedPnl: true }, _avg: { realizedPnl: true }, _max: { symbol: true } }));
        const g: unknown[] = [];
        for (const symbol of ['BTCUSDT', 'ETHUSDT']) g.push(await tx.pseudoPositions.groupBy({ by: ['status'], where: { symbol }, _sum: { realizedPnl: true }, orderBy: { status: 'asc' } }));
        return { sums: s, groups: g };
      });
      expect(inTransaction, e.dialect).toStrictEqual({ sums, groups });
      answers.push({ sums, groups });
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
