import { sql, type BuildColumns, type SQL } from 'drizzle-orm';
import { check, foreignKey, index, sqliteTableCreator, unique, uniqueIndex, type SQLiteColumn, type SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { quoteIdent } from '../default-sql.js';
import { checksOf, indexWhereSql, objectNamer, tableKeyByName } from '../schema-objects.js';
import { toSnakeCase, type SchemaSpec, type TableSpec } from '../table-spec.js';
import { assertValidSchema } from '../validate-schema.js';
import { lazyTables } from '../lazy-tables.js';
import { sqliteColumn, type SqliteColumnFor } from './sqlite-columns.js';

export type SqliteTableFor<T extends TableSpec> = SQLiteTableWithColumns<{
  name: string;
  schema: undefined;
  columns: BuildColumns<string, { [K in keyof T['columns']]: SqliteColumnFor<T['columns'][K]> }, 'sqlite'>;
  dialect: 'sqlite';
}>;

export type SqliteTables<S extends SchemaSpec> = { readonly [K in keyof S]: SqliteTableFor<S[K]> };

type Columns = Record<string, SQLiteColumn>;

/** The SQLite mirror of `buildPgTables`: same names, same constraints, same TypeScript types. */
/**
 * `appDefaults`: for tables used at run time, database-generated uuid/now defaults are produced by the
 * application instead (see sqlite-columns.ts); drizzle-kit and the manifest build without it, so the DDL
 * keeps its defaults. `validated`: the schema is known to pass `assertValidSchema` (the package's own, see
 * app-dialect/); anything else is checked here.
 */
export function buildSqliteTables<S extends SchemaSpec>(schema: S, options: { readonly prefix?: string; readonly appDefaults?: boolean; readonly validated?: boolean } = {}): SqliteTables<S> {
  if (options.validated !== true) assertValidSchema(schema);
  const name = objectNamer(options.prefix);
  const create = sqliteTableCreator(name);
  const keyOf = tableKeyByName(schema);
  // Each table is built when first read (lazy-tables.ts); a foreign key's target is read, and so built, only
  // when Drizzle evaluates the constraints' callback.
  const built: Record<string, Columns> = lazyTables(Object.keys(schema), (key) => {
    const spec = schema[key] as TableSpec;
    const columns = Object.fromEntries(Object.entries(spec.columns).map(([k, c]) => [k, sqliteColumn(c, toSnakeCase(k), options.appDefaults === true)]));
    return create(spec.name, columns, (t) => {
      const col = (k: string) => t[k] as SQLiteColumn;
      return [
        ...(spec.indexes ?? []).map((ix) => {
          // sqlite-core has no .desc() on index columns: a descending column is a SQL fragment.
          const cols = ix.columns.map((c): SQLiteColumn | SQL => (typeof c === 'string' ? col(c) : sql.raw(`${quoteIdent(toSnakeCase(c.column))} desc`)));
          const b = (ix.unique === true ? uniqueIndex : index)(name(ix.name)).on(...(cols as [SQLiteColumn | SQL, ...(SQLiteColumn | SQL)[]]));
          return ix.where === undefined ? b : b.where(sql.raw(indexWhereSql(ix.where)));
        }),
        ...(spec.uniques ?? []).map((u) => unique(name(u.name)).on(...(u.columns.map(col) as [SQLiteColumn, ...SQLiteColumn[]]))),
        ...(spec.foreignKeys ?? []).map((fk) => {
          const target = built[keyOf.get(fk.references.table) ?? ''] as Columns;
          return foreignKey({
            name: name(fk.name),
            columns: fk.columns.map(col) as [SQLiteColumn, ...SQLiteColumn[]],
            foreignColumns: fk.references.columns.map((c) => target[c]) as [SQLiteColumn, ...SQLiteColumn[]],
          }).onDelete(fk.onDelete ?? 'no action');
        }),
        ...checksOf(spec).map((ck) => check(name(ck.name), sql.raw(ck.sql))),
      ];
    }) as unknown as Columns;
  });
  return built as unknown as SqliteTables<S>;
}
