/**
 * The two tables the differential test writes, described from schema/ itself (kinds, nullability, precision,
 * enum values, defaults, keys), so the generator and the model follow the schema rather than a copy of it.
 * exchange_connections (parent) and exchange_positions (child, foreign key with ON DELETE CASCADE) together
 * have every column kind the accessors map differently per engine: uuid, text, enum, boolean, integer,
 * decimal(18, 8) and decimal(38, 18) (nullable and not), timestamp (nullable and not) and JSON.
 */
import { schema } from '../../schema/index.js';
import type { AnyColumnSpec, ColumnDefault, ColumnKind, ForeignKeySpec, TableSpec } from '../../src/schema-kit/index.js';
import type { TableName } from '../../generated/tables.js';

export const FUZZ_TABLES = ['exchangeConnections', 'exchangePositions'] as const;
export type FuzzTable = (typeof FUZZ_TABLES)[number];

export interface ColumnInfo {
  readonly key: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  /** numeric(precision, scale) of a decimal column; 0 for other kinds. */
  readonly precision: number;
  readonly scale: number;
  /** The allowed values of an enum column. */
  readonly values: readonly string[];
  readonly default: ColumnDefault | undefined;
}

export interface ForeignKeyInfo {
  readonly columns: readonly string[];
  /** The referenced table when it is one of FUZZ_TABLES; undefined for a table the test never writes (always empty). */
  readonly table: FuzzTable | undefined;
  readonly references: readonly string[];
  readonly onDelete: NonNullable<ForeignKeySpec<string>['onDelete']>;
}

export interface TableInfo {
  readonly key: FuzzTable;
  readonly name: TableName;
  readonly columns: readonly ColumnInfo[];
  readonly column: ReadonlyMap<string, ColumnInfo>;
  /** Primary key first, then the unique constraints: the keys an upsert may target. */
  readonly uniqueKeys: readonly (readonly string[])[];
  readonly foreignKeys: readonly ForeignKeyInfo[];
}

function columnInfo(key: string, spec: AnyColumnSpec): ColumnInfo {
  return {
    key,
    kind: spec.kind,
    nullable: !spec.options.notNull,
    primaryKey: spec.options.primaryKey,
    precision: spec.options.precision ?? 0,
    scale: spec.options.scale ?? 0,
    values: spec.options.values ?? [],
    default: spec.options.default,
  };
}

function tableInfo(key: FuzzTable, spec: TableSpec): TableInfo {
  const columns = Object.entries(spec.columns).map(([k, c]) => columnInfo(k, c));
  const primary = columns.filter((c) => c.primaryKey).map((c) => c.key);
  const fuzzKeyOf = (name: string): FuzzTable | undefined => FUZZ_TABLES.find((t) => schema[t].name === name);
  return {
    key,
    name: spec.name as TableName,
    columns,
    column: new Map(columns.map((c) => [c.key, c])),
    uniqueKeys: [primary, ...(spec.uniques ?? []).map((u) => [...u.columns])],
    foreignKeys: (spec.foreignKeys ?? []).map((fk) => ({
      columns: [...fk.columns],
      table: fuzzKeyOf(fk.references.table),
      references: [...fk.references.columns],
      onDelete: fk.onDelete ?? 'no action',
    })),
  };
}

export const TABLES: Readonly<Record<FuzzTable, TableInfo>> = {
  exchangeConnections: tableInfo('exchangeConnections', schema.exchangeConnections),
  exchangePositions: tableInfo('exchangePositions', schema.exchangePositions),
};

/**
 * Fixed key pools: rows, filters and foreign keys draw their ids from these, so inserts collide with existing
 * keys, filters hit rows and child rows point at parents that exist (or were deleted). Hex letters, so an
 * upper-case spelling of the same id is a different string with the same canonical UUID.
 */
export const ID_POOLS: Readonly<Record<FuzzTable, readonly string[]>> = {
  exchangeConnections: ['0', '1', '2', '3', '4', '5', '6', '7'].map((n) => `c${n}aaaaaa-0000-4000-8000-00000000000a`),
  exchangePositions: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b'].map((n) => `bbbbbbb${n}-0000-4000-8000-00000000000b`),
};
