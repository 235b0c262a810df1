/**
 * `cts-db/tables`: `createTables(dialect, prefix)`, the CTS schema as Drizzle tables for a prefix, without opening
 * a database (an open one carries its own as `app.tables`). Its own entry because it loads both dialects'
 * Drizzle cores; `cts-db` loads only the configured one, when the database is opened.
 */
export { createTables, type CtsPgTables, type CtsSqliteTables, type CtsTables } from './tables.js';
