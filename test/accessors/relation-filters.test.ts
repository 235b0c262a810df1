/**
 * Filters on to-one relations (`where: { connection: { exchange: 'bybit' } }`), nested up to three relations
 * deep, on both engines: generated filters over a fixed graph of connections, strategies and positions, each
 * answer compared with a model (JavaScript over every row of the tables) and the engines with each other, on the
 * prepared path, in a transaction, in count, update and delete. And the refusals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CtsAccessors, SelectRow } from '../../src/index.js';
import type { Where } from '../../src/accessors/query-types.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { postgresMode } from '../support/test-postgres.js';

const idOf = (kind: number, n: number) => `00000000-0000-4000-8000-${(kind * 0x1000 + n).toString(16).padStart(12, '0')}`;
const CONNECTIONS = [
  { id: idOf(1, 1), name: 'c1', exchange: 'bybit', isEnabled: true },
  { id: idOf(1, 2), name: 'c2', exchange: 'bybit', isEnabled: false },
  { id: idOf(1, 3), name: 'c3', exchange: 'okx', isEnabled: true },
] as const;
const STRATEGIES = [
  { id: idOf(2, 1), connectionId: idOf(1, 1), name: 's1', symbol: 'BTC', side: 'long' as const, takeProfitFactor: '1.5' },
  { id: idOf(2, 2), connectionId: idOf(1, 3), name: 's2', symbol: 'ETH', side: 'short' as const, takeProfitFactor: '2' },
  { id: idOf(2, 3), connectionId: idOf(1, 2), name: 's3', symbol: 'BTC', side: 'long' as const, takeProfitFactor: '0.25' },
];
// Every connection with and without a strategy (strategyId is nullable), some strategies on another connection.
const POSITIONS = Array.from({ length: 12 }, (_, i) => ({
  id: idOf(3, i + 1),
  connectionId: CONNECTIONS[i % 3]!.id,
  strategyId: i % 4 === 3 ? null : STRATEGIES[i % 3]!.id,
  symbol: ['BTC', 'ETH', 'SOL'][i % 3]!,
  side: i % 2 === 0 ? ('long' as const) : ('short' as const),
  entryPrice: `${100 + i}.5`,
  quantity: '1',
}));
const REALS = POSITIONS.slice(0, 8).map((p, i) => ({ id: idOf(4, i + 1), connectionId: p.connectionId, pseudoPositionId: p.id, symbol: p.symbol, side: p.side, entryPrice: p.entryPrice, quantity: '1' }));

type Connection = SelectRow<'exchange_connections'>;
type Strategy = SelectRow<'strategies_base'>;
type Position = SelectRow<'pseudo_positions'>;

/** A generated filter of a connection, a strategy (with its connection), a position (with both). */
type ConnFilter = { exchange?: string; isEnabled?: boolean; name?: { startsWith: string } };
const connFilter: fc.Arbitrary<ConnFilter> = fc.record({ exchange: fc.constantFrom('bybit', 'okx', 'kraken'), isEnabled: fc.boolean(), name: fc.constantFrom('c', 'c1', 'c3').map((p) => ({ startsWith: p })) }, { requiredKeys: [] });
type StratFilter = { symbol?: string; takeProfitFactor?: { gte: string }; connection?: ConnFilter };
const stratFilter: fc.Arbitrary<StratFilter> = fc.record({ symbol: fc.constantFrom('BTC', 'ETH'), takeProfitFactor: fc.constantFrom('0.5', '1.5', '2').map((v) => ({ gte: v })), connection: connFilter }, { requiredKeys: [] });
type PosFilter = { side?: 'long' | 'short'; connection?: ConnFilter; strategy?: StratFilter; NOT?: PosFilter; OR?: PosFilter[] };
const posFilter: fc.Arbitrary<PosFilter> = fc.letrec<{ pos: PosFilter }>((tie) => ({
  pos: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ side: fc.constantFrom<'long' | 'short'>('long', 'short'), connection: connFilter, strategy: stratFilter }, { requiredKeys: [] }),
    fc.record({ NOT: tie('pos') }),
    fc.record({ OR: fc.array(tie('pos'), { maxLength: 2 }) }),
  ),
})).pos;

