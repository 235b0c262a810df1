// Type tests: `pnpm typecheck` compiles this file, so each @ts-expect-error must still be an error (tsc fails
// on an unused one) and each expectTypeOf must hold. The runtime half checks that plain JavaScript, which has no
// types, gets the same refusals as errors naming the table and the key.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase, type SelectRow } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';

// Never called: its body is what tsc checks.
export async function typeChecks(db: CtsDatabase): Promise<void> {
  // @ts-expect-error a column that does not exist in a filter
  await db.users.findMany({ where: { emial: 'a@b.c' } });
  // @ts-expect-error a wrong value type (isActive is boolean)
  await db.users.findMany({ where: { isActive: 'yes' } });
  // @ts-expect-error a wrong value type in an operator (entryPrice is an exact decimal string)
  await db.pseudoPositions.findMany({ where: { entryPrice: { gt: 100 } } });
  // @ts-expect-error a wrong value type in an insert
  await db.users.insert({ username: 42, passwordHash: 'x' });
  // Text operators take a string, on text columns only.
  await db.pseudoPositions.findMany({ where: { symbol: { startsWith: 'BTC', mode: 'insensitive' }, closeReason: { contains: 'stop' } } });
  // @ts-expect-error a text operator on an exact decimal column (a string in TypeScript, a number in SQL)
  await db.pseudoPositions.findMany({ where: { entryPrice: { startsWith: '1' } } });
  // @ts-expect-error a text operator on a uuid column
  await db.pseudoPositions.findMany({ where: { connectionId: { contains: '0' } } });
  // @ts-expect-error a text operator on an enum column
  await db.pseudoPositions.findMany({ where: { side: { startsWith: 'lo' } } });
  // @ts-expect-error a text operator's pattern must be a string
  await db.pseudoPositions.findMany({ where: { symbol: { endsWith: 5 } } });
  // Arithmetic on numeric columns: a decimal by a string, an integer by a number.
  await db.volumeConfiguration.update({ where: { symbol: 'BTC' }, set: { baseVolume: { increment: '0.5' }, leverage: { multiply: 2 } } });
  // @ts-expect-error an increment on a text column
  await db.volumeConfiguration.update({ where: { symbol: 'BTC' }, set: { symbol: { increment: '1' } } });
  // @ts-expect-error a decimal increment by a number (a JS number is binary floating point)
  await db.volumeConfiguration.update({ where: { symbol: 'BTC' }, set: { baseVolume: { increment: 0.5 } } });
  // @ts-expect-error an unknown arithmetic operator
  await db.volumeConfiguration.update({ where: { symbol: 'BTC' }, set: { leverage: { add: 1 } } });
  // Column selection narrows the row type.
  const narrow = await db.pseudoPositions.findMany({ select: { id: true, symbol: true }, with: { connection: true } });
  expectTypeOf(narrow[0]!).toEqualTypeOf<{ id: string; symbol: string; connection: SelectRow<'exchange_connections'> }>();
  // @ts-expect-error a column left out by select is not on the row
  narrow[0]!.entryPrice;
  // @ts-expect-error a selected column that does not exist
  await db.pseudoPositions.findMany({ select: { id: true, nope: true } });
  // A job queue's claim inside a transaction.
  await db.transaction((tx) => tx.pseudoPositions.findMany({ where: { status: 'pending' }, limit: 10, lock: 'update', skipLocked: true }));
  // @ts-expect-error a lock strength that does not exist
  await db.transaction((tx) => tx.pseudoPositions.findMany({ lock: 'exclusive' }));
  // A keyset page after a row of the previous one.
  const [last] = await db.pseudoPositions.findMany({ orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], limit: 1, with: { connection: true } });
  if (last !== undefined) await db.pseudoPositions.findMany({ orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], cursor: { after: last }, limit: 50 });
  // @ts-expect-error a cursor value of the wrong type
  await db.pseudoPositions.findMany({ orderBy: { id: 'asc' }, cursor: { after: { id: 5 } } });
  // @ts-expect-error a cursor with a column that does not exist
  await db.pseudoPositions.findMany({ orderBy: { id: 'asc' }, cursor: { after: { idd: 'x' } } });
  // @ts-expect-error mode is 'default' or 'insensitive'
  await db.pseudoPositions.findMany({ where: { symbol: { contains: 'btc', mode: 'INSENSITIVE' } } });
  // @ts-expect-error an unknown table
  await db.userz.findMany();
  // @ts-expect-error a relation that does not exist
  await db.pseudoPositions.findMany({ with: { conection: true } });
  // @ts-expect-error a misspelled relation beside a valid one
  await db.pseudoPositions.findMany({ with: { connection: true, strategyy: true } });
  // @ts-expect-error with on a table that has no relations
  await db.users.findMany({ with: { connection: true } });
  // @ts-expect-error a relation name that is not generated, in findFirst
  await db.siteLogs.findFirst({ with: { user: true } });
  // @ts-expect-error an empty where on a write (it would change every row)
  await db.users.delete({ where: {} });
  // @ts-expect-error an empty where on an update
  await db.users.update({ where: {}, set: { role: 'viewer' } });
  // @ts-expect-error a write without where or all: true
  await db.users.deleteReturning({});
  const body: { id?: string } = {};
  // @ts-expect-error a lone filter whose value may be undefined (a missing request field)
  await db.users.delete({ where: { id: body.id } });
  // all: true changes every row on purpose; a where that names a column is fine.
  expectTypeOf(await db.users.delete({ all: true })).toEqualTypeOf<number>();
  expectTypeOf(await db.users.update({ where: { role: 'viewer' }, set: { isActive: false } })).toEqualTypeOf<number>();
  // @ts-expect-error a column that does not exist in an order
  await db.pseudoPositions.findMany({ orderBy: { openedOn: 'desc' } });
  // @ts-expect-error an upsert target that is not a unique key
  await db.users.upsert({ values: { username: 'u', passwordHash: 'x' }, target: ['role'] });

  const withRelations = await db.pseudoPositions.findFirst({ with: { connection: true, strategy: true } });
  if (withRelations !== undefined) {
    expectTypeOf(withRelations.connection).toEqualTypeOf<SelectRow<'exchange_connections'>>();
    // strategy_id is nullable: the related row may be absent.
    expectTypeOf(withRelations.strategy).toEqualTypeOf<SelectRow<'strategies_base'> | null>();
    expectTypeOf(withRelations.entryPrice).toEqualTypeOf<string>();
  }
  const plain = await db.pseudoPositions.findMany();
  // @ts-expect-error relations are there only when asked for
  void plain[0]?.connection;
  expectTypeOf(await db.users.count()).toEqualTypeOf<number>();
  expectTypeOf(await db.users.delete({ where: { role: 'viewer' } })).toEqualTypeOf<number>();

  const volumes = [{ connectionId: 'c', symbol: 'BTCUSDT', baseVolume: '1' }];
  // upsertMany: the count by default, the stored rows with returning: true.
  expectTypeOf(await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'] })).toEqualTypeOf<number>();
  expectTypeOf(await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'], update: ['baseVolume'], returning: true })).toEqualTypeOf<SelectRow<'volume_configuration'>[]>();
  expectTypeOf(await db.volumeConfiguration.insertBulk(volumes, { onConflict: { target: ['connectionId', 'symbol'], update: [] } })).toEqualTypeOf<number>();
  // @ts-expect-error an upsertMany target that is not a unique key
  await db.volumeConfiguration.upsertMany(volumes, { target: ['symbol'] });
  // @ts-expect-error a key column in update (the key is what finds the row)
  await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'], update: ['symbol'] });
  // @ts-expect-error a column that does not exist in update
  await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'], update: ['basevolume'] });
  // @ts-expect-error a misspelled option (it would be refused at run time: QUERY_UNKNOWN_OPTION)
  await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'], retuning: true });
  // A returning that is only known as a boolean: either answer.
  const flag = Math.random() > 2;
  expectTypeOf(await db.volumeConfiguration.upsertMany(volumes, { target: ['connectionId', 'symbol'], returning: flag })).toEqualTypeOf<number | SelectRow<'volume_configuration'>[]>();
  // Another unique key's column may be updated: only the chosen target's are excluded.
  const users = [{ id: '00000000-0000-4000-8000-000000000001', username: 'u', passwordHash: 'x', email: 'u@example.com' }];
  expectTypeOf(await db.users.upsertMany(users, { target: ['id'], update: ['email', 'username'] })).toEqualTypeOf<number>();
  // @ts-expect-error the chosen target's own column
  await db.users.upsertMany(users, { target: ['id'], update: ['id'] });
}

describe('what the types refuse is refused at run time too (plain JavaScript)', () => {
  let target: MigrationTarget;
  let db: CtsDatabase;
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
    const config = target.config('types');
    expect((await migrate(config)).ok).toBe(true);
    db = ctsDatabase(await openAppDatabase(config));
  });
  afterAll(async () => {
    await db.close();
    await target.cleanup();
  });
  // Bypass the types as a JavaScript caller would.
  const untyped = () => db as unknown as Record<string, Record<string, (options?: unknown) => Promise<unknown>>>;

  it('an unknown column, relation or upsert key is a QueryError naming the table and the key', async () => {
    await expect(untyped().users!.findMany!({ where: { emial: 'x' } })).rejects.toMatchObject({ code: 'QUERY_UNKNOWN_COLUMN', subject: 'users.where.emial', path: 'users.where.emial' });
    await expect(untyped().users!.findMany!({ orderBy: { nope: 'asc' } })).rejects.toMatchObject({ code: 'QUERY_UNKNOWN_COLUMN', subject: 'users.orderBy.nope' });
    await expect(untyped().pseudoPositions!.findMany!({ with: { conection: true } })).rejects.toMatchObject({ code: 'QUERY_UNKNOWN_RELATION', subject: 'pseudo_positions.with.conection' });
    await expect(untyped().users!.upsert!({ values: { username: 'u', passwordHash: 'x' }, target: ['role'] })).rejects.toMatchObject({ code: 'QUERY_INVALID_UPSERT' });
    await expect(untyped().users!.findMany!({ limit: -1 })).rejects.toMatchObject({ code: 'QUERY_INVALID_VALUE', path: 'users.limit' });
    await expect(untyped().users!.update!({ where: {}, set: {} })).rejects.toMatchObject({ code: 'QUERY_EMPTY_WHERE' });
    await expect(untyped().users!.update!({ where: { username: 'u' }, set: {} })).rejects.toMatchObject({ code: 'QUERY_INVALID_SET', path: 'users.set' });
    expect(Object.keys(db)).toContain('pseudoPositions');
  });
});
