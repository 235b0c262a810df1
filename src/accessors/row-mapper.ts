import type { Column } from 'drizzle-orm';
import type { Row } from './loose-db.js';

/**
 * Turns a driver row (keyed by column name) into a typed row (keyed by column key) with each column's own
 * mapping, as Drizzle's select does: what the prepared lookups use instead of Drizzle's generic row mapping.
 */
export function rowMapper(columns: Readonly<Record<string, Column>>): (row: Row) => Row {
  const mapped = Object.entries(columns).map(([key, column]) => [key, column.name, column] as const);
  return (row) => {
    const typed: Row = {};
    for (const [key, name, column] of mapped) {
      const value = row[name];
      typed[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return typed;
  };
}
