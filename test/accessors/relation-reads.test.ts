/**
 * Relation reads (`with`) are one statement: a LEFT JOIN per relation, on both engines and on every path (the
 * prepared path, and the one a transaction takes). Checked against a model built from separate reads of each
 * table (the row without `with`, each related row by its key, null for a null key), with generated queries,
 * and the two engines against each other. The statements sent are counted at the driver.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CtsDatabase } from '../../src/index.js';
import { useCountedEngines } from '../support/counted-engine.js';
import { postgresMode } from '../support/test-postgres.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
const CONNECTIONS = [1, 2, 3].map((n) => id(1, n));
const STRATEGIES = [1, 2].map((n) => id(2, n));

async function seed(db: CtsDatabase): Promise<void> {
  for (const [i, c] of CONNECTIONS.entries()) {
    await db.exchangeConnections.insert({ id: c, name: `conn-${i}`, exchange: i === 2 ? 'okx' : 'bybit', volumeFactor: `${i}.5`, settings: { n: i }, createdAt: at(100 + i), updatedAt: at(100 + i) });
  }
  for (const [i, s] of STRATEGIES.entries()) {
    await db.strategiesBase.insert({ id: s, connectionId: CONNECTIONS[i]!, name: `strategy-${i}`, symbol: 'BTCUSDT', side: 'long', createdAt: at(200 + i), updatedAt: at(200 + i) });
  }
  // Columns named like the joined tables' (id, settings, created_at, updated_at): the SQL must keep them apart.
  await db.pseudoPositions.insertMany(
    Array.from({ length: 9 }, (_, i) => ({
      id: id(3, i),
      connectionId: CONNECTIONS[i % 3]!,
      strategyId: i % 3 === 2 ? null : STRATEGIES[i % 2]!,
      symbol: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'][i % 3]!,
      side: i % 2 === 0 ? ('long' as const) : ('short' as const),
      status: i % 4 === 0 ? ('closed' as const) : ('active' as const),
      entryPrice: `${(i * 37) % 11}.${i}`,
      quantity: '1',
      settings: { i },
      openedAt: at(i),
      createdAt: at(i % 4),
      updatedAt: at(i),
    })),
  );
}

type Options = NonNullable<Parameters<CtsDatabase['pseudoPositions']['findMany']>[0]>;
type With = { connection?: boolean; strategy?: boolean };

const withArb: fc.Arbitrary<With> = fc.record({ connection: fc.boolean(), strategy: fc.boolean() }, { requiredKeys: [] });
const optionsArb: fc.Arbitrary<Options> = fc.record(
  {
    where: fc.oneof(
      fc.constant({}),
      fc.record({ status: fc.constantFrom('active' as const, 'closed' as const) }),
      fc.record({ connectionId: fc.constantFrom(...CONNECTIONS) }),
      fc.record({ strategyId: fc.constantFrom(null, ...STRATEGIES) }),
      fc.record({ createdAt: fc.record({ gte: fc.integer({ min: 0, max: 4 }).map(at) }) }),
      fc.record({ entryPrice: fc.record({ lt: fc.constantFrom('3', '5.5', '10') }) }),
    ),
    orderBy: fc.constantFrom<NonNullable<Options['orderBy']>>({ id: 'asc' }, [{ createdAt: 'desc' }, { id: 'asc' }], [{ createdAt: 'asc' }, { id: 'desc' }], [{ entryPrice: 'desc' }, { id: 'asc' }]),
    limit: fc.integer({ min: 0, max: 10 }),
    offset: fc.integer({ min: 0, max: 10 }),
  },
  { requiredKeys: ['orderBy'] },
);

/** What `findMany(options)` with `with` must return, from reads without it. */
async function model(db: CtsDatabase, options: Options, wanted: With): Promise<unknown[]> {
  const rows = await db.pseudoPositions.findMany(options);
  const out: unknown[] = [];
  for (const row of rows) {
    const assembled: Record<string, unknown> = { ...row };
    if (wanted.connection === true) assembled.connection = (await db.exchangeConnections.findFirst({ where: { id: row.connectionId } })) ?? null;
    if (wanted.strategy === true) assembled.strategy = row.strategyId === null ? null : ((await db.strategiesBase.findFirst({ where: { id: row.strategyId } })) ?? null);
    out.push(assembled);
  }
  return out;
}

