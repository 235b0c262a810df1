import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../generated/manifest.js';
import { openPostgres, openSqlite, type PostgresHandle, type SqliteHandle } from '../../src/db/index.js';
import { baseMigrationStatements, runStatements } from '../support/schema-sql.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';

const sorted = (names: Iterable<string>) => [...names].sort();
const expectedTables = sorted(manifest.tables.map((t) => t.name));
// A UNIQUE constraint is backed by an index of the same name on both engines.
const expectedIndexes = sorted(manifest.tables.flatMap((t) => [...t.indexes.map((i) => i.name), ...t.uniques.map((u) => u.name)]));
const expectedColumns = Object.fromEntries(manifest.tables.map((t) => [t.name, sorted(t.columns.map((c) => c.name))]));

describe('base-name migrations on a fresh PostgreSQL database', () => {
  let pg: TestPostgres;
  let handle: PostgresHandle;
  beforeAll(async () => {
    pg = await createTestPostgres();
    handle = await openPostgres(pg.settings());
    await runStatements({ dialect: 'pg', sql: handle.sql }, await baseMigrationStatements('pg'));
  });
  afterAll(async () => {
    await handle?.close();
    await pg?.cleanup();
  });

  it('create exactly the manifest tables, columns and indexes', async () => {
    const tables = await handle.sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`;
    expect(sorted(tables.map((t) => t.name))).toEqual(expectedTables);
    const indexes = await handle.sql<{ name: string }[]>`select indexname as name from pg_indexes where schemaname = 'public' and indexname not like '%\\_pkey'`;
    expect(sorted(indexes.map((i) => i.name))).toEqual(expectedIndexes);
    const columns = await handle.sql<{ table: string; column: string }[]>`
      select table_name as table, column_name as column from information_schema.columns where table_schema = 'public'`;
    const actual: Record<string, string[]> = {};
    for (const c of columns) (actual[c.table] ??= []).push(c.column);
    expect(Object.fromEntries(Object.entries(actual).map(([t, cs]) => [t, sorted(cs)]))).toEqual(expectedColumns);
  });

  it('create exactly the manifest foreign keys and checks, under their short base names', async () => {
    const rows = await handle.sql<{ name: string; type: string }[]>`
      select c.conname as name, c.contype as type from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype in ('f', 'c')`;
    expect(sorted(rows.filter((r) => r.type === 'f').map((r) => r.name))).toEqual(sorted(manifest.tables.flatMap((t) => t.foreignKeys.map((f) => f.name))));
    expect(sorted(rows.filter((r) => r.type === 'c').map((r) => r.name))).toEqual(sorted(manifest.tables.flatMap((t) => t.checks)));
  });
});

describe('base-name migrations on a fresh SQLite file', () => {
  let handle: SqliteHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const dir = await createTempDir('cts-catalog');
    cleanup = dir.cleanup;
    handle = await openSqlite({ path: join(dir.path, 'catalog.db'), busyTimeoutMs: 1_000 });
    await runStatements({ dialect: 'sqlite', client: handle.client }, await baseMigrationStatements('sqlite'));
  });
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
  });

  it('create exactly the manifest tables, columns and indexes', async () => {
    const names = async (type: string) =>
      (await handle.client.execute({ sql: "select name from sqlite_master where type = ? and name not like 'sqlite\\_%' escape '\\'", args: [type] })).rows.map((r) => String(r.name));
    expect(sorted(await names('table'))).toEqual(expectedTables);
    expect(sorted(await names('index'))).toEqual(expectedIndexes);
    for (const table of expectedTables) {
      const info = await handle.client.execute(`select name from pragma_table_info('${table}')`);
      expect(sorted(info.rows.map((r) => String(r.name)))).toEqual(expectedColumns[table]);
    }
    const fkCount = manifest.tables.reduce((n, t) => n + t.foreignKeys.length, 0);
    let actualFks = 0;
    for (const table of expectedTables) actualFks += (await handle.client.execute(`select * from pragma_foreign_key_list('${table}')`)).rows.length;
    expect(actualFks).toBe(fkCount);
  });
});
