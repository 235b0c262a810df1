import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../src/app-database.js';
import { ctsDatabase, type CtsDatabase } from '../../src/accessors/cts-database.js';
import { resolveConfig } from '../../src/config/index.js';
import {
  activePositions,
  latestDirectionIndication,
  latestDirectionIndicationSql,
  registerConnection,
  writeDirectionIndications,
  type NewDirectionIndication,
} from '../../src/queries/trading-hot-paths.js';
import { prefixedSchemaStatements, runStatements } from '../support/schema-sql.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const PREFIX = 'hot';
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'BNBUSDT'];
const T0 = Date.UTC(2026, 10, 21, 0, 0, 0);

function indications(connectionId: string, n: number): NewDirectionIndication[] {
  return Array.from({ length: n }, (_, i) => ({
    connectionId,
    symbol: SYMBOLS[i % SYMBOLS.length]!,
    timeframe: '1m' as const,
    side: i % 2 === 0 ? ('long' as const) : ('short' as const),
    status: i % 10 === 0 ? ('active' as const) : ('expired' as const),
    rangeSteps: i % 30,
    strength: `${i}.12345678`,
    priceAtCalculation: `${60000 + i}.000000000000000001`,
    calculatedAt: new Date(T0 + i * 1_000),
  }));
}

interface Engine {
  readonly name: string;
  open(): Promise<AppDatabase>;
  explain(app: AppDatabase, sql: string, params: unknown[]): Promise<string>;
  cleanup(): Promise<void>;
}

let pg: TestPostgres;
let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  pg = await createTestPostgres();
  dir = await createTempDir('cts-hot');
});
afterAll(async () => {
  await pg?.cleanup();
  await dir?.cleanup();
});

const engines: Engine[] = [
  {
    name: `PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`,
    open: () => openAppDatabase(resolveConfig({ env: { ...pg.env, DB_PREFIX: PREFIX }, configFile: false })),
    explain: async (app, sql, params) => {
      if (app.dialect !== 'postgresql') throw new Error('wrong engine');
      await app.sql.unsafe(`analyze ${PREFIX}_indications_direction`);
      const rows = await app.sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, params as never[]);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    },
    cleanup: async () => {},
  },
  {
    name: 'SQLite (file)',
    open: () => openAppDatabase(resolveConfig({ env: { SQLITE_DB_PATH: join(dir.path, 'hot.db'), DB_PREFIX: PREFIX }, configFile: false })),
    explain: async (app, sql, params) => {
      if (app.dialect !== 'sqlite') throw new Error('wrong engine');
      await app.client.execute('analyze');
      const rows = await app.client.execute({ sql: `explain query plan ${sql}`, args: params as never[] });
      return rows.rows.map((r) => String(r.detail)).join('\n');
    },
    cleanup: async () => {},
  },
];