describe(`relation reads are one statement, the model's answer on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines = useCountedEngines('rel', seed);

  it('sends one statement per read, relations included', async () => {
    for (const e of engines) {
      const before = e.statements();
      const rows = await e.db.pseudoPositions.findMany({ where: { status: 'active' }, orderBy: { id: 'asc' }, with: { connection: true, strategy: true } });
      expect(rows.length, e.dialect).toBe(6);
      expect(e.statements() - before, e.dialect).toBe(1);
      const first = await e.db.pseudoPositions.findFirst({ where: { id: id(3, 2) }, with: { strategy: true, connection: true } });
      expect(e.statements() - before, e.dialect).toBe(2);
      // Relations in the order asked for; a null foreign key's relation is null, not missing and not undefined.
      expect(Object.keys(first!).slice(-2), e.dialect).toStrictEqual(['strategy', 'connection']);
      expect(first!.strategy, e.dialect).toBeNull();
      expect(first!.connection.id, e.dialect).toBe(CONNECTIONS[2]);
      expect(first!.connection.settings, e.dialect).toStrictEqual({ n: 2 });
      expect(first!.connection.createdAt, e.dialect).toStrictEqual(at(102));
    }
  });

  it('gives the model\'s rows for generated queries, on the prepared path and in a transaction, the same on both engines', async () => {
    await fc.assert(
      fc.asyncProperty(optionsArb, withArb, async (options, wanted) => {
        const answers: unknown[] = [];
        for (const e of engines) {
          const expected = await model(e.db, options, wanted);
          const prepared = await e.db.pseudoPositions.findMany({ ...options, with: wanted });
          const inTransaction = await e.db.transaction((tx) => tx.pseudoPositions.findMany({ ...options, with: wanted }));
          expect(prepared, e.dialect).toStrictEqual(expected);
          expect(inTransaction, e.dialect).toStrictEqual(expected);
          const firstOptions = { ...(options.where === undefined ? {} : { where: options.where }), orderBy: options.orderBy!, ...(options.offset === undefined ? {} : { offset: options.offset }) };
          const first = await e.db.pseudoPositions.findFirst({ ...firstOptions, with: wanted });
          expect(first, e.dialect).toStrictEqual((await model(e.db, { ...firstOptions, limit: 1 }, wanted))[0]);
          answers.push(prepared);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 60, seed: 20_261_207 },
    );
  }, 300_000);
});

describe('the row mapper without generated code (node --disallow-code-generation-from-strings)', () => {
  it('maps every row as the compiled mapper does, relations and nulls included (500 generated rows)', async () => {
    const { getTableColumns } = await import('drizzle-orm');
    const { createTables } = await import('../../src/tables.js');
    const { joinOf, loopMapper, positionalMapper } = await import('../../src/accessors/select-shape.js');
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const { tables } = createTables(dialect as 'sqlite', 'map');
      const positions = tables.pseudoPositions as never;
      const shape = { table: positions, columns: getTableColumns(positions), joins: [joinOf('connection', tables.exchangeConnections as never, tables.exchangeConnections as never, 'id', undefined as never), joinOf('strategy', tables.strategiesBase as never, tables.strategiesBase as never, 'id', undefined as never)] };
      const width = Object.keys(shape.columns).length + shape.joins.reduce((n, j) => n + Object.keys(j.readers).length, 0);
      const compiled = positionalMapper(shape);
      const loop = loopMapper(shape);
      // Raw values the mappings accept on both dialects (text for most columns); null anywhere, keys included.
      const cell = fc.oneof(fc.constant(null), fc.constant('1'), fc.constant('P011'), fc.constant('2026-01-02 03:04:05.678+00'), fc.constant(1), fc.constant('{}'));
      fc.assert(
        fc.property(fc.array(cell, { minLength: width, maxLength: width }), (row) => {
          let a: unknown;
          let b: unknown;
          try {
            a = compiled(row);
          } catch (error) {
            a = `threw ${String(error)}`;
          }
          try {
            b = loop(row);
          } catch (error) {
            b = `threw ${String(error)}`;
          }
          expect(a).toStrictEqual(b);
        }),
        { numRuns: 500, seed: 20_261_210 },
      );
    }
  });
});
