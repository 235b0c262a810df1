/**
 * increment / decrement / multiply in `set`, on both engines: generated rows and operations against PostgreSQL
 * itself as the model (the same arithmetic as `SELECT (a op b)::numeric(p, s)`, which rounds half away from zero
 * and refuses what does not fit), exactly; a refusal of any row writes no row. Then the engines against each
 * other, concurrent increments that lose nothing, updateReturning, and the refusals of malformed operations.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type CtsDatabase } from '../../src/index.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000a001';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;


type Op = 'increment' | 'decrement' | 'multiply';
// The columns: baseVolume numeric(38, 18) NOT NULL, volumeFactor numeric(18, 8) NOT NULL, minVolume numeric(38, 18)
// NULL, leverage integer NOT NULL.
type Target = 'baseVolume' | 'volumeFactor' | 'minVolume' | 'leverage';
const SQL_TYPE: Record<Target, string> = { baseVolume: 'numeric(38, 18)', volumeFactor: 'numeric(18, 8)', minVolume: 'numeric(38, 18)', leverage: 'integer' };

interface Seed {
  readonly baseVolume: string;
  readonly volumeFactor: string;
  readonly minVolume: string | null;
  readonly leverage: number;
}

const decimalArb = (int: number, frac: number) =>
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** BigInt(int) - 1n }), fc.bigInt({ min: 0n, max: 10n ** BigInt(frac) - 1n }), fc.nat(frac)).map(([neg, i, f, keep]) => {
    const fraction = f.toString().padStart(frac, '0').slice(0, keep);
    return `${neg ? '-' : ''}${i}${fraction === '' ? '' : `.${fraction}`}`;
  });
const seedArb: fc.Arbitrary<Seed> = fc.record({
  baseVolume: fc.oneof(decimalArb(4, 6), fc.constantFrom('0', '99999999999999999999.999999999999999999', '-0.000000000000000001')),
  volumeFactor: fc.oneof(decimalArb(3, 8), fc.constantFrom('9999999999.99999999', '0.00000005')),
  minVolume: fc.option(decimalArb(3, 4), { nil: null }),
  leverage: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(2_147_483_647, -2_147_483_648)),
});
const operationArb = fc.record({
  target: fc.constantFrom<Target>('baseVolume', 'volumeFactor', 'minVolume', 'leverage'),
  op: fc.constantFrom<Op>('increment', 'decrement', 'multiply'),
  decimal: fc.oneof(decimalArb(3, 10), fc.constantFrom('0.5', '-1', '100000000000', '0.000000005', '1.000000005')),
  integer: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(2, 2_147_483_647)),
});

describe(`arithmetic updates on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
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
  const pg = () => engines.find((e) => e.dialect === 'postgresql')!;

  /** PostgreSQL's answer for one value: the result as the column stores it, or undefined when it refuses. */
  async function oracle(target: Target, current: string | number | null, op: Op, operand: string | number): Promise<string | number | null | undefined> {
    if (current === null) return null;
    const symbol = { increment: '+', decrement: '-', multiply: '*' }[op];
    const type = target === 'leverage' ? 'integer' : 'numeric';
    try {
      const rows = (await (pg().db.app.db as unknown as { execute(q: unknown): Promise<unknown> }).execute(sql.raw(`select ('${current}'::${type} ${symbol} '${operand}'::${type})::${SQL_TYPE[target]} as v`))) as unknown as { v: unknown }[] | { rows: { v: unknown }[] };
      const v = (Array.isArray(rows) ? rows : rows.rows)[0]!.v;
      return target === 'leverage' ? Number(v) : String(v);
    } catch {
      return undefined;
    }
  }

  const tableOf = async (db: CtsDatabase) => (await db.volumeConfiguration.findMany({ orderBy: { id: 'asc' } })).map((r) => ({ id: r.id, baseVolume: r.baseVolume, volumeFactor: r.volumeFactor, minVolume: r.minVolume, leverage: r.leverage }));
  const reset = async (db: CtsDatabase, seeds: readonly Seed[]) => {
    await db.volumeConfiguration.delete({ all: true });
    if (seeds.length > 0) await db.volumeConfiguration.insertMany(seeds.map((s, i) => ({ id: idOf(i + 1), connectionId: C1, symbol: `S${i % 3}-${i}`, ...s })));
  };

  it("gives PostgreSQL's own arithmetic for generated rows and operations, on both engines, or refuses and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(seedArb, { minLength: 1, maxLength: 6 }), operationArb, fc.constantFrom('S0', 'S1', undefined), fc.boolean(), async (seeds, operation, symbol, inTransaction) => {
        const operand = operation.target === 'leverage' ? operation.integer : operation.decimal;
        // The model: every matching row's new value from PostgreSQL; one refusal refuses the whole update.
        await reset(pg().db, seeds);
        const before = await tableOf(pg().db);
        const matching = new Set(seeds.flatMap((_, i) => (symbol === undefined || `S${i % 3}` === symbol ? [idOf(i + 1)] : [])));
        const expected: typeof before = [];
        let refused = false;
        for (const row of before) {
          if (!matching.has(row.id)) {
            expected.push(row);
            continue;
          }
          const v = await oracle(operation.target, row[operation.target], operation.op, operand);
          if (v === undefined) refused = true;
          expected.push({ ...row, [operation.target]: v });
        }
        const answers: unknown[] = [];
        for (const e of engines) {
          await reset(e.db, seeds);
          const options = { ...(symbol === undefined ? { all: true as const } : { where: { symbol: { startsWith: `${symbol}-` } } }), set: { [operation.target]: { [operation.op]: operand } } };
          let outcome: unknown;
          try {
            const run = (db: Pick<CtsDatabase, 'volumeConfiguration'>) => db.volumeConfiguration.update(options as never);
            outcome = inTransaction ? await e.db.transaction((tx) => run(tx)) : await run(e.db);
          } catch (error) {
            if (!(error instanceof QueryError)) throw error;
            outcome = error.code;
          }
          const after = await tableOf(e.db);
          const label = `${e.dialect} ${JSON.stringify(options)}`;
          if (refused) {
            expect(outcome, label).toBe('QUERY_INVALID_VALUE');
            expect(after, label).toStrictEqual(before);
          } else {
            expect(outcome, label).toBe(matching.size);
            expect(after, label).toStrictEqual(expected);
          }
          answers.push([outcome, after]);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 60, seed: 20_261_207 },
    );
  }, 300_000);

  it('loses no increment when 8 callers increment the same row at once, and updateReturning gives the stored rows', async () => {
    for (const e of engines) {
      await reset(e.db, [{ baseVolume: '0', volumeFactor: '1', minVolume: null, leverage: 0 }]);
      await Promise.all(Array.from({ length: 8 }, () => e.db.volumeConfiguration.update({ where: { id: idOf(1) }, set: { baseVolume: { increment: '0.125' }, leverage: { increment: 1 } } })));
      const [row] = await tableOf(e.db);
      expect(row, e.dialect).toStrictEqual({ id: idOf(1), baseVolume: '1.000000000000000000', volumeFactor: '1.00000000', minVolume: null, leverage: 8 });
      const returned = await e.db.volumeConfiguration.updateReturning({ where: { id: idOf(1) }, set: { volumeFactor: { multiply: '0.333333333' }, symbol: 'X' } });
      expect(returned.map((r) => [r.symbol, r.volumeFactor, r.leverage]), e.dialect).toStrictEqual([['X', '0.33333333', 8]]);
    }
  });

  it('refuses malformed operations before touching a row, the same on both engines', async () => {
    const refusal = async (fn: () => Promise<unknown>) => {
      const error = await refusalOf(fn);
      return { code: error.code, path: error.path };
    };
    const answers: unknown[] = [];
    for (const e of engines) {
      await reset(e.db, [{ baseVolume: '1', volumeFactor: '1', minVolume: null, leverage: 1 }]);
      const vc = e.db.volumeConfiguration;
      const update = (set: unknown) => vc.update({ where: { id: idOf(1) }, set } as never);
      const got = {
        two: await refusal(() => update({ baseVolume: { increment: '1', decrement: '1' } })),
        unknown: await refusal(() => update({ baseVolume: { add: '1' } })),
        number: await refusal(() => update({ baseVolume: { increment: 1 } })),
        exponent: await refusal(() => update({ baseVolume: { increment: '1e3' } })),
        fraction: await refusal(() => update({ leverage: { multiply: 1.5 } })),
        undefinedAmount: await refusal(() => update({ leverage: { increment: undefined } })),
        nullAmount: await refusal(() => update({ leverage: { increment: null } })),
        onText: await refusal(() => update({ symbol: { increment: '1' } })),
        overflow: await refusal(() => update({ leverage: { increment: 2_147_483_647 }, baseVolume: { increment: '1' } })),
      };
      expect(got, e.dialect).toStrictEqual({
        two: { code: 'QUERY_INVALID_SET', path: 'volume_configuration.set.baseVolume' },
        unknown: { code: 'QUERY_INVALID_SET', path: 'volume_configuration.set.baseVolume' },
        number: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.baseVolume.increment' },
        exponent: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.baseVolume.increment' },
        fraction: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.leverage.multiply' },
        undefinedAmount: { code: 'QUERY_UNDEFINED_VALUE', path: 'volume_configuration.set.leverage.increment' },
        nullAmount: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.leverage.increment' },
        onText: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.symbol' },
        overflow: { code: 'QUERY_INVALID_VALUE', path: 'volume_configuration.set.leverage.increment' },
      });
      // Nothing of the refused calls was written (the overflow's increment of baseVolume included).
      expect(await tableOf(e.db), e.dialect).toStrictEqual([{ id: idOf(1), baseVolume: '1.000000000000000000', volumeFactor: '1.00000000', minVolume: null, leverage: 1 }]);
      answers.push(got);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
