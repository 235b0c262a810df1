// Type tests: compiled by `pnpm typecheck` (tsconfig includes test/), never run by vitest (only *.test.ts
// files are), so they count where they can fail: a wrong type is a compile error, and so is an expected
// error directive that no longer finds its error. Runtime checks are in test/schema/row-types.test.ts.
import { expectTypeOf } from 'vitest';
import type { z } from 'zod';
import { getTableName, type InsertRow, type SelectRow, type TableName } from '../../generated/tables.js';
import type { insertValidators } from '../../generated/validators.js';
import type { CtsPgTables, CtsSqliteTables } from '../../src/tables.js';

type Keys = keyof CtsPgTables;

// Row types are identical on PostgreSQL and SQLite for every table (select and insert).
expectTypeOf<{ [K in Keys]: CtsPgTables[K]['$inferSelect'] }>().toEqualTypeOf<{ [K in Keys]: CtsSqliteTables[K]['$inferSelect'] }>();
expectTypeOf<{ [K in Keys]: CtsPgTables[K]['$inferInsert'] }>().toEqualTypeOf<{ [K in Keys]: CtsSqliteTables[K]['$inferInsert'] }>();

// They carry the value types of the column kinds.
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

// A wrongly typed insert does not compile.
export const good: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', volumeFactor: '1.5' };
// @ts-expect-error volumeFactor is an exact decimal string, not a floating-point number
export const wrongDecimal: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', volumeFactor: 1.5 };
// @ts-expect-error marginType is 'cross' | 'isolated'
export const wrongEnum: InsertRow<'exchange_connections'> = { name: 'main', exchange: 'bybit', marginType: 'portfolio' };
// @ts-expect-error name is required
export const missing: InsertRow<'exchange_connections'> = { exchange: 'bybit' };

// A misspelled table name does not compile.
// @ts-expect-error 'exchange_conections' is not a TableName
export const misspelled: TableName = 'exchange_conections';
// @ts-expect-error the accessor only takes TableName
export const misspelledAccess = () => getTableName('cts', 'exchange_conections');

// What a validator outputs is an insert row of its table, for every table.
type Agrees = { [K in TableName]: z.output<(typeof insertValidators)[K]> extends InsertRow<K> ? true : false };
expectTypeOf<Agrees[TableName]>().toEqualTypeOf<true>();
