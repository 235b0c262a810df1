/**
 * An app source file as a user would write it: strict TypeScript, the typed accessors only, no dialect branch.
 * The test runs it unchanged on SQLite and on PostgreSQL and compares what it returns field by field.
 */
import type { CtsDatabase, SelectRow } from '../../src/index.js';

const T0 = new Date('2026-01-02T03:04:05.678Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const CONNECTION = '00000000-0000-4000-8000-00000000c001';
const OTHER = '00000000-0000-4000-8000-00000000c002';
const position = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

type Position = SelectRow<'pseudo_positions'>;
const brief = (p: Position) => [p.symbol, p.side, p.status, p.entryPrice, p.quantity] as const;

export async function appScenario(db: CtsDatabase) {
  const out: Record<string, unknown> = {};

  // insert one (returning the stored row, defaults filled) and many
  const connection = await db.exchangeConnections.insert({ id: CONNECTION, name: 'main', exchange: 'bybit', volumeFactor: '1.5', settings: { risk: 'low' }, createdAt: T0, updatedAt: T0 });
  out.insertOne = connection;
  await db.exchangeConnections.insert({ id: OTHER, name: 'spare', exchange: 'binance', isEnabled: false, createdAt: T0, updatedAt: T0 });
  const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BTCUSDT', 'XRPUSDT', 'ETHUSDT'];
  const inserted = await db.pseudoPositions.insertMany(
    symbols.map((symbol, i) => ({
      id: position(i + 1),
      connectionId: i === 5 ? OTHER : CONNECTION,
      symbol,
      side: i % 2 === 0 ? ('long' as const) : ('short' as const),
      status: i === 4 ? ('closed' as const) : ('active' as const),
      entryPrice: `${100 + i}.125`,
      quantity: `0.${i + 1}`,
      closedAt: i === 4 ? at(50) : null,
      openedAt: at(i),
      createdAt: at(i),
      updatedAt: at(i),
    })),
  );
  out.insertMany = inserted.map((p) => p.id);

  // each filter kind
  const ids = async (where: Parameters<CtsDatabase['pseudoPositions']['findMany']>[0]) => (await db.pseudoPositions.findMany({ ...where, orderBy: { id: 'asc' } })).map((p) => p.id);
  out.filters = {
    equality: await ids({ where: { symbol: 'BTCUSDT' } }),
    in: await ids({ where: { symbol: { in: ['ETHUSDT', 'SOLUSDT'] } } }),
    notIn: await ids({ where: { symbol: { notIn: ['ETHUSDT', 'SOLUSDT'] } } }),
    emptyIn: await ids({ where: { symbol: { in: [] } } }),
    comparisons: await ids({ where: { entryPrice: { gte: '101.125', lt: '104' } } }),
    dates: await ids({ where: { openedAt: { gt: at(1), lte: at(4) } } }),
    isNull: await ids({ where: { closedAt: null } }),
    isNotNull: await ids({ where: { closedAt: { isNull: false } } }),
    ne: await ids({ where: { side: { ne: 'long' } } }),
    and: await ids({ where: { AND: [{ connectionId: CONNECTION }, { side: 'long' }] } }),
    or: await ids({ where: { OR: [{ symbol: 'SOLUSDT' }, { status: 'closed' }] } }),
    not: await ids({ where: { NOT: { connectionId: CONNECTION } } }),
    boolean: (await db.exchangeConnections.findMany({ where: { isEnabled: false } })).map((c) => c.name),
  };

  // order, limit, offset
  out.ordered = (await db.pseudoPositions.findMany({ where: { connectionId: CONNECTION }, orderBy: [{ symbol: 'asc' }, { openedAt: 'desc' }] })).map(brief);
  out.page = (await db.pseudoPositions.findMany({ orderBy: { openedAt: 'asc' }, limit: 2, offset: 1 })).map((p) => p.id);
  out.offsetOnly = (await db.pseudoPositions.findMany({ orderBy: { id: 'asc' }, offset: 4 })).map((p) => p.id);
  out.limitOnly = (await db.pseudoPositions.findMany({ orderBy: { id: 'desc' }, limit: 1 })).map((p) => p.id);
  out.first = await db.pseudoPositions.findFirst({ where: { symbol: 'ETHUSDT' }, orderBy: { openedAt: 'desc' } });
  out.none = (await db.pseudoPositions.findFirst({ where: { symbol: 'DOGEUSDT' } })) ?? 'none';

  // count
  out.count = { all: await db.pseudoPositions.count(), active: await db.pseudoPositions.count({ where: { status: 'active' } }) };

  // update and delete, with counts and with rows
  out.update = await db.pseudoPositions.update({ where: { symbol: 'BTCUSDT' }, set: { currentPrice: '110.5', updatedAt: at(60) } });
  out.updateReturning = (await db.pseudoPositions.updateReturning({ where: { id: position(3) }, set: { status: 'closed', closedAt: at(61), updatedAt: at(61) } })).map(brief);
  out.delete = await db.pseudoPositions.delete({ where: { status: 'closed', symbol: 'XRPUSDT' } });
  out.deleteReturning = (await db.pseudoPositions.deleteReturning({ where: { connectionId: OTHER } })).map((p) => p.id);

  // upsert on a unique key: insert, then update the same key
  const first = await db.systemSettings.upsert({ values: { key: 'risk.max', value: { level: 1 }, category: 'risk', updatedAt: T0 }, target: ['key'] });
  const second = await db.systemSettings.upsert({ values: { key: 'risk.max', value: { level: 2 }, category: 'risk', updatedAt: at(1) }, target: ['key'] });
  out.upsert = { sameRow: first.id === second.id, value: second.value, rows: await db.systemSettings.count({ where: { key: 'risk.max' } }) };

  // a relation read: a position with its connection in one call
  const withConnection = await db.pseudoPositions.findFirst({ where: { id: position(1) }, with: { connection: true } });
  out.relation = { position: withConnection?.id, connection: withConnection?.connection.name, volumeFactor: withConnection?.connection.volumeFactor, strategy: (await db.pseudoPositions.findFirst({ where: { id: position(1) }, with: { strategy: true } }))?.strategy };

  // transactions: one commits, one rolls back and leaves nothing
  await db.transaction(async (tx) => {
    await tx.exchangeConnections.update({ where: { id: CONNECTION }, set: { lastTestStatus: 'success', updatedAt: at(70) } });
    await tx.siteLogs.insert({ level: 'info', message: 'committed', connectionId: CONNECTION, createdAt: at(70) });
  });
  const rolledBack = await db
    .transaction(async (tx) => {
      await tx.siteLogs.insert({ level: 'info', message: 'rolled back', connectionId: CONNECTION, createdAt: at(71) });
      await tx.exchangeConnections.update({ where: { id: CONNECTION }, set: { lastTestStatus: 'failed' } });
      throw new Error('abort the transaction');
    })
    .then(
      () => 'committed',
      (error: Error) => error.message,
    );
  out.transactions = {
    rolledBack,
    logs: (await db.siteLogs.findMany({ orderBy: { createdAt: 'asc' } })).map((l) => l.message),
    status: (await db.exchangeConnections.findFirst({ where: { id: CONNECTION } }))?.lastTestStatus,
  };
  out.connectionAfter = await db.exchangeConnections.findFirst({ where: { id: CONNECTION } });
  return out;
}
