/**
 * On a local SQLite file a read of at most one row (findFirst, or LIMIT 1) runs its kept statement with libSQL's
 * get() instead of all() (NativeSelect.first in native-reads.ts). What must hold: the rows all() gives, value for value, with
 * relations, nulls and OFFSET; get() is what ran; and a statement whose step failed is never run again as it is:
 * libSQL's get() leaves it un-reset, and the next get() would then ignore its new values (SQLITE_MISUSE from the
 * bind, unreported) and answer the failed call's row.
 */
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { countNativeCalls, type NativeCalls } from '../support/counted-engine.js';

const PREFIX = 'one';
const id = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`;
const CONNECTIONS = [1, 2, 3].map((n) => id(1, n));

describe('SQLite one-row reads (get) on the native connection', () => {
  let target: MigrationTarget;
  let db: CtsDatabase;
  let path: string;
  let calls: NativeCalls;

  beforeEach(async () => {
    target = await createMigrationTarget('sqlite');
    const config = target.config(PREFIX);
    const migrated = await migrate(config);
    if (!migrated.ok) throw migrated.error;
    const app = await openAppDatabase(config);
    if (app.dialect !== 'sqlite') throw new Error('expected SQLite');
    path = config.sqlite!.path;
    // Counts which native call ran each kept statement.
    calls = countNativeCalls(app);
    db = ctsDatabase(app);
    const settings = [{ risk: 'low', n: [1, 2] }, {}, { nested: { deep: [null, true, 'x'] } }];
    for (const [i, c] of CONNECTIONS.entries()) {
      await db.exchangeConnections.insert({ id: c, name: `conn-${i}`, exchange: i === 2 ? 'okx' : 'bybit', volumeFactor: ['-12.5', '0.00000001', '9999999999.99999999'][i]!, settings: settings[i]!, isTestnet: i === 0, lastTestedAt: i === 1 ? null : new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678 + i)) });
    }
    await db.pseudoPositions.insertMany(
      Array.from({ length: 6 }, (_, i) => ({
        id: id(3, i),
        connectionId: CONNECTIONS[i % 3]!,
        symbol: `SYM${i % 2}`,
        side: i % 2 === 0 ? ('long' as const) : ('short' as const),
        entryPrice: ['-0.5', '106.25', '0', '123456789.123456789012345678', '-99999.000000000000000001', '1'][i]!,
        quantity: '1.5',
        currentPrice: i % 2 === 0 ? null : `${i}.75`,
        trailingEnabled: i % 3 === 0,
        settings: { i },
        openedAt: new Date(Date.UTC(2026, 2, 1, 0, i)),
        closedAt: i === 4 ? new Date(Date.UTC(2026, 2, 2)) : null,
      })),
    );
  }, 60_000);

  afterEach(async () => {
    await db.close();
    await target.cleanup();
  });

  it('answers what all() answers, row for row, relations and OFFSET included, and runs get()', async () => {
    const orders = [{ id: 'asc' }, { entryPrice: 'desc' }, { currentPrice: 'asc' }] as const;
    for (const orderBy of orders) {
      for (const withConnection of [false, true]) {
        const many = await db.pseudoPositions.findMany({ orderBy: [orderBy, { id: 'asc' }], with: { connection: withConnection } });
        expect(many).toHaveLength(6);
        for (let offset = 0; offset <= many.length; offset++) {
          calls.gets = 0;
          calls.alls = 0;
          const first = await db.pseudoPositions.findFirst({ orderBy: [orderBy, { id: 'asc' }], offset, with: { connection: withConnection } });
          const limited = await db.pseudoPositions.findMany({ orderBy: [orderBy, { id: 'asc' }], limit: 1, offset, with: { connection: withConnection } });
          expect(first).toStrictEqual(many[offset]);
          expect(limited).toStrictEqual(many.slice(offset, offset + 1));
          expect({ gets: calls.gets, alls: calls.alls }).toStrictEqual({ gets: 2, alls: 0 });
        }
      }
    }
    // By key, each row with its connection, against the many-row path reading the same key.
    for (let i = 0; i < 6; i++) {
      const first = await db.pseudoPositions.findFirst({ where: { id: id(3, i) }, with: { connection: true } });
      const many = await db.pseudoPositions.findMany({ where: { id: id(3, i) }, with: { connection: true } });
      expect(first).toStrictEqual(many[0]);
      expect(first!.connection!.settings).toStrictEqual(many[0]!.connection!.settings);
    }
    expect(await db.pseudoPositions.findFirst({ where: { id: id(3, 99) }, with: { connection: true } })).toBeUndefined();
    // And inside a transaction (the client's connection, Drizzle's builder), the same answers.
    const inTransaction = await db.transaction(async (tx) => tx.pseudoPositions.findFirst({ where: { id: id(3, 3) }, with: { connection: true } }));
    expect(await db.pseudoPositions.findFirst({ where: { id: id(3, 3) }, with: { connection: true } })).toStrictEqual(inTransaction);
  });

  it('prepares a statement again after its step failed, so the next read answers its own key', async () => {
    const byId = (n: number) => db.pseudoPositions.findFirst({ where: { id: id(3, n) }, with: { connection: true } });
    expect((await byId(1))?.id).toBe(id(3, 1));
    const other = new Database(path, { timeout: 5000 });
    try {
      // The kept statement's table is gone for a moment: its step fails (no such table) after the values were bound.
      other.exec(`alter table "${PREFIX}_pseudo_positions" rename to "${PREFIX}_away"`);
      await expect(byId(2)).rejects.toThrow();
      other.exec(`alter table "${PREFIX}_away" rename to "${PREFIX}_pseudo_positions"`);
    } finally {
      other.close();
    }
    // Run again as it was, the statement would answer key 2 (the failed call's values) for key 4.
    expect((await byId(4))?.id).toBe(id(3, 4));
    expect((await byId(5))?.id).toBe(id(3, 5));
    expect(await byId(99)).toBeUndefined();
  });
});