function connMatches(c: Connection, f: ConnFilter): boolean {
  return (f.exchange === undefined || c.exchange === f.exchange) && (f.isEnabled === undefined || c.isEnabled === f.isEnabled) && (f.name === undefined || c.name.startsWith(f.name.startsWith));
}
function stratMatches(s: Strategy, f: StratFilter, conns: ReadonlyMap<string, Connection>): boolean {
  return (
    (f.symbol === undefined || s.symbol === f.symbol) &&
    (f.takeProfitFactor === undefined || Number(s.takeProfitFactor) >= Number(f.takeProfitFactor.gte)) &&
    (f.connection === undefined || connMatches(conns.get(s.connectionId)!, f.connection))
  );
}
function posMatches(p: Position, f: PosFilter, conns: ReadonlyMap<string, Connection>, strats: ReadonlyMap<string, Strategy>): boolean {
  if (f.side !== undefined && p.side !== f.side) return false;
  if (f.connection !== undefined && !connMatches(conns.get(p.connectionId)!, f.connection)) return false;
  // A NULL foreign key has no related row: the relation filter never passes.
  if (f.strategy !== undefined && (p.strategyId === null || !stratMatches(strats.get(p.strategyId)!, f.strategy, conns))) return false;
  if (f.NOT !== undefined && posMatches(p, f.NOT, conns, strats)) return false;
  if (f.OR !== undefined && !f.OR.some((b) => posMatches(p, b, conns, strats))) return false;
  return true;
}

