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
