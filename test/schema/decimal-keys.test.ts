/**
 * Exact decimals on SQLite: order-preserving keys (src/schema-kit/decimal-key.ts). The key order is checked
 * against exact BigInt arithmetic; the conversion of a database written by the release before the keys
 * (test/fixtures/pre-decimal-keys.db.gz, 10,000 positions made by commit 4518e0d with
 * test/fixtures/make-pre-decimal-keys.mts.txt) is checked value by value, with its index use and its rollback.
 */
import { createClient, type Client } from '@libsql/client';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase, openAppDatabase, resolveConfig, type CtsDatabase, type DbConfig } from '../../src/index.js';
import { migrate, rollbackMigrations } from '../../src/migrate/index.js';
import { decimalColumnsOfPgSnapshot, decimalKeyDownSql, decimalKeyUpSql } from '../../src/codegen/decimal-key-migration.js';
import { decimalKey, decimalParts, formatKey, keyOfParts, partsOfKey } from '../../src/schema-kit/decimal-key.js';
import { normalizeDecimal } from '../../src/schema-kit/index.js';
import { openPostgres } from '../../src/db/index.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres } from '../support/test-postgres.js';

const plain = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{0,25}$/), fc.stringMatching(/^\d{0,20}$/))
  .filter(([, whole, frac]) => whole !== '' || frac !== '')
  .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`);

/** Exact comparison: both scaled to 20 fraction digits as BigInt. */
function compareExact(a: string, b: string): number {
  const scaled = (v: string) => {
    const p = decimalParts(v)!;
    const magnitude = BigInt(`${p.whole || '0'}${p.fraction.padEnd(20, '0')}`);
    return p.negative ? -magnitude : magnitude;
  };
  const [x, y] = [scaled(a), scaled(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const byteCompare = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return Math.sign(Buffer.compare(x, y));
};

describe('decimal keys', () => {
  it('compare byte-wise exactly as the numbers do (2,000 generated pairs, and equal numbers have equal keys)', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        const [ka, kb] = [keyOfParts(decimalParts(a)!), keyOfParts(decimalParts(b)!)];
        expect(byteCompare(ka, kb)).toBe(compareExact(a, b));
      }),
      { numRuns: 2_000, seed: 21 },
    );
  });

  it('hold the exact value (parts read back) and read back in PostgreSQL form for the scale', () => {
    fc.assert(
      fc.property(plain, (a) => {
        const parts = decimalParts(a)!;
        expect(partsOfKey(keyOfParts(parts))).toEqual(parts);
      }),
      { numRuns: 1_000, seed: 22 },
    );
    expect(decimalKey('106.5', 38, 18)).toBe('P03106.5');
    expect(decimalKey('-106.5', 38, 18)).toBe('N96893.4~');
    expect(decimalKey('0.25', 18, 8)).toBe('P00.25');
    expect(decimalKey('-0', 18, 8)).toBe('P00');
    expect(decimalKey('1.123456785', 18, 8)).toBe('P011.12345679');
    expect(formatKey('P03106.5', 8)).toBe('106.50000000');
    expect(formatKey('N96893.4~', 0)).toBe('-107');
    expect(formatKey('P00', 2)).toBe('0.00');
    for (const v of ['-99999999999999999999.999999999999999999', '0.000000000000000001', '-0.000000000000000001', '12.25']) {
      expect(formatKey(decimalKey(v, 38, 18), 18)).toBe(normalizeDecimal(v, 38, 18));
    }
  });

  it('after a change of scale read back what PostgreSQL holds after the same ALTER (widening 18,8 -> 24,10; narrowing -> 18,6)', async () => {
    const pg = await createTestPostgres();
    const handle = await openPostgres(pg.settings());
    try {
      const values = fc.sample(plain.filter((v) => (decimalParts(v)?.whole.length ?? 0) <= 10), { numRuns: 200, seed: 23 });
      for (const v of values) {
        const key = decimalKey(v, 18, 8);
        const [row] = await handle.sql.unsafe<{ wide: string; narrow: string }[]>('select $1::numeric(18, 8)::numeric(24, 10)::text as wide, $1::numeric(18, 8)::numeric(18, 6)::text as narrow', [v]);
        expect([formatKey(key, 10), formatKey(key, 6)], v).toEqual([row!.wide, row!.narrow]);
      }
    } finally {
      await handle.close();
      await pg.cleanup();
    }
  });

  it("give PostgreSQL's answers for UNIQUE, min/max and ORDER BY: the same inserts refused, the same extremes and order (400 values with ties such as 1.5 / 1.50 / -0)", async () => {
    // A small domain, so equal numbers written differently collide often.
    const tied = fc
      .tuple(fc.boolean(), fc.constantFrom('', '0', '00', '1', '01', '12', '120'), fc.constantFrom('', '0', '5', '50', '500', '05', '25', '250'))
      .filter(([, whole, frac]) => whole !== '' || frac !== '')
      .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`);
    const values = fc.sample(tied, { numRuns: 400, seed: 29 });
    const dir = await createTempDir('decimal-keys-unique-');
    const lite = createClient({ url: `file:${join(dir.path, 'u.db')}` });
    const pg = await createTestPostgres();
    const handle = await openPostgres(pg.settings());
    try {
      await lite.execute('CREATE TABLE u (v text NOT NULL, CONSTRAINT u_v UNIQUE (v))');
      await handle.sql.unsafe('CREATE TABLE u (v numeric(38, 18) NOT NULL, CONSTRAINT u_v UNIQUE (v))');
      const accepted = { sqlite: [] as boolean[], postgresql: [] as boolean[] };
      for (const v of values) {
        accepted.sqlite.push(await lite.execute({ sql: 'INSERT INTO u (v) VALUES (?)', args: [decimalKey(v, 38, 18)] }).then(() => true, () => false));
        accepted.postgresql.push(await handle.sql.unsafe('INSERT INTO u (v) VALUES ($1)', [v]).then(() => true, () => false));
      }
      expect(accepted.sqlite).toEqual(accepted.postgresql);
      expect(accepted.postgresql.filter((a) => !a).length).toBeGreaterThan(100);
      const liteRead = async (q: string) => (await lite.execute(q)).rows.map((r) => formatKey(String(r.v), 18));
      const pgRead = async (q: string) => (await handle.sql.unsafe<{ v: string }[]>(q)).map((r) => r.v);
      for (const q of ['SELECT v FROM u ORDER BY v', 'SELECT v FROM u ORDER BY v DESC', 'SELECT min(v) AS v FROM u', 'SELECT max(v) AS v FROM u']) {
        expect(await liteRead(q), q).toEqual(await pgRead(q));
      }
    } finally {
      lite.close();
      await handle.close();
      await pg.cleanup();
      await dir.cleanup();
    }
  });

  it('are refused when they are not keys (a value written by raw SQL), naming the text', () => {
    for (const bad of ['106.5', 'P02106', 'P0106', 'N99~', 'P03 106', '', 'P03106.', 'P0012', 'P00.', 'P0212x', 'P', 'P0', 'P1a12']) {
      expect(partsOfKey(bad)).toBeUndefined();
      expect(() => formatKey(bad, 2), bad).toThrow(`${JSON.stringify(bad)} is not a stored decimal`);
    }
    expect(() => formatKey('106.50000000', 8)).toThrow(/"106.50000000" is not a stored decimal/);
  });

  // formatKey reads the common keys (non-negative, fraction within the scale) without the pattern: on any text
  // it must answer what the parts the pattern reads say, or refuse exactly when the pattern does.
  it('read every text as the pattern does: the same value, or refused (5,000 generated texts)', () => {
    const text = fc.string({ unit: fc.constantFrom('P', 'N', '0', '1', '2', '3', '9', '.', '~'), maxLength: 9 });
    const keyed = fc.tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{0,4}$|^$/), fc.stringMatching(/^\d{0,5}[1-9]$|^$/)).map(([negative, whole, fraction]) => keyOfParts({ negative: negative && (whole !== '' || fraction !== ''), whole, fraction }));
    // Shaped like a positive key but possibly not one: a count that may not match, leading zeros, an empty fraction.
    const nearKey = fc
      .tuple(fc.integer({ min: 0, max: 6 }), fc.stringMatching(/^\d{0,6}$/), fc.option(fc.stringMatching(/^\d{0,4}$/)))
      .map(([n, whole, fraction]) => `P${String(n).padStart(2, '0')}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(fc.oneof(text, keyed, nearKey), fc.integer({ min: 0, max: 6 }), (key, scale) => {
        const parts = partsOfKey(key);
        let got: string;
        try {
          got = formatKey(key, scale);
        } catch {
          got = 'refused';
        }
        if (parts === undefined) {
          expect(got, key).toBe('refused');
          return;
        }
        const sign = parts.negative ? '-' : '';
        const whole = parts.whole === '' ? '0' : parts.whole;
        const expected = parts.fraction.length > scale ? normalizeDecimal(`${sign}${whole}.${parts.fraction}`, 1000, scale) : scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${parts.fraction.padEnd(scale, '0')}`;
        expect(got, key).toBe(expected);
      }),
      { numRuns: 5_000, seed: 20_261_209 },
    );
  });
});

