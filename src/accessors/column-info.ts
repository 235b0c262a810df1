import type { Column, Table } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import { schema } from '../../schema/index.js';
import { TABLE_KEYS, type TableName } from '../../generated/tables.js';
import type { ColumnKind } from '../schema-kit/index.js';

/** What the input checks need to know of a column: its kind and limits from schema/, and the Drizzle column. */
export interface ColumnInfo {
  readonly key: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  readonly precision: number;
  readonly scale: number;
  /** Allowed values of an enum column. */
  readonly values: ReadonlySet<string> | undefined;
  readonly column: Column;
}

/**
 * The columns of a table by TypeScript key, in a Map: a plain object would answer `constructor` or `__proto__`
 * from its prototype, and a request body's key must never reach a column that way.
 */
export function columnInfo(name: TableName, table: Table): ReadonlyMap<string, ColumnInfo> {
  const spec = schema[TABLE_KEYS[name]];
  const columns = getTableColumns(table) as Readonly<Record<string, Column>>;
  const out = new Map<string, ColumnInfo>();
  for (const [key, c] of Object.entries(spec.columns)) {
    const column = columns[key];
    if (column === undefined) throw new Error(`${name}.${key} is in schema/ but not in the built table`);
    out.set(key, {
      key,
      kind: c.kind,
      nullable: !c.options.notNull,
      precision: c.options.precision ?? 38,
      scale: c.options.scale ?? 18,
      values: c.options.values === undefined ? undefined : new Set(c.options.values),
      column,
    });
  }
  return out;
}
