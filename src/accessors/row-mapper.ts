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

/**
 * The same for a row read as an array in the table's column order (libSQL's native prepared reads): no
 * lookup by name, the typed row built key by key in one pass.
 */
export function arrayRowMapper(columns: Readonly<Record<string, Column>>): (row: readonly unknown[]) => Row {
  const keys = Object.keys(columns);
  const mappers = keys.map((k) => columns[k]!);
  return (row) => {
    const typed: Row = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      typed[keys[i]!] = value === null || value === undefined ? null : mappers[i]!.mapFromDriverValue(value);
    }
    return typed;
  };
}

/** The database's names of the columns, in the order `select()` lists them. */
export const columnNames = (columns: Readonly<Record<string, Column>>): string[] => Object.keys(columns).map((k) => columns[k]!.name);
