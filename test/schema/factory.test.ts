import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { openPostgres, openSqlite, type PostgresHandle, type SqliteHandle } from '../../src/db/index.js';
import { col, defineTable, schemaProblems } from '../../src/schema-kit/index.js';
import { buildPgTables } from '../../src/schema-kit/build-tables.js';
import { createTables } from '../../src/tables.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';
import { prefixedSchemaStatements, runStatements } from '../support/schema-sql.js';

describe('prefix-aware factory', () => {
  it('puts the prefix on every table, index and constraint name, on both dialects', () => {
    const pg = createTables('postgresql', 'alpha').tables;
    const lite = createTables('sqlite', 'alpha').tables;
    let total = 0;
    for (const key of Object.keys(schema) as (keyof typeof schema)[]) {
      const p = pgConfig(pg[key]);
      const s = sqliteConfig(lite[key]);
      expect(p.name).toBe(`alpha_${schema[key].name}`);
      expect(s.name).toBe(`alpha_${schema[key].name}`);
      const names = [
        ...p.indexes.map((i) => i.config.name),
        ...p.foreignKeys.map((f) => f.getName()),
        ...p.uniqueConstraints.map((u) => u.getName()),
        ...p.checks.map((c) => c.name),
        ...s.indexes.map((i) => i.config.name),
        ...s.checks.map((c) => c.name),
      ];
      for (const name of names) expect(name).toMatch(/^alpha_/);
      // Exactly the objects the spec declares, each under its prefixed name (an empty list must not pass).
      const spec = schema[key] as { indexes?: readonly { name: string }[]; foreignKeys?: readonly { name: string }[]; uniques?: readonly { name: string }[] };
      const declared = [...(spec.indexes ?? []), ...(spec.foreignKeys ?? []), ...(spec.uniques ?? [])].map((o) => `alpha_${o.name}`);
      for (const name of declared) expect(names, `${key}: ${name}`).toContain(name);
      total += names.length;
    }
    expect(total).toBeGreaterThan(2 * Object.keys(schema).length);
  });

  it('builds two prefixes side by side without shared state', () => {
    const a = createTables('postgresql', 'alpha').tables;
    const b = createTables('postgresql', 'beta').tables;
    expect(pgConfig(a.exchangeConnections).name).toBe('alpha_exchange_connections');
    expect(pgConfig(b.exchangeConnections).name).toBe('beta_exchange_connections');
    expect(pgConfig(a.connectionCoordination).foreignKeys[0]?.reference().foreignTable).toBe(a.exchangeConnections);
    expect(pgConfig(b.connectionCoordination).foreignKeys[0]?.reference().foreignTable).toBe(b.exchangeConnections);
  });

  it('refuses a schema with a non-TEXT foreign key, an unknown target or a column named like an object', () => {
    const parent = defineTable({ name: 'parent', alias: 'p', category: 'system', description: 'x', core: false, critical: false, columns: { id: col.uuid().primaryKey() } });
    const child = defineTable({
      name: 'child',
      alias: 'c',
      category: 'system',
      description: 'x',
      core: false,
      critical: false,
      columns: { id: col.uuid().primaryKey(), parentId: col.integer(), parent: col.text() },
      foreignKeys: [
        { name: 'fk_child_parent', columns: ['parentId'], references: { table: 'parent', columns: ['id'] } },
        { name: 'fk_child_ghost', columns: ['parentId'], references: { table: 'ghost', columns: ['id'] } },
      ],
    });
    const problems = schemaProblems({ parent, child });
    expect(problems).toContain('foreign key fk_child_parent of child: parentId (integer) -> parent.id (uuid) is not TEXT -> TEXT');
    expect(problems).toContain('foreign key fk_child_ghost of child: references unknown table ghost');
    expect(problems.some((p) => p.startsWith('column child.parent has the same name as table parent'))).toBe(true);
    expect(() => buildPgTables({ parent, child })).toThrow(/schema\/ is invalid/);
  });

  it('refuses duplicate names: two tables, or two objects (index, foreign key, unique) with one name', () => {
    const base = { alias: 'd', category: 'system' as const, description: 'x', core: false, critical: false };
    const one = defineTable({ ...base, name: 'dup', columns: { id: col.uuid().primaryKey(), a: col.text() }, indexes: [{ name: 'idx_same', columns: ['a'] }] });
    const two = defineTable({ ...base, name: 'dup', alias: 'e', columns: { id: col.uuid().primaryKey(), b: col.text() }, indexes: [{ name: 'idx_same', columns: ['b'] }] });
    const problems = schemaProblems({ dup: one, dupToo: two } as never);
    expect(problems).toContain('table dup: name "dup" is already used by table dup');
    expect(problems).toContain('object idx_same of dup: name "idx_same" is already used by object idx_same of dup');
    expect(() => buildPgTables({ dup: one, dupToo: two } as never)).toThrow(/schema\/ is invalid/);
  });

  it('schema/ itself has no structural problems', () => {
    expect(schemaProblems(schema)).toEqual([]);
  });
});

