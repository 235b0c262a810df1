/**
 * The everyday queries of a trading app that used to need `db.app` and a dialect branch, written on the typed
 * accessors only: the same code on SQLite and PostgreSQL, identical answers (test/queries/trading-depth.test.ts).
 * The job-queue claim with SKIP LOCKED by concurrent workers is test/accessors/row-locks.test.ts.
 */
import type { CtsDatabase } from '../accessors/cts-database.js';
import type { SelectRow } from '../../generated/tables.js';

/** The latest direction indication per symbol of a connection: one statement (DISTINCT ON, or NOT EXISTS on SQLite). */
export function latestIndicationPerSymbol(db: CtsDatabase, connectionId: string) {
  return db.indicationsDirection.findMany({
    where: { connectionId },
    distinctOn: ['symbol'],
    orderBy: [{ symbol: 'asc' }, { calculatedAt: 'desc' }],
    select: { symbol: true, side: true, strength: true, calculatedAt: true },
  });
}

/** Realized PnL per connection over closed positions, exact to the column's 18 digits, largest first. */
export function pnlPerConnection(db: CtsDatabase) {
  return db.pseudoPositions.groupBy({
    by: ['connectionId'],
    where: { status: 'closed' },
    _sum: { realizedPnl: true },
    _count: true,
    orderBy: { _sum: { realizedPnl: 'desc' } },
  });
}

/** The open positions of the connections on one exchange: a filter on the to-one relation. */
export function openPositionsOnExchange(db: CtsDatabase, exchange: string) {
  return db.pseudoPositions.findMany({ where: { status: 'active', connection: { exchange } }, orderBy: { openedAt: 'asc' }, select: { id: true, symbol: true, quantity: true } });
}

/**
 * The connections that have open positions, each with them (oldest first) and each position's strategy: a
 * to-many relation filtered twice, in `where` (which connections) and in `with` (which of their positions),
 * nested to a to-one relation. One statement.
 */
export function connectionsWithOpenPositions(db: CtsDatabase) {
  return db.exchangeConnections.findMany({
    where: { pseudoPositions: { some: { status: 'active' } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, exchange: true },
    with: {
      pseudoPositions: {
        where: { status: 'active' },
        orderBy: { openedAt: 'asc' },
        select: { id: true, symbol: true, quantity: true },
        with: { strategy: { select: { name: true, side: true } } },
      },
    },
  });
}

/** Symbols starting with a prefix, case-insensitively (A-Z folded alike on both engines; `%` and `_` literal). */
export function symbolsStartingWith(db: CtsDatabase, prefix: string) {
  return db.pseudoPositions.findMany({ where: { symbol: { startsWith: prefix, mode: 'insensitive' } }, select: { symbol: true }, distinct: true, orderBy: { symbol: 'asc' } });
}

/** Adds to a position's quantity in the database, exactly, rounded to the column as an insert is. */
export async function addToQuantity(db: CtsDatabase, id: string, amount: string): Promise<string | undefined> {
  const [row] = await db.pseudoPositions.updateReturning({ where: { id }, set: { quantity: { increment: amount } } });
  return row?.quantity;
}

export type PositionPage = Pick<SelectRow<'pseudo_positions'>, 'id' | 'openedAt' | 'symbol'>[];

/** Every position of a connection in pages of `size`, newest first, by keyset (stable under concurrent inserts). */
export async function allPositionPages(db: CtsDatabase, connectionId: string, size: number): Promise<PositionPage[]> {
  const pages: PositionPage[] = [];
  let after: PositionPage[number] | undefined;
  for (;;) {
    const page = await db.pseudoPositions.findMany({
      where: { connectionId },
      orderBy: [{ openedAt: 'desc' }, { id: 'asc' }],
      select: { id: true, openedAt: true, symbol: true },
      limit: size,
      ...(after === undefined ? {} : { cursor: { after } }),
    });
    if (page.length === 0) return pages;
    pages.push(page);
    after = page[page.length - 1];
  }
}

/** Counts, the exact sum and average and the extremes of closed positions' PnL. */
export function closedPnlSummary(db: CtsDatabase) {
  return db.pseudoPositions.aggregate({ where: { status: 'closed' }, _count: true, _sum: { realizedPnl: true }, _avg: { realizedPnl: true }, _min: { realizedPnl: true }, _max: { closedAt: true } });
}
