import { normalizeDecimal } from '../schema-kit/decimal.js';
import { decimalParts } from '../schema-kit/decimal-key.js';
import { isCtsDbError } from '../errors/cts-db-error.js';
import { INT32_MAX, INT32_MIN, checkKind } from './check-value.js';
import { decimalScale, decimalUnits, unitsText } from './decimal-units.js';
import type { ColumnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';

export const ARITHMETIC_OPERATORS = ['increment', 'decrement', 'multiply'] as const;
export type ArithmeticOperator = (typeof ARITHMETIC_OPERATORS)[number];

const NUMERIC = new Set(['integer', 'bigint', 'decimal']);

/** One column of `set` computed from its current value. */
export interface ArithmeticUpdate {
  readonly key: string;
  readonly op: ArithmeticOperator;
  /** A number for integer and bigint columns, a plain decimal string for decimal columns. */
  readonly operand: number | string;
  readonly info: ColumnInfo;
  readonly path: string;
}

/**
 * `set` split into the plain values (checked later as any set) and the arithmetic updates, checked now: on a
 * numeric column an object is `{ increment | decrement | multiply: value }` with a value of the column's kind.
 * Anything else is left in `plain`, where an object on a non-JSON column is refused as a wrong value as before.
 */
export function splitArithmetic(columns: ReadonlyMap<string, ColumnInfo>, set: unknown, path: string): { readonly plain: unknown; readonly arithmetic: readonly ArithmeticUpdate[] } {
  if (!isPlainObject(set)) return { plain: set, arithmetic: [] };
  const plain: Record<string, unknown> = {};
  const arithmetic: ArithmeticUpdate[] = [];
  for (const key of ownKeys(set)) {
    const info = columns.get(key);
    const value = set[key];
    if (info === undefined || !NUMERIC.has(info.kind) || !isPlainObject(value)) {
      // Defined, not assigned: a key "__proto__" from JSON.parse must stay a key (and be refused as no column),
      // not set the copy's prototype and vanish.
      Object.defineProperty(plain, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const at = `${path}.${key}`;
    const ops = ownKeys(value);
    const op = ops[0];
    if (ops.length !== 1 || op === undefined || !(ARITHMETIC_OPERATORS as readonly string[]).includes(op)) {
      throw new QueryError(`${at}: expected a value or one of { increment | decrement | multiply: value }, got { ${ops.join(', ')} }`, {
        code: 'QUERY_INVALID_SET',
        subject: at,
        path: at,
        hint: `write ${key}: { increment: ${info.kind === 'decimal' ? "'0.5'" : '1'} }, one operator per column`,
      });
    }
    const opAt = `${at}.${op}`;
    const operand = value[op];
    if (operand === undefined) throw new QueryError(`${opAt} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: opAt, path: opAt, hint: 'give the amount (undefined would change nothing, silently)' });
    if (operand === null) throw new QueryError(`${opAt} is null`, { code: 'QUERY_INVALID_VALUE', subject: opAt, path: opAt, hint: 'give an amount: arithmetic with NULL gives NULL; to clear the column set it to null' });
    checkKind(info, operand, opAt);
    if (info.kind === 'decimal' && decimalParts(operand as string) === undefined) {
      throw new QueryError(`${opAt}: expected a plain decimal such as "0.5", got ${JSON.stringify(operand)}`, { code: 'QUERY_INVALID_VALUE', subject: opAt, path: opAt, hint: 'digits with an optional sign and point; no exponent, spaces or thousands separators' });
    }
    arithmetic.push({ key, op: op as ArithmeticOperator, operand: operand as number | string, info, path: opAt });
  }
  // Each key of `set` was read once, here: what goes on is that copy (a getter read again could answer otherwise).
  return { plain, arithmetic };
}

/** A plain decimal as an integer at its own scale: "-1.50" is -15 at scale 1. */
function scaled(text: string): { readonly units: bigint; readonly scale: number } {
  const scale = decimalScale(text)!;
  return { units: decimalUnits(text, scale)!, scale };
}

/** The exact result of `current op operand` for decimals, before rounding to the column. */
function decimalResult(current: string, op: ArithmeticOperator, operand: string): string {
  const a = scaled(current);
  const b = scaled(operand);
  if (op === 'multiply') return unitsText(a.units * b.units, a.scale + b.scale);
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return unitsText(op === 'increment' ? x + y : x - y, scale);
}

const outOfRange = (update: ArithmeticUpdate, result: string, hint: string) =>
  new QueryError(`${update.path}: the result ${result} does not fit ${update.key} (${update.info.kind === 'decimal' ? `numeric(${update.info.precision}, ${update.info.scale})` : update.info.kind})`, {
    code: 'QUERY_INVALID_VALUE',
    subject: update.path,
    path: update.path,
    hint,
  });

/**
 * The new value of a column: exact for decimals and rounded to the column's scale half away from zero, as an
 * insert of that value would be (PostgreSQL's numeric rounding); a result that does not fit the column is refused
 * like such an insert. NULL stays NULL, as in SQL.
 */
export function applyArithmetic(current: unknown, update: ArithmeticUpdate): unknown {
  if (current === null || current === undefined) return null;
  if (update.info.kind === 'decimal') {
    const exact = decimalResult(String(current), update.op, update.operand as string);
    try {
      return normalizeDecimal(exact, update.info.precision, update.info.scale);
    } catch (error) {
      if (isCtsDbError(error)) throw outOfRange(update, exact, error.hint ?? `at most ${update.info.precision - update.info.scale} digits before the point`);
      throw error;
    }
  }
  const a = current as number;
  const b = update.operand as number;
  const result = update.op === 'increment' ? a + b : update.op === 'decrement' ? a - b : a * b;
  if (update.info.kind === 'integer' ? !Number.isInteger(result) || result < INT32_MIN || result > INT32_MAX : !Number.isSafeInteger(result)) {
    throw outOfRange(update, String(result), update.info.kind === 'integer' ? 'integer columns hold whole numbers from -2147483648 to 2147483647' : 'bigint columns hold safe whole numbers (|n| <= 2^53 - 1)');
  }
  // -0 (0 * -1) is 0 in SQL.
  return result === 0 ? 0 : result;
}
