// Type tests: `pnpm typecheck` compiles this file, so each expectTypeOf and @ts-expect-error is checked by tsc;
// vitest runs the runtime halves.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { getTableName, tableNameAccessor, type InsertRow, type SelectRow, type TableName } from '../../generated/tables.js';
import { exchangeConnectionsInsert, insertValidators } from '../../generated/validators.js';
import type { CtsPgTables, CtsSqliteTables } from '../../src/tables.js';

type Keys = keyof CtsPgTables;

describe('row types', () => {
  it('are identical on PostgreSQL and SQLite for every table (select and insert)', () => {
    expectTypeOf<{ [K in Keys]: CtsPgTables[K]['$inferSelect'] }>().toEqualTypeOf<{ [K in Keys]: CtsSqliteTables[K]['$inferSelect'] }>();
    expectTypeOf<{ [K in Keys]: CtsPgTables[K]['$inferInsert'] }>().toEqualTypeOf<{ [K in Keys]: CtsSqliteTables[K]['$inferInsert'] }>();
  });

  it('carry the value types of the column kinds', () => {
    type Row = SelectRow<'exchange_connections'>;
    expectTypeOf<Row['id']>().toEqualTypeOf<string>();
    expectTypeOf<Row['volumeFactor']>().toEqualTypeOf<string>();
    expectTypeOf<Row['isTestnet']>().toEqualTypeOf<boolean>();
    expectTypeOf<Row['lastTestedAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<Row['settings']>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<Row['marginType']>().toEqualTypeOf<'cross' | 'isolated'>();
    // Defaults and nullable columns are optional on insert; required ones are not.
    expectTypeOf<InsertRow<'exchange_connections'>>().toHaveProperty('name').toEqualTypeOf<string>();
    expectTypeOf<InsertRow<'exchange_connections'>['id']>().toEqualTypeOf<string | undefined>();
  });

  it('reject a wrongly typed insert at compile time', () => {
    const good: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', volumeFactor: '1.5' };
    // @ts-expect-error volumeFactor is an exact decimal string, not a floating-point number
    const wrongDecimal: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', volumeFactor: 1.5 };
    // @ts-expect-error marginType is 'cross' | 'isolated'
    const wrongEnum: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', marginType: 'portfolio' };
    // @ts-expect-error name is required
    const missing: InsertRow<'exchange_connections'> = { exchange: 'bybit' };
    expect([good, wrongDecimal, wrongEnum, missing]).toHaveLength(4);
  });
});

describe('table-name accessor', () => {
  it('prefixes known tables', () => {
    expect(getTableName('cts_v3_1', 'exchange_connections')).toBe('cts_v3_1_exchange_connections');
    const name = tableNameAccessor('production_bot');
    expect(name('connection_coordination')).toBe('production_bot_connection_coordination');
  });

  it('does not compile with a misspelled table name', () => {
    // @ts-expect-error 'exchange_conections' is not a TableName
    const misspelled: TableName = 'exchange_conections';
    // @ts-expect-error the accessor only takes TableName
    expect(() => getTableName('cts', 'exchange_conections')).not.toThrow();
    expect(misspelled).toBe('exchange_conections');
  });

  it('rejects an invalid prefix at run time', () => {
    expect(() => getTableName('Bad Prefix', 'exchange_connections')).toThrow(/not a valid prefix/);
  });
});

describe('generated insert validators (zod)', () => {
  it('accept a valid insert and reject bad external input with the field named', () => {
    expect(exchangeConnectionsInsert.parse({ name: 'main', exchange: 'bybit', volumeFactor: '0.5' })).toMatchObject({ name: 'main' });
    const bad = exchangeConnectionsInsert.safeParse({ name: 'main', exchange: 'bybit', volumeFactor: '1e5', apiType: 'x', extra: 1 });
    expect(bad.success).toBe(false);
    const fields = bad.error?.issues.map((i) => i.path.join('.') || i.message) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['volumeFactor', 'apiType']));
    expect(bad.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
    expect(Object.keys(insertValidators)).toContain('exchange_connections');
  });
});

describe('validators and row types agree', () => {
  it('what a validator outputs is an insert row of its table, for every table (compile-time, checked by tsc)', () => {
    type Agrees = { [K in TableName]: z.output<(typeof insertValidators)[K]> extends InsertRow<K> ? true : false };
    expectTypeOf<Agrees[TableName]>().toEqualTypeOf<true>();
    const row: InsertRow<'users'> = insertValidators.users.parse({ username: 'u', passwordHash: 'h', preferences: { theme: 'dark' } });
    expect(row.preferences).toEqual({ theme: 'dark' });
    expect(insertValidators.users.safeParse({ username: 'u', passwordHash: 'h', preferences: () => 1 }).success).toBe(false);
    // preferences is NOT NULL: JSON null would pass as JSON and then fail in the database.
    expect(insertValidators.users.safeParse({ username: 'u', passwordHash: 'h', preferences: null }).success).toBe(false);
  });
});

