export { ConnectionError, type ConnectionErrorCode } from './connection-error.js';
export { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './open-database.js';
export { openPostgres, type OpenPostgresOptions, type PostgresHandle } from './postgres/open-postgres.js';
export { openSqlite, type OpenSqliteOptions, type SqliteHandle } from './sqlite/open-sqlite.js';
