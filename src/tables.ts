import { schema, type Schema } from '../schema/index.js';
import { buildPgTables, buildSqliteTables, type PgTables, type SqliteTables } from './schema-kit/build-tables.js';

export type CtsPgTables = PgTables<Schema>;
export type CtsSqliteTables = SqliteTables<Schema>;

export type CtsTables =
  | { readonly dialect: 'postgresql'; readonly tables: CtsPgTables }
  | { readonly dialect: 'sqlite'; readonly tables: CtsSqliteTables };

/**
 * The CTS tables for one dialect and prefix. Each call builds new table objects (no global state), so
 * two prefixes can be used side by side in one process.
 *
 * @example
 * const { tables } = createTables('sqlite', 'cts_v3_1');
 * // tables.exchangeConnections is the Drizzle table "cts_v3_1_exchange_connections"
 */
export function createTables(dialect: 'postgresql', prefix: string): { readonly dialect: 'postgresql'; readonly tables: CtsPgTables };
export function createTables(dialect: 'sqlite', prefix: string): { readonly dialect: 'sqlite'; readonly tables: CtsSqliteTables };
export function createTables(dialect: 'postgresql' | 'sqlite', prefix: string): CtsTables;
export function createTables(dialect: 'postgresql' | 'sqlite', prefix: string): CtsTables {
  return dialect === 'postgresql'
    ? { dialect, tables: buildPgTables(schema, { prefix }) }
    : { dialect, tables: buildSqliteTables(schema, { prefix, appDefaults: true }) };
}
