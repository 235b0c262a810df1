// Type tests of nested `with` and to-many relation filters: `pnpm typecheck` compiles this file, so each
// expected error must still be one and each expectTypeOf must hold.
import { expectTypeOf } from 'vitest';
import type { CtsDatabase, SelectRow } from '../../src/index.js';

export async function nestedWithTypes(db: CtsDatabase): Promise<void> {
  // One-to-many, filtered and ordered, nested to the strategy and on to its connection: three levels.
  const connections = await db.exchangeConnections.findMany({
    where: { exchange: 'bybit' },
    with: {
      pseudoPositions: {
        where: { status: 'active' },
        orderBy: [{ openedAt: 'desc' }],
        limit: 10,
        select: { id: true, symbol: true, quantity: true },
        with: { strategy: { select: { name: true }, with: { connection: { select: { exchange: true } } } } },
      },
      strategiesBase: true,
    },
  });
  const [first] = connections;
  expectTypeOf(first!.name).toEqualTypeOf<string>();
  expectTypeOf(first!.pseudoPositions).toEqualTypeOf<{ id: string; symbol: string; quantity: string; strategy: { name: string; connection: { exchange: string } } | null }[]>();
  expectTypeOf(first!.strategiesBase).toEqualTypeOf<SelectRow<'strategies_base'>[]>();
  // A to-one relation with options: its selected columns, and never null when the foreign key is NOT NULL.
  const [position] = await db.pseudoPositions.findMany({ with: { connection: { select: { name: true } }, realPseudoPositions: true } });
  expectTypeOf(position!.connection).toEqualTypeOf<{ name: string }>();
  expectTypeOf(position!.realPseudoPositions).toEqualTypeOf<SelectRow<'real_pseudo_positions'>[]>();
  // A relation left out (or false) is not in the row.
  const [plain] = await db.exchangeConnections.findMany({ with: { pseudoPositions: false } });
  // @ts-expect-error pseudoPositions was not asked for
  void plain!.pseudoPositions;

  // A relation asked for by a boolean known only at run time is there when it was true: optional in the type.
  const flag = connections.length > 1;
  const [maybe] = await db.exchangeConnections.findMany({ with: { pseudoPositions: flag } });
  expectTypeOf(maybe!.pseudoPositions).toEqualTypeOf<SelectRow<'pseudo_positions'>[] | undefined>();

  // @ts-expect-error a selected-out column of a nested relation
  void first!.pseudoPositions[0]!.entryPrice;
  // @ts-expect-error a misspelled nested relation
  await db.exchangeConnections.findMany({ with: { pseudoPositions: { with: { stratgy: true } } } });
  // @ts-expect-error a misspelled option of a nested read
  await db.exchangeConnections.findMany({ with: { pseudoPositions: { wher: { status: 'active' } } } });
  // @ts-expect-error a column that does not exist in a nested select
  await db.exchangeConnections.findMany({ with: { pseudoPositions: { select: { symbl: true } } } });
  // @ts-expect-error a column that does not exist in a nested where
  await db.exchangeConnections.findMany({ with: { pseudoPositions: { where: { statuss: 'active', symbol: 'BTCUSDT' } } } });
  // @ts-expect-error where, orderBy and limit are for to-many relations; a to-one relation has one row
  await db.pseudoPositions.findMany({ with: { connection: { where: { exchange: 'bybit' } } } });
  // @ts-expect-error a wrong value type in a nested where
  await db.exchangeConnections.findMany({ with: { pseudoPositions: { where: { quantity: 5 } } } });

  // Relation filters: to-one by the related row's columns, to-many with some / none / every.
  await db.exchangeConnections.count({ where: { pseudoPositions: { some: { status: 'active' }, none: { status: 'failed' } }, strategiesBase: { every: { connection: { exchange: 'bybit' } } } } });
  // @ts-expect-error a wrong field in a to-one relation filter
  await db.pseudoPositions.findMany({ where: { connection: { exchang: 'bybit' } } });
  // @ts-expect-error a wrong field in a to-many relation filter
  await db.exchangeConnections.findMany({ where: { pseudoPositions: { some: { statuss: 'active' } } } });
  // @ts-expect-error a to-many relation takes some / none / every, not the columns themselves
  await db.exchangeConnections.findMany({ where: { pseudoPositions: { status: 'active' } } });
  // @ts-expect-error a to-many filter without some, none or every
  await db.exchangeConnections.findMany({ where: { pseudoPositions: {} } });
  // @ts-expect-error a wrong value type inside every
  await db.exchangeConnections.findMany({ where: { pseudoPositions: { every: { quantity: 1 } } } });
}
