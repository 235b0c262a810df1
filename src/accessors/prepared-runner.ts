import { Placeholder, is } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PreparedSelect } from './accessor-driver.js';
import type { Compiled, Row } from './loose-db.js';

/**
 * Runs a compiled SELECT with its placeholders filled from the values, maps each row, and raises failures as
 * Drizzle's own DrizzleQueryError, so callers see one error type on both dialects and on every path. A driver
 * that answers synchronously (libSQL's native statements) gets its rows back the same way: no promise per
 * lookup here; the accessor settles the call once.
 */
export function preparedRunner<R>(compiled: Compiled, map: (row: R) => Row, execute: (args: unknown[]) => Promise<readonly R[]> | readonly R[]): PreparedSelect {
  // Which parameter is which is fixed by the shape: resolved once here, not with drizzle's `is()` on every call.
  // A placeholder `pn` takes the n-th value the filter bound (placeholderBinder).
  const slots = compiled.params.map((p) => (is(p, Placeholder) ? { index: placeholderIndex(p.name), value: undefined } : { index: -1, value: p }));
  const mapRows = (rows: readonly R[]): Row[] => {
    const out = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = map(rows[i]!);
    return out;
  };
  return (values) => {
    const args = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      args[i] = slot.index < 0 ? slot.value : values[slot.index];
    }
    let rows: Promise<readonly R[]> | readonly R[];
    try {
      rows = execute(args);
    } catch (cause) {
      throw new DrizzleQueryError(compiled.sql, args, cause as Error);
    }
    if (Array.isArray(rows)) return mapRows(rows as readonly R[]);
    // The driver's promise itself (postgres.js's query is a Promise whose then() answers a plain one): wrapped
    // in Promise.resolve it took one more job per lookup to adopt it.
    return (rows as Promise<readonly R[]>).then(mapRows, (cause: unknown) => {
      throw new DrizzleQueryError(compiled.sql, args, cause as Error);
    });
  };
}

function placeholderIndex(name: string): number {
  const index = Number(name.slice(1));
  if (name[0] !== 'p' || !Number.isSafeInteger(index)) throw new Error(`placeholder ${name} is not one of placeholderBinder's (p0, p1, ...)`);
  return index;
}
