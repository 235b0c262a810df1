import { eq, getTableColumns, getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { RELATIONS } from '../../generated/accessors.js';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import type { AccessorDriver } from './accessor-driver.js';
import type { RelationFilter, RelationFilters, WhereContext } from './build-where.js';
import { columnInfo } from './column-info.js';

interface Relation {
  readonly table: TableName;
  readonly column: string;
  readonly references: string;
  readonly optional: boolean;
}

/**
 * The to-one relations a filter of table `name` may name (`where: { connection: { exchange: 'bybit' } }`), each
 * as an `EXISTS (SELECT 1 FROM <related table> AS <alias> WHERE <alias>.<key> = <this row's foreign key> AND
 * <the related filter>)`. The related table is aliased by the path of relations that led to it (`w__connection`,
 * `w__connection__preset`), so a filter that comes back to a table it started from names two distinct rows.
 * Built on first use per relation and kept: a filter's SQL is built again on every call that is not prepared.
 */
export function relationFilters(driver: AccessorDriver, name: TableName, columns: Readonly<Record<string, Column>>, aliasPrefix = 'w__'): RelationFilters {
  const relations = RELATIONS[name] as Readonly<Record<string, Relation>>;
  const built = new Map<string, RelationFilter>();
  const get = (key: string): RelationFilter | undefined => {
    if (!Object.hasOwn(relations, key)) return undefined;
    let filter = built.get(key);
    if (filter === undefined) {
      const relation = relations[key]!;
      const target = driver.tables[TABLE_KEYS[relation.table]];
      if (target === undefined) throw new Error(`no table ${relation.table} in the driver's tables`);
      const alias = `${aliasPrefix}${key}`;
      const aliased: Table = driver.alias(target, alias);
      const aliasedColumns = getTableColumns(aliased) as Readonly<Record<string, Column>>;
      const ctx: WhereContext = {
        table: relation.table,
        columns: columnInfo(relation.table, aliased),
        decimal: driver.decimalFilter,
        text: driver.textMatch,
        relations: relationFilters(driver, relation.table, aliasedColumns, `${alias}__`),
      };
      const on: SQL = eq(aliasedColumns[relation.references]!, columns[relation.column]!);
      // Drizzle renders an aliased table in raw SQL by its alias alone: FROM needs the table's own name too.
      const from = sql`${sql.identifier(getTableName(target))} ${sql.identifier(alias)}`;
      filter = { ctx, from, on, optional: relation.optional, column: relation.column };
      built.set(key, filter);
    }
    return filter;
  };
  return { get, names: Object.keys(relations) };
}
