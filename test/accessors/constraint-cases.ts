/**
 * Every constraint failure the tests look at, provoked for real on one engine. Each case keeps the driver's
 * error and what queryFailure (no lookups) and explainQueryFailure (SQLite may look rows up) make of it.
 */
import type { TableName } from '../../generated/tables.js';
import { explainQueryFailure, queryFailure, type StatementInput } from '../../src/accessors/driver-errors.js';
import { contextOf, driverError, rawInsert, type Engine } from './failure-support.js';

export const C1 = '00000000-0000-4000-8000-00000000c001';
export const DEAD = '00000000-0000-4000-8000-00000000dead';
export const B1 = '00000000-0000-4000-8000-00000000b001';
export const B2 = '00000000-0000-4000-8000-00000000b002';

export interface CaseResult {
  readonly raw: Error;
  readonly sync: unknown;
  readonly explained: unknown;
  /** queryFailure without the statement's input. */
  readonly bare: unknown;
}

async function run(engine: Engine, table: TableName, statement: StatementInput, call: Promise<unknown>): Promise<CaseResult> {
  const raw = await driverError(call);
  return {
    raw,
    sync: queryFailure(raw, contextOf(engine, table, statement)),
    explained: await explainQueryFailure(raw, contextOf(engine, table, statement)),
    bare: queryFailure(raw, contextOf(engine, table)),
  };
}

const insert = (...rows: Record<string, unknown>[]): StatementInput => ({ kind: 'insert', rows });

export async function seed(engine: Engine): Promise<void> {
  const db = engine.db;
  await db.users.insert({ username: 'alice', email: 'alice@example.com', passwordHash: 'hash-alice' });
  await db.users.insert({ username: 'carol', passwordHash: 'hash-carol' });
  await db.exchangeConnections.insert({ id: C1, name: 'main', exchange: 'bybit', apiKey: 'key-secret-1', apiSecret: 'secret-1', apiPassphrase: 'pass-secret-1' });
  await db.volumeConfiguration.insert({ connectionId: C1, symbol: 'BTCUSDT' });
  await db.volumeConfiguration.insert({ connectionId: C1, symbol: 'BTC, USDT' });
  await db.strategiesBase.insert({ id: B1, connectionId: C1, name: 'base', symbol: 'BTCUSDT', side: 'long' });
  await db.strategiesMain.insert({ connectionId: C1, baseStrategyId: B1, symbol: 'BTCUSDT', side: 'long' });
}

export async function constraintCases(engine: Engine) {
  const db = engine.db;
  const newUsers = [
    { username: 'dave', passwordHash: 'hash-dave' },
    { username: 'alice', passwordHash: 'hash-alice-2' },
    { username: 'erin', passwordHash: 'hash-erin' },
  ];
  const secretRow = { name: 'main', exchange: 'bybit', apiKey: 'key-secret-3', apiSecret: 'secret-3', apiPassphrase: 'pass-secret-3' };
  const pkRow = { id: C1, name: 'other', exchange: 'bybit', apiKey: 'key-secret-2' };
  return {
    uniqueSingle: await run(engine, 'users', insert({ username: 'alice', passwordHash: 'hash-b' }), db.users.insert({ username: 'alice', passwordHash: 'hash-b' })),
    uniqueMulti: await run(engine, 'volume_configuration', insert({ connectionId: C1, symbol: 'BTCUSDT' }), db.volumeConfiguration.insert({ connectionId: C1, symbol: 'BTCUSDT' })),
    // PostgreSQL's detail cannot be split when a value contains ", ": the input is matched against it whole.
    uniqueCommaValue: await run(engine, 'volume_configuration', insert({ connectionId: C1, symbol: 'BTC, USDT' }), db.volumeConfiguration.insert({ connectionId: C1, symbol: 'BTC, USDT' })),
    primaryKey: await run(engine, 'exchange_connections', insert(pkRow), db.exchangeConnections.insert(pkRow)),
    secretTable: await run(engine, 'exchange_connections', insert(secretRow), db.exchangeConnections.insert(secretRow)),
    uniqueUpdate: await run(
      engine,
      'users',
      { kind: 'update', rows: [{ username: 'alice' }], where: { username: 'carol' } },
      db.users.update({ where: { username: 'carol' }, set: { username: 'alice' } }),
    ),
    insertMany: await run(engine, 'users', insert(...newUsers), db.users.insertMany(newUsers)),
    // The bulk path sends its own statements: the driver's error arrives without drizzle's wrapper.
    insertBulk: await run(engine, 'users', insert(...newUsers), db.users.insertBulk(newUsers)),
    foreignKeyOne: await run(engine, 'volume_configuration', insert({ connectionId: DEAD, symbol: 'ETHUSDT' }), db.volumeConfiguration.insert({ connectionId: DEAD, symbol: 'ETHUSDT' })),
    foreignKeyTwoBase: await run(
      engine,
      'strategies_main',
      insert({ connectionId: C1, baseStrategyId: DEAD, symbol: 'ETHUSDT', side: 'short' }),
      db.strategiesMain.insert({ connectionId: C1, baseStrategyId: DEAD, symbol: 'ETHUSDT', side: 'short' }),
    ),
    foreignKeyTwoConnection: await run(
      engine,
      'strategies_main',
      insert({ connectionId: DEAD, baseStrategyId: B1, symbol: 'ETHUSDT', side: 'short' }),
      db.strategiesMain.insert({ connectionId: DEAD, baseStrategyId: B1, symbol: 'ETHUSDT', side: 'short' }),
    ),
    // A parent whose key changes while a child refers to it (ON UPDATE NO ACTION): the child's key fails.
    foreignKeyParent: await run(engine, 'strategies_base', { kind: 'update', rows: [{ id: B2 }], where: { id: B1 } }, db.strategiesBase.update({ where: { id: B1 }, set: { id: B2 } })),
    notNull: await run(engine, 'users', insert({ username: null, passwordHash: 'hash-x' }), rawInsert(engine, 'users', { username: null, passwordHash: 'hash-x' })),
    check: await run(engine, 'users', insert({ username: 'bob', passwordHash: 'hash-bob', role: 'boss' }), rawInsert(engine, 'users', { username: 'bob', passwordHash: 'hash-bob', role: 'boss' })),
  };
}

export type ConstraintCases = Awaited<ReturnType<typeof constraintCases>>;
