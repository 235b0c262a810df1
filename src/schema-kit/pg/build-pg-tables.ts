import { sql, type BuildColumns } from 'drizzle-orm';
import { check, foreignKey, index, pgTableCreator, unique, uniqueIndex, type ExtraConfigColumn, type PgColumn, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { checksOf, indexWhereSql, objectNamer, tableKeyByName } from '../schema-objects.js';
import { toSnakeCase, type SchemaSpec, type TableSpec } from '../table-spec.js';
import { assertValidSchema } from '../validate-schema.js';
import { lazyTables } from '../lazy-tables.js';
import { pgColumn, type PgColumnFor } from './pg-columns.js';

export type PgTableFor<T extends TableSpec> = PgTableWithColumns<{
  name: string;
  schema: undefined;
  columns: BuildColumns<string, { [K in keyof T['columns']]: PgColumnFor<T['columns'][K]> }, 'pg'>;
  dialect: 'pg';
}>;

export type PgTables<S extends SchemaSpec> = { readonly [K in keyof S]: PgTableFor<S[K]> };

type Columns = Record<string, PgColumn>;

/**
 * Builds the PostgreSQL tables of a schema for one prefix: table, index and constraint names all get
 * `{prefix}_`; without a prefix the base names come out (that is what drizzle-kit reads). No global state:
 * each call returns new table objects, so several prefixes can live in one process. `validated`: the schema is
 * known to pass `assertValidSchema` (the package's own, see app-dialect/); anything else is checked here.
 */
export function buildPgTables<S extends SchemaSpec>(schema: S, options: { readonly prefix?: string; readonly validated?: boolean } = {}): PgTables<S> {
  if (options.validated !== true) assertValidSchema(schema);
  const name = objectNamer(options.prefix);
  const create = pgTableCreator(name);
  const keyOf = tableKeyByName(schema);
  // Each table is built when first read (lazy-tables.ts); a foreign key's target is read, and so built, only
  // when Drizzle evaluates the constraints' callback.
  const built: Record<string, Columns> = lazyTables(Object.keys(schema), (key) => {
    const spec = schema[key] as TableSpec;
    const columns = Object.fromEntries(Object.entries(spec.columns).map(([k, c]) => [k, pgColumn(c, toSnakeCase(k))]));
    return create(spec.name, columns, (t) => {
      const col = (k: string) => t[k] as PgColumn;
      return [
        ...(spec.indexes ?? []).map((ix) => {
          // DESC NULLS FIRST is what ORDER BY ... DESC means in PostgreSQL; Drizzle's .desc() alone says NULLS LAST,
          // which the planner cannot use for ORDER BY ... DESC.
          const cols = ix.columns.map((c) => (typeof c === 'string' ? col(c) : (t[c.column] as ExtraConfigColumn).desc().nullsFirst()));
          const b = (ix.unique === true ? uniqueIndex : index)(name(ix.name)).on(...(cols as [ExtraConfigColumn, ...ExtraConfigColumn[]]));
          return ix.where === undefined ? b : b.where(sql.raw(indexWhereSql(ix.where)));
        }),
        ...(spec.uniques ?? []).map((u) => unique(name(u.name)).on(...(u.columns.map(col) as [PgColumn, ...PgColumn[]]))),
        ...(spec.foreignKeys ?? []).map((fk) => {
          // Looked up lazily: Drizzle evaluates this callback after every table exists, so order and cycles do not matter.
          const target = built[keyOf.get(fk.references.table) ?? ''] as Columns;
          return foreignKey({
            name: name(fk.name),
            columns: fk.columns.map(col) as [PgColumn, ...PgColumn[]],
            foreignColumns: fk.references.columns.map((c) => target[c]) as [PgColumn, ...PgColumn[]],
          }).onDelete(fk.onDelete ?? 'no action');
        }),
        ...checksOf(spec).map((ck) => check(name(ck.name), sql.raw(ck.sql))),
      ];
    }) as unknown as Columns;
  });
  return built as unknown as PgTables<S>;
}
