import { TABLE_NAMES, isTableName, type TableName } from '../../../generated/tables.js';
import { schema } from '../../../schema/index.js';
import { checksOf } from '../../schema-kit/schema-objects.js';
import { toSnakeCase, type TableSpec } from '../../schema-kit/table-spec.js';
import type { ColumnKind } from '../../schema-kit/column-spec.js';
import type { ForeignKeyAction } from '../../schema-kit/table-spec.js';

/** A unique key: the primary key, a UNIQUE constraint or a unique index. Columns are TypeScript keys. */
export interface UniqueKeyInfo {
  readonly name: string;
  readonly table: TableName;
  readonly columns: readonly string[];
  readonly primary: boolean;
}

export interface ForeignKeyInfo {
  readonly name: string;
  /** The table that owns the key (the child). */
  readonly table: TableName;
  readonly columns: readonly string[];
  readonly references: { readonly table: TableName; readonly columns: readonly string[] };
  readonly onDelete: ForeignKeyAction;
}

/** An enumeration check: `column` may only hold `values`. */
export interface CheckInfo {
  readonly name: string;
  readonly table: TableName;
  readonly column: string;
  readonly values: readonly string[];
}

export interface TableInfo {
  readonly name: TableName;
  /** SQL column name -> TypeScript key. */
  readonly keyOf: ReadonlyMap<string, string>;
  readonly kindOf: ReadonlyMap<string, ColumnKind>;
  /** The primary key first, then UNIQUE constraints and unique indexes in schema order. */
  readonly uniqueKeys: readonly UniqueKeyInfo[];
  /** This table's own foreign keys. */
  readonly foreignKeys: readonly ForeignKeyInfo[];
  /** Other tables' foreign keys that reference this one. */
  readonly referencedBy: readonly ForeignKeyInfo[];
}

export type ConstraintInfo =
  | { readonly kind: 'unique'; readonly key: UniqueKeyInfo }
  | { readonly kind: 'foreign'; readonly key: ForeignKeyInfo }
  | { readonly kind: 'check'; readonly check: CheckInfo };

export interface ConstraintCatalog {
  /** By base table name (without the prefix). */
  table(name: string): TableInfo | undefined;
  /** By base constraint name (without the prefix): `uq_usr_username`, `users_pkey`, `fk_vol_connection`, `ck_usr_role`. */
  constraint(name: string): ConstraintInfo | undefined;
}

/**
 * PostgreSQL names an inline PRIMARY KEY `{table}_pkey` after the (prefixed) table, so its base name is
 * `{base table}_pkey`; SQLite names none, and the same base name is used there so both engines report one name.
 */
export function primaryKeyName(table: string): string {
  return `${table}_pkey`;
}

function tableName(spec: TableSpec): TableName {
  if (!isTableName(spec.name)) throw new Error(`schema/ table ${spec.name} is not in generated/tables.ts: run pnpm db:generate`);
  return spec.name;
}

function build(): ConstraintCatalog {
  const specs = (Object.values(schema) as readonly TableSpec[]).map((spec) => ({ spec, name: tableName(spec) }));
  const constraints = new Map<string, ConstraintInfo>();
  const incoming = new Map<TableName, ForeignKeyInfo[]>(TABLE_NAMES.map((name) => [name, []]));
  const parts = specs.map(({ spec, name }) => {
    const columns = Object.entries(spec.columns);
    const primary = columns.filter(([, c]) => c.options.primaryKey).map(([key]) => key);
    const uniqueKeys: UniqueKeyInfo[] = [
      ...(primary.length === 0 ? [] : [{ name: primaryKeyName(name), table: name, columns: primary, primary: true }]),
      ...(spec.uniques ?? []).map((u) => ({ name: u.name, table: name, columns: [...u.columns], primary: false })),
      ...(spec.indexes ?? [])
        .filter((ix) => ix.unique === true)
        .map((ix) => ({ name: ix.name, table: name, columns: ix.columns.map((c) => (typeof c === 'string' ? c : c.column)), primary: false })),
    ];
    const foreignKeys: ForeignKeyInfo[] = (spec.foreignKeys ?? []).map((fk) => {
      if (!isTableName(fk.references.table)) throw new Error(`${fk.name} references ${fk.references.table}, which is not a table of schema/`);
      return { name: fk.name, table: name, columns: [...fk.columns], references: { table: fk.references.table, columns: [...fk.references.columns] }, onDelete: fk.onDelete ?? 'no action' };
    });
    for (const key of uniqueKeys) constraints.set(key.name, { kind: 'unique', key });
    for (const key of foreignKeys) {
      constraints.set(key.name, { kind: 'foreign', key });
      incoming.get(key.references.table)?.push(key);
    }
    for (const check of checksOf(spec)) {
      constraints.set(check.name, { kind: 'check', check: { name: check.name, table: name, column: check.column, values: spec.columns[check.column]?.options.values ?? [] } });
    }
    return { name, columns, uniqueKeys, foreignKeys };
  });
  const tables = new Map<string, TableInfo>(
    parts.map(({ name, columns, uniqueKeys, foreignKeys }) => [
      name,
      {
        name,
        keyOf: new Map(columns.map(([key]) => [toSnakeCase(key), key])),
        kindOf: new Map(columns.map(([key, c]) => [key, c.kind])),
        uniqueKeys,
        foreignKeys,
        referencedBy: incoming.get(name) ?? [],
      },
    ]),
  );
  return {
    table: (name) => tables.get(name),
    constraint: (name) => constraints.get(name),
  };
}

let catalog: ConstraintCatalog | undefined;

/**
 * The schema's keys, foreign keys and checks as lookups, built on first use (a failure is rare; most processes
 * never need them). Base names only: the prefix is taken off the engine's names before they are looked up.
 */
export function constraintCatalog(): ConstraintCatalog {
  catalog ??= build();
  return catalog;
}
