/**
 * Constraint violations and retryable failures as coded QueryErrors: provoked for real on SQLite and PostgreSQL,
 * mapped by queryFailure, and compared field by field against exact expectations and across the engines.
 */
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAccessorFailures } from '../../src/accessors/accessor-failures.js';
import { queryFailure, transactionFailure } from '../../src/accessors/driver-errors.js';
import { parseKeyDetail } from '../../src/accessors/pg/pg-failure.js';
import { isSecretColumn } from '../../src/accessors/failures/secret-columns.js';
import { isLockConflict, parseConstraintMessage } from '../../src/accessors/sqlite/sqlite-failure.js';
import { retryDelayMs } from '../../src/accessors/transaction-retry.js';
import { QueryError, type CtsAccessors } from '../../src/index.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';
import { B1, C1, DEAD, constraintCases, seed, type CaseResult, type ConstraintCases } from './constraint-cases.js';
import { PREFIX, closeEngine, contextOf, driverError, openEngine, view, type Engine } from './failure-support.js';

const UNIQUE = 'QUERY_UNIQUE_VIOLATION';
const FOREIGN = 'QUERY_FOREIGN_KEY_VIOLATION';

const username = { code: UNIQUE, subject: 'users.username', table: 'users', constraint: 'uq_usr_username', columns: ['username'], values: { username: 'alice' } };
const baseKey = { code: FOREIGN, subject: 'strategies_main.baseStrategyId', table: 'strategies_main', constraint: 'fk_str_main_base', columns: ['baseStrategyId'], values: undefined };

/** What both engines give once the statement's input is known (explainQueryFailure). */
const EXPECTED: Readonly<Record<keyof ConstraintCases, ReturnType<typeof view>>> = {
  uniqueSingle: username,
  uniqueMulti: {
    code: UNIQUE,
    subject: 'volume_configuration.connectionId,symbol',
    table: 'volume_configuration',
    constraint: 'uq_vol_conn_symbol',
    columns: ['connectionId', 'symbol'],
    values: { connectionId: C1, symbol: 'BTCUSDT' },
  },
  uniqueCommaValue: {
    code: UNIQUE,
    subject: 'volume_configuration.connectionId,symbol',
    table: 'volume_configuration',
    constraint: 'uq_vol_conn_symbol',
    columns: ['connectionId', 'symbol'],
    values: { connectionId: C1, symbol: 'BTC, USDT' },
  },
  primaryKey: { code: UNIQUE, subject: 'exchange_connections.id', table: 'exchange_connections', constraint: 'exchange_connections_pkey', columns: ['id'], values: { id: C1 } },
  secretTable: { code: UNIQUE, subject: 'exchange_connections.name', table: 'exchange_connections', constraint: 'uq_exc_name', columns: ['name'], values: { name: 'main' } },
  uniqueUpdate: username,
  insertMany: username,
  insertBulk: username,
  foreignKeyOne: { code: FOREIGN, subject: 'volume_configuration.connectionId', table: 'volume_configuration', constraint: 'fk_vol_connection', columns: ['connectionId'], values: undefined },
  foreignKeyTwoBase: baseKey,
  foreignKeyTwoConnection: { ...baseKey, subject: 'strategies_main.connectionId', constraint: 'fk_str_main_connection', columns: ['connectionId'] },
  foreignKeyParent: { ...baseKey, table: 'strategies_base' },
  notNull: { code: 'QUERY_NOT_NULL_VIOLATION', subject: 'users.username', table: 'users', constraint: undefined, columns: ['username'], values: undefined },
  check: { code: 'QUERY_CHECK_VIOLATION', subject: 'users.role', table: 'users', constraint: 'ck_usr_role', columns: ['role'], values: undefined },
};

