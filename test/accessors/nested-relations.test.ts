/**
 * One-to-many and nested `with` are one statement on both engines (JSON sub-selects, nested-reads.ts), and give
 * what separate reads of each table give: a model assembles every relation from flat finds (the related rows by
 * key, with the relation's own where, order with the primary key last, page and select), for generated `with`
 * trees up to four levels deep. Both engines are compared with the model and with each other, on the prepared
 * path and in a transaction. The to-many relation filters (some / none / every) are checked against a model in
 * plain JavaScript over the same rows.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELATIONS } from '../../generated/accessors.js';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import { QueryError, type CtsDatabase } from '../../src/index.js';
import { useCountedEngines } from '../support/counted-engine.js';
import { postgresMode } from '../support/test-postgres.js';
import { rejectionOf } from '../support/thrown.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
const CONNECTIONS = [0, 1, 2, 3].map((n) => id(1, n));
const STRATEGIES = [0, 1, 2].map((n) => id(2, n));
const STATUSES = ['active', 'pending', 'closed', 'failed'] as const;
// Exact decimals that a float would change: 38 digits, negatives, trailing zeros.
const PRICES = ['12345678901234567890.123456789012345678', '-0.000000000000000001', '106.5', '0', '-99999999999999999999.999999999999999999', '7.25'];

async function seed(db: CtsDatabase): Promise<void> {
  // Connection 3 has no children at all: its to-many relations are [].
  for (const [i, c] of CONNECTIONS.entries()) {
    await db.exchangeConnections.insert({ id: c, name: `conn-${i}`, exchange: i % 2 === 0 ? 'bybit' : 'okx', volumeFactor: PRICES[i]!.slice(0, 8), settings: { n: i, nested: { list: [i, null, 'x'] } }, createdAt: at(100 + i), updatedAt: at(100 + i) });
  }
  for (const [i, s] of STRATEGIES.entries()) {
    await db.strategiesBase.insert({ id: s, connectionId: CONNECTIONS[i % 2]!, name: `strategy-${i}`, symbol: 'BTCUSDT', side: i === 1 ? 'short' : 'long', createdAt: at(200 + i), updatedAt: at(200 + i) });
  }
  await db.pseudoPositions.insertMany(
    Array.from({ length: 18 }, (_, i) => ({
      id: id(3, (i * 7) % 18),
      connectionId: CONNECTIONS[i % 3]!,
      strategyId: i % 4 === 3 ? null : STRATEGIES[i % 3]!,
      symbol: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'][i % 3]!,
      side: i % 2 === 0 ? ('long' as const) : ('short' as const),
      status: STATUSES[i % 4]!,
      entryPrice: PRICES[i % PRICES.length]!,
      quantity: `${i}.5`,
      // Ties in openedAt (so the primary key decides), nulls in closedAt.
      closedAt: i % 3 === 0 ? null : at(50 + i),
      settings: { i, tags: i % 2 === 0 ? ['even'] : [] },
      openedAt: at(i % 5),
      createdAt: at(i),
      updatedAt: at(i),
    })),
  );
  await db.realPseudoPositions.insertMany(
    Array.from({ length: 10 }, (_, i) => ({
      id: id(4, i),
      connectionId: CONNECTIONS[i % 3]!,
      pseudoPositionId: id(3, i % 6),
      symbol: 'BTCUSDT',
      side: 'long' as const,
      status: STATUSES[(i + 1) % 4]!,
      entryPrice: PRICES[(i + 2) % PRICES.length]!,
      quantity: '1',
      validatedAt: at(i),
      openedAt: at(i),
      createdAt: at(i),
      updatedAt: at(i),
    })),
  );
  await db.exchangePositions.insertMany(
    Array.from({ length: 8 }, (_, i) => ({
      id: id(5, i),
      connectionId: CONNECTIONS[i % 2]!,
      realPseudoPositionId: i === 7 ? null : id(4, i % 4),
      exchangePositionId: `x-${i}`,
      symbol: 'BTCUSDT',
      side: 'long' as const,
      entryPrice: PRICES[i % PRICES.length]!,
      quantity: '2',
      leverage: i + 1,
      raw: { i },
      openedAt: at(i),
      syncedAt: at(i),
      createdAt: at(i),
      updatedAt: at(i),
    })),
  );
}

type Row = Record<string, unknown>;
type Read = true | { select?: Record<string, boolean>; where?: Row; orderBy?: Row | Row[]; limit?: number; offset?: number; with?: WithTree };
type WithTree = Record<string, Read | false>;

interface Relation {
  readonly kind: 'one' | 'many';
  readonly table: TableName;
  readonly column: string;
  readonly references: string;
}
const relationsOf = (table: TableName) => RELATIONS[table] as Readonly<Record<string, Relation>>;
/** Tables seeded here: relations to others are read too (their rows are [] or null), but not generated often. */
const SEEDED = new Set<TableName>(['exchange_connections', 'strategies_base', 'pseudo_positions', 'real_pseudo_positions', 'exchange_positions']);
const PRIMARY = 'id';