describe('a SQLite database of the previous release (10,000 positions) converted by the migrations', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let file: string;
  let config: DbConfig;
  let raw: Client;
  let db: CtsDatabase;
  const DECIMALS = ['entry_price', 'current_price', 'quantity', 'take_profit_factor', 'stop_loss_ratio', 'unrealized_pnl', 'realized_pnl'] as const;
  const KEYS = ['entryPrice', 'currentPrice', 'quantity', 'takeProfitFactor', 'stopLossRatio', 'unrealizedPnl', 'realizedPnl'] as const;
  let before: Record<string, unknown>[];
  let connectionBefore: unknown;

  const rawRows = async () => (await raw.execute(`select id, ${DECIMALS.join(', ')} from fx_pseudo_positions order by id`)).rows.map((r) => ({ ...r }));

  beforeAll(async () => {
    dir = await createTempDir('decimal-keys-');
    file = join(dir.path, 'pre.db');
    await writeFile(file, gunzipSync(await readFile(new URL('../fixtures/pre-decimal-keys.db.gz', import.meta.url))));
    raw = createClient({ url: `file:${file}` });
    before = await rawRows();
    connectionBefore = (await raw.execute('select volume_factor from fx_exchange_connections')).rows[0]?.volume_factor;
    config = resolveConfig({ env: { DB_PREFIX: 'fx', SQLITE_DB_PATH: file }, configFile: false });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    raw?.close();
    await dir?.cleanup();
  });

  it('the fixture is the old storage: canonical text, compared as text', async () => {
    expect(before).toHaveLength(10_000);
    expect(connectionBefore).toBe('-12.50000000');
    expect(before.some((r) => String(r.entry_price).startsWith('-'))).toBe(true);
    expect((await raw.execute(`select count(*) as n from fx_schema_migrations`)).rows[0]?.n).toBe(1);
  });

  it('migrates: row counts equal, every value read back identical through the accessors, keys stored', async () => {
    const result = await migrate(config);
    expect(result).toMatchObject({ ok: true, applied: 2 });
    db = ctsDatabase(await openAppDatabase(config));
    expect(await db.pseudoPositions.count()).toBe(10_000);
    const rows = await db.pseudoPositions.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(10_000);
    rows.forEach((row, i) => {
      const old = before[i]!;
      expect(row.id).toBe(old.id);
      KEYS.forEach((key, k) => expect(row[key], `${String(old.id)}.${key}`).toBe(old[DECIMALS[k]!] ?? null));
    });
    expect((await db.exchangeConnections.findFirst({}))?.volumeFactor).toBe('-12.50000000');
    const after = await rawRows();
    for (const r of after) for (const c of DECIMALS) if (r[c] !== null) expect(String(r[c])).toMatch(/^(P\d\d\d*(\.\d*[1-9])?|N\d\d\d*(\.\d*[0-8])?~)$/);
  });

  it('filters and sorts numerically, and a range filter on an indexed decimal column uses the index', async () => {
    const exact = (v: unknown) => String(v);
    const expected = before.filter((r) => compareExact(exact(r.entry_price), '20') >= 0 && compareExact(exact(r.entry_price), '1000') < 0).length;
    expect(expected).toBeGreaterThan(10);
    expect(await db.pseudoPositions.count({ where: { entryPrice: { gte: '20', lt: '1000' } } })).toBe(expected);
    const sorted = await db.pseudoPositions.findMany({ orderBy: [{ entryPrice: 'asc' }, { id: 'asc' }] });
    const model = [...before].sort((a, b) => compareExact(exact(a.entry_price), exact(b.entry_price)) || (String(a.id) < String(b.id) ? -1 : 1));
    expect(sorted.map((r) => r.id)).toEqual(model.map((r) => r.id));
    // The accessors' own connection (a second one would see its open statements as a lock).
    if (db.app.dialect !== 'sqlite') throw new Error('expected SQLite');
    const client = db.app.client;
    await client.execute('create index fx_test_entry_price on fx_pseudo_positions (entry_price)');
    const { sql, params } = db.pseudoPositions.sqlFor({ where: { entryPrice: { gte: '20', lt: '1000' } } });
    const plan = (await client.execute({ sql: `explain query plan ${sql}`, args: params as never[] })).rows.map((r) => String(r.detail));
    expect(plan.join('\n')).toContain('USING INDEX fx_test_entry_price (entry_price>? AND entry_price<?)');
  });

  it('rolls back to the old text exactly, and migrates again', async () => {
    await db.close();
    await raw.execute('drop index fx_test_entry_price');
    // yes: 0001's down file is drizzle-kit's rebuild (copy, drop, rename), which the data-loss check cannot
    // tell from a drop; every row is kept, as the comparison below shows.
    const back = await rollbackMigrations(config, { steps: 2, yes: true });
    expect(back.error).toBeUndefined();
    expect(back).toMatchObject({ ok: true, rolledBack: ['0002_decimal_key_values', '0001_decimal_keys'] });
    expect(await rawRows()).toEqual(before);
    expect(await migrate(config)).toMatchObject({ ok: true, applied: 2 });
    db = ctsDatabase(await openAppDatabase(config));
    expect((await db.pseudoPositions.findFirst({ where: { id: String(before[0]!.id) } }))?.entryPrice).toBe(before[0]!.entry_price);
  });
});