const MESSAGES: Partial<Record<keyof ConstraintCases, string>> = {
  uniqueSingle: `users: a row with username = "alice" already exists (uq_usr_username)\n  hint: use another username, or update the existing row: db.users.upsert({ values, target: ['username'] })`,
  uniqueMulti: `volume_configuration: a row with connectionId = "${C1}", symbol = "BTCUSDT" already exists (uq_vol_conn_symbol)\n  hint: use another connectionId, symbol, or update the existing row: db.volumeConfiguration.upsert({ values, target: ['connectionId', 'symbol'] })`,
  primaryKey: `exchange_connections: a row with id = "${C1}" already exists (exchange_connections_pkey)\n  hint: use another id`,
  secretTable: `exchange_connections: a row with name = "main" already exists (uq_exc_name)\n  hint: use another name, or update the existing row: db.exchangeConnections.upsert({ values, target: ['name'] })`,
  foreignKeyOne: `volume_configuration: connectionId = "${DEAD}" refers to no exchange_connections row (fk_vol_connection)\n  hint: insert the exchange_connections row first, or correct connectionId`,
  foreignKeyTwoBase: `strategies_main: baseStrategyId = "${DEAD}" refers to no strategies_base row (fk_str_main_base)\n  hint: insert the strategies_base row first, or correct baseStrategyId`,
  foreignKeyParent: 'strategies_base: rows of strategies_main still refer to it through baseStrategyId (fk_str_main_base)\n  hint: delete or re-point those strategies_main rows first, or leave strategies_base.id unchanged',
  notNull: 'users: username must not be null\n  hint: give username a value',
  check: 'users: role "boss" is not one of admin, trader, viewer (ck_usr_role)\n  hint: use one of: admin, trader, viewer',
};

