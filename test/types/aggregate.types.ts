import { expectTypeOf } from 'vitest';
import type { CtsDatabase } from '../../src/index.js';
export async function aggregateTypes(db: CtsDatabase): Promise<void> {
  const a = await db.pseudoPositions.aggregate({ where: { status: 'closed' }, _count: true, _sum: { realizedPnl: true, quantity: true }, _avg: { entryPrice: true }, _min: { openedAt: true, symbol: true }, _max: { entryPrice: true } });
  expectTypeOf(a).toEqualTypeOf<{ _count: number } & { _sum: { realizedPnl: string | null; quantity: string | null } } & { _avg: { entryPrice: string | null } } & { _min: { openedAt: Date | null; symbol: string | null } } & { _max: { entryPrice: string | null } }>();
  const b = await db.strategiesBase.aggregate({ _count: { evaluatedAt: true }, _sum: { totalTrades: true } });
  expectTypeOf(b._count).toEqualTypeOf<{ evaluatedAt: number }>();
  expectTypeOf(b._sum.totalTrades).toEqualTypeOf<number | null>();
  // @ts-expect-error no _sum was asked for
  void (await db.strategiesBase.aggregate({ _count: true }))._sum;
  // @ts-expect-error a sum of a text column
  await db.pseudoPositions.aggregate({ _sum: { symbol: true } });
  // @ts-expect-error a sum of a text column beside a valid one
  await db.pseudoPositions.aggregate({ _sum: { quantity: true, symbol: true } });
  // @ts-expect-error a minimum of a JSON column
  await db.pseudoPositions.aggregate({ _min: { settings: true } });
  // @ts-expect-error a column that does not exist in a count
  await db.pseudoPositions.aggregate({ _count: { nope: true } });
  // @ts-expect-error a misspelled aggregate
  await db.pseudoPositions.aggregate({ _summ: { quantity: true } });

  const groups = await db.pseudoPositions.groupBy({ by: ['connectionId', 'symbol'], where: { status: 'closed' }, _sum: { realizedPnl: true }, having: { _count: { gte: 2 } }, orderBy: [{ _sum: { realizedPnl: 'desc' } }, { symbol: 'asc' }], limit: 10 });
  expectTypeOf(groups).toEqualTypeOf<({ connectionId: string; symbol: string } & { _sum: { realizedPnl: string | null } })[]>();
  // @ts-expect-error groups are keyed by columns only: a JSON column has no equality
  await db.pseudoPositions.groupBy({ by: ['settings'] });
  // @ts-expect-error a column that is not a by column cannot order the groups
  await db.pseudoPositions.groupBy({ by: ['symbol'], orderBy: { side: 'asc' } });
  // @ts-expect-error a having on a sum compares with a decimal string
  await db.pseudoPositions.groupBy({ by: ['symbol'], having: { _sum: { realizedPnl: { gt: 0 } } } });
  // @ts-expect-error a sum of a text column in having
  await db.pseudoPositions.groupBy({ by: ['symbol'], having: { _sum: { symbol: { gt: 'A' } } } });
  // @ts-expect-error a selected-out aggregate is not in the row
  void (await db.pseudoPositions.groupBy({ by: ['symbol'], _count: true }))[0]?._sum;

  // distinctOn takes columns other than JSON ones.
  await db.indicationsDirection.findMany({ distinctOn: ['connectionId', 'symbol'], orderBy: [{ connectionId: 'asc' }, { symbol: 'asc' }, { calculatedAt: 'desc' }] });
  // @ts-expect-error a JSON column cannot key distinctOn
  await db.indicationsDirection.findMany({ distinctOn: ['settings'], orderBy: { symbol: 'asc' } });
  // @ts-expect-error an unknown column in distinctOn
  await db.indicationsDirection.findMany({ distinctOn: ['symbl'], orderBy: { symbol: 'asc' } });
}
