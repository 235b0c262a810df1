export { col, ColumnSpec, type AnyColumnSpec, type ColumnDefault, type ColumnKind, type ColumnOptions } from './column-spec.js';
export { CATEGORIES, defineTable, toSnakeCase, type Category, type ForeignKeySpec, type IndexSpec, type SchemaSpec, type TableSpec, type UniqueSpec } from './table-spec.js';
export { checksOf, constraintNamesOf, objectNamer } from './schema-objects.js';
export { assertValidSchema, schemaProblems } from './validate-schema.js';
export { buildPgTables, type PgTableFor, type PgTables } from './pg/build-pg-tables.js';
export { buildSqliteTables, type SqliteTableFor, type SqliteTables } from './sqlite/build-sqlite-tables.js';
export { DecimalError, normalizeDecimal } from './decimal.js';
export { ValueError, canonicalUuid, checkInt32, checkSafeInteger, type ValueErrorCode } from './value-checks.js';
