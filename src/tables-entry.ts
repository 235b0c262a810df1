/**
 * `cts-db/tables`: the CTS schema as Drizzle tables and as data. `createTables(dialect, prefix)` builds the
 * tables for a prefix without opening a database (an open one carries its own as `app.tables`);
 * `schemaManifest` is every table, column, index and constraint as plain data (what health and drift checks
 * compare against). Its own entry because both are heavy to load: both dialects' Drizzle cores, a 260 KB
 * module; `cts-db` loads only the configured dialect, when the database is opened.
 */
export { createTables, type CtsPgTables, type CtsSqliteTables, type CtsTables } from './tables.js';
export { manifest as schemaManifest } from '../generated/manifest.js';
