/**
 * The parts of drizzle-kit's snapshot JSON (meta/NNNN_snapshot.json) that renames and no-prompt diffs touch.
 * Everything else passes through untouched (the index signatures), so a snapshot read, changed here and
 * handed back to drizzle-kit/api keeps every field drizzle-kit wrote.
 */
export type KitDialect = 'pg' | 'sqlite';

export interface SnapshotColumn {
  name: string;
  [key: string]: unknown;
}

/** PostgreSQL index columns are objects; SQLite's are strings (a name, or an expression such as `"at" desc`). */
export interface PgIndexColumn {
  expression: string;
  isExpression: boolean;
  [key: string]: unknown;
}

export interface SnapshotIndex {
  name: string;
  columns: (string | PgIndexColumn)[];
  where?: string;
  [key: string]: unknown;
}

export interface SnapshotForeignKey {
  name: string;
  tableFrom: string;
  tableTo: string;
  columnsFrom: string[];
  columnsTo: string[];
  [key: string]: unknown;
}

export interface SnapshotColumnsConstraint {
  name: string;
  columns: string[];
  [key: string]: unknown;
}

export interface SnapshotCheck {
  name: string;
  value: string;
  [key: string]: unknown;
}

export interface SnapshotTable {
  name: string;
  schema?: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, SnapshotIndex>;
  foreignKeys: Record<string, SnapshotForeignKey>;
  compositePrimaryKeys: Record<string, SnapshotColumnsConstraint>;
  uniqueConstraints: Record<string, SnapshotColumnsConstraint>;
  checkConstraints: Record<string, SnapshotCheck>;
  [key: string]: unknown;
}

/** drizzle-kit's record of the renames a migration made (keys `"table"` and `"table"."column"`). */
export interface SnapshotMeta {
  schemas: Record<string, string>;
  tables: Record<string, string>;
  columns: Record<string, string>;
}

export interface Snapshot {
  id: string;
  prevId: string;
  version: string;
  dialect: string;
  tables: Record<string, SnapshotTable>;
  _meta?: SnapshotMeta;
  [key: string]: unknown;
}

/** PostgreSQL keys tables as `schema.name` (`public.users`); SQLite by name. */
export function tableKey(dialect: KitDialect, table: Pick<SnapshotTable, 'name' | 'schema'>): string {
  return dialect === 'pg' ? `${table.schema === undefined || table.schema === '' ? 'public' : table.schema}.${table.name}` : table.name;
}

/** A deep copy, so a transformation never changes the caller's snapshot. */
export function cloneSnapshot(snapshot: Snapshot): Snapshot {
  return structuredClone(snapshot);
}