describe.each(engines)('typed hot-path queries on $name', (engine) => {
  let app: AppDatabase;
  let db: CtsDatabase;
  let connectionA: string;
  let connectionB: string;

  beforeAll(async () => {
    app = await engine.open();
    db = ctsDatabase(app);
    const statements = await prefixedSchemaStatements(app.dialect === 'postgresql' ? 'pg' : 'sqlite', PREFIX);
    await runStatements(app.dialect === 'postgresql' ? { dialect: 'pg', sql: app.sql } : { dialect: 'sqlite', client: app.client }, statements);
    connectionA = await registerConnection(db, { name: 'Bybit A', exchange: 'bybit' });
    connectionB = await registerConnection(db, { name: 'Bybit B', exchange: 'bybit' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('registers a connection and returns its uuid', () => {
    expect(connectionA).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(connectionB).not.toBe(connectionA);
  });

  it('writes indications in batches that respect the bind-parameter limit, all or nothing', async () => {
    const rows = indications(connectionA, 6_000);
    expect(await writeDirectionIndications(db, rows)).toBe(6_000);
    expect(await writeDirectionIndications(db, indications(connectionB, 50))).toBe(50);
    const total = async () => {
      const [r] = app.dialect === 'postgresql'
        ? await app.db.select({ n: count() }).from(app.tables.indicationsDirection)
        : await app.db.select({ n: count() }).from(app.tables.indicationsDirection);
      return r?.n;
    };
    expect(await total()).toBe(6_050);
    // A value the column cannot hold is refused before anything is sent, naming the row and column.
    const badEnum = [...indications(connectionA, 5_000), { ...indications(connectionA, 1)[0]!, side: 'sideways' as 'long' }];
    await expect(writeDirectionIndications(db, badEnum)).rejects.toMatchObject({ code: 'QUERY_INVALID_VALUE', path: 'indications_direction.insertBulk[5000].side' });
    expect(await total()).toBe(6_050);
    // The last row breaks a foreign key, which only the database can see: the whole call is rolled back,
    // including earlier batches.
    const broken = [...indications(connectionA, 5_000), { ...indications(connectionA, 1)[0]!, connectionId: '00000000-0000-4000-8000-0000000000ff' }];
    // The constraint itself refused it (23503 / SQLITE_CONSTRAINT_FOREIGNKEY), not any other failure.
    const codes = (e: unknown): string[] => (e === undefined || e === null ? [] : [String((e as { code?: unknown }).code ?? ''), String((e as { extendedCode?: unknown }).extendedCode ?? ''), ...codes((e as { cause?: unknown }).cause)]);
    await expect(writeDirectionIndications(db, broken)).rejects.toSatisfy((e: unknown) => codes(e).some((c) => c === '23503' || c === 'SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(await total()).toBe(6_050);
  });

  it('reads the latest indication for (connection, symbol), exactly', async () => {
    const latest = await latestDirectionIndication(db, connectionA, 'ETHUSDT');
    // ETHUSDT rows are i = 1, 6, 11, ...; the last of 6,000 is i = 5,996.
    expect(latest?.calculatedAt).toEqual(new Date(T0 + 5_996 * 1_000));
    expect(latest?.priceAtCalculation).toBe('65996.000000000000000001');
    expect(latest?.connectionId).toBe(connectionA);
    const other = await latestDirectionIndication(db, connectionB, 'ETHUSDT');
    expect(other?.calculatedAt).toEqual(new Date(T0 + 46 * 1_000));
    expect(await latestDirectionIndication(db, connectionA, 'DOGEUSDT')).toBeUndefined();
  });

  it('returns exactly the row of a plain Drizzle select (nulls, decimals, JSON, timestamps, defaults)', async () => {
    for (const symbol of SYMBOLS) {
      const fast = await latestDirectionIndication(db, connectionA, symbol);
      const { sql, params } = latestDirectionIndicationSql(db, connectionA, symbol);
      expect(sql).toContain('limit 1');
      const t = app.tables.indicationsDirection;
      const [viaDrizzle] =
        app.dialect === 'postgresql'
          ? await app.db.select().from(app.tables.indicationsDirection).where(eq(app.tables.indicationsDirection.id, fast!.id))
          : await app.db.select().from(t).where(eq(t.id, fast!.id));
      expect(params).toHaveLength(2);
      expect(fast).toStrictEqual(viaDrizzle);
      expect(fast?.confidence).toBeNull();
      expect(fast?.settings).toEqual({});
    }
  });

  it('uses the composite (connection_id, symbol, calculated_at DESC) index for it (EXPLAIN)', async () => {
    const { sql, params } = latestDirectionIndicationSql(db, connectionA, 'ETHUSDT');
    const plan = await engine.explain(app, sql, params);
    expect(plan).toContain(`${PREFIX}_idx_ind_dir_conn_symbol`);
    if (app.dialect === 'sqlite') expect(plan).toMatch(/SEARCH .* USING INDEX hot_idx_ind_dir_conn_symbol \(connection_id=\? AND symbol=\?\)/);
    else expect(plan).toMatch(/Index Scan using hot_idx_ind_dir_conn_symbol/);
  });

  it('sends the lookup with its LIMIT as a constant, so PostgreSQL keeps one generic plan for it', async () => {
    const { sql, params } = latestDirectionIndicationSql(db, connectionA, 'ETHUSDT');
    expect(params).toEqual([connectionA, 'ETHUSDT']);
    expect(sql).toMatch(/ desc limit 1$/);
    if (app.dialect !== 'postgresql') return;
    // On one connection, so that pg_prepared_statements (per session) sees the statement drizzle prepared. Named
    // statements even on PGlite (whose run is otherwise DB_PREPARE=false): this is the only connection that names any.
    const single = await openAppDatabase(resolveConfig({ env: { ...pg.env, DB_PREFIX: PREFIX, DB_POOL_MAX: '1', DB_PREPARE: 'true' }, configFile: false }));
    try {
      if (single.dialect !== 'postgresql') throw new Error('wrong engine');
      for (let i = 0; i < 12; i++) expect((await latestDirectionIndication(ctsDatabase(single), connectionA, SYMBOLS[i % 5]!))?.connectionId).toBe(connectionA);
      const plans = await single.sql.unsafe<{ generic_plans: string; custom_plans: string }[]>(
        `select generic_plans::text, custom_plans::text from pg_prepared_statements where statement like '%${PREFIX}_indications_direction%desc limit%'`,
      );
      // PostgreSQL tries 5 custom plans before it compares; with a LIMIT parameter every execution stays custom.
      expect(plans.length).toBeGreaterThanOrEqual(1);
      for (const p of plans) expect(Number(p.custom_plans)).toBeLessThanOrEqual(5);
      expect(plans.reduce((sum, p) => sum + Number(p.generic_plans), 0)).toBeGreaterThanOrEqual(7);
    } finally {
      await single.close();
    }
  });

  it('lists the active positions of a connection, newest first', async () => {
    const base = { symbol: 'BTCUSDT', side: 'long' as const, entryPrice: '60000.5', quantity: '0.001' };
    const rows = [
      { ...base, connectionId: connectionA, status: 'active' as const, updatedAt: new Date(T0 + 1_000) },
      { ...base, connectionId: connectionA, status: 'active' as const, updatedAt: new Date(T0 + 3_000) },
      { ...base, connectionId: connectionA, status: 'closed' as const, updatedAt: new Date(T0 + 5_000) },
      { ...base, connectionId: connectionB, status: 'active' as const, updatedAt: new Date(T0 + 7_000) },
    ];
    if (app.dialect === 'postgresql') await app.db.insert(app.tables.pseudoPositions).values(rows);
    else await app.db.insert(app.tables.pseudoPositions).values(rows);
    const active = await activePositions(db, connectionA);
    expect(active.map((p) => [p.status, p.updatedAt.getTime()])).toEqual([
      ['active', T0 + 3_000],
      ['active', T0 + 1_000],
    ]);
    // Exact decimals come back in numeric(38, 18)'s canonical form on both engines.
    expect(active.every((p) => p.connectionId === connectionA && p.entryPrice === '60000.500000000000000000')).toBe(true);
  });

  it('cascades a connection delete to its indications (TEXT -> TEXT foreign key)', async () => {
    if (app.dialect === 'postgresql') await app.db.delete(app.tables.exchangeConnections).where(eq(app.tables.exchangeConnections.id, connectionB));
    else await app.db.delete(app.tables.exchangeConnections).where(eq(app.tables.exchangeConnections.id, connectionB));
    expect(await latestDirectionIndication(db, connectionB, 'ETHUSDT')).toBeUndefined();
    expect(await activePositions(db, connectionB)).toEqual([]);
  });
});