describe(`filters on to-one relations on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Partial<Record<'sqlite' | 'postgresql', Engine>> = {};
  const engine = (d: 'sqlite' | 'postgresql') => engines[d]!;
  const seed = async (db: CtsAccessors) => {
    await db.exchangeConnections.insertMany([...CONNECTIONS]);
    await db.strategiesBase.insertMany(STRATEGIES);
    await db.pseudoPositions.insertMany(POSITIONS);
    await db.realPseudoPositions.insertMany(REALS);
  };
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      engines[dialect] = await openEngine(dialect);
      await seed(engine(dialect).db);
    }
  }, 60_000);
  afterAll(async () => {
    for (const e of Object.values(engines)) await closeEngine(e);
  });

  const model = async (db: CtsAccessors) => {
    const conns = new Map((await db.exchangeConnections.findMany()).map((c) => [c.id, c]));
    const strats = new Map((await db.strategiesBase.findMany()).map((s) => [s.id, s]));
    const positions = await db.pseudoPositions.findMany({ orderBy: { id: 'asc' } });
    return { conns, strats, positions };
  };

  it('gives the model\'s rows for generated filters nested up to two relations, prepared, in a transaction and in count, the same on both engines', async () => {
    await fc.assert(
      fc.asyncProperty(posFilter, async (filter) => {
        const answers: Record<string, string[]> = {};
        for (const dialect of ['sqlite', 'postgresql'] as const) {
          const { db } = engine(dialect);
          const { conns, strats, positions } = await model(db);
          const expected = positions.filter((p) => posMatches(p, filter, conns, strats)).map((p) => p.id);
          const where = filter as Where<'pseudo_positions'>;
          const found = (await db.pseudoPositions.findMany({ where, orderBy: { id: 'asc' } })).map((p) => p.id);
          expect(found).toEqual(expected);
          const inTx = await db.transaction(async (tx) => (await tx.pseudoPositions.findMany({ where, orderBy: { id: 'asc' } })).map((p) => p.id));
          expect(inTx).toEqual(expected);
          expect(await db.pseudoPositions.count({ where })).toBe(expected.length);
          answers[dialect] = found;
        }
        expect(answers.sqlite).toEqual(answers.postgresql);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('three relations deep: real positions whose position\'s strategy\'s connection is on okx', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const { db } = engine(dialect);
      const { conns, strats, positions } = await model(db);
      const byId = new Map(positions.map((p) => [p.id, p]));
      const expected = REALS.filter((r) => {
        const p = byId.get(r.pseudoPositionId)!;
        return p.strategyId !== null && conns.get(strats.get(p.strategyId)!.connectionId)!.exchange === 'okx';
      }).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      const found = await db.realPseudoPositions.findMany({ where: { pseudoPosition: { strategy: { connection: { exchange: 'okx' } } } }, orderBy: { id: 'asc' } });
      expect(found.map((r) => r.id)).toEqual(expected);
      // With `with` beside it: the relation read and the relation filter are different aliases of one table.
      const withConnection = await db.realPseudoPositions.findMany({ where: { connection: { exchange: 'bybit' } }, with: { connection: true }, orderBy: { id: 'asc' } });
      expect(withConnection.map((r) => r.connection.exchange)).toEqual(withConnection.map(() => 'bybit'));
      expect(withConnection.length).toBe(REALS.filter((r) => conns.get(r.connectionId)!.exchange === 'bybit').length);
    }
  });

  it('an optional relation: {} keeps the rows that have one; NOT keeps the rows without one too', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const { db } = engine(dialect);
      const withStrategy = await db.pseudoPositions.findMany({ where: { strategy: {} }, orderBy: { id: 'asc' } });
      expect(withStrategy.map((p) => p.id)).toEqual(POSITIONS.filter((p) => p.strategyId !== null).map((p) => p.id));
      const notBtc = await db.pseudoPositions.findMany({ where: { NOT: { strategy: { symbol: 'BTC' } } }, orderBy: { id: 'asc' } });
      const btc = new Set(STRATEGIES.filter((s) => s.symbol === 'BTC').map((s) => s.id));
      expect(notBtc.map((p) => p.id)).toEqual(POSITIONS.filter((p) => p.strategyId === null || !btc.has(p.strategyId)).map((p) => p.id));
    }
  });

  it('update and delete by a relation filter change exactly those rows; a filter that matches every row is refused', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const { db } = engine(dialect);
      const disabled = POSITIONS.filter((p) => p.connectionId === CONNECTIONS[1].id).map((p) => p.id);
      const changed = await db.transaction(async (tx) => {
        const n = await tx.pseudoPositions.update({ where: { connection: { isEnabled: false } }, set: { closeReason: 'connection disabled' } });
        const rows = await tx.pseudoPositions.findMany({ where: { closeReason: 'connection disabled' }, orderBy: { id: 'asc' } });
        const deleted = await tx.pseudoPositions.delete({ where: { connection: { isEnabled: false }, side: 'long' } });
        const left = await tx.pseudoPositions.count({ where: { connection: { isEnabled: false } } });
        // A required relation with an empty filter: every row has its connection.
        const refused = await refusalOf(() => tx.pseudoPositions.delete({ where: { connection: {} } }));
        throw Object.assign(new Error('roll back'), { outcome: { n, ids: rows.map((r) => r.id), deleted, left, refused: refused.code } });
      }).catch((error: { outcome?: unknown }) => error.outcome);
      const longs = POSITIONS.filter((p) => p.connectionId === CONNECTIONS[1].id && p.side === 'long').length;
      expect(changed).toEqual({ n: disabled.length, ids: disabled, deleted: longs, left: disabled.length - longs, refused: 'QUERY_EMPTY_WHERE' });
      expect(await db.pseudoPositions.count()).toBe(POSITIONS.length);
    }
  });

  it('refuses null, a non-object and an unknown column of the related table, naming the path and the table', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const { db } = engine(dialect);
      const nul = await refusalOf(() => db.pseudoPositions.findMany({ where: { strategy: null as never } }));
      expect({ code: nul.code, message: nul.message.split('\n')[0], hint: nul.hint }).toEqual({
        code: 'QUERY_INVALID_FILTER',
        message: 'pseudo_positions.where.strategy: a relation filter takes a filter of strategies_base, not null',
        hint: 'to keep the rows without one, filter strategyId: null',
      });
      const text = await refusalOf(() => db.pseudoPositions.findMany({ where: { connection: 'bybit' as never } }));
      expect([text.code, text.subject]).toEqual(['QUERY_INVALID_FILTER', 'pseudo_positions.where.connection']);
      const unknown = await refusalOf(() => db.pseudoPositions.findMany({ where: { connection: { exchnage: 'bybit' } as never } }));
      expect([unknown.code, unknown.subject, unknown.message.split('\n')[0]]).toEqual(['QUERY_UNKNOWN_COLUMN', 'pseudo_positions.where.connection.exchnage', 'exchange_connections has no column "exchnage"']);
      const top = await refusalOf(() => db.pseudoPositions.findMany({ where: { conection: {} } as never }));
      expect(top.hint).toMatch(/; relations: connection, strategy, realPseudoPositions\)$/);
    }
  });

  it('type-checks the related table\'s columns', () => {
    const typed = (db: CtsAccessors) => {
      void db.pseudoPositions.findMany({ where: { connection: { exchange: 'bybit' }, strategy: { connection: { isEnabled: true } } } });
      // @ts-expect-error a column of another table
      void db.pseudoPositions.findMany({ where: { connection: { symbol: 'BTC' } } });
      // @ts-expect-error a relation the table does not have
      void db.pseudoPositions.findMany({ where: { preset: {} } });
      // @ts-expect-error a value of the wrong type in the related table
      void db.pseudoPositions.findMany({ where: { connection: { isEnabled: 'yes' } } });
    };
    expect(typeof typed).toBe('function');
  });
});