type Finder = { findMany(options: unknown): Promise<Row[]>; findFirst(options: unknown): Promise<Row | undefined> };
const accessor = (db: CtsDatabase, table: TableName) => db[TABLE_KEYS[table] as keyof CtsDatabase] as unknown as Finder;

/** What a nested read must give for `row` of `table`: each relation assembled from flat finds of its table. */
async function assemble(db: CtsDatabase, table: TableName, row: Row, tree: WithTree | undefined, select: Record<string, boolean> | undefined): Promise<Row> {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (select === undefined || select[k] === true) out[k] = v;
  for (const [name, read] of Object.entries(tree ?? {})) {
    if (read === false) continue;
    const relation = relationsOf(table)[name]!;
    const options = read === true ? {} : read;
    const key = row[relation.column];
    if (relation.kind === 'one') {
      const found = key === null ? undefined : await accessor(db, relation.table).findFirst({ where: { [relation.references]: key } });
      out[name] = found === undefined ? null : await assemble(db, relation.table, found, options.with, options.select);
      continue;
    }
    const order = options.orderBy === undefined ? [] : Array.isArray(options.orderBy) ? options.orderBy : [options.orderBy];
    const ordered = order.some((o) => PRIMARY in o) ? order : [...order, { [PRIMARY]: 'asc' }];
    const related = await accessor(db, relation.table).findMany({
      where: { AND: [options.where ?? {}, { [relation.references]: key }] },
      orderBy: ordered,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.offset === undefined ? {} : { offset: options.offset }),
    });
    out[name] = await Promise.all(related.map((r) => assemble(db, relation.table, r, options.with, options.select)));
  }
  return out;
}

/** Per table: filters, orders and selections that mean something on the seeded rows. */
const WHERES: Partial<Record<TableName, Row[]>> = {
  pseudo_positions: [{ status: 'active' }, { status: { in: ['closed', 'failed'] } }, { closedAt: null }, { entryPrice: { lt: '7.25' } }, { strategy: { side: 'short' } }, { OR: [{ side: 'long' }, { quantity: { gte: '10' } }] }],
  real_pseudo_positions: [{ status: 'pending' }, { entryPrice: { gte: '0' } }],
  exchange_positions: [{ leverage: { gt: 3 } }, { realPseudoPositionId: null }],
  strategies_base: [{ side: 'long' }],
  exchange_connections: [{ exchange: 'okx' }],
};
const ORDERS: Partial<Record<TableName, (Row | Row[])[]>> = {
  pseudo_positions: [{ openedAt: 'desc' }, [{ closedAt: 'asc' }, { id: 'desc' }], [{ entryPrice: 'desc' }], { symbol: 'asc', openedAt: 'asc' }],
  real_pseudo_positions: [{ entryPrice: 'asc' }, { openedAt: 'desc' }],
  exchange_positions: [{ leverage: 'desc' }, [{ entryPrice: 'asc' }]],
};

