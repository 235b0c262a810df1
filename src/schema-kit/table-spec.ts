import type { AnyColumnSpec } from './column-spec.js';

export const CATEGORIES = ['system', 'connections', 'indications', 'strategies', 'positions', 'statistics', 'presets'] as const;
export type Category = (typeof CATEGORIES)[number];

export type IndexColumnSpec<K extends string> = K | { readonly column: K; readonly order: 'desc' };

export interface IndexSpec<K extends string> {
  /** Base name (without prefix), short enough for any allowed prefix. */
  readonly name: string;
  readonly columns: readonly [IndexColumnSpec<K>, ...IndexColumnSpec<K>[]];
  readonly unique?: boolean;
  /** Partial index on one column's value, e.g. active records only. */
  readonly where?: { readonly column: K; readonly equals: string };
}

export interface UniqueSpec<K extends string> {
  readonly name: string;
  readonly columns: readonly [K, ...K[]];
}

export type ForeignKeyAction = 'cascade' | 'restrict' | 'set null' | 'no action';

export interface ForeignKeySpec<K extends string> {
  readonly name: string;
  readonly columns: readonly [K, ...K[]];
  /** Base name of the referenced table and the column keys there (TEXT -> TEXT only). */
  readonly references: { readonly table: string; readonly columns: readonly [string, ...string[]] };
  readonly onDelete?: ForeignKeyAction;
}

/** One table of schema/, dialect-neutral. */
export interface TableSpec<
  TName extends string = string,
  TColumns extends Record<string, AnyColumnSpec> = Record<string, AnyColumnSpec>,
  // The column keys as their own parameter keeps TableSpec covariant, so any table fits `SchemaSpec`.
  K extends string = keyof TColumns & string,
> {
  /** Base table name (the prefix is added by the factory). */
  readonly name: TName;
  /**
   * The table's previous base name: `pnpm db:generate` writes a RENAME, not a drop and a create. Harmless once
   * that migration exists; remove it whenever.
   */
  readonly renamedFrom?: string;
  /** Short tag used in generated constraint names (`ck_{alias}_{column}`). */
  readonly alias: string;
  readonly category: Category;
  readonly description: string;
  /** Listed among the core tables of seed 001. */
  readonly core: boolean;
  /** Must exist for the instance to be healthy (seed 002). */
  readonly critical: boolean;
  readonly columns: TColumns;
  readonly indexes?: readonly IndexSpec<K>[];
  readonly uniques?: readonly UniqueSpec<K>[];
  readonly foreignKeys?: readonly ForeignKeySpec<K>[];
}

/**
 * Declares a table. The identity function exists for inference: column keys become the allowed names in
 * indexes, uniques and foreign keys, so a typo there does not compile.
 */
export function defineTable<const TName extends string, TColumns extends Record<string, AnyColumnSpec>>(
  spec: TableSpec<TName, TColumns>,
): TableSpec<TName, TColumns> {
  return spec;
}

export type SchemaSpec = Readonly<Record<string, TableSpec>>;

/** `connectionId` -> `connection_id`: SQL names are derived from the TypeScript keys. */
export function toSnakeCase(key: string): string {
  let out = '';
  for (const ch of key) {
    const lower = ch.toLowerCase();
    out += ch !== lower ? `_${lower}` : ch;
  }
  return out;
}
