export { col, ColumnSpec, type AnyColumnSpec, type ColumnDefault, type ColumnKind, type ColumnOptions } from './column-spec.js';
export { CATEGORIES, defineTable, toSnakeCase, type Category, type ForeignKeySpec, type IndexSpec, type SchemaSpec, type TableSpec, type UniqueSpec } from './table-spec.js';
export { checksOf, constraintNamesOf, objectNamer } from './schema-objects.js';
export { assertValidSchema, schemaProblems } from './validate-schema.js';
// The table builders are './build-tables.js': they load Drizzle's dialect cores, and schema/ (which imports
// this module) is loaded by apps on either dialect.
export type { PgTableFor, PgTables } from './pg/build-pg-tables.js';
export type { SqliteTableFor, SqliteTables } from './sqlite/build-sqlite-tables.js';
export { DecimalError, normalizeDecimal } from './decimal.js';
export { ValueError, canonicalUuid, checkInt32, checkSafeInteger, type ValueErrorCode } from './value-checks.js';
