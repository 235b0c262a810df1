/**
 * The accessors' prepared reads on a local SQLite file run on libSQL's native connection (src/db/sqlite/
 * native-reads.ts), not through @libsql/client. What must hold: the same rows as the client path, value for
 * value; every committed write seen, from this process and from another connection; an integer past 2^53 an
 * error as before, never a rounded number; a connection that cannot write; closed with the database.
 */
import { statSync } from 'node:fs';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';

const PREFIX = 'nat';

describe('SQLite prepared reads on the native connection', () => {
  let target: MigrationTarget;
  let db: CtsDatabase;
  let path: string;
  let clientCalls: number;

  beforeEach(async () => {
    target = await createMigrationTarget('sqlite');
    const config = target.config(PREFIX);
    const migrated = await migrate(config);
    if (!migrated.ok) throw migrated.error;
    const app = await openAppDatabase(config);
    if (app.dialect !== 'sqlite') throw new Error('expected SQLite');
    path = config.sqlite!.path;
    // Counts what goes through @libsql/client: a prepared read must not.
    clientCalls = 0;
    const execute = app.client.execute.bind(app.client);
    app.client.execute = ((...args: Parameters<typeof execute>) => {
      clientCalls += 1;
      return execute(...args);
    }) as typeof app.client.execute;
    const transaction = app.client.transaction.bind(app.client);
    app.client.transaction = ((...args: Parameters<typeof transaction>) => {
      clientCalls += 1;
      return transaction(...args);
    }) as typeof app.client.transaction;
    db = ctsDatabase(app);
  }, 60_000);

  afterEach(async () => {
    await db.close();
    await target.cleanup();
  });

  async function seed(): Promise<void> {
    await db.exchangeConnections.insert({ id: '00000000-0000-4000-8000-0000000000a1', name: 'a', exchange: 'bybit', volumeFactor: '-12.5', settings: { risk: 'low', n: [1, 2] }, isTestnet: true, lastTestedAt: new Date('2026-01-02T03:04:05.678Z') });
    await db.exchangeConnections.insert({ id: '00000000-0000-4000-8000-0000000000a2', name: 'b', exchange: 'okx', volumeFactor: '0.00000001', apiKey: 'k' });
    await db.exchangeConnections.insert({ id: '00000000-0000-4000-8000-0000000000a3', name: 'c', exchange: 'okx', volumeFactor: '9999999999.99999999' });
  }

  it('returns the rows the client path returns, value for value, without a call through the client', async () => {
    await seed();
    clientCalls = 0;
    const native = {
      all: await db.exchangeConnections.findMany({ orderBy: { volumeFactor: 'desc' } }),
      filtered: await db.exchangeConnections.findMany({ where: { exchange: 'okx', volumeFactor: { gt: '0' } }, orderBy: { name: 'asc' }, limit: 5, offset: 1 }),
      first: await db.exchangeConnections.findFirst({ where: { isTestnet: true } }),
      none: await db.exchangeConnections.findFirst({ where: { name: 'zzz' } }),
    };
    expect(clientCalls).toBe(0);
    // Inside a transaction the same queries are built and run through the client (its connection holds the transaction).
    const client = await db.transaction(async (tx) => ({
      all: await tx.exchangeConnections.findMany({ orderBy: { volumeFactor: 'desc' } }),
      filtered: await tx.exchangeConnections.findMany({ where: { exchange: 'okx', volumeFactor: { gt: '0' } }, orderBy: { name: 'asc' }, limit: 5, offset: 1 }),
      first: await tx.exchangeConnections.findFirst({ where: { isTestnet: true } }),
      none: await tx.exchangeConnections.findFirst({ where: { name: 'zzz' } }),
    }));
    expect(clientCalls).toBeGreaterThan(0);
    expect(native).toStrictEqual(client);
    expect(native.all.map((r) => r.volumeFactor)).toStrictEqual(['9999999999.99999999', '0.00000001', '-12.50000000']);
    expect(native.first).toStrictEqual({
      id: '00000000-0000-4000-8000-0000000000a1',
      name: 'a',
      exchange: 'bybit',
      apiType: 'perpetual_futures',
      connectionMethod: 'rest',
      apiKey: null,
      apiSecret: null,
      apiPassphrase: null,
      isTestnet: true,
      isEnabled: true,
      isLiveTrading: false,
      marginType: 'cross',
      positionMode: 'hedge',
      volumeFactor: '-12.50000000',
      settings: { risk: 'low', n: [1, 2] },
      lastTestedAt: new Date('2026-01-02T03:04:05.678Z'),
      lastTestStatus: 'untested',
      createdAt: native.first!.createdAt,
      updatedAt: native.first!.updatedAt,
    });
    expect(native.first!.createdAt).toBeInstanceOf(Date);
    expect(native.none).toBeUndefined();
  });

  it('sees every committed write: its own, and another connection\'s, through a kept statement', async () => {
    const byName = (name: string) => db.exchangeConnections.findFirst({ where: { name } });
    expect(await byName('a')).toBeUndefined();
    await seed();
    expect((await byName('a'))?.exchange).toBe('bybit');
    await db.exchangeConnections.update({ where: { name: 'a' }, set: { exchange: 'kraken' } });
    expect((await byName('a'))?.exchange).toBe('kraken');
    // Another connection to the file (as another process would write).
    const other = new Database(path, { timeout: 5000 });
    try {
      other.prepare(`update ${PREFIX}_exchange_connections set exchange = 'binance' where name = 'a'`).run();
      expect((await byName('a'))?.exchange).toBe('binance');
      other.prepare(`delete from ${PREFIX}_exchange_connections where name = 'a'`).run();
      expect(await byName('a')).toBeUndefined();
      // Kept statements hold no read snapshot: a checkpoint of the other connection truncates the WAL.
      for (let i = 0; i < 20; i++) await db.exchangeConnections.findMany({ orderBy: { name: 'asc' } });
      const [checkpoint] = other.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all() as { busy: number }[];
      expect(checkpoint?.busy).toBe(0);
      expect(statSync(`${path}-wal`).size).toBe(0);
    } finally {
      other.close();
    }
    expect(clientCalls).toBeGreaterThan(0); // the writes went through the client
  });

  it('refuses an integer past 2^53 as the client path does, never rounding it', async () => {
    await seed();
    const other = new Database(path, { timeout: 5000 });
    try {
      // A value only raw SQL can write (the accessors check integers against 2^53): the read must not round it.
      other.prepare(`update ${PREFIX}_exchange_connections set created_at = 9007199254740993 where name = 'b'`).run();
    } finally {
      other.close();
    }
    const native = await db.exchangeConnections.findFirst({ where: { name: 'b' } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const client = await db.transaction((tx) => tx.exchangeConnections.findFirst({ where: { name: 'b' } })).then(
      () => undefined,
      (error: unknown) => error,
    );
    const chain = (e: unknown): string[] => {
      const out: string[] = [];
      for (let c: unknown = e; c instanceof Error; c = c.cause) out.push(`${c.constructor.name}: ${c.message}`);
      return out;
    };
    expect(chain(native).at(-1)).toBe('RangeError: Received integer which cannot be safely represented as a JavaScript number');
    expect(chain(client).at(-1)).toBe('RangeError: Received integer which cannot be safely represented as a JavaScript number');
  });

  it('cannot write, and is closed with the database', async () => {
    if (db.app.dialect !== 'sqlite') throw new Error('expected SQLite');
    const nativeReads = db.app.nativeReads!;
    // Opened by the first prepared read, then kept.
    await db.exchangeConnections.findMany({});
    const connection = nativeReads();
    await db.exchangeConnections.findMany({ where: { name: 'a' } });
    expect(nativeReads()).toBe(connection);
    expect(() => connection.exec(`delete from ${PREFIX}_exchange_connections`)).toThrow(/readonly/);
    expect(connection.open).toBe(true);
    await db.close();
    // (libSQL 0.5 keeps a closed connection's file descriptor until the process ends, so this checks `open`.)
    expect(connection.open).toBe(false);
    expect(() => nativeReads()).toThrow(`the SQLite database ${path} is closed`);
    await expect(db.exchangeConnections.findMany({})).rejects.toThrow();
  });
});
