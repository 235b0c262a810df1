import { eq, getTableColumns, getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import type { AccessorDriver } from './accessor-driver.js';
import type { RelationFilter, RelationFilters, WhereContext } from './build-where.js';
import { columnInfo } from './column-info.js';
import { relationAlias, relationsOf } from './relations.js';

/**
 * The relations a filter of table `name` may name, each as an `EXISTS (SELECT 1 FROM <related table> AS <alias>
 * WHERE <alias>.<references> = <this row's column> AND <the related filter>)`: to-one as
 * `where: { connection: { exchange: 'bybit' } }`, to-many as `where: { pseudoPositions: { some: { ... } } }`
 * (and `none`, `every`; build-where.ts). The related table is aliased by the path of relations that led to it
 * (relationAlias: `w3`, `w3_0`), so a filter that comes back to a table it started from names two distinct rows.
 * `depth` is how many relation filters enclose these (build-where refuses one past MAX_RELATION_DEPTH).
 * Built on first use per relation and kept: a filter's SQL is built again on every call that is not prepared.
 */
export function relationFilters(driver: AccessorDriver, name: TableName, columns: Readonly<Record<string, Column>>, aliasPrefix = 'w', depth = 1): RelationFilters {
  const relations = relationsOf(name);
  const built = new Map<string, RelationFilter>();
  const get = (key: string): RelationFilter | undefined => {
    if (!Object.hasOwn(relations, key)) return undefined;
    let filter = built.get(key);
    if (filter === undefined) {
      const relation = relations[key]!;
      const target = driver.tables[TABLE_KEYS[relation.table]];
      if (target === undefined) throw new Error(`no table ${relation.table} in the driver's tables`);
      const alias = relationAlias(aliasPrefix, name, key);
      const aliased: Table = driver.alias(target, alias);
      const aliasedColumns = getTableColumns(aliased) as Readonly<Record<string, Column>>;
      const ctx: WhereContext = {
        table: relation.table,
        columns: columnInfo(relation.table, aliased),
        decimal: driver.decimalFilter,
        text: driver.textMatch,
        // Created now, read lazily: a filter builds the nested ones it names, no more.
        relations: relationFilters(driver, relation.table, aliasedColumns, `${alias}_`, depth + 1),
      };
      const on: SQL = eq(aliasedColumns[relation.references]!, columns[relation.column]!);
      // Drizzle renders an aliased table in raw SQL by its alias alone: FROM needs the table's own name too.
      const from = sql`${sql.identifier(getTableName(target))} ${sql.identifier(alias)}`;
      filter = { kind: relation.kind, depth, ctx, from, on, optional: relation.optional ?? true, column: relation.column };
      built.set(key, filter);
    }
    return filter;
  };
  return { get, names: Object.keys(relations) };
}
