/**
 * `select`: generated selections of pseudo_positions' columns, with and without a relation, on the prepared path,
 * inside a transaction and with findFirst, on both engines: each row is exactly the full row's selected columns
 * (the same keys in the schema's order, the same values), the SQL names no other column, and the engines agree.
 * And the refusals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CtsDatabase } from '../../src/index.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000d001';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const COLUMNS = ['id', 'connectionId', 'strategyId', 'symbol', 'timeframe', 'side', 'status', 'entryPrice', 'currentPrice', 'exitPrice', 'quantity', 'takeProfitPrice', 'stopLossPrice', 'takeProfitFactor', 'stopLossRatio', 'trailingEnabled', 'unrealizedPnl', 'realizedPnl', 'closeReason', 'settings', 'openedAt', 'closedAt', 'createdAt', 'updatedAt'] as const;


describe(`column selection on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = await openEngine(dialect);
      const db = engine.db;
      await db.exchangeConnections.insert({ id: C1, name: 'one', exchange: 'bybit', createdAt: new Date(Date.UTC(2026, 0, 1)), updatedAt: new Date(Date.UTC(2026, 0, 1)) });
      await db.pseudoPositions.insertMany(
        Array.from({ length: 5 }, (_, i) => ({ id: idOf(i + 1), connectionId: C1, symbol: `S${i}`, side: 'long' as const, entryPrice: `${i}.5`, quantity: '2', currentPrice: i % 2 === 0 ? null : '7', settings: { i }, openedAt: new Date(Date.UTC(2026, 0, 1 + i)), createdAt: new Date(Date.UTC(2026, 0, 1)), updatedAt: new Date(Date.UTC(2026, 0, 1)) })),
      );
      engines.push(engine);
    }
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) await closeEngine(e);
  });

  it('gives exactly the selected columns of the full rows, on every read path, the same on both engines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...COLUMNS], { minLength: 1 }), fc.boolean(), fc.constantFrom('findMany', 'findFirst', 'transaction'), async (chosen, relation, path) => {
        const select = Object.fromEntries(chosen.map((k) => [k, true]));
        const answers: unknown[] = [];
        for (const e of engines) {
          const options = { orderBy: { id: 'asc' as const }, ...(relation ? { with: { connection: true } } : {}) };
          const full = (await e.db.pseudoPositions.findMany(options)) as Record<string, unknown>[];
          const expected = full.map((r) => ({ ...Object.fromEntries(COLUMNS.filter((k) => chosen.includes(k)).map((k) => [k, r[k]])), ...(relation ? { connection: r.connection } : {}) }));
          const read = (db: Pick<CtsDatabase, 'pseudoPositions'>) =>
            path === 'findFirst' ? db.pseudoPositions.findFirst({ ...options, select } as never).then((r) => [r]) : db.pseudoPositions.findMany({ ...options, select } as never);
          const got = path === 'transaction' ? await e.db.transaction((tx) => read(tx)) : await read(e.db);
          const want = path === 'findFirst' ? expected.slice(0, 1) : expected;
          expect(got, `${e.dialect} ${path} ${chosen.join(',')}`).toStrictEqual(want);
          // Same keys, same order: the mapper builds exactly the selection.
          expect(Object.keys((got as object[])[0]!), e.dialect).toStrictEqual(Object.keys(want[0]!));
          answers.push(got);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 40, seed: 20_261_207 },
    );
  }, 300_000);

  it('sends only the selected columns', () => {
    for (const e of engines) {
      const { sql } = e.db.pseudoPositions.sqlFor({ select: { symbol: true, quantity: true }, where: { status: 'active' } });
      const listed = sql.slice(sql.indexOf('select') + 6, sql.indexOf(' from ')).split(',').map((c) => c.trim().split('.').at(-1));
      expect(listed, e.dialect).toStrictEqual(['"symbol"', '"quantity"']);
    }
  });

  it('refuses an unknown column, a non-boolean, and a selection of nothing', async () => {
    const answers: unknown[] = [];
    for (const e of engines) {
      const refusal = async (select: unknown) => {
        const error = await refusalOf(() => e.db.pseudoPositions.findMany({ select } as never));
        return { code: error.code, path: error.path };
      };
      const got = [await refusal({ nope: true }), await refusal({ id: 1 }), await refusal({ id: false }), await refusal({}), await refusal({ id: undefined }), await refusal(['id'])];
      expect(got, e.dialect).toStrictEqual([
        { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.select.nope' },
        { code: 'QUERY_INVALID_SELECT', path: 'pseudo_positions.select.id' },
        { code: 'QUERY_INVALID_SELECT', path: 'pseudo_positions.select' },
        { code: 'QUERY_INVALID_SELECT', path: 'pseudo_positions.select' },
        { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.select.id' },
        { code: 'QUERY_INVALID_SELECT', path: 'pseudo_positions.select' },
      ]);
      answers.push(got);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
