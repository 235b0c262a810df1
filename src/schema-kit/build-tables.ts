/** Both dialects' table builders: for tools that need both (drift checks, generation, `cts-db/tables`). */
export { buildPgTables, type PgTableFor, type PgTables } from './pg/build-pg-tables.js';
export { buildSqliteTables, type SqliteTableFor, type SqliteTables } from './sqlite/build-sqlite-tables.js';
