// Runtime checks of the generated tables and validators. The type-level checks (row types, compile errors)
// are in test/types/row-types.types.ts, which `pnpm typecheck` compiles and vitest does not run.
import { describe, expect, it } from 'vitest';
import { getTableName, tableNameAccessor, type InsertRow } from '../../generated/tables.js';
import { exchangeConnectionsInsert, insertValidators } from '../../generated/validators.js';

describe('table-name accessor', () => {
  it('prefixes known tables', () => {
    expect(getTableName('cts_v3_1', 'exchange_connections')).toBe('cts_v3_1_exchange_connections');
    const name = tableNameAccessor('production_bot');
    expect(name('connection_coordination')).toBe('production_bot_connection_coordination');
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

describe('validators and row types agree at run time', () => {
  it('a parsed users row keeps its JSON preferences; a function or null there is refused', () => {
    const row: InsertRow<'users'> = insertValidators.users.parse({ username: 'u', passwordHash: 'h', preferences: { theme: 'dark' } });
    expect(row.preferences).toEqual({ theme: 'dark' });
    expect(insertValidators.users.safeParse({ username: 'u', passwordHash: 'h', preferences: () => 1 }).success).toBe(false);
    // preferences is NOT NULL: JSON null would pass as JSON and then fail in the database.
    expect(insertValidators.users.safeParse({ username: 'u', passwordHash: 'h', preferences: null }).success).toBe(false);
  });
});