/** A generated `with` tree under `table`, `depth` levels at most. */
function treeArb(table: TableName, depth: number): fc.Arbitrary<WithTree> {
  const names = Object.entries(relationsOf(table)).filter(([, r]) => SEEDED.has(r.table) || r.table === 'site_logs');
  if (depth === 0 || names.length === 0) return fc.constant({});
  const readArb = (relation: Relation): fc.Arbitrary<Read | false> => {
    const columns = columnsByTable.get(relation.table) ?? [PRIMARY];
    const select = fc.option(fc.subarray([...columns], { minLength: 1, maxLength: Math.min(4, columns.length) }).map((keys) => Object.fromEntries(keys.map((k) => [k, true]))), { nil: undefined, freq: 3 });
    const common = { select, with: fc.option(treeArb(relation.table, depth - 1), { nil: undefined, freq: 2 }) };
    const options =
      relation.kind === 'one'
        ? fc.record(common, { requiredKeys: [] })
        : fc.record(
            {
              ...common,
              where: fc.option(fc.constantFrom(...(WHERES[relation.table] ?? [{}])), { nil: undefined, freq: 2 }),
              orderBy: fc.option(fc.constantFrom(...(ORDERS[relation.table] ?? [{ id: 'desc' }])), { nil: undefined, freq: 2 }),
              limit: fc.option(fc.nat(4), { nil: undefined, freq: 2 }),
              offset: fc.option(fc.nat(3), { nil: undefined, freq: 3 }),
            },
            { requiredKeys: [] },
          );
    return fc.oneof({ weight: 2, arbitrary: fc.constant<true>(true) }, { weight: 1, arbitrary: fc.constant<false>(false) }, { weight: 4, arbitrary: options as fc.Arbitrary<Read> });
  };
  return fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3, selector: ([n]) => n }).chain((picked) => fc.tuple(...picked.map(([, r]) => readArb(r))).map((reads) => Object.fromEntries(picked.map(([n], i) => [n, reads[i]!]))));
}

let columnsByTable: ReadonlyMap<TableName, readonly string[]> = new Map();

/** `levels` relations nested: pseudoPositions, then its connection, then that one's pseudoPositions, ... */
function deepTree(levels: number): WithTree {
  let tree: WithTree = {};
  for (let level = levels; level >= 1; level--) tree = { [level % 2 === 1 ? 'pseudoPositions' : 'connection']: level === levels ? true : { with: tree } };
  return tree;
}

