/**
 * insertBulk on PostgreSQL goes through COPY FROM STDIN. COPY's text format has its own escaping, so the values
 * a parameterised INSERT (insertMany) stores are the model: generated rows written both ways must read back
 * identical. A COPY that fails must fail like an INSERT, write nothing, and leave the pool usable.
 */
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../src/index.js';
import { rawExec } from '../support/raw-sql.js';
import { NEEDS_SERVER, postgresMode } from '../support/test-postgres.js';
import { openAppDatabase } from '../../src/app-database.js';
import { ctsDatabase } from '../../src/accessors/cts-database.js';
import { PREFIX, closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';

const TABLE = `${PREFIX}_exchange_connections`;

// Characters COPY's text format must escape or could mistake for its markers, among ordinary and wide ones.
const tricky = fc.string({ unit: fc.constantFrom('\\', '\t', '\n', '\r', 'N', '.', ',', '"', "'", ' ', 'a', 'é', '€', '😀', '\u0001', '\u007f') });
const textValue = fc.oneof(tricky, fc.string(), fc.constantFrom('\\N', '\\.', '', 'NULL', '\\', '\\\\N'));
const jsonValue = fc.dictionary(fc.oneof(tricky, fc.string()), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 10n - 1n), max: 10n ** 10n - 1n }), fc.integer({ min: 0, max: 99_999_999 })).map(([i, f]) => `${i}.${String(f).padStart(8, '0')}`);
const timestamp = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));

const rowArbitrary = fc.record({
  apiKey: fc.option(textValue, { nil: null }),
  apiSecret: textValue,
  exchange: textValue,
  settings: jsonValue,
  volumeFactor: decimal,
  isTestnet: fc.boolean(),
  lastTestedAt: fc.option(timestamp, { nil: null }),
});

// PGlite's socket server closes the connection on COPY FROM STDIN; that run sets DB_COPY=false (test-postgres.ts).
const skip = postgresMode() === 'server' ? undefined : `${NEEDS_SERVER}, and PGlite's socket server does not speak COPY FROM STDIN`;
if (skip !== undefined) console.log(`[tests] skipped: insertBulk through COPY: ${skip}`);

