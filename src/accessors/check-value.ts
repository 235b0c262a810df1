import { decimalParts, MAX_KEY_INTEGER_DIGITS, type DecimalParts } from '../schema-kit/decimal-key.js';
import { isCtsDbError } from '../errors/cts-db-error.js';
import { normalizeDecimal } from '../schema-kit/decimal.js';
import type { ColumnInfo } from './column-info.js';
import { QueryError } from './query-error.js';

/** How a dialect binds an exact decimal in a filter: never rounded to the column's scale, never range-checked. */
export type DecimalFilterEncoder = (parts: DecimalParts) => unknown;

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'an invalid Date';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

function wrongKind(path: string, value: unknown, expected: string, hint: string): QueryError {
  return new QueryError(`${path}: expected ${expected}, got ${describe(value)}`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint });
}

// PostgreSQL refuses U+0000 in text and jsonb; SQLite stores it but libSQL reads the text back cut at it.
const noNul = (path: string) =>
  new QueryError(`${path}: text with the character U+0000`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: 'remove the NUL character (PostgreSQL cannot store it in text or JSON)' });

// A lone UTF-16 surrogate has no UTF-8 form: PostgreSQL refuses it in JSON and both engines replace it in text.
const loneSurrogate = (path: string) =>
  new QueryError(`${path}: text with a lone UTF-16 surrogate`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: 'the string is not well-formed Unicode (half of a surrogate pair?): it cannot be stored unchanged' });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hasLoneSurrogate = (text: string) => LONE_SURROGATE.test(text);

/** Whether every key and string of a JSON text is well-formed once decoded (JSON.stringify escapes lone surrogates). */
function wellFormedJson(text: string): boolean {
  let ok = true;
  JSON.parse(text, (key, v: unknown) => {
    if (hasLoneSurrogate(key) || (typeof v === 'string' && hasLoneSurrogate(v))) ok = false;
    return v;
  });
  return ok;
}

/** Whether `value` is what the column holds in TypeScript (no null); the message names what was expected. */
export function checkKind(info: ColumnInfo, value: unknown, path: string): void {
  switch (info.kind) {
    case 'uuid':
    case 'text':
      if (typeof value !== 'string') throw wrongKind(path, value, 'a string', 'pass the value as a string');
      if (value.includes('\0')) throw noNul(path);
      if (hasLoneSurrogate(value)) throw loneSurrogate(path);
      return;
    case 'enum':
      if (typeof value !== 'string' || !info.values!.has(value)) {
        throw wrongKind(path, value, `one of ${[...info.values!].map((v) => JSON.stringify(v)).join(', ')}`, 'use one of the allowed values (schema/)');
      }
      return;
    case 'decimal':
      if (typeof value !== 'string') throw wrongKind(path, value, 'a decimal as a string, such as "12.5"', 'pass exact decimals as strings: a JS number is binary floating point');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        throw wrongKind(path, value, 'a 32-bit whole number', 'integer columns hold whole numbers from -2147483648 to 2147483647');
      }
      return;
    case 'bigint':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongKind(path, value, 'a safe whole number (|n| <= 2^53 - 1)', 'bigint columns are read as JS numbers: only safe integers are exact');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongKind(path, value, 'true or false', 'pass a boolean');
      return;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw wrongKind(path, value, 'a valid Date', 'pass a Date (new Date(text) of an unparsable text is an invalid Date)');
      // PostgreSQL takes ISO years 0001 to 9999 from toISOString(); SQLite would store any, so both refuse the rest.
      if (value.getUTCFullYear() < 1 || value.getUTCFullYear() > 9999) throw wrongKind(path, value.toISOString(), 'a Date from year 1 to 9999', 'dates outside years 1 to 9999 cannot be stored the same way on both engines');
      return;
    case 'json':
      // Any JSON value; what JSON.stringify cannot represent is refused.
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value))) {
        throw wrongKind(path, value, 'a JSON value', 'pass plain objects, arrays, strings, finite numbers, booleans or null');
      }
      {
        const text = JSON.stringify(value);
        if (text?.includes('\\u0000') === true) throw noNul(path);
        // JSON.stringify escapes a lone surrogate as \udXXX (well-formed output), so look for the escape.
        if (text !== undefined && text.includes('\\ud') && !wellFormedJson(text)) throw loneSurrogate(path);
      }
      return;
  }
}

/**
 * A filter value checked and put in the driver's form. Decimals are exact (a filter on '1.123456789' against a
 * scale-8 column matches nothing, as on PostgreSQL); everything else goes through the column's own mapping.
 */
export function filterValue(info: ColumnInfo, value: unknown, path: string, decimal: DecimalFilterEncoder): unknown {
  checkKind(info, value, path);
  if (info.kind === 'decimal') {
    const parts = decimalParts(value as string);
    if (parts === undefined) throw wrongKind(path, value, 'a plain decimal such as "12.5" or "-0.001"', 'digits with an optional sign and point; no exponent, spaces or thousands separators');
    if (parts.whole.length > MAX_KEY_INTEGER_DIGITS) throw wrongKind(path, value, `at most ${MAX_KEY_INTEGER_DIGITS} digits before the point`, 'compare with a smaller value');
    return decimal(parts);
  }
  try {
    return info.column.mapToDriverValue(value);
  } catch (error) {
    // The column's own checks (a malformed UUID): the same refusal, with the path.
    if (isCtsDbError(error)) throw new QueryError(`${path}: ${error.message.split('\n')[0]}`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: error.hint, cause: error });
    throw error;
  }
}

/** PostgreSQL binds the exact decimal as text (numeric parses it); no rounding. */
export const plainDecimal: DecimalFilterEncoder = (parts) => `${parts.negative ? '-' : ''}${parts.whole === '' ? '0' : parts.whole}${parts.fraction === '' ? '' : `.${parts.fraction}`}`;

// What PostgreSQL's numeric input takes besides the number: ASCII white space around it (isspace), nothing else.
const WRITTEN_DECIMAL = /^[ \t\n\r\f\v]*[+-]?(?:\d+\.?\d*|\.\d+)[ \t\n\r\f\v]*$/;

/**
 * A decimal to write, checked as both engines will store it: plain digits (no exponent, NaN, Infinity, other
 * white space), and within numeric(precision, scale) after rounding to the scale, as PostgreSQL rounds it.
 */
export function checkDecimalWrite(info: ColumnInfo, value: string, path: string): void {
  if (!WRITTEN_DECIMAL.test(value)) {
    throw wrongKind(path, value, 'a plain decimal such as "12.5" or "-0.001"', 'digits with an optional sign and point; no exponent, NaN, Infinity or thousands separators');
  }
  try {
    normalizeDecimal(value, info.precision, info.scale);
  } catch (error) {
    if (isCtsDbError(error)) throw new QueryError(`${path}: ${error.message.split('\n')[0]}`, { code: 'QUERY_INVALID_VALUE', subject: path, path, hint: error.hint, cause: error });
    throw error;
  }
}
