/**
 * Keyset pages (`cursor: { after: row }`) on both engines: generated rows with NULLs and exact decimals, generated
 * orders (ascending and descending, nullable columns, the primary key last), paged through with a generated page
 * size: the pages, joined, must be exactly the model's order of the whole table (a JavaScript sort with NULLs
 * last ascending and first descending), on each engine, and the engines the same. Rows inserted between two
 * pages neither repeat a row nor push one off. And the refusals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CtsDatabase, type SelectRow } from '../../src/index.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000c001';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const T0 = Date.parse('2026-05-01T00:00:00.000Z');

type Position = SelectRow<'pseudo_positions'>;
type Key = 'symbol' | 'entryPrice' | 'currentPrice' | 'closedAt' | 'closeReason' | 'id';
type Term = readonly [Key, 'asc' | 'desc'];


interface Draft {
  readonly symbol: string;
  readonly entryPrice: string;
  readonly currentPrice: string | null;
  readonly closedAt: number | null;
  readonly closeReason: string | null;
}

// Few distinct values, so orders tie often and the later terms (and the key) decide.
const draftArb: fc.Arbitrary<Draft> = fc.record({
  symbol: fc.constantFrom('BTC', 'ETH', 'SOL'),
  entryPrice: fc.constantFrom('1', '1.5', '-2', '10', '0.25'),
  currentPrice: fc.constantFrom(null, '3', '-3', '3.125'),
  closedAt: fc.constantFrom(null, 0, 1_000, 60_000),
  closeReason: fc.constantFrom(null, 'TP', 'SL'),
});
const termArb: fc.Arbitrary<Term> = fc.tuple(fc.constantFrom<Key>('symbol', 'entryPrice', 'currentPrice', 'closedAt', 'closeReason'), fc.constantFrom<'asc' | 'desc'>('asc', 'desc'));

/** A cell's order, NULLs last ascending and first descending (what the accessors promise on both engines). */
function compareCell(key: Key, a: unknown, b: unknown, direction: 'asc' | 'desc'): number {
  if (a === undefined || b === undefined) throw new Error(`no ${key} in a row`);
  if (a === null || b === null) {
    if (a === b) return 0;
    // NULL is the largest value: last ascending, first descending.
    return (a === null ? 1 : -1) * (direction === 'asc' ? 1 : -1);
  }
  const raw = key === 'entryPrice' || key === 'currentPrice' ? Number(a) - Number(b) : a instanceof Date ? a.getTime() - (b as Date).getTime() : (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  return Math.sign(raw) * (direction === 'asc' ? 1 : -1);
}

function modelOrder(rows: readonly Position[], terms: readonly Term[]): string[] {
  return [...rows].sort((x, y) => {
    for (const [key, direction] of terms) {
      const c = compareCell(key, x[key], y[key], direction);
      if (c !== 0) return c;
    }
    return 0;
  }).map((r) => r.id);
}

describe(`keyset pages on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = await openEngine(dialect);
      const db = engine.db;
      await db.exchangeConnections.insert({ id: C1, name: 'one', exchange: 'bybit' });
      engines.push(engine);
    }
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) await closeEngine(e);
  });

  const rowOf = (d: Draft, n: number) => ({
    id: idOf(n),
    connectionId: C1,
    symbol: d.symbol,
    side: 'long' as const,
    entryPrice: d.entryPrice,
    currentPrice: d.currentPrice,
    quantity: '1',
    closedAt: d.closedAt === null ? null : new Date(T0 + d.closedAt),
    closeReason: d.closeReason,
  });
  const reset = async (db: CtsDatabase, drafts: readonly Draft[]) => {
    await db.pseudoPositions.delete({ all: true });
    if (drafts.length > 0) await db.pseudoPositions.insertMany(drafts.map((d, i) => rowOf(d, i + 1)));
  };

  /** Every page of `size` rows through the cursor, joined; `between` runs after each page. */
  async function pages(db: CtsDatabase, orderBy: readonly Record<string, 'asc' | 'desc'>[], size: number, first: boolean, between?: (page: number) => Promise<void>): Promise<string[]> {
    const out: string[] = [];
    let after: Position | undefined;
    for (let page = 0; page < 100; page++) {
      const cursor = after === undefined ? {} : { cursor: { after } };
      const rows = first
        ? [await db.pseudoPositions.findFirst({ orderBy: orderBy as never, ...cursor })].filter((r) => r !== undefined)
        : await db.pseudoPositions.findMany({ orderBy: orderBy as never, limit: size, ...cursor });
      out.push(...rows.map((r) => r.id));
      if (rows.length < (first ? 1 : size)) return out;
      after = rows.at(-1);
      await between?.(page);
    }
    throw new Error('more than 100 pages');
  }

  it("pages through generated rows and orders in exactly the model's order, the same on both engines", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draftArb, { maxLength: 14 }), fc.array(termArb, { maxLength: 3 }), fc.constantFrom<'asc' | 'desc'>('asc', 'desc'), fc.integer({ min: 1, max: 5 }), fc.boolean(), async (drafts, terms, idDirection, size, first) => {
        const all: Term[] = [...terms, ['id', idDirection]];
        const orderBy = all.map(([k, d]) => ({ [k]: d }));
        const answers: unknown[] = [];
        for (const e of engines) {
          await reset(e.db, drafts);
          const table = await e.db.pseudoPositions.findMany({ orderBy: { id: 'asc' } });
          const expected = modelOrder(table, all);
          const got = await pages(e.db, orderBy, size, first);
          expect(got, `${e.dialect} ${JSON.stringify(orderBy)} by ${first ? 'findFirst' : size}`).toStrictEqual(expected);
          answers.push(got);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 60, seed: 20_261_207 },
    );
  }, 300_000);

  it('neither repeats nor skips a row when rows are inserted between pages', async () => {
    for (const e of engines) {
      await reset(
        e.db,
        Array.from({ length: 6 }, (_, i) => ({ symbol: 'BTC', entryPrice: String(10 * (i + 1)), currentPrice: null, closedAt: null, closeReason: null })),
      );
      // Ordered by entryPrice descending: 60, 50, ...; after the first page (60, 50), one row before the cursor
      // (a higher price) and one after it (a lower one) arrive.
      const got = await pages(e.db, [{ entryPrice: 'desc' }, { id: 'asc' }], 2, false, async (page) => {
        if (page === 0) await e.db.pseudoPositions.insertMany([rowOf({ symbol: 'BTC', entryPrice: '70', currentPrice: null, closedAt: null, closeReason: null }, 100), rowOf({ symbol: 'BTC', entryPrice: '35', currentPrice: null, closedAt: null, closeReason: null }, 101)]);
      });
      expect(got, e.dialect).toStrictEqual([idOf(6), idOf(5), idOf(4), idOf(101), idOf(3), idOf(2), idOf(1)]);
    }
  });

  it('refuses a cursor without a tie-free order, or whose row lacks an orderBy column, naming the fix', async () => {
    const refusal = async (fn: () => Promise<unknown>) => {
      const error = await refusalOf(fn);
      return { code: error.code, path: error.path, hint: error.hint };
    };
    const answers: unknown[] = [];
    for (const e of engines) {
      const pp = e.db.pseudoPositions;
      const row = { id: idOf(1), symbol: 'BTC', closedAt: null };
      const got = {
        ties: await refusal(() => pp.findMany({ orderBy: { symbol: 'asc' }, cursor: { after: row } })),
        noOrder: await refusal(() => pp.findMany({ cursor: { after: row } })),
        missing: await refusal(() => pp.findMany({ orderBy: [{ entryPrice: 'asc' }, { id: 'asc' }], cursor: { after: row } })),
        nullOnNotNull: await refusal(() => pp.findMany({ orderBy: [{ symbol: 'asc' }, { id: 'asc' }], cursor: { after: { ...row, symbol: null } as never } })),
        unknownKey: await refusal(() => pp.findMany({ orderBy: { id: 'asc' }, cursor: { after: row, before: row } as never })),
        notARow: await refusal(() => pp.findMany({ orderBy: { id: 'asc' }, cursor: { after: 'x' } as never })),
      };
      expect(got, e.dialect).toStrictEqual({
        ties: { code: 'QUERY_INVALID_CURSOR', path: 'pseudo_positions.orderBy', hint: "order by all the columns of a unique key (id), e.g. add { id: 'asc' } as the last term" },
        noOrder: { code: 'QUERY_INVALID_CURSOR', path: 'pseudo_positions.orderBy', hint: "order by all the columns of a unique key (id), e.g. add { id: 'asc' } as the last term" },
        missing: { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.cursor.after.entryPrice', hint: 'the cursor row needs every orderBy column: pass a row as findMany returned it' },
        nullOnNotNull: { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.cursor.after.symbol', hint: 'pass a row as findMany returned it' },
        unknownKey: { code: 'QUERY_INVALID_CURSOR', path: 'pseudo_positions.cursor.before', hint: 'the only option is after: a row of the previous page' },
        notARow: { code: 'QUERY_INVALID_CURSOR', path: 'pseudo_positions.cursor.after', hint: 'pass the last row of the previous page' },
      });
      answers.push(got);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