describe(`one-to-many and nested with: one statement, the flat reads' answer on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines = useCountedEngines('nest', seed);
  beforeAll(async () => {
    // The columns of each table, from a row as the accessors return it (what `select` may name).
    const keys = new Map<TableName, string[]>();
    for (const table of SEEDED) {
      const [row] = await accessor(engines[0]!.db, table).findMany({ limit: 1 });
      keys.set(table, Object.keys(row!));
    }
    columnsByTable = keys;
  });

  it('reads connections with their open positions, each nested to its strategy and on to its connection, in one statement', async () => {
    const answers: unknown[] = [];
    for (const e of engines) {
      const before = e.statements();
      const rows = await e.db.exchangeConnections.findMany({
        orderBy: { name: 'asc' },
        with: {
          pseudoPositions: { where: { status: 'active' }, orderBy: { openedAt: 'desc' }, with: { strategy: { select: { name: true, side: true }, with: { connection: { select: { exchange: true } } } } } },
          strategiesBase: { select: { name: true } },
        },
      });
      expect(e.statements() - before, e.dialect).toBe(1);
      expect(rows.map((r) => r.pseudoPositions.length), e.dialect).toStrictEqual([2, 2, 1, 0]);
      const first = rows[0]!.pseudoPositions[0]!;
      expect(first.entryPrice, e.dialect).toBe('12345678901234567890.123456789012345678');
      expect(first.openedAt, e.dialect).toStrictEqual(at(2));
      expect(first.settings, e.dialect).toStrictEqual({ i: 12, tags: ['even'] });
      expect(first.closedAt, e.dialect).toBeNull();
      expect(first.strategy, e.dialect).toStrictEqual({ name: 'strategy-0', side: 'long', connection: { exchange: 'bybit' } });
      expect(rows[3]!.strategiesBase, e.dialect).toStrictEqual([]);
      expect(rows.map((r) => r.strategiesBase), e.dialect).toStrictEqual([[{ name: 'strategy-0' }, { name: 'strategy-2' }], [{ name: 'strategy-1' }], [], []]);
      answers.push(rows);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });

  it('gives the flat reads\' rows for generated with trees four levels deep, prepared and in a transaction, alike on both engines', async () => {
    const where = fc.constantFrom<Row | undefined>(undefined, { exchange: 'bybit' }, { id: CONNECTIONS[3] }, { name: { startsWith: 'conn-' } });
    await fc.assert(
      fc.asyncProperty(treeArb('exchange_connections', 4), where, async (tree, filter) => {
        const answers: unknown[] = [];
        const options = { ...(filter === undefined ? {} : { where: filter }), orderBy: { id: 'asc' }, with: tree };
        for (const e of engines) {
          const flat = await e.db.exchangeConnections.findMany(options as never);
          const expected = await Promise.all((await e.db.exchangeConnections.findMany({ ...(filter === undefined ? {} : { where: filter as never }), orderBy: { id: 'asc' } })).map((r) => assemble(e.db, 'exchange_connections', r, tree, undefined)));
          const before = e.statements();
          const prepared = await e.db.exchangeConnections.findMany(options as never);
          expect(e.statements() - before, e.dialect).toBe(1);
          expect(prepared, e.dialect).toStrictEqual(expected);
          expect(flat, e.dialect).toStrictEqual(expected);
          const inTransaction = await e.db.transaction((tx) => tx.exchangeConnections.findMany(options as never));
          expect(inTransaction, e.dialect).toStrictEqual(expected);
          answers.push(prepared);
        }
        expect(answers[1]).toStrictEqual(answers[0]);
      }),
      { numRuns: 60, seed: 20_261_208 },
    );
  }, 600_000);

  it('reads a to-one relation with options, and a null foreign key as null at any depth', async () => {
    for (const e of engines) {
      const rows = await e.db.pseudoPositions.findMany({ where: { strategyId: null }, orderBy: { id: 'asc' }, with: { strategy: { select: { name: true } }, connection: { select: { name: true }, with: { strategiesBase: { select: { id: true }, limit: 1 } } } } });
      expect(rows.length, e.dialect).toBe(4);
      for (const r of rows) {
        expect(r.strategy, e.dialect).toBeNull();
        expect(Object.keys(r.connection), e.dialect).toStrictEqual(['name', 'strategiesBase']);
      }
      const positions = await e.db.exchangePositions.findMany({ orderBy: { id: 'asc' }, with: { realPseudoPosition: { with: { pseudoPosition: { select: { symbol: true } } } } } });
      expect(positions.map((p) => (p.realPseudoPosition === null ? null : p.realPseudoPosition.pseudoPosition.symbol)), e.dialect).toStrictEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BTCUSDT', 'BTCUSDT', 'ETHUSDT', 'SOLUSDT', null]);
    }
  });

  it('reads eight levels, the deepest allowed, as the flat reads do on both engines (aliases stay apart on PostgreSQL)', async () => {
    // Each level's where and page are there so a read correlated to the wrong level would answer other rows.
    const tree = deepTree(8);
    let level: WithTree = tree;
    for (;;) {
      const [name, read] = Object.entries(level)[0]!;
      if (read === true || read === false) break;
      if (name === 'pseudoPositions') level[name] = { ...read, where: { status: { in: ['active', 'closed'] } }, orderBy: { openedAt: 'desc' }, limit: 2 };
      level = (level[name] as { with: WithTree }).with;
    }
    const answers: unknown[] = [];
    for (const e of engines) {
      const rows = await e.db.exchangeConnections.findMany({ orderBy: { id: 'asc' }, with: tree } as never);
      const expected = await Promise.all((await e.db.exchangeConnections.findMany({ orderBy: { id: 'asc' } })).map((r) => assemble(e.db, 'exchange_connections', r, tree, undefined)));
      expect(rows, e.dialect).toStrictEqual(expected);
      answers.push(rows);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });

  it('refuses a nested read it cannot do, naming the path, before sending anything', async () => {
    const cases: [unknown, string, string][] = [
      [{ pseudoPositions: { with: { stratgy: true } } }, 'QUERY_UNKNOWN_RELATION', 'exchange_connections.with.pseudoPositions.with.stratgy'],
      [{ pseudoPositions: { with: { connection: { where: { exchange: 'okx' } } } } }, 'QUERY_UNKNOWN_OPTION', 'exchange_connections.with.pseudoPositions.with.connection.where'],
      [{ pseudoPositions: { limit: -1 } }, 'QUERY_INVALID_VALUE', 'exchange_connections.with.pseudoPositions.limit'],
      [{ pseudoPositions: { select: { symbl: true } } }, 'QUERY_UNKNOWN_COLUMN', 'exchange_connections.with.pseudoPositions.select.symbl'],
      [{ pseudoPositions: { where: { status: undefined } } }, 'QUERY_UNDEFINED_VALUE', 'exchange_connections.with.pseudoPositions.where.status'],
      [{ pseudoPositions: { orderBy: { settings: 'asc' } } }, 'QUERY_INVALID_ORDER', 'exchange_connections.with.pseudoPositions.orderBy.settings'],
      [{ pseudoPositions: 'yes' }, 'QUERY_INVALID_VALUE', 'exchange_connections.with.pseudoPositions'],
      // Nine levels: pseudoPositions, connection, ... each level deeper than the one above.
      [deepTree(9), 'QUERY_INVALID_VALUE', `exchange_connections.with.${Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? 'pseudoPositions' : 'connection')).join('.with.')}`],
    ];
    for (const e of engines) {
      const before = e.statements();
      for (const [tree, code, subject] of cases) {
        const error = await rejectionOf(QueryError, e.db.exchangeConnections.findMany({ with: tree } as never));
        expect({ code: error.code, subject: error.subject }, `${e.dialect} ${JSON.stringify(tree)}`).toStrictEqual({ code, subject });
      }
      expect(e.statements() - before, e.dialect).toBe(0);
    }
  });
});

describe(`to-many relation filters: some, none, every, nested, against a model (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines = useCountedEngines('many', seed);

  type Position = { connectionId: string; status: string; closedAt: Date | null; entryPrice: string; strategyId: string | null };
  // The model: each test over the connection's positions in plain JavaScript, with SQL's NULL (a comparison
  // with a null closedAt is unknown, so such a position passes neither the test nor its negation).
  const tests: [string, Row, (p: Position) => boolean | null][] = [
    ['status active', { status: 'active' }, (p) => p.status === 'active'],
    ['closed after minute 60', { closedAt: { gt: at(60) } }, (p) => (p.closedAt === null ? null : p.closedAt > at(60))],
    ['no filter', {}, () => true],
    ['an empty OR', { OR: [] }, () => false],
    ['strategy is short', { strategy: { side: 'short' } }, (p) => p.strategyId === STRATEGIES[1]],
  ];

  it('answers each test as the model does, alone, combined and under NOT', async () => {
    for (const e of engines) {
      const positions = (await e.db.pseudoPositions.findMany({})) as Position[];
      const ids = async (where: Row) => (await e.db.exchangeConnections.findMany({ where: where as never, orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
      for (const [label, filter, model] of tests) {
        const of = (c: string) => positions.filter((p) => p.connectionId === c).map(model);
        const some = CONNECTIONS.filter((c) => of(c).some((v) => v === true));
        const none = CONNECTIONS.filter((c) => !of(c).some((v) => v === true));
        const every = CONNECTIONS.filter((c) => of(c).every((v) => v === true));
        expect(await ids({ pseudoPositions: { some: filter } }), `${e.dialect} some ${label}`).toStrictEqual(some);
        expect(await ids({ pseudoPositions: { none: filter } }), `${e.dialect} none ${label}`).toStrictEqual(none);
        expect(await ids({ pseudoPositions: { every: filter } }), `${e.dialect} every ${label}`).toStrictEqual(every);
        expect(await ids({ NOT: { pseudoPositions: { some: filter } } }), `${e.dialect} NOT some ${label}`).toStrictEqual(none);
        expect(await ids({ pseudoPositions: { some: filter, every: filter } }), `${e.dialect} some and every ${label}`).toStrictEqual(some.filter((c) => every.includes(c)));
      }
      // Nested: connections with a strategy all of whose positions are active (a strategy without any passes).
      const strategies = await e.db.strategiesBase.findMany({});
      const allActive = (s: string) => positions.filter((p) => p.strategyId === s).every((p) => p.status === 'active');
      const expected = CONNECTIONS.filter((c) => strategies.some((s) => s.connectionId === c && allActive(s.id)));
      expect(await ids({ strategiesBase: { some: { pseudoPositions: { every: { status: 'active' } } } } }), e.dialect).toStrictEqual(expected);
      // count is prepared once per filter shape, like a find: two counts that differ in their values only run
      // one kept statement (SQLite's native one is prepared once), and answer the model.
      const before = { statements: e.statements(), prepares: e.prepares() };
      for (const status of ['active', 'closed', 'pending'] as const) {
        const expected = CONNECTIONS.filter((c) => positions.some((p) => p.connectionId === c && p.status === status)).length;
        expect(await e.db.exchangeConnections.count({ where: { pseudoPositions: { some: { status } } } }), `${e.dialect} ${status}`).toBe(expected);
      }
      expect(e.statements() - before.statements, e.dialect).toBe(3);
      expect(e.prepares() - before.prepares, e.dialect).toBe(e.dialect === 'sqlite' ? 1 : 0);
      // A filter inside a nested read, and a count with the same filter.
      expect(await e.db.exchangeConnections.count({ where: { pseudoPositions: { some: { status: 'active' } } } }), e.dialect).toBe(CONNECTIONS.filter((c) => positions.some((p) => p.connectionId === c && p.status === 'active')).length);
    }
  });

  it('refuses what is not a to-many filter, and a write whose filter matches every row', async () => {
    for (const e of engines) {
      const refused = async (where: unknown) => {
        const error = await rejectionOf(QueryError, e.db.exchangeConnections.findMany({ where } as never));
        return { code: error.code, subject: error.subject };
      };
      expect(await refused({ pseudoPositions: { status: 'active' } }), e.dialect).toStrictEqual({ code: 'QUERY_INVALID_FILTER', subject: 'exchange_connections.where.pseudoPositions.status' });
      expect(await refused({ pseudoPositions: {} }), e.dialect).toStrictEqual({ code: 'QUERY_INVALID_FILTER', subject: 'exchange_connections.where.pseudoPositions' });
      expect(await refused({ pseudoPositions: null }), e.dialect).toStrictEqual({ code: 'QUERY_INVALID_FILTER', subject: 'exchange_connections.where.pseudoPositions' });
      expect(await refused({ pseudoPositions: { some: undefined } }), e.dialect).toStrictEqual({ code: 'QUERY_UNDEFINED_VALUE', subject: 'exchange_connections.where.pseudoPositions.some' });
      expect(await refused({ pseudoPositions: { every: { statuss: 'x' } } }), e.dialect).toStrictEqual({ code: 'QUERY_UNKNOWN_COLUMN', subject: 'exchange_connections.where.pseudoPositions.every.statuss' });
      // Relation filters eight levels deep work on both engines and answer alike; nine are refused.
      const ids = async (where: Row) => (await e.db.exchangeConnections.findMany({ where: where as never, orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id);
      // A position's connection is its own, so this keeps the bybit connections (0 and 2) that have a position.
      let deep: Row = { exchange: 'bybit' };
      for (let level = 8; level >= 1; level--) deep = level % 2 === 1 ? { pseudoPositions: { some: deep } } : { connection: deep };
      expect(await ids(deep), e.dialect).toStrictEqual([CONNECTIONS[0], CONNECTIONS[2]]);
      const nine = await rejectionOf(QueryError, e.db.pseudoPositions.count({ where: { connection: deep } as never }));
      expect({ code: nine.code, message: nine.message.split('\n')[0] }, e.dialect).toStrictEqual({ code: 'QUERY_INVALID_FILTER', message: `pseudo_positions.where.${['connection', ...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 'pseudoPositions.some' : 'connection'))].join('.')}: relation filters nest more than 8 levels` });
      // every: {} holds for every connection: an update with it alone would change every row.
      const write = await rejectionOf(QueryError, e.db.exchangeConnections.update({ where: { pseudoPositions: { every: {} } } as never, set: { isEnabled: false } }));
      expect(write.code, e.dialect).toBe('QUERY_EMPTY_WHERE');
      expect(await e.db.exchangeConnections.count({ where: { isEnabled: false } }), e.dialect).toBe(0);
      // none of a filter that matches nothing holds for every connection too; so does every of one that matches all.
      for (const where of [{ pseudoPositions: { none: { OR: [] } } }, { pseudoPositions: { every: { id: { notIn: [] } } } }, { strategiesBase: { none: { OR: [] }, every: {} } }]) {
        expect((await rejectionOf(QueryError, e.db.exchangeConnections.update({ where: where as never, set: { isEnabled: false } }))).code, `${e.dialect} ${JSON.stringify(where)}`).toBe('QUERY_EMPTY_WHERE');
      }
    }
  });

  it('changes exactly the rows a to-many filter keeps, in update and delete, inside a transaction that rolls back', async () => {
    for (const e of engines) {
      const positions = (await e.db.pseudoPositions.findMany({})) as Position[];
      const of = (c: string) => positions.filter((p) => p.connectionId === c);
      const cases: [Row, string[]][] = [
        [{ pseudoPositions: { some: {} } }, CONNECTIONS.filter((c) => of(c).length > 0)],
        [{ pseudoPositions: { every: { status: 'active' } } }, CONNECTIONS.filter((c) => of(c).every((p) => p.status === 'active'))],
        [{ pseudoPositions: { none: { status: 'closed' } } }, CONNECTIONS.filter((c) => !of(c).some((p) => p.status === 'closed'))],
      ];
      for (const [where, ids] of cases) {
        const label = `${e.dialect} ${JSON.stringify(where)}`;
        class Undo extends Error {}
        let seen: unknown;
        await e.db
          .transaction(async (tx) => {
            const changed = await tx.exchangeConnections.updateReturning({ where: where as never, set: { lastTestStatus: 'failed' } });
            const after = await tx.exchangeConnections.findMany({ where: { lastTestStatus: 'failed' }, orderBy: { id: 'asc' }, select: { id: true } });
            seen = { changed: changed.map((r) => r.id).sort(), after: after.map((r) => r.id) };
            throw new Undo();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Undo)) throw error;
          });
        expect(seen, label).toStrictEqual({ changed: [...ids].sort(), after: ids });
      }
      expect(await e.db.exchangeConnections.count({ where: { lastTestStatus: 'failed' } }), e.dialect).toBe(0);
    }
  });
});
