import { toSnakeCase, type SchemaSpec } from '../schema-kit/index.js';
import type { Renames } from './renames.js';
import type { Drops } from './snapshot-diff.js';

/** What the user declared about the next migration: renames (schema or flags) and deliberate drops (flags). */
export interface GenerateIntent {
  readonly renames: Renames;
  readonly drops: Drops;
}

export interface IntentFlags {
  /** `old_table=new_table` or `table.old_column=new_column` (SQL names or TypeScript keys). */
  readonly rename: readonly string[];
  /** `table` or `table.column`: gone on purpose, not renamed. */
  readonly drop: readonly string[];
}

export type IntentResult = { readonly ok: true; readonly intent: GenerateIntent } | { readonly ok: false; readonly errors: readonly string[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function addColumn(map: Map<string, Map<string, string>>, table: string, from: string, to: string): void {
  const m = map.get(table) ?? new Map<string, string>();
  m.set(from, to);
  map.set(table, m);
}

/**
 * Collects the declarations: `renamedFrom` on tables and columns in schema/, then `--rename` / `--drop`
 * flags. Names are SQL names; a TypeScript key (`emailAddress`) is turned into one (`email_address`).
 */
export function generateIntent(schema: SchemaSpec, flags: IntentFlags): IntentResult {
  const errors: string[] = [];
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  for (const table of Object.values(schema)) {
    if (table.renamedFrom !== undefined) tables.set(toSnakeCase(table.renamedFrom), table.name);
    for (const [key, column] of Object.entries(table.columns)) {
      if (column.options.renamedFrom !== undefined) addColumn(columns, table.name, toSnakeCase(column.options.renamedFrom), toSnakeCase(key));
    }
  }
  for (const value of flags.rename) {
    const [left, right, extra] = value.split('=');
    const path = left?.split('.') ?? [];
    if (extra !== undefined || right === undefined || !NAME.test(right) || path.length < 1 || path.length > 2 || !path.every((p) => NAME.test(p))) {
      errors.push(`--rename ${JSON.stringify(value)}: expected old_table=new_table or table.old_column=new_column`);
      continue;
    }
    if (path.length === 1) tables.set(toSnakeCase(path[0] ?? ''), toSnakeCase(right));
    else addColumn(columns, toSnakeCase(path[0] ?? ''), toSnakeCase(path[1] ?? ''), toSnakeCase(right));
  }
  const dropTables = new Set<string>();
  const dropColumns = new Map<string, Set<string>>();
  for (const value of flags.drop) {
    const path = value.split('.');
    if (path.length < 1 || path.length > 2 || !path.every((p) => NAME.test(p))) {
      errors.push(`--drop ${JSON.stringify(value)}: expected a table or table.column`);
      continue;
    }
    if (path.length === 1) dropTables.add(toSnakeCase(path[0] ?? ''));
    else {
      const table = toSnakeCase(path[0] ?? '');
      const set = dropColumns.get(table) ?? new Set<string>();
      set.add(toSnakeCase(path[1] ?? ''));
      dropColumns.set(table, set);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, intent: { renames: { tables, columns }, drops: { tables: dropTables, columns: dropColumns } } };
}
