import type { ColumnInfo } from './column-info.js';
import { checkDecimalWrite, checkKind } from './check-value.js';
import { QueryError } from './query-error.js';
import { isPlainObject, ownKeys } from './plain-input.js';

/** The options object of a call: a plain object (or nothing, where that is allowed) with only known keys. */
export function checkOptions(options: unknown, allowed: readonly string[], path: string, required: boolean): Record<string, unknown> {
  if (options === undefined && !required) return {};
  if (!isPlainObject(options)) {
    throw new QueryError(`${path}: expected an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`, {
      code: 'QUERY_INVALID_FILTER',
      subject: path,
      path,
      hint: `pass { ${allowed.join(', ')} }`,
    });
  }
  for (const key of ownKeys(options)) {
    if (!allowed.includes(key)) {
      throw new QueryError(`${path}: unknown option ${JSON.stringify(key)}`, {
        code: 'QUERY_UNKNOWN_OPTION',
        subject: `${path}.${key}`,
        path: `${path}.${key}`,
        hint: `the options here are: ${allowed.join(', ')} (an unknown option is never ignored: it could widen what the call touches)`,
      });
    }
  }
  return options;
}

const unknownColumn = (table: string, columns: ReadonlyMap<string, ColumnInfo>, key: string, at: string) =>
  new QueryError(`${table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...columns.keys()].join(', ')}` });

/**
 * Column values to write (a row to insert, or `set`): known own keys only, each value of its column's kind or
 * null. `undefined` leaves the column out, as in an object literal with an optional property.
 */
export function checkValues(table: string, columns: ReadonlyMap<string, ColumnInfo>, values: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(values)) {
    throw new QueryError(`${path}: expected an object of column values, got ${values === null ? 'null' : Array.isArray(values) ? 'an array' : typeof values}`, {
      code: 'QUERY_INVALID_VALUE',
      subject: path,
      path,
      hint: 'pass { column: value, ... }',
    });
  }
  // A copy made of one read of each key: what was checked is what is written (a getter read again could
  // answer something else).
  const out: Record<string, unknown> = {};
  for (const key of ownKeys(values)) {
    const info = columns.get(key);
    const at = `${path}.${key}`;
    if (info === undefined) throw unknownColumn(table, columns, key, at);
    const value = values[key];
    if (value !== undefined && value !== null) {
      checkKind(info, value, at);
      if (info.kind === 'decimal') checkDecimalWrite(info, value as string, at);
      // A JSON object without a prototype (Object.create(null), some parsers' output) is valid JSON, but
      // Drizzle's builder reads the value's constructor and crashed on it: written as the plain object it equals.
      if (info.kind === 'json' && typeof value === 'object' && Object.getPrototypeOf(value) === null) {
        out[key] = { ...(value as object) };
        continue;
      }
    }
    out[key] = value;
  }
  return out;
}

/** `set` of an update: checked values, without the undefined ones; refused when nothing is left to set. */
export function checkSet(table: string, columns: ReadonlyMap<string, ColumnInfo>, set: unknown, path: string): Record<string, unknown> {
  const checked = checkValues(table, columns, set, path);
  const out: Record<string, unknown> = {};
  for (const key of ownKeys(checked)) if (checked[key] !== undefined) out[key] = checked[key];
  if (Object.keys(out).length === 0) throw new QueryError(`${path}: nothing to set`, { code: 'QUERY_INVALID_SET', subject: path, path, hint: 'give at least one column with a value (undefined values are left out)' });
  return out;
}

/** A limit or offset: a whole number >= 0, or undefined; `owner` is the path of the options it is in. */
export function checkCount(name: string, value: unknown, owner: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const path = `${owner}.${name}`;
    throw new QueryError(`${path} must be a whole number >= 0, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: `pass ${name}: 10, for example` });
  }
  return value;
}
