import { RELATIONS } from '../../generated/accessors.js';
import type { TableName } from '../../generated/tables.js';

/**
 * A relation as generated (generated/accessors.ts, named by src/codegen/relation-names.ts): the related rows
 * are those whose `references` column equals this row's `column`, one (to-one) or any number (to-many).
 */
export interface Relation {
  readonly kind: 'one' | 'many';
  readonly table: TableName;
  readonly column: string;
  readonly references: string;
  /** To-one: the foreign key is nullable. */
  readonly optional?: boolean;
}

export const relationsOf = (table: TableName) => RELATIONS[table] as Readonly<Record<string, Relation>>;

/** Most levels of relations one path may nest, in `with` and in a filter alike. */
export const MAX_RELATION_DEPTH = 8;

// PostgreSQL cuts identifiers to 63 bytes without a word: two aliases alike in their first 63 would name one
// table. Aliases are ASCII (a prefix and digits): their length is their bytes.
const MAX_ALIAS_BYTES = 63;
const indexes = new Map<TableName, ReadonlyMap<string, number>>();

/**
 * The alias of the table reached through relation `key` of `table` under `prefix` (the alias of the path so far):
 * the prefix and the relation's position among the table's relations (`n3`, then `n3_0`, ...). Short whatever
 * the names and the depth, so PostgreSQL's 63-byte limit can never make two aliases of one statement one; the
 * path keeps every alias of a statement distinct, a table met twice included.
 */
export function relationAlias(prefix: string, table: TableName, key: string): string {
  let index = indexes.get(table);
  if (index === undefined) {
    index = new Map(Object.keys(relationsOf(table)).map((k, i) => [k, i]));
    indexes.set(table, index);
  }
  const position = index.get(key);
  if (position === undefined) throw new Error(`${table} has no relation ${key}`);
  const alias = `${prefix}${position}`;
  if (alias.length > MAX_ALIAS_BYTES) throw new Error(`the alias ${alias} is longer than PostgreSQL's ${MAX_ALIAS_BYTES} bytes`);
  return alias;
}
