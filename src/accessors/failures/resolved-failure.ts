import type { TableName } from '../../../generated/tables.js';
import type { CheckInfo, ForeignKeyInfo } from './constraint-catalog.js';
import type { StatementInput, WrittenRow } from './failure-context.js';

/** The statement's table (undefined for a failure at COMMIT) and input, when known. */
export interface ResolveContext {
  readonly table: TableName | undefined;
  readonly statement: StatementInput | undefined;
}

/** A foreign key that may have failed, and from which side. */
export interface KeyCandidate {
  readonly key: ForeignKeyInfo;
  readonly side: 'child' | 'parent';
}

/**
 * A driver failure with the schema's names and the statement's values filled in. `table` is the table the
 * statement touched; `owner` the table of the violated constraint or column (another one for a child's foreign
 * key when a parent changes). `candidates` are what remains to tell apart when the error and input leave several.
 */
export type Resolved =
  | {
      readonly kind: 'unique';
      readonly table: string | undefined;
      readonly owner: string | undefined;
      readonly constraint: string | undefined;
      readonly columns: readonly string[] | undefined;
      readonly primary: boolean;
      readonly values: WrittenRow | undefined;
      /** The rows' key values in statement order, when more than one row may be the duplicate. */
      readonly candidates: readonly WrittenRow[];
    }
  | {
      readonly kind: 'foreign';
      readonly table: string | undefined;
      readonly key: ForeignKeyInfo | undefined;
      /** The engine's name for a key the schema does not have (then `key` is undefined). */
      readonly constraint: string | undefined;
      readonly side: 'child' | 'parent' | undefined;
      readonly candidates: readonly KeyCandidate[];
      /** A single written row's values for the key's columns (child side). */
      readonly values: WrittenRow | undefined;
    }
  | { readonly kind: 'notNull'; readonly table: string | undefined; readonly owner: string | undefined; readonly column: string }
  | {
      readonly kind: 'check';
      readonly table: string | undefined;
      readonly owner: string | undefined;
      readonly constraint: string;
      readonly check: CheckInfo | undefined;
      readonly value: { readonly value: unknown } | undefined;
    }
  | { readonly kind: 'retryable'; readonly table: string | undefined; readonly reason: string };

