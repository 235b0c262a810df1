import { getTableConfig as getPgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig } from 'drizzle-orm/sqlite-core';
import {
  CATEGORIES,
  checksOf,
  constraintNamesOf,
  toSnakeCase,
  type Category,
  type ColumnKind,
  type SchemaSpec,
} from '../schema-kit/index.js';
import { buildPgTables, buildSqliteTables } from '../schema-kit/build-tables.js';

export interface ManifestColumn {
  readonly name: string;
  readonly key: string;
  readonly kind: ColumnKind;
  readonly pgType: string;
  readonly sqliteType: string;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  readonly primaryKey: boolean;
  readonly values?: readonly string[];
  /** Exact decimals: total digits and digits after the point. */
  readonly precision?: number;
  readonly scale?: number;
}

export interface ManifestIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly where?: string;
}

export interface ManifestForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete: string;
}

export interface ManifestTable {
  readonly name: string;
  readonly key: string;
  readonly category: Category;
  readonly description: string;
  readonly core: boolean;
  readonly critical: boolean;
  readonly columns: readonly ManifestColumn[];
  readonly indexes: readonly ManifestIndex[];
  readonly uniques: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly foreignKeys: readonly ManifestForeignKey[];
  readonly checks: readonly string[];
}

export interface Manifest {
  readonly tableCount: number;
  readonly coreCount: number;
  readonly criticalCount: number;
  readonly indexCount: number;
  readonly categories: { readonly [C in Category]: readonly string[] };
  /** Base names of the critical tables; the migration ledger is critical too but belongs to the runner. */
  readonly criticalTables: readonly string[];
  /** Every base object name (tables, indexes, uniques, foreign keys, checks), sorted: the rewriter's closed set. */
  readonly objectNames: readonly string[];
  readonly tables: readonly ManifestTable[];
}

/**
 * Describes the schema as data. SQL types are read back from the Drizzle tables the factories build, so the
 * manifest states what drizzle-kit will emit, not a second copy of the type mapping.
 */
export function buildManifest(schema: SchemaSpec): Manifest {
  const pg = buildPgTables(schema) as Record<string, Parameters<typeof getPgTableConfig>[0]>;
  const lite = buildSqliteTables(schema) as Record<string, Parameters<typeof getSqliteTableConfig>[0]>;
  const tables: ManifestTable[] = Object.entries(schema).map(([key, spec]) => {
    const pgColumns = new Map(getPgTableConfig(pg[key]!).columns.map((c) => [c.name, c]));
    const liteColumns = new Map(getSqliteTableConfig(lite[key]!).columns.map((c) => [c.name, c]));
    return {
      name: spec.name,
      key,
      category: spec.category,
      description: spec.description,
      core: spec.core,
      critical: spec.critical,
      columns: Object.entries(spec.columns).map(([columnKey, column]) => {
        const name = toSnakeCase(columnKey);
        return {
          name,
          key: columnKey,
          kind: column.kind,
          pgType: pgColumns.get(name)!.getSQLType(),
          sqliteType: liteColumns.get(name)!.getSQLType(),
          nullable: !column.options.notNull,
          hasDefault: column.options.default !== undefined,
          primaryKey: column.options.primaryKey,
          ...(column.options.values === undefined ? {} : { values: column.options.values }),
          ...(column.kind === 'decimal' ? { precision: column.options.precision ?? 38, scale: column.options.scale ?? 18 } : {}),
        };
      }),
      indexes: (spec.indexes ?? []).map((ix) => ({
        name: ix.name,
        columns: ix.columns.map((c) => (typeof c === 'string' ? toSnakeCase(c) : `${toSnakeCase(c.column)} desc`)),
        unique: ix.unique === true,
        ...(ix.where === undefined ? {} : { where: `${toSnakeCase(ix.where.column)} = '${ix.where.equals}'` }),
      })),
      uniques: (spec.uniques ?? []).map((u) => ({ name: u.name, columns: u.columns.map(toSnakeCase) })),
      foreignKeys: (spec.foreignKeys ?? []).map((fk) => ({
        name: fk.name,
        columns: fk.columns.map(toSnakeCase),
        references: { table: fk.references.table, columns: fk.references.columns.map(toSnakeCase) },
        onDelete: fk.onDelete ?? 'no action',
      })),
      checks: checksOf(spec).map((c) => c.name),
    };
  });
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, tables.filter((t) => t.category === c).map((t) => t.name)]),
  ) as { [C in Category]: string[] };
  const objectNames = [...Object.values(schema).flatMap((t) => [t.name, ...constraintNamesOf(t)])].sort();
  return {
    tableCount: tables.length,
    coreCount: tables.filter((t) => t.core).length,
    criticalCount: tables.filter((t) => t.critical).length,
    indexCount: tables.reduce((n, t) => n + t.indexes.length, 0),
    categories,
    criticalTables: tables.filter((t) => t.critical).map((t) => t.name),
    objectNames,
    tables,
  };
}