describe.skipIf(skip !== undefined)('insertBulk through COPY on the PostgreSQL server', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine('postgresql', { DB_POOL_MAX: '2' });
  }, 60_000);
  afterAll(async () => closeEngine(engine));

  const url = () => engine.target.pg!.url;

  it('sends COPY, not INSERT (DB_COPY=false: INSERT): a trigger records the statement that wrote the rows', async () => {
    await rawExec(engine.target, [
      'create table copy_probe (statement text)',
      `create function copy_probe_log() returns trigger language plpgsql as $$ begin insert into copy_probe values (current_query()); return null; end $$`,
      `create trigger copy_probe_trg after insert on "${TABLE}" for each statement execute function copy_probe_log()`,
    ]);
    try {
      expect(await engine.db.exchangeConnections.insertBulk([{ name: 'probe-1', exchange: 'bybit' }, { name: 'probe-2', exchange: 'okx' }])).toBe(2);
      await engine.db.transaction(async (tx) => {
        expect(await tx.exchangeConnections.insertBulk([{ name: 'probe-3', exchange: 'bybit' }])).toBe(1);
      });
      // DB_COPY=false: multi-row INSERTs, for a server or proxy that does not speak COPY.
      const noCopy = await openAppDatabase(engine.target.config(PREFIX, { DB_COPY: 'false' }));
      try {
        expect(await ctsDatabase(noCopy).exchangeConnections.insertBulk([{ name: 'probe-4', exchange: 'bybit' }, { name: 'probe-5', exchange: 'okx' }])).toBe(2);
      } finally {
        await noCopy.close();
      }
      const sql = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        const logged = (await sql.unsafe<{ statement: string }[]>('select statement from copy_probe')).map((r) => r.statement);
        expect(logged).toEqual([
          `copy "${TABLE}" ("name", "exchange") from stdin`,
          `copy "${TABLE}" ("name", "exchange") from stdin`,
          `insert into "${TABLE}" ("name", "exchange") values ($1, $2), ($3, $4)`,
        ]);
      } finally {
        await sql.end();
      }
    } finally {
      await rawExec(engine.target, [`drop trigger copy_probe_trg on "${TABLE}"`, 'drop function copy_probe_log()', 'drop table copy_probe']);
      await engine.db.exchangeConnections.delete({ where: { name: { startsWith: 'probe-' } } });
    }
  });

  it('stores generated rows exactly as a parameterised INSERT does: escapes, NULL against the text "\\N", JSON, decimals, timestamps', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { minLength: 1, maxLength: 30 }), async (rows) => {
        round += 1;
        const viaCopy = rows.map((r, i) => ({ ...r, name: `copy-${round}-${i}` }));
        const viaInsert = rows.map((r, i) => ({ ...r, name: `ins-${round}-${i}` }));
        expect(await engine.db.exchangeConnections.insertBulk(viaCopy)).toBe(rows.length);
        await engine.db.exchangeConnections.insertMany(viaInsert);
        const read = async (prefix: string) =>
          (await engine.db.exchangeConnections.findMany({ where: { name: { startsWith: prefix } }, orderBy: { createdAt: 'asc' } }))
            .sort((a, b) => Number(a.name.split('-')[2]) - Number(b.name.split('-')[2]))
            .map(({ id: _id, name: _name, createdAt: _c, updatedAt: _u, ...rest }) => rest);
        const copied = await read(`copy-${round}-`);
        const inserted = await read(`ins-${round}-`);
        expect(copied).toEqual(inserted);
        // And both are what was given (decimals in the column's scale, as the INSERT path stores them).
        expect(copied.map((r) => r.apiKey)).toEqual(rows.map((r) => r.apiKey));
        expect(copied.map((r) => r.apiSecret)).toEqual(rows.map((r) => r.apiSecret));
        expect(copied.map((r) => r.exchange)).toEqual(rows.map((r) => r.exchange));
        expect(copied.map((r) => r.lastTestedAt?.getTime() ?? null)).toEqual(rows.map((r) => r.lastTestedAt?.getTime() ?? null));
        await engine.db.exchangeConnections.delete({ where: { name: { startsWith: `copy-${round}-` } } });
        await engine.db.exchangeConnections.delete({ where: { name: { startsWith: `ins-${round}-` } } });
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a duplicate in row 7,001 of 10,000 fails as INSERT would (QUERY_UNIQUE_VIOLATION naming the value), writes none of them, and leaves no connection behind', async () => {
    await engine.db.exchangeConnections.insertBulk([{ name: 'dup-taken', exchange: 'bybit' }]);
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: i === 7_000 ? 'dup-taken' : `dup-${i}`, exchange: 'okx', settings: { i } }));
    // More failures than the pool (2) has connections: a failed COPY that kept its connection would stall the next.
    for (let attempt = 0; attempt < 5; attempt++) {
      const refusal = await refusalOf(() => engine.db.exchangeConnections.insertBulk(rows));
      expect(refusal).toBeInstanceOf(QueryError);
      expect({ code: refusal.code, subject: refusal.subject, message: refusal.message.split('\n')[0] }).toEqual({
        code: 'QUERY_UNIQUE_VIOLATION',
        subject: 'exchange_connections.name',
        message: 'exchange_connections: a row with name = "dup-taken" already exists (uq_exc_name)',
      });
    }
    expect(await engine.db.exchangeConnections.count({ where: { name: { startsWith: 'dup-' } } })).toBe(1);
    const sql = postgres(url(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      expect(row?.n).toBe(0);
    } finally {
      await sql.end();
    }
    await engine.db.exchangeConnections.delete({ where: { name: 'dup-taken' } });
  }, 60_000);

  it("inside the caller's transaction: commits with its other writes, and a failing COPY rolls them all back", async () => {
    await engine.db.transaction(async (tx) => {
      await tx.exchangeConnections.insert({ name: 'txc-first', exchange: 'bybit' });
      expect(await tx.exchangeConnections.insertBulk(Array.from({ length: 500 }, (_, i) => ({ name: `txc-${i}`, exchange: 'okx' })))).toBe(500);
      expect(await tx.exchangeConnections.count({ where: { name: { startsWith: 'txc-' } } })).toBe(501);
    });
    expect(await engine.db.exchangeConnections.count({ where: { name: { startsWith: 'txc-' } } })).toBe(501);

    const failed = await refusalOf(() =>
      engine.db.transaction(async (tx) => {
        await tx.exchangeConnections.insert({ name: 'txd-first', exchange: 'bybit' });
        await tx.exchangeConnections.insertBulk([{ name: 'txd-1', exchange: 'okx' }, { name: 'txc-3', exchange: 'okx' }]);
      }),
    );
    expect(failed.code).toBe('QUERY_UNIQUE_VIOLATION');
    expect(await engine.db.exchangeConnections.count({ where: { name: { startsWith: 'txd-' } } })).toBe(0);
    await engine.db.exchangeConnections.delete({ where: { name: { startsWith: 'txc-' } } });
  });

  it('runs of rows that give different columns keep their order; rows that give none are DEFAULT VALUES', async () => {
    const rows = [
      { name: 'run-0', exchange: 'bybit' },
      { name: 'run-1', exchange: 'okx', apiKey: 'k' },
      { name: 'run-2', exchange: 'okx', apiKey: 'k' },
      { name: 'run-3', exchange: 'bybit' },
    ];
    expect(await engine.db.exchangeConnections.insertBulk(rows)).toBe(4);
    const sql = postgres(url(), { max: 1, onnotice: () => {} });
    try {
      const stored = (await sql.unsafe<{ name: string; api_key: string | null }[]>(`select name, api_key from "${TABLE}" where name like 'run-%' order by ctid`)).map((r) => [r.name, r.api_key]);
      expect(stored).toEqual([['run-0', null], ['run-1', 'k'], ['run-2', 'k'], ['run-3', null]]);
    } finally {
      await sql.end();
    }
    // A row that gives nothing: the NOT NULL name has no default, and the refusal names it.
    const refusal = await refusalOf(() => engine.db.exchangeConnections.insertBulk([{ name: 'run-4', exchange: 'okx' }, {} as never]));
    expect({ code: refusal.code, subject: refusal.subject }).toEqual({ code: 'QUERY_NOT_NULL_VIOLATION', subject: 'exchange_connections.name' });
    expect(await engine.db.exchangeConnections.count({ where: { name: 'run-4' } })).toBe(0);
  });
});
