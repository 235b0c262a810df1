import { Placeholder, is } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PreparedSelect } from './accessor-driver.js';
import type { Compiled, Row } from './loose-db.js';

/**
 * Runs a compiled SELECT with its placeholders filled from the values, maps each row, and raises failures as
 * Drizzle's own DrizzleQueryError, so callers see one error type on both dialects and on every path.
 */
export function preparedRunner<R>(compiled: Compiled, map: (row: R) => Row, execute: (args: unknown[]) => PromiseLike<R[]> | R[]): PreparedSelect {
  // Which parameter is which is fixed by the shape: resolved once here, not with drizzle's `is()` on every call.
  const slots = compiled.params.map((p) => (is(p, Placeholder) ? { name: p.name } : { value: p }));
  return async (values) => {
    const args = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      args[i] = slot.name === undefined ? slot.value : values[slot.name];
    }
    let rows: R[];
    try {
      rows = await execute(args);
    } catch (cause) {
      throw new DrizzleQueryError(compiled.sql, args, cause as Error);
    }
    return rows.map(map);
  };
}
