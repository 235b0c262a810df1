import type { ColumnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';

/**
 * `select`, checked: own keys that are columns of `table`, each true or false, at least one true. Answers the
 * chosen keys in the schema's order (the order of the statement's columns), or undefined for every column.
 */
export function checkSelection(table: string, infos: ReadonlyMap<string, ColumnInfo>, select: unknown, path: string): readonly string[] | undefined {
  if (select === undefined) return undefined;
  if (!isPlainObject(select)) throw new QueryError(`${path}: expected { column: true, ... }, got ${select === null ? 'null' : Array.isArray(select) ? 'an array' : typeof select}`, { code: 'QUERY_INVALID_SELECT', subject: path, path, hint: 'write select: { id: true, symbol: true }' });
  const chosen = new Set<string>();
  for (const key of ownKeys(select)) {
    const at = `${path}.${key}`;
    if (!infos.has(key)) throw new QueryError(`${table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...infos.keys()].join(', ')}` });
    const on = select[key];
    if (on === undefined) throw new QueryError(`${at} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: at, path: at, hint: 'write true to read the column, or leave it out' });
    if (typeof on !== 'boolean') throw new QueryError(`${at}: expected true or false, got ${typeof on}`, { code: 'QUERY_INVALID_SELECT', subject: at, path: at, hint: 'write true to read the column' });
    if (on) chosen.add(key);
  }
  if (chosen.size === 0) throw new QueryError(`${path}: selects no column`, { code: 'QUERY_INVALID_SELECT', subject: path, path, hint: 'select at least one column with true, or leave select out to read them all' });
  return [...infos.keys()].filter((k) => chosen.has(k));
}
