/**
 * Values as the model stores and compares them: PostgreSQL's semantics, written independently of src/ (the
 * model must not share a bug with the code under test). Decimals are exact (BigInt), text compares by code
 * point (UTF-8 bytes: PostgreSQL's C.UTF-8 collation here and SQLite's BINARY both do), JSON as jsonb orders it.
 */
import type { ColumnInfo } from './fuzz-schema.js';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** One column's value in a row or a call: what the accessors take and return. */
export type Cell = JsonValue | Date;
export type Row = Readonly<Record<string, Cell>>;

/** A call the model says the database must refuse (a constraint, a value the column cannot hold). */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

// ---- decimals -------------------------------------------------------------------------------------------

/** mantissa / 10^scale, exactly. */
interface Exact {
  readonly mantissa: bigint;
  readonly scale: number;
}

// PostgreSQL's numeric input without exponents, NaN or Infinity (the generator writes none of those).
const DECIMAL_TEXT = /^[ \t\n\r\v\f]*([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))[ \t\n\r\v\f]*$/;

export function parseDecimal(text: string): Exact {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null) throw new Refusal(`${JSON.stringify(text)} is not a decimal`);
  const whole = m[2] ?? '0';
  const fraction = m[3] ?? m[4] ?? '';
  const magnitude = BigInt(`${whole}${fraction}`);
  return { mantissa: m[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

function rescale(value: Exact, scale: number): bigint {
  return value.mantissa * 10n ** BigInt(scale - value.scale);
}

export function compareExact(a: Exact, b: Exact): number {
  const scale = Math.max(a.scale, b.scale);
  const [x, y] = [rescale(a, scale), rescale(b, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** What numeric(precision, scale) stores: rounded half away from zero to `scale` digits, exactly `scale` digits shown. */
export function storeDecimal(text: string, precision: number, scale: number): string {
  const exact = parseDecimal(text);
  let magnitude = exact.mantissa < 0n ? -exact.mantissa : exact.mantissa;
  if (exact.scale <= scale) magnitude *= 10n ** BigInt(scale - exact.scale);
  else {
    const divisor = 10n ** BigInt(exact.scale - scale);
    const remainder = magnitude % divisor;
    magnitude = magnitude / divisor + (2n * remainder >= divisor ? 1n : 0n);
  }
  if (magnitude >= 10n ** BigInt(precision)) throw new Refusal(`${JSON.stringify(text)} overflows numeric(${precision}, ${scale})`);
  const digits = magnitude.toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  const body = scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return exact.mantissa < 0n && magnitude !== 0n ? `-${body}` : body;
}

// ---- text -----------------------------------------------------------------------------------------------

/** Code point order, which is UTF-8 byte order (JavaScript's own < compares UTF-16 units, which differs above U+FFFF). */
export function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function refuseNul(text: string, what: string): void {
  // PostgreSQL text and jsonb cannot hold U+0000 (invalid byte sequence / unsupported Unicode escape).
  if (text.includes('\u0000')) throw new Refusal(`${what} contains U+0000, which PostgreSQL cannot store`);
}

// ---- JSON (jsonb) ---------------------------------------------------------------------------------------

function jsonKind(v: JsonValue): number {
  // jsonb's type order: null < string < number < boolean < array < object.
  if (v === null) return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'boolean') return 3;
  return Array.isArray(v) ? 4 : 5;
}

function isJsonArray(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v);
}

/** jsonb stores object keys shorter first, then by bytes, and compares pairs in that order. */
function storedKeyOrder(a: string, b: string): number {
  return Buffer.byteLength(a) - Buffer.byteLength(b) || compareText(a, b);
}

/** PostgreSQL's jsonb ordering (compareJsonbContainers) for values whose top level is an object or array. */
export function compareJsonb(a: JsonValue, b: JsonValue): number {
  const [ka, kb] = [jsonKind(a), jsonKind(b)];
  if (ka !== kb) return ka - kb;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a === null || b === null) return 0;
  if (isJsonArray(a) && isJsonArray(b)) {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) {
      const c = compareJsonb(a[i] ?? null, b[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (isJsonArray(a) || isJsonArray(b) || typeof a !== 'object' || typeof b !== 'object') return 0;
  const [keysA, keysB] = [Object.keys(a).sort(storedKeyOrder), Object.keys(b).sort(storedKeyOrder)];
  if (keysA.length !== keysB.length) return keysA.length - keysB.length;
  for (let i = 0; i < keysA.length; i++) {
    const [x, y] = [keysA[i] ?? '', keysB[i] ?? ''];
    const c = compareText(x, y) || compareJsonb(a[x] ?? null, b[y] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

function jsonStored(value: JsonValue): JsonValue {
  const text = JSON.stringify(value);
  // JSON.stringify writes U+0000 as the escape \u0000, which jsonb refuses.
  if (text.includes('\\u0000')) throw new Refusal('a JSON string contains U+0000, which jsonb cannot store');
  return JSON.parse(text) as JsonValue;
}

// ---- per column -----------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
// timestamptz spans 4713 BC to 294276 AD; a JavaScript Date ends earlier (8.64e15 ms).
const TIMESTAMP_MS = { min: Date.UTC(-4712, 0, 1), max: 8.64e15 };

function expectType(column: ColumnInfo, value: Cell, ok: boolean): void {
  if (!ok) throw new Error(`fuzz harness: ${column.key} (${column.kind}) was given ${String(value)}`);
}

/**
 * A non-null value as a filter compares it: canonical where both engines canonicalise (UUIDs, -0), refused
 * where PostgreSQL refuses the parameter, and otherwise as given: a decimal filter value is not rounded to
 * the column's scale (PostgreSQL compares `numeric(18, 8) = '1.123456789'` exactly, and never matches).
 */
export function operand(column: ColumnInfo, value: Cell): Cell {
  switch (column.kind) {
    case 'uuid':
      expectType(column, value, typeof value === 'string');
      if (!UUID.test(value as string)) throw new Refusal(`${JSON.stringify(value)} is not a UUID`);
      return (value as string).toLowerCase();
    case 'text':
    case 'enum':
      expectType(column, value, typeof value === 'string');
      refuseNul(value as string, `${column.key} ${JSON.stringify(value)}`);
      return value;
    case 'decimal':
      expectType(column, value, typeof value === 'string');
      parseDecimal(value as string);
      return value;
    case 'integer':
    case 'bigint': {
      expectType(column, value, typeof value === 'number');
      const n = value as number;
      if (!Number.isInteger(n) || n < INT32.min || n > INT32.max) throw new Refusal(`${n} is not a 32-bit integer`);
      return n === 0 ? 0 : n;
    }
    case 'boolean':
      expectType(column, value, typeof value === 'boolean');
      return value;
    case 'timestamp': {
      expectType(column, value, value instanceof Date);
      const ms = (value as Date).getTime();
      if (!(ms >= TIMESTAMP_MS.min && ms <= TIMESTAMP_MS.max)) throw new Refusal(`${String(value)} is outside timestamptz's range`);
      return new Date(ms);
    }
    case 'json':
      expectType(column, value, !(value instanceof Date));
      return jsonStored(value as JsonValue);
  }
}

/** A value as the column stores it (and every read returns it): a filter operand, with decimals rounded to the column. */
export function stored(column: ColumnInfo, value: Cell): Cell {
  if (value === null) {
    if (!column.nullable) throw new Refusal(`${column.key} is NOT NULL`);
    return null;
  }
  if (column.kind === 'enum' && !column.values.includes(value as string)) throw new Refusal(`${column.key} ${JSON.stringify(value)} violates the CHECK`);
  if (column.kind === 'decimal') return storeDecimal(operand(column, value) as string, column.precision, column.scale);
  return operand(column, value);
}

/** Orders two non-null values of one column (a stored value against an operand or another stored value). */
export function compareCells(column: ColumnInfo, a: Cell, b: Cell): number {
  switch (column.kind) {
    case 'uuid':
    case 'text':
    case 'enum':
      return compareText(a as string, b as string);
    case 'decimal':
      return compareExact(parseDecimal(a as string), parseDecimal(b as string));
    case 'integer':
    case 'bigint':
      return Math.sign((a as number) - (b as number));
    case 'boolean':
      return Number(a) - Number(b);
    case 'timestamp':
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 'json':
      return compareJsonb(a as JsonValue, b as JsonValue);
  }
}
