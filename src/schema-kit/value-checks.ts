import { CtsDbError } from '../errors/cts-db-error.js';

export type ValueErrorCode = 'VALUE_INVALID_DECIMAL' | 'VALUE_OUT_OF_RANGE' | 'VALUE_INVALID_UUID';

/** A value that one of the dialects would store differently (or not at all): refused before it is sent. */
export class ValueError extends CtsDbError {
  declare readonly code: ValueErrorCode;
}

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

/** PostgreSQL `integer` is 32-bit; SQLite would store more, so both sides refuse what PostgreSQL refuses. */
export function checkInt32(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < INT32.min || n > INT32.max) {
    throw new ValueError(`${String(value)} is not a 32-bit integer`, { code: 'VALUE_OUT_OF_RANGE', subject: String(value), hint: 'use a bigint column for larger values' });
  }
  return n;
}

/** bigint columns are read as JS numbers: only safe integers (up to 2^53) survive the round trip exactly. */
export function checkSafeInteger(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new ValueError(`${String(value)} is not a safe integer (|n| <= 2^53 - 1), so it cannot be represented exactly as a JS number`, {
      code: 'VALUE_OUT_OF_RANGE',
      subject: String(value),
      hint: 'store larger values in a decimal column (exact, as a string)',
    });
  }
  return n;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs are TEXT on both dialects; one canonical lowercase form keeps comparisons and joins exact. */
export function canonicalUuid(value: unknown): string {
  const text = String(value);
  if (!UUID.test(text)) {
    throw new ValueError(`${JSON.stringify(text)} is not a UUID`, { code: 'VALUE_INVALID_UUID', subject: text, hint: 'use the 8-4-4-4-12 hexadecimal form, e.g. crypto.randomUUID()' });
  }
  return text.toLowerCase();
}
