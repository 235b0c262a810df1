/**
 * What the accessors refuse, and what they answer, for input from plain JavaScript or a request body: each
 * refusal is a coded QueryError naming its path, and no row changes (count and a digest of every row, before
 * and after); the answers are exact and the same on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { MAX_FILTER_VALUES } from '../../src/accessors/build-where.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';

const C1 = '00000000-0000-4000-8000-00000000c001';
const C2 = '00000000-0000-4000-8000-00000000c002';
const S1 = '00000000-0000-4000-8000-00000000d001';
const pid = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const T0 = new Date('2026-01-02T03:04:05.678Z');
// The probe prices, in insertion order: textual order would be 106.5, 12.25, 121, 19.5, 26.75, -20, -3.5.
const PRICES = ['106.5', '12.25', '19.5', '26.75', '121', '-20', '-3.5'];

type Untyped = Record<string, Record<string, (options?: unknown) => Promise<unknown>>>;

async function seed(db: CtsDatabase): Promise<void> {
  await db.exchangeConnections.insertMany([
    { id: C1, name: 'main', exchange: 'bybit', createdAt: T0, updatedAt: T0 },
    { id: C2, name: 'spare', exchange: 'binance', createdAt: T0, updatedAt: T0 },
  ]);
  await db.strategiesBase.insert({ id: S1, connectionId: C1, name: 'base', symbol: 'BTCUSDT', side: 'long', createdAt: T0, updatedAt: T0 });
  await db.pseudoPositions.insertMany(
    PRICES.map((entryPrice, i) => ({
      id: pid(i + 1),
      connectionId: i === 6 ? C2 : C1,
      strategyId: i % 2 === 0 ? S1 : null,
      symbol: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'][i % 3]!,
      side: i % 3 === 0 ? ('long' as const) : ('short' as const),
      entryPrice,
      quantity: '1',
      currentPrice: i % 2 === 0 ? null : entryPrice,
      openedAt: new Date(T0.getTime() + i),
      createdAt: T0,
      updatedAt: T0,
    })),
  );
}

async function open(dialect: 'postgresql' | 'sqlite'): Promise<{ db: CtsDatabase; target: MigrationTarget }> {
  const target = await createMigrationTarget(dialect);
  const config = target.config('inp');
  const migrated = await migrate(config);
  if (!migrated.ok) throw migrated.error;
  const db = ctsDatabase(await openAppDatabase(config));
  await seed(db);
  return { db, target };
}

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`input checks and exact answers on ${dialect}`, () => {
    let db: CtsDatabase;
    let target: MigrationTarget;
    beforeAll(async () => {
      ({ db, target } = await open(dialect));
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await target?.cleanup();
    });
    const untyped = () => db as unknown as Untyped;
    /** Every row of the tables a refused call could touch, in a fixed order: equal before and after. */
    const digest = async () => JSON.stringify([await db.pseudoPositions.findMany({ orderBy: { id: 'asc' } }), await db.exchangeConnections.findMany({ orderBy: { id: 'asc' } })]);

    async function refused(call: () => Promise<unknown>, expected: { code: string; path: string }): Promise<void> {
      const before = await digest();
      await expect(call()).rejects.toMatchObject({ name: 'QueryError', code: expected.code, path: expected.path, subject: expected.path });
      expect(await digest()).toBe(before);
    }

    it('refuses undefined anywhere in a filter, in reads and writes, naming the path', async () => {
      const body: { id?: string } = {};
      await refused(() => untyped().pseudoPositions!.delete!({ where: { id: body.id } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.id' });
      await refused(() => untyped().pseudoPositions!.deleteReturning!({ where: { id: body.id } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.id' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: body.id }, set: { symbol: 'X' } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.id' });
      await refused(() => untyped().pseudoPositions!.updateReturning!({ where: { id: body.id }, set: { symbol: 'X' } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.id' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { entryPrice: { gte: undefined } } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.entryPrice.gte' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { OR: [{ symbol: 'BTCUSDT' }, { id: undefined }] } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.OR[1].id' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { AND: [{ NOT: { symbol: undefined } }] } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.AND[0].NOT.symbol' });
      await refused(() => untyped().pseudoPositions!.findMany!({ where: { id: { in: [pid(1), undefined] } } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.id.in[1]' });
      await refused(() => untyped().pseudoPositions!.count!({ where: { symbol: undefined } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.symbol' });
      await refused(() => untyped().pseudoPositions!.findFirst!({ orderBy: { symbol: undefined } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.orderBy.symbol' });
    });

    it('refuses writes whose filter constrains no column unless all: true, and null still means IS NULL', async () => {
      await refused(() => untyped().pseudoPositions!.delete!({ where: {} }), { code: 'QUERY_EMPTY_WHERE', path: 'pseudo_positions.where' });
      await refused(() => untyped().pseudoPositions!.delete!({}), { code: 'QUERY_EMPTY_WHERE', path: 'pseudo_positions.where' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { AND: [] }, set: { symbol: 'X' } }), { code: 'QUERY_EMPTY_WHERE', path: 'pseudo_positions.where' });
      await refused(() => untyped().pseudoPositions!.deleteReturning!({ where: { OR: [{}] } }), { code: 'QUERY_EMPTY_WHERE', path: 'pseudo_positions.where' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: {}, all: 'yes' }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.all' });
      // null: IS NULL, three of seven rows have a current price.
      expect(await db.pseudoPositions.count({ where: { currentPrice: null } })).toBe(4);
      expect(await db.pseudoPositions.count({ where: { currentPrice: { ne: null } } })).toBe(3);
      // all: true updates every row on purpose, inside a transaction that is then rolled back.
      const rolledBack = new Error('undo');
      await expect(
        db.transaction(async (tx) => {
          expect(await tx.pseudoPositions.update({ set: { closeReason: 'all' }, all: true })).toBe(7);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect(await db.pseudoPositions.count({ where: { closeReason: 'all' } })).toBe(0);
    });

    it('refuses writes whose filter matches every row whatever the data, even when it names a column (an OR with an empty branch, notIn: [], IS NOT NULL on a NOT NULL column)', async () => {
      const EMPTY = { code: 'QUERY_EMPTY_WHERE', path: 'pseudo_positions.where' };
      await refused(() => untyped().pseudoPositions!.delete!({ where: { OR: [{}, { symbol: 'none' }] } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.deleteReturning!({ where: { OR: [{ NOT: { NOT: {} } }, { symbol: 'none' }] } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.update!({ where: { OR: [{ symbol: 'none' }, { AND: [] }] }, set: { symbol: 'X' } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.delete!({ where: { id: { notIn: [] } } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.delete!({ where: { id: { isNull: false } } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.updateReturning!({ where: { symbol: { ne: null } }, set: { symbol: 'X' } }), EMPTY);
      await refused(() => untyped().pseudoPositions!.delete!({ where: { NOT: { id: null } } }), EMPTY);
      await refused(() => db.transaction((tx) => (tx as unknown as Untyped).pseudoPositions!.delete!({ where: { OR: [{}, { symbol: 'none' }] } })), EMPTY);
      // An undefined branch or a hole in AND / OR / a list is undefined, never skipped.
      await refused(() => untyped().pseudoPositions!.delete!({ where: { OR: [undefined, { symbol: 'none' }] } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.OR[0]' });
      // eslint-disable-next-line no-sparse-arrays
      await refused(() => untyped().pseudoPositions!.delete!({ where: { AND: [, { symbol: 'none' }] } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.AND[0]' });
      // eslint-disable-next-line no-sparse-arrays
      await refused(() => untyped().pseudoPositions!.count!({ where: { symbol: { in: [, 'BTCUSDT'] } } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.symbol.in[0]' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: { notIn: new Array(2) } } }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.where.symbol.notIn[0]' });
      // eslint-disable-next-line no-sparse-arrays
      await refused(() => untyped().exchangeConnections!.insertMany!([, { name: 'hole', exchange: 'bybit' }] as never), { code: 'QUERY_INVALID_VALUE', path: 'exchange_connections.insertMany[0]' });
      // eslint-disable-next-line no-sparse-arrays
      await refused(() => untyped().pseudoPositions!.findMany!({ orderBy: [{ symbol: 'asc' }, , { id: 'desc' }] }), { code: 'QUERY_UNDEFINED_VALUE', path: 'pseudo_positions.orderBy[1]' });
      // A filter decided by the data, and ones that match nothing, still run: nothing matches, nothing changes.
      expect(await db.pseudoPositions.delete({ where: { OR: [{ symbol: 'none' }, { id: { in: [] } }] } })).toBe(0);
      expect(await db.pseudoPositions.delete({ where: { NOT: {} } } as never)).toBe(0);
      expect(await db.pseudoPositions.delete({ where: { id: { isNull: true } } } as never)).toBe(0);
      expect(await db.pseudoPositions.count({ where: { OR: [{}, { symbol: 'none' }] } })).toBe(7);
    });

    it('takes a list of MAX_FILTER_VALUES values on both engines and refuses one more with QUERY_TOO_MANY_VALUES, naming the element', async () => {
      const list = Array.from({ length: MAX_FILTER_VALUES }, (_, i) => `SYM${i}`);
      list[MAX_FILTER_VALUES - 1] = 'BTCUSDT';
      expect(await db.pseudoPositions.count({ where: { symbol: { in: list } } })).toBe(3);
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: { notIn: [...list, 'one more'] } } }), { code: 'QUERY_TOO_MANY_VALUES', path: `pseudo_positions.where.symbol.notIn[${MAX_FILTER_VALUES}]` });
      await refused(() => untyped().pseudoPositions!.count!({ where: { OR: [{ symbol: { in: list } }, { id: pid(1) }] } }), { code: 'QUERY_TOO_MANY_VALUES', path: 'pseudo_positions.where.OR[1].id' });
    });

    it('reads a filter once: a getter that answers differently on a second read is refused and poisons no prepared statement; written values are the ones checked', async () => {
      let reads = 0;
      const shifty = {
        get symbol(): unknown {
          reads += 1;
          return reads === 1 ? 'BTCUSDT' : { isNull: false };
        },
      };
      await expect(untyped().pseudoPositions!.findMany!({ where: shifty })).rejects.toMatchObject({ name: 'QueryError', code: 'QUERY_INVALID_FILTER', path: 'pseudo_positions.where' });
      // The same shape from plain data afterwards: its own answer (3 of 7 rows are BTCUSDT), not the getter's.
      expect((await db.pseudoPositions.findMany({ where: { symbol: 'BTCUSDT' } })).map((p) => p.id)).toEqual([pid(1), pid(4), pid(7)]);
      let setReads = 0;
      const set = {
        get symbol(): unknown {
          setReads += 1;
          return setReads === 1 ? 'CHECKED' : 'a\0b';
        },
      };
      const before = await digest();
      try {
        expect(await untyped().pseudoPositions!.update!({ where: { id: pid(2) }, set })).toBe(1);
        expect((await db.pseudoPositions.findFirst({ where: { id: pid(2) } }))?.symbol).toBe('CHECKED');
        expect(setReads).toBe(1);
      } finally {
        await db.pseudoPositions.update({ where: { id: pid(2) }, set: { symbol: 'ETHUSDT' } });
      }
      expect(await digest()).toBe(before);
    });

    it('refuses written decimals PostgreSQL would read differently (exponent, NaN, Infinity, non-ASCII space, hex) and ones out of range, and lone surrogates in text and JSON, with no row changed', async () => {
      const at = (p: string) => ({ code: 'QUERY_INVALID_VALUE', path: p });
      for (const bad of ['1e3', '5e-1', 'NaN', 'Infinity', '-Infinity', '\u00a01', '0x10', '1,5', '']) {
        await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: { entryPrice: bad } }), at('pseudo_positions.set.entryPrice'));
        await refused(() => untyped().exchangeConnections!.insert!({ name: `bad ${bad}`, exchange: 'bybit', volumeFactor: bad }), at('exchange_connections.insert.volumeFactor'));
      }
      // numeric(18, 8) holds 10 digits before the point, also after rounding 9999999999.999999995 up.
      await refused(() => untyped().exchangeConnections!.insert!({ name: 'wide', exchange: 'bybit', volumeFactor: '12345678901' }), at('exchange_connections.insert.volumeFactor'));
      await refused(() => untyped().exchangeConnections!.insertBulk!([{ name: 'wide', exchange: 'bybit', volumeFactor: '9999999999.999999995' }]), at('exchange_connections.insertBulk[0].volumeFactor'));
      // ASCII white space around the digits is what PostgreSQL's numeric input takes: stored the same on both.
      const spaced = await db.exchangeConnections.insert({ name: 'spaced', exchange: 'bybit', volumeFactor: ' \t1.5\n' });
      try {
        expect(spaced.volumeFactor).toBe('1.50000000');
      } finally {
        await db.exchangeConnections.delete({ where: { id: spaced.id } });
      }
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: { symbol: 'x\uD800y' } }), at('pseudo_positions.set.symbol'));
      await refused(() => untyped().exchangeConnections!.update!({ where: { id: C1 }, set: { name: '\uDC00' } }), at('exchange_connections.set.name'));
      await refused(() => untyped().pseudoPositions!.count!({ where: { symbol: 'x\uD800y' } }), at('pseudo_positions.where.symbol'));
      await refused(() => untyped().exchangeConnections!.update!({ where: { id: C1 }, set: { settings: { s: '\uD800' } } }), at('exchange_connections.set.settings'));
      await refused(() => untyped().exchangeConnections!.update!({ where: { id: C1 }, set: { settings: { ['k\uDBFF']: 1 } } }), at('exchange_connections.set.settings'));
      // A whole pair, and the escaped text of one, are fine.
      const emoji = await db.exchangeConnections.insert({ name: 'emoji 😀', exchange: 'bybit', settings: { s: '😀', t: '\\ud800' } as never });
      try {
        expect([emoji.name, emoji.settings]).toEqual(['emoji 😀', { s: '😀', t: '\\ud800' }]);
      } finally {
        await db.exchangeConnections.delete({ where: { id: emoji.id } });
      }
    });

    it('refuses input that would build wrong SQL: unknown options, columns, operators, relations and set keys, bad directions, inherited keys', async () => {
      await refused(() => untyped().pseudoPositions!.findMany!({ distinctBy: ['symbol'] }), { code: 'QUERY_UNKNOWN_OPTION', path: 'pseudo_positions.findMany.distinctBy' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { id: pid(1) }, limit: 1 }), { code: 'QUERY_UNKNOWN_OPTION', path: 'pseudo_positions.delete.limit' });
      await refused(() => untyped().pseudoPositions!.findMany!({ orderBy: { symbol: 'DESC' } }), { code: 'QUERY_INVALID_ORDER', path: 'pseudo_positions.orderBy.symbol' });
      await refused(() => untyped().pseudoPositions!.findMany!({ orderBy: [{ id: 'asc' }, { symbol: 'up' }] }), { code: 'QUERY_INVALID_ORDER', path: 'pseudo_positions.orderBy[1].symbol' });
      await refused(() => untyped().pseudoPositions!.findMany!({ orderBy: { settings: 'asc' } }), { code: 'QUERY_INVALID_ORDER', path: 'pseudo_positions.orderBy.settings' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: { 'gt) or (1=1': 'a' } } }), { code: 'QUERY_UNKNOWN_OPERATOR', path: 'pseudo_positions.where.symbol.gt) or (1=1' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { constructor: 1 } }), { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.where.constructor' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: JSON.parse('{"__proto__": {"id": 1}}') }), { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.where.__proto__' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: JSON.parse('{"__proto__": "x"}') }), { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.set.__proto__' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: { nope: 1 } }), { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.set.nope' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: { symbol: undefined } }), { code: 'QUERY_INVALID_SET', path: 'pseudo_positions.set' });
      // A filter object with an inherited key (not the object's own) is not a plain object.
      await refused(() => untyped().pseudoPositions!.delete!({ where: Object.create({ id: pid(1) }) as object }), { code: 'QUERY_INVALID_FILTER', path: 'pseudo_positions.where' });
      await refused(() => untyped().pseudoPositions!.findMany!({ with: { connection: true, strategyy: true } }), { code: 'QUERY_UNKNOWN_RELATION', path: 'pseudo_positions.with.strategyy' });
      await refused(() => untyped().users!.findMany!({ with: { constructor: true } }), { code: 'QUERY_UNKNOWN_RELATION', path: 'users.with.constructor' });
      await refused(() => untyped().pseudoPositions!.insert!({ id: pid(9), connectionId: C1, symbol: 'X', side: 'long', entryPrice: '1', quantity: '1', bogus: 1 }), { code: 'QUERY_UNKNOWN_COLUMN', path: 'pseudo_positions.insert.bogus' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: {} } }), { code: 'QUERY_INVALID_FILTER', path: 'pseudo_positions.where.symbol' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { settings: { a: 1 } } }), { code: 'QUERY_UNKNOWN_OPERATOR', path: 'pseudo_positions.where.settings.a' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { settings: 'x' } }), { code: 'QUERY_INVALID_FILTER', path: 'pseudo_positions.where.settings' });
    });

    it('refuses values of the wrong kind: objects for scalars, non-finite numbers, invalid dates, malformed decimals', async () => {
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: { eq: { $ne: 1 } } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.symbol.eq' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: ['BTCUSDT'] } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.symbol' });
      await refused(() => untyped().exchangePositions!.delete!({ where: { leverage: Number.NaN } }), { code: 'QUERY_INVALID_VALUE', path: 'exchange_positions.where.leverage' });
      await refused(() => untyped().exchangePositions!.delete!({ where: { leverage: { gt: Number.POSITIVE_INFINITY } } }), { code: 'QUERY_INVALID_VALUE', path: 'exchange_positions.where.leverage.gt' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { openedAt: { lt: new Date('not a date') } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.openedAt.lt' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { entryPrice: { gte: 20 } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.entryPrice.gte' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { entryPrice: { gte: '1e3' } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.entryPrice.gte' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { side: 'sideways' } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.side' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { id: 'not-a-uuid' } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.id' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { trailingEnabled: 'false' } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.trailingEnabled' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { currentPrice: { gt: null } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.currentPrice.gt' });
      await refused(() => untyped().pseudoPositions!.delete!({ where: { symbol: { in: ['BTCUSDT', null] } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.where.symbol.in[1]' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(1) }, set: { quantity: 5 } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.set.quantity' });
      await refused(() => untyped().pseudoPositions!.findMany!({ limit: '10' }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.limit' });
    });

    it('what the differential fuzz found: early years read back exactly, offset without limit in a transaction, U+0000 refused', async () => {
      for (const at of ['0001-01-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']) {
        const stored = await db.pseudoPositions.updateReturning({ where: { id: pid(7) }, set: { closedAt: new Date(at) } });
        expect(stored[0]!.closedAt?.toISOString()).toBe(at);
        expect((await db.pseudoPositions.findFirst({ where: { closedAt: new Date(at) } }))?.id).toBe(pid(7));
      }
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(7) }, set: { closedAt: new Date('+010000-01-01T00:00:00Z') } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.set.closedAt' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(7) }, set: { symbol: 'a\u0000b' } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.set.symbol' });
      await refused(() => untyped().pseudoPositions!.update!({ where: { id: pid(7) }, set: { settings: { note: 'a\u0000' } } }), { code: 'QUERY_INVALID_VALUE', path: 'pseudo_positions.set.settings' });
      const paged = await db.transaction(async (tx) => (await tx.pseudoPositions.findMany({ orderBy: { id: 'asc' }, offset: 5 })).map((p) => p.id));
      expect(paged).toEqual([pid(6), pid(7)]);
    });

    it('compares and sorts decimals numerically (the probes of the issue)', async () => {
      expect(await db.pseudoPositions.count({ where: { entryPrice: { gte: '20' } } })).toBe(3);
      expect(await db.pseudoPositions.count({ where: { entryPrice: { lt: '0' } } })).toBe(2);
      expect(await db.pseudoPositions.count({ where: { entryPrice: { gt: '-20', lte: '19.50' } } })).toBe(3);
      expect(await db.pseudoPositions.count({ where: { entryPrice: { in: ['121.000', '-3.5', '7'] } } })).toBe(2);
      expect(await db.pseudoPositions.count({ where: { entryPrice: '12.250000000000000000' } })).toBe(1);
      // Exact, not rounded to the column's scale: nothing equals 12.2500000000000000001.
      expect(await db.pseudoPositions.count({ where: { entryPrice: '12.2500000000000000001' } })).toBe(0);
      // The README's OR example.
      expect(await db.pseudoPositions.count({ where: { OR: [{ side: 'long' }, { entryPrice: { gte: '100' } }] } })).toBe(4);
      const ordered = await db.pseudoPositions.findMany({ orderBy: { entryPrice: 'asc' } });
      expect(ordered.map((p) => p.entryPrice)).toEqual(['-20', '-3.5', '12.25', '19.5', '26.75', '106.5', '121'].map((v) => (v.includes('.') ? v.padEnd(v.indexOf('.') + 19, '0') : `${v}.000000000000000000`)));
      const desc = await db.pseudoPositions.findMany({ orderBy: { entryPrice: 'desc' }, limit: 2 });
      expect(desc.map((p) => p.id)).toEqual([pid(5), pid(1)]);
    });

    it('answers the cases the suite once let through (empty notIn, sort direction in the prepared shape, a null relation)', async () => {
      // An empty notIn matches every row, NULLs included; an empty in matches none.
      expect(await db.pseudoPositions.count({ where: { currentPrice: { notIn: [] } } })).toBe(7);
      expect((await db.pseudoPositions.findMany({ where: { currentPrice: { notIn: [] } } })).length).toBe(7);
      expect((await db.pseudoPositions.findMany({ where: { symbol: { in: [] } } })).length).toBe(0);
      // The same shape but for the direction: different statements (the direction is part of the cache key).
      const asc = await db.pseudoPositions.findMany({ where: { connectionId: C1 }, orderBy: { openedAt: 'asc' } });
      const desc = await db.pseudoPositions.findMany({ where: { connectionId: C1 }, orderBy: { openedAt: 'desc' } });
      expect(asc.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6].map(pid));
      expect(desc.map((p) => p.id)).toEqual([6, 5, 4, 3, 2, 1].map(pid));
      // A null foreign key reads its relation as null, not undefined; a set one as the row.
      const withStrategy = await db.pseudoPositions.findMany({ where: { id: { in: [pid(1), pid(2)] } }, orderBy: { id: 'asc' }, with: { strategy: true } });
      expect(withStrategy[0]!.strategy?.id).toBe(S1);
      expect(withStrategy[1]!.strategy).toBeNull();
      expect(Object.hasOwn(withStrategy[1]!, 'strategy')).toBe(true);
      // NULLs sort last ascending and first descending, on both engines.
      const byCurrent = await db.pseudoPositions.findMany({ orderBy: [{ currentPrice: 'asc' }, { id: 'asc' }] });
      expect(byCurrent.map((p) => p.currentPrice === null)).toEqual([false, false, false, true, true, true, true]);
      const byCurrentDesc = await db.pseudoPositions.findMany({ orderBy: [{ currentPrice: 'desc' }, { id: 'asc' }] });
      expect(byCurrentDesc.map((p) => p.currentPrice === null)).toEqual([true, true, true, true, false, false, false]);
    });
  });
}
