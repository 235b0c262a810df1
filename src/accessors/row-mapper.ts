import type { Column } from 'drizzle-orm';
import type { Row } from './loose-db.js';

/**
 * Turns a driver row (keyed by column name) into a typed row (keyed by column key) with each column's own
 * mapping, as Drizzle's select does: what the prepared lookups use instead of Drizzle's generic row mapping.
 */
export function rowMapper(columns: Readonly<Record<string, Column>>): (row: Row) => Row {
  const keys = Object.keys(columns);
  const names = keys.map((k) => columns[k]!.name);
  const mappers = keys.map((k) => columns[k]!);
  // Index loops over three arrays: this runs for every column of every row a lookup returns.
  return (row) => {
    const typed: Row = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[names[i]!];
      typed[keys[i]!] = value === null || value === undefined ? null : mappers[i]!.mapFromDriverValue(value);
    }
    return typed;
  };
}