describe('same values on both dialects (real engines, prefixed tables)', () => {
  let pg: TestPostgres;
  let pgHandle: PostgresHandle;
  let sqliteHandle: SqliteHandle;
  let cleanupDir: () => Promise<void>;
  const prefix = 'vals';

  beforeAll(async () => {
    pg = await createTestPostgres();
    pgHandle = await openPostgres(pg.settings());
    const dir = await createTempDir('cts-values');
    cleanupDir = dir.cleanup;
    sqliteHandle = await openSqlite({ path: join(dir.path, 'values.db'), busyTimeoutMs: 1_000 });
    await runStatements({ dialect: 'pg', sql: pgHandle.sql }, await prefixedSchemaStatements('pg', prefix));
    await runStatements({ dialect: 'sqlite', client: sqliteHandle.client }, await prefixedSchemaStatements('sqlite', prefix));
  });
  afterAll(async () => {
    await pgHandle?.close();
    await sqliteHandle?.close();
    await pg?.cleanup();
    await cleanupDir?.();
  });

  it('round-trips uuid, exact decimals, booleans, millisecond timestamps and JSON identically', async () => {
    const pgT = createTables('postgresql', prefix).tables;
    const liteT = createTables('sqlite', prefix).tables;
    const testedAt = new Date('2026-11-21T12:34:56.789Z');
    const row = {
      name: "Bybit main 'quoted'",
      exchange: 'bybit',
      volumeFactor: '9876543210.12345678',
      isTestnet: true,
      settings: { leverage: 10, symbols: ['BTCUSDT'], note: "it's" },
      lastTestedAt: testedAt,
    };
    const [p] = await pgHandle.db.insert(pgT.exchangeConnections).values(row).returning();
    const [s] = await sqliteHandle.db.insert(liteT.exchangeConnections).values(row).returning();
    for (const r of [p, s]) {
      expect(r).toBeDefined();
      expect(r!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r!.volumeFactor).toBe('9876543210.12345678');
      expect(r!.isTestnet).toBe(true);
      expect(r!.isEnabled).toBe(true);
      expect(r!.apiType).toBe('perpetual_futures');
      expect(r!.settings).toEqual(row.settings);
      expect(r!.lastTestedAt).toEqual(testedAt);
      expect(r!.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(r!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    }
    const { id: _a, createdAt: _b, updatedAt: _c, ...pgRest } = p!;
    const { id: _d, createdAt: _e, updatedAt: _f, ...liteRest } = s!;
    expect(liteRest).toEqual(pgRest);
    const [again] = await sqliteHandle.db.select().from(liteT.exchangeConnections).where(eq(liteT.exchangeConnections.id, s!.id));
    expect(again).toEqual(s);
  });

  it('enforces enumerations with CHECK constraints on both engines', async () => {
    const pgT = createTables('postgresql', prefix).tables;
    const liteT = createTables('sqlite', prefix).tables;
    const bad = { name: 'bad enum', exchange: 'x', marginType: 'portfolio' } as unknown as typeof pgT.exchangeConnections.$inferInsert;
    const reason = (e: unknown) => String((e as { cause?: unknown }).cause ?? e);
    await expect(pgHandle.db.insert(pgT.exchangeConnections).values(bad)).rejects.toSatisfy((e) => /vals_ck_exc_margin_type/.test(reason(e)));
    await expect(sqliteHandle.db.insert(liteT.exchangeConnections).values(bad)).rejects.toSatisfy((e) => /CHECK constraint failed: vals_ck_exc_margin_type/.test(reason(e)));
  });

  it('round-trips every JSON shape identically (strings that look like numbers stay strings)', async () => {
    const pgT = createTables('postgresql', prefix).tables;
    const liteT = createTables('sqlite', prefix).tables;
    // A top-level JSON null is not in the list: Drizzle sends null as SQL NULL, on both dialects.
    const values: unknown[] = ['hello', '123', 123, 1.5, true, [1, 'a', { b: null }], { nested: { list: ['x'] }, quote: "it's" }];
    for (const [i, value] of values.entries()) {
      const row = { key: `k${i}`, value: value as never };
      const [p] = await pgHandle.db.insert(pgT.systemSettings).values(row).returning();
      const [l] = await sqliteHandle.db.insert(liteT.systemSettings).values(row).returning();
      expect([i, p?.value]).toEqual([i, value]);
      expect([i, l?.value]).toEqual([i, value]);
    }
  });

  it('refuses values one engine would store differently (guards value-checks.ts): bad UUIDs, 33-bit integers, bigints beyond 2^53, decimals that do not fit', async () => {
    const pgT = createTables('postgresql', prefix).tables;
    const liteT = createTables('sqlite', prefix).tables;
    const upper = 'A1B2C3D4-0000-4000-8000-00000000000A';
    const [p] = await pgHandle.db.insert(pgT.exchangeConnections).values({ id: upper, name: 'upper', exchange: 'x' }).returning();
    const [l] = await sqliteHandle.db.insert(liteT.exchangeConnections).values({ id: upper, name: 'upper', exchange: 'x' }).returning();
    expect([p?.id, l?.id]).toEqual([upper.toLowerCase(), upper.toLowerCase()]);
    const cause = (e: unknown) => ((e as { cause?: unknown }).cause ?? e) as { code?: string };
    for (const insert of [
      () => pgHandle.db.insert(pgT.exchangeConnections).values({ id: 'not-a-uuid', name: 'bad', exchange: 'x' }),
      () => sqliteHandle.db.insert(liteT.exchangeConnections).values({ id: 'not-a-uuid', name: 'bad', exchange: 'x' }),
    ]) {
      await expect(insert()).rejects.toSatisfy((e) => cause(e).code === 'VALUE_INVALID_UUID' || (e as { code?: string }).code === 'VALUE_INVALID_UUID');
    }
    const tooBig = { name: 'big', exchange: 'x', volumeFactor: '12345678901' };
    await expect(sqliteHandle.db.insert(liteT.exchangeConnections).values(tooBig)).rejects.toSatisfy(
      (e) => /does not fit numeric\(18, 8\)/.test(String(e)) || /does not fit numeric\(18, 8\)/.test(String(cause(e))),
    );
    await expect(pgHandle.db.insert(pgT.exchangeConnections).values(tooBig)).rejects.toSatisfy((e) => /numeric field overflow/.test(String(cause(e))));

    // 33-bit integers: SQLite would store 2^31 in an integer column, PostgreSQL refuses it; so our SQLite
    // mapping refuses it too (VALUE_OUT_OF_RANGE, before any SQL), and PostgreSQL answers 22003.
    const code = (e: unknown) => (e as { code?: string }).code ?? cause(e).code;
    const int33 = { presetId: '00000000-0000-4000-8000-000000000001', symbol: 'BTCUSDT', leverage: 2 ** 31 };
    await expect(sqliteHandle.db.insert(liteT.presetConfigurations).values(int33)).rejects.toSatisfy((e) => code(e) === 'VALUE_OUT_OF_RANGE');
    await expect(pgHandle.db.insert(pgT.presetConfigurations).values(int33)).rejects.toSatisfy((e) => cause(e).code === '22003');
    // bigint columns are JS numbers: beyond 2^53 they would not round-trip exactly, so both dialects refuse them.
    const huge = { presetId: '00000000-0000-4000-8000-000000000001', connectionId: '00000000-0000-4000-8000-000000000002', cycleCount: 2 ** 53 + 2 };
    await expect(sqliteHandle.db.insert(liteT.presetTradeEngineState).values(huge)).rejects.toSatisfy((e) => code(e) === 'VALUE_OUT_OF_RANGE');
    await expect(pgHandle.db.insert(pgT.presetTradeEngineState).values(huge)).rejects.toSatisfy((e) => code(e) === 'VALUE_OUT_OF_RANGE');
  });
});
