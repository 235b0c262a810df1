import type { ColumnKind } from '../../schema-kit/index.js';
import type { WrittenRow } from './failure-context.js';

/** A row's values for `columns`, only those it gives (undefined when it gives none of them). */
export function project(row: WrittenRow, columns: readonly string[]): WrittenRow | undefined {
  const out: Record<string, unknown> = {};
  for (const c of columns) if (row[c] !== undefined) out[c] = row[c];
  return Object.keys(out).length === 0 ? undefined : out;
}

/** A row's values for every one of `columns`, none of them null (a NULL never conflicts nor refers). */
export function complete(row: WrittenRow, columns: readonly string[]): WrittenRow | undefined {
  const out = project(row, columns);
  return out !== undefined && columns.every((c) => out[c] !== undefined && out[c] !== null) ? out : undefined;
}

/** Equal key values give equal text: UUIDs in their stored lowercase form, dates as instants. */
export function identity(row: WrittenRow, columns: readonly string[], kindOf: ReadonlyMap<string, ColumnKind> | undefined): string {
  const values = columns.map((c) => {
    const v = row[c];
    if (typeof v === 'string' && kindOf?.get(c) === 'uuid') return v.toLowerCase();
    return v instanceof Date ? v.getTime() : typeof v === 'bigint' ? `${v}n` : (v ?? null);
  });
  return JSON.stringify(values);
}

