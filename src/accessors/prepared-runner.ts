import { Placeholder, is } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PreparedSelect } from './accessor-driver.js';
import type { Compiled, Row } from './loose-db.js';

/**
 * Runs a compiled SELECT with its placeholders filled from the values, maps each row, and raises failures as
 * Drizzle's own DrizzleQueryError, so callers see one error type on both dialects and on every path.
 */
export function preparedRunner(compiled: Compiled, map: (row: Row) => Row, execute: (args: unknown[]) => PromiseLike<Row[]>): PreparedSelect {
  return async (values) => {
    const args = compiled.params.map((p) => (is(p, Placeholder) ? values[p.name] : p));
    let rows: Row[];
    try {
      rows = await execute(args);
    } catch (cause) {
      throw new DrizzleQueryError(compiled.sql, args, cause as Error);
    }
    return rows.map(map);
  };
}