describe('the conversion migration', () => {
  it('is what the generator makes of the decimal columns of the PostgreSQL snapshot at that point (0000)', async () => {
    const root = new URL('../../drizzle/', import.meta.url);
    const columns = decimalColumnsOfPgSnapshot(JSON.parse(await readFile(new URL('pg/meta/0000_snapshot.json', root), 'utf8')));
    expect(columns).toHaveLength(101);
    expect(await readFile(new URL('sqlite/0002_decimal_key_values.sql', root), 'utf8')).toBe(decimalKeyUpSql(columns));
    expect(await readFile(new URL('sqlite/down/0002_decimal_key_values.sql', root), 'utf8')).toBe(decimalKeyDownSql(columns));
  });

  it('refuses, and changes nothing, when a stored value would not read back identical (text written by raw SQL)', async () => {
    const dir = await createTempDir('decimal-keys-bad-');
    try {
      const file = join(dir.path, 'pre.db');
      await writeFile(file, gunzipSync(await readFile(new URL('../fixtures/pre-decimal-keys.db.gz', import.meta.url))));
      const raw = createClient({ url: `file:${file}` });
      // Not PostgreSQL's form for numeric(38, 18): '1.5' would read back as '1.500000000000000000'.
      await raw.execute(`update fx_pseudo_positions set entry_price = '1.5' where id = '00000000-0000-4000-8000-000000000007'`);
      const before = (await raw.execute('select id, entry_price, quantity from fx_pseudo_positions order by id')).rows.map((r) => ({ ...r }));
      raw.close();
      const config = resolveConfig({ env: { DB_PREFIX: 'fx', SQLITE_DB_PATH: file }, configFile: false });
      const result = await migrate(config);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('MIGRATION_FAILED');
      expect(String((result.error?.cause as Error | undefined)?.message)).toContain('CHECK constraint failed: fx_decimal_key_round_trip');
      const again = createClient({ url: `file:${file}` });
      expect((await again.execute('select id, entry_price, quantity from fx_pseudo_positions order by id')).rows.map((r) => ({ ...r }))).toEqual(before);
      expect((await again.execute('select count(*) as n from fx_schema_migrations')).rows[0]?.n).toBe(2);
      again.close();
    } finally {
      await dir.cleanup();
    }
  });
});