describe(`constraint violations as QueryErrors on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Partial<Record<'sqlite' | 'postgresql', Engine>> = {};
  const results: Partial<Record<'sqlite' | 'postgresql', ConstraintCases>> = {};
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = await openEngine(dialect);
      engines[dialect] = engine;
      await seed(engine);
      results[dialect] = await constraintCases(engine);
    }
  }, 60_000);
  afterAll(async () => {
    await closeEngine(engines.sqlite);
    await closeEngine(engines.postgresql);
  });
  const cases = Object.keys(EXPECTED) as (keyof ConstraintCases)[];
  const both = (name: keyof ConstraintCases): [CaseResult, CaseResult] => [results.sqlite![name], results.postgresql![name]];

  it('gives the same code, table, constraint, columns and values on both engines, as expected', () => {
    for (const name of cases) {
      const [sqlite, pg] = both(name);
      expect(view(sqlite.explained), `sqlite ${name}`).toStrictEqual(EXPECTED[name]);
      expect(view(pg.explained), `postgresql ${name}`).toStrictEqual(EXPECTED[name]);
      expect((pg.explained as QueryError).message, name).toBe((sqlite.explained as QueryError).message);
    }
  });

  it('says what is wrong and what to do, with the duplicate values, in the same words on both engines', () => {
    for (const [name, message] of Object.entries(MESSAGES)) {
      for (const dialect of ['sqlite', 'postgresql'] as const) expect((results[dialect]![name as keyof ConstraintCases].explained as QueryError).message, `${dialect} ${name}`).toBe(message);
    }
  });

  it('keeps the driver error as the cause, whether drizzle wrapped it or not', () => {
    for (const name of cases) {
      for (const result of both(name)) {
        expect((result.explained as QueryError).cause).toBe(result.raw);
        expect((result.sync as QueryError).cause).toBe(result.raw);
      }
    }
    // The bulk path's error is the driver's own; the others come wrapped by drizzle.
    expect(results.postgresql!.insertBulk.raw.constructor.name).toBe('PostgresError');
    expect(results.sqlite!.insertBulk.raw.constructor.name).toBe('LibsqlError');
    expect(results.postgresql!.uniqueSingle.raw.constructor.name).toBe('DrizzleQueryError');
    expect(results.sqlite!.uniqueSingle.raw.constructor.name).toBe('DrizzleQueryError');
  });

  it('never shows a secret column value in a message, values or hint', () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      for (const name of ['primaryKey', 'secretTable', 'insertMany', 'insertBulk', 'uniqueSingle'] as const) {
        const error = results[dialect]![name].explained as QueryError;
        for (const text of [error.message, error.hint, JSON.stringify(error.values)]) {
          expect(text).not.toMatch(/secret-|hash-/);
        }
      }
    }
    expect(['passwordHash', 'apiKey', 'api_key', 'apiSecret', 'apiPassphrase', 'refreshToken', 'password_hash', 'isSecret'].map(isSecretColumn)).toEqual([true, true, true, true, true, true, true, true]);
    expect(['username', 'email', 'name', 'exchange', 'connectionId', 'key', 'value'].map(isSecretColumn)).toEqual([false, false, false, false, false, false, false]);
  });

  it('PostgreSQL names every key itself; SQLite, without lookups, names no foreign key among several and no duplicate among several rows', () => {
    for (const name of cases) expect(view(results.postgresql![name].sync), name).toStrictEqual(EXPECTED[name]);
    const sync = (name: keyof ConstraintCases) => view(results.sqlite![name].sync);
    for (const name of cases.filter((c) => !['insertMany', 'insertBulk', 'foreignKeyTwoBase', 'foreignKeyTwoConnection', 'foreignKeyParent'].includes(c))) {
      expect(sync(name), name).toStrictEqual(EXPECTED[name]);
    }
    expect(sync('insertMany')).toStrictEqual({ ...username, values: undefined });
    expect(sync('insertBulk')).toStrictEqual({ ...username, values: undefined });
    const unnamed = (table: string) => ({ code: FOREIGN, subject: table, table, constraint: undefined, columns: undefined, values: undefined });
    expect(sync('foreignKeyTwoBase')).toStrictEqual(unnamed('strategies_main'));
    expect(sync('foreignKeyParent')).toStrictEqual(unnamed('strategies_base'));
    expect((results.sqlite!.foreignKeyTwoBase.sync as QueryError).message).toBe(
      'strategies_main: a foreign key failed, one of fk_str_main_connection, fk_str_main_base (SQLite does not say which, and the statement did not tell them apart)\n' +
        '  hint: check each: fk_str_main_connection: strategies_main.connectionId -> exchange_connections.id; fk_str_main_base: strategies_main.baseStrategyId -> strategies_base.id',
    );
  });

  it('without the input, PostgreSQL still gives the values its detail prints unambiguously; SQLite has none', () => {
    expect(view(results.postgresql!.uniqueMulti.bare)).toStrictEqual(EXPECTED.uniqueMulti);
    expect(view(results.postgresql!.uniqueCommaValue.bare)).toStrictEqual({ ...EXPECTED.uniqueCommaValue, values: undefined });
    expect(view(results.sqlite!.uniqueMulti.bare)).toStrictEqual({ ...EXPECTED.uniqueMulti, values: undefined });
    expect(parseKeyDetail(`Key (connection_id, symbol)=(${C1}, BTC, USDT) already exists.`)).toStrictEqual({ columns: ['connection_id', 'symbol'], text: `${C1}, BTC, USDT`, values: undefined });
    expect(parseKeyDetail('Key (username)=(a, b) already exists.')).toStrictEqual({ columns: ['username'], text: 'a, b', values: undefined });
    expect(parseKeyDetail('Failing row contains (x).')).toBe(undefined);
  });

  it('reads each SQLite message form', () => {
    expect(parseConstraintMessage('UNIQUE constraint failed: acc_vol.connection_id, acc_vol.symbol')).toStrictEqual({ kind: 'unique', table: 'acc_vol', columns: ['connection_id', 'symbol'], index: undefined });
    expect(parseConstraintMessage("UNIQUE constraint failed: index 'acc_uq_x'")).toStrictEqual({ kind: 'unique', table: undefined, columns: [], index: 'acc_uq_x' });
    expect(parseConstraintMessage('NOT NULL constraint failed: acc_users.username')).toStrictEqual({ kind: 'notNull', table: 'acc_users', column: 'username' });
    expect(parseConstraintMessage('CHECK constraint failed: acc_ck_usr_role')).toStrictEqual({ kind: 'check', constraint: 'acc_ck_usr_role' });
    expect(parseConstraintMessage('FOREIGN KEY constraint failed')).toStrictEqual({ kind: 'foreign' });
    expect(parseConstraintMessage('UNIQUE constraint failed: a.x, b.y')).toBe(undefined);
    expect(parseConstraintMessage('database is locked')).toBe(undefined);
  });

  it('maps an error under further causes, and returns anything else unchanged', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const raw = results[dialect]!.uniqueSingle.raw;
      const outer = new Error('saving the user failed', { cause: raw });
      const mapped = queryFailure(outer, contextOf(engines[dialect]!, 'users', { kind: 'insert', rows: [{ username: 'alice' }] }));
      expect(view(mapped)).toStrictEqual(username);
      expect((mapped as QueryError).cause).toBe(outer);
      const plain = new Error('not a database error');
      expect(queryFailure(plain, contextOf(engines[dialect]!, 'users'))).toBe(plain);
      const mappedAgain = queryFailure(mapped, contextOf(engines[dialect]!, 'users'));
      expect(mappedAgain).toBe(mapped);
      // A database error that is no constraint violation: a table that does not exist.
      const app = engines[dialect]!.db.app;
      const missing = await driverError(app.dialect === 'postgresql' ? app.sql.unsafe('select * from acc_missing') : app.client.execute('select * from acc_missing'));
      expect(queryFailure(missing, contextOf(engines[dialect]!, 'users'))).toBe(missing);
    }
  });

  it('wires into an accessor: its failures arrive mapped, with SQLite keys and rows looked up', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = engines[dialect]!;
      const context = contextOf(engine, 'strategies_main');
      expect(context.prefix).toBe(PREFIX);
      const main = withAccessorFailures(engine.db.strategiesMain, context);
      const error = await main.insert({ connectionId: C1, baseStrategyId: DEAD, symbol: 'X', side: 'long' }).catch((e: unknown) => e);
      expect(view(error)).toStrictEqual(baseKey);
      expect((await main.findMany({ where: { baseStrategyId: B1 } })).map((s) => s.symbol)).toEqual(['BTCUSDT']);
      const users = withAccessorFailures(engine.db.users, contextOf(engine, 'users'));
      const many = await users.insertMany([{ username: 'frank', passwordHash: 'hash-f' }, { username: 'alice', passwordHash: 'hash-a2' }]).catch((e: unknown) => e);
      expect(view(many)).toStrictEqual(username);
    }
  });

  it('db.transaction maps what fn throws, naming the table from the error; anything else passes unchanged', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const db = engines[dialect]!.db;
      const error = await db
        .transaction(async (tx) => {
          throw await driverError(tx.users.insert({ username: 'alice', passwordHash: 'hash-t' }));
        })
        .catch((e: unknown) => e);
      // No input at transaction level: PostgreSQL's detail gives the value, SQLite's message does not.
      expect(view(error)).toStrictEqual({ ...username, values: dialect === 'postgresql' ? { username: 'alice' } : undefined });
      const plain = new Error('app failure');
      await expect(db.transaction(() => Promise.reject(plain))).rejects.toBe(plain);
      await expect(db.transaction(async () => 1, { retries: -1 })).rejects.toMatchObject({ code: 'QUERY_INVALID_VALUE', subject: 'transaction.retries' });
      await expect(db.transaction(async () => 1, { retry: 1 } as never)).rejects.toMatchObject({ code: 'QUERY_UNKNOWN_OPTION', subject: 'transaction.retry' });
      expect(transactionFailure(plain, { dialect, prefix: PREFIX })).toBe(plain);
    }
  });

  it('waits 10 ms doubling up to 1 s between retries, half of it random', () => {
    expect([retryDelayMs(0, () => 0), retryDelayMs(0, () => 1), retryDelayMs(3, () => 0.5), retryDelayMs(7, () => 1), retryDelayMs(20, () => 0)]).toEqual([5, 10, 60, 1000, 500]);
  });
});

/** The SQLSTATE of the PostgresError in an error's cause chain. */
function sqlState(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e.name === 'PostgresError') return (e as Error & { code: string }).code;
  return undefined;
}

describe('retryable failures and db.transaction retries', () => {
  let pg: Engine | undefined;
  let sqlite: Engine | undefined;
  afterAll(async () => {
    await closeEngine(pg);
    await closeEngine(sqlite);
  });

  /** A PostgreSQL database whose transactions are SERIALIZABLE and detect a deadlock after 50 ms. */
  async function openPg(): Promise<{ engine: Engine; raw: postgres.Sql; ids: { x: string; y: string } }> {
    pg ??= await openEngine('postgresql', {}, async (target) => {
      const admin = postgres(target.pg!.adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`alter database "${target.pg!.database}" set default_transaction_isolation = 'serializable'`);
      await admin.unsafe(`alter database "${target.pg!.database}" set deadlock_timeout = '50ms'`);
      await admin.end();
    });
    const x = (await pg.db.users.upsert({ values: { username: 'xavier', passwordHash: 'hash-x' }, target: ['username'] })).id;
    const y = (await pg.db.users.upsert({ values: { username: 'yvonne', passwordHash: 'hash-y' }, target: ['username'] })).id;
    return { engine: pg, raw: postgres(pg.target.pg!.url, { max: 2, onnotice: () => {} }), ids: { x, y } };
  }

  /** Runs a transaction that reads a user, meets a concurrent committed change on the listed attempts, then writes it. */
  async function conflicting(engine: Engine, raw: postgres.Sql, id: string, conflictOn: (attempt: number) => boolean, retries?: number) {
    const errors: Error[] = [];
    let attempts = 0;
    const outcome = await engine.db
      .transaction(
        async (tx) => {
          attempts += 1;
          await tx.users.findFirst({ where: { id } });
          if (conflictOn(attempts)) await raw`update acc_users set email = ${`raw-${attempts}@example.com`} where id = ${id}`;
          const error = await tx.users.update({ where: { id }, set: { email: `tx-${attempts}@example.com` } }).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined) {
            errors.push(await driverError(Promise.reject(error)));
            throw errors.at(-1);
          }
          return attempts;
        },
        retries === undefined ? undefined : { retries },
      )
      .catch((e: unknown) => e);
    return { outcome, errors, attempts };
  }

  itNeedsServer('a serialization failure is QUERY_RETRYABLE; one retry gets past it; retries give up after n with the last error', async () => {
    const { engine, raw, ids } = await openPg();
    try {
      const once = await conflicting(engine, raw, ids.x, (n) => n === 1);
      expect(once.attempts).toBe(1);
      expect(sqlState(once.errors[0])).toBe('40001');
      expect(view(queryFailure(once.errors[0], contextOf(engine, 'users')))).toStrictEqual({ code: 'QUERY_RETRYABLE', subject: 'users', table: 'users', constraint: undefined, columns: undefined, values: undefined });
      expect(view(once.outcome)).toStrictEqual({ code: 'QUERY_RETRYABLE', subject: 'transaction', table: undefined, constraint: undefined, columns: undefined, values: undefined });
      expect((once.outcome as QueryError).cause).toBe(once.errors[0]);

      const retried = await conflicting(engine, raw, ids.x, (n) => n === 1, 3);
      expect([retried.outcome, retried.attempts, retried.errors.length]).toEqual([2, 2, 1]);
      expect((await engine.db.users.findFirst({ where: { id: ids.x } }))?.email).toBe('tx-2@example.com');

      const exhausted = await conflicting(engine, raw, ids.x, () => true, 2);
      expect([exhausted.attempts, exhausted.errors.length]).toEqual([3, 3]);
      expect(view(exhausted.outcome).code).toBe('QUERY_RETRYABLE');
      expect((exhausted.outcome as QueryError).cause).toBe(exhausted.errors[2]);
    } finally {
      await raw.end();
    }
  });

  /**
   * Write skew: this transaction and another both count the admins and add one. The other commits in between,
   * so this one's COMMIT is where PostgreSQL finds the two cannot be serialized (on the listed attempts).
   */
  async function writeSkew(engine: Engine, raw: postgres.Sql, run: string, conflictOn: (attempt: number) => boolean, retries?: number) {
    let attempts = 0;
    let bodies = 0;
    const outcome = await engine.db
      .transaction(
        async (tx) => {
          attempts += 1;
          const admins = await tx.users.count({ where: { role: 'admin' } });
          let release = () => {};
          let other: Promise<unknown> = Promise.resolve();
          if (conflictOn(attempts)) {
            let inserted!: () => void;
            const ready = new Promise<void>((resolve) => (inserted = resolve));
            const gate = new Promise<void>((resolve) => (release = resolve));
            other = raw.begin('isolation level serializable', async (o) => {
              await o`select count(*) from acc_users where role = 'admin'`;
              await o`insert into acc_users (username, password_hash, role) values (${`other-${run}-${attempts}`}, 'hash-o', 'admin')`;
              inserted();
              await gate;
            });
            // The other transaction failing (it must not) ends the wait too, and then this test.
            await Promise.race([ready, other]);
          }
          await tx.users.insert({ username: `${run}-${attempts}-of-${admins}`, passwordHash: 'hash-a', role: 'admin' });
          release();
          await other;
          bodies += 1;
          return attempts;
        },
        retries === undefined ? undefined : { retries },
      )
      .catch((e: unknown) => e);
    return { outcome, attempts, bodies };
  }

  itNeedsServer('a serialization failure at COMMIT reaches the caller as QUERY_RETRYABLE, and a retry commits', async () => {
    const { engine, raw } = await openPg();
    try {
      const once = await writeSkew(engine, raw, 'once', (n) => n === 1);
      // fn returned: the failure came from COMMIT, mapped by db.transaction itself.
      expect([once.attempts, once.bodies]).toEqual([1, 1]);
      expect(view(once.outcome)).toStrictEqual({ code: 'QUERY_RETRYABLE', subject: 'transaction', table: undefined, constraint: undefined, columns: undefined, values: undefined });
      expect(sqlState(once.outcome)).toBe('40001');
      const retried = await writeSkew(engine, raw, 'retried', (n) => n === 1, 1);
      expect([retried.outcome, retried.attempts, retried.bodies]).toEqual([2, 2, 2]);
    } finally {
      await raw.end();
    }
  });

  itNeedsServer('a deadlock is QUERY_RETRYABLE, and the retried transaction commits', async () => {
    const { engine, raw, ids } = await openPg();
    const watch = postgres(engine.target.pg!.url, { max: 1, onnotice: () => {} });
    const errors: Error[] = [];
    let other: Promise<unknown> | undefined;
    let attempts = 0;
    try {
      const outcome = await engine.db.transaction(
        async (tx) => {
          attempts += 1;
          // SERIALIZABLE: the retry starts after the other transaction committed, or its change would conflict.
          if (attempts === 2) await other;
          await tx.users.update({ where: { id: ids.x }, set: { email: `x-${attempts}@example.com` } });
          if (attempts === 1) {
            let holdsY!: () => void;
            const locked = new Promise<void>((resolve) => (holdsY = resolve));
            // The other transaction takes y, then waits for x; its own deadlock check comes too late to matter.
            other = raw.begin(async (o) => {
              await o`set local deadlock_timeout = '10s'`;
              await o`update acc_users set email = 'other-y@example.com' where id = ${ids.y}`;
              holdsY();
              await o`update acc_users set email = 'other-x@example.com' where id = ${ids.x}`;
            });
            await locked;
            for (let i = 0; i < 500 && (await watch`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0]?.n === 0; i++) await new Promise((r) => setTimeout(r, 10));
          }
          const error = await tx.users.update({ where: { id: ids.y }, set: { email: `y-${attempts}@example.com` } }).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined) {
            errors.push(await driverError(Promise.reject(error)));
            throw errors.at(-1);
          }
          return attempts;
        },
        { retries: 1 },
      );
      await other;
      expect([outcome, errors.length]).toEqual([2, 1]);
      expect(sqlState(errors[0])).toBe('40P01');
      expect(view(queryFailure(errors[0], contextOf(engine, 'users'))).code).toBe('QUERY_RETRYABLE');
      expect((await engine.db.users.findFirst({ where: { id: ids.y } }))?.email).toBe('y-2@example.com');
    } finally {
      await watch.end();
      await raw.end();
    }
  });

  it('SQLite busy (another connection holds the write lock) is QUERY_RETRYABLE; retries give up after n while it is held', async () => {
    sqlite = await openEngine('sqlite', { SQLITE_BUSY_TIMEOUT_MS: '20' });
    const holder = createClient({ url: pathToFileURL(sqlite.target.sqlitePath!).href });
    const lock = await holder.transaction('write');
    try {
      const raw = await driverError(sqlite.db.users.insert({ username: 'busy', passwordHash: 'hash-busy' }));
      const mapped = queryFailure(raw, contextOf(sqlite, 'users'));
      expect(view(mapped)).toStrictEqual({ code: 'QUERY_RETRYABLE', subject: 'users', table: 'users', constraint: undefined, columns: undefined, values: undefined });
      expect((mapped as QueryError).message).toBe('users: database is locked (SQLITE_BUSY): another connection holds the write lock\n  hint: run the whole transaction again: db.transaction(fn, { retries: 3 }) does that, with backoff');
      let ran = 0;
      const write = async (tx: CtsAccessors) => {
        ran += 1;
        return (await tx.users.insert({ username: `busy-${ran}`, passwordHash: 'hash-busy' })).username;
      };
      // BEGIN IMMEDIATE waits out the busy timeout and fails: fn never runs, every attempt is retryable.
      const once = await sqlite.db.transaction(write).catch((e: unknown) => e);
      expect(view(once)).toStrictEqual({ code: 'QUERY_RETRYABLE', subject: 'transaction', table: undefined, constraint: undefined, columns: undefined, values: undefined });
      const started = Date.now();
      const exhausted = await sqlite.db.transaction(write, { retries: 2 }).catch((e: unknown) => e);
      expect(view(exhausted).code).toBe('QUERY_RETRYABLE');
      expect(ran).toBe(0);
      // Three BEGINs of 20 ms each, and two waits of 5-10 and 10-20 ms between them.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 20 + 5 + 10);
    } finally {
      await lock.rollback();
      holder.close();
    }
    // Not retryable: a COMMIT that finds this connection's own statement still running, which is what libSQL
    // leaves after a busy failure until garbage collection (libsql-client-ts#352); retrying cannot clear it.
    expect([isLockConflict('database is locked'), isLockConflict('cannot commit transaction - SQL statements in progress')]).toEqual([true, false]);
  });
});
