import { DecimalError, normalizeDecimal } from './decimal.js';

/**
 * How SQLite stores exact decimals: an order-preserving text key, so that SQLite's byte-wise comparison of
 * TEXT (`=`, `<`, `ORDER BY`, `min`/`max`, UNIQUE, and range scans on an index) gives PostgreSQL's numeric
 * answers exactly. The key does not depend on the column's precision or scale (trailing zeros are dropped),
 * so a change of scale leaves every stored key valid; reads format the value with the column's scale.
 *
 *   positive or zero:  'P' + two digits: how many integer digits + the integer digits (no leading zeros)
 *                      + ('.' + fraction digits without trailing zeros, when there are any)
 *                      106.5 -> 'P03106.5', 0.25 -> 'P00.25', 12 -> 'P0212', 0 -> 'P00'
 *   negative:          'N' + (99 - integer digit count) as two digits + every digit replaced by 9 - digit,
 *                      the point kept, then '~'
 *                      -106.5 -> 'N96893.4~', -0.25 -> 'N99.74~'
 *
 * 'N' < 'P' puts negatives first; a longer integer part is larger (smaller, complemented, for negatives);
 * '~' sorts after every digit and the point, so -0.5 ('N99.4~') sorts after -0.51 ('N99.48~').
 */

/** Most integer digits a key can hold (two-digit count). */
export const MAX_KEY_INTEGER_DIGITS = 99;

const PLAIN = /^([+-])?(\d*)(?:\.(\d*))?$/;

export interface DecimalParts {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for |value| < 1). */
  readonly whole: string;
  /** Fraction digits without trailing zeros. */
  readonly fraction: string;
}

/** Splits a plain decimal (digits, an optional point and sign; no exponent) exactly, without rounding. */
export function decimalParts(input: string): DecimalParts | undefined {
  const match = PLAIN.exec(input);
  if (match === null) return undefined;
  const rawWhole = match[2] ?? '';
  const rawFraction = match[3] ?? '';
  if (rawWhole === '' && rawFraction === '') return undefined;
  const whole = rawWhole.replace(/^0+/, '');
  const fraction = rawFraction.replace(/0+$/, '');
  return { negative: match[1] === '-' && (whole !== '' || fraction !== ''), whole, fraction };
}

const complement = (digits: string): string => {
  let out = '';
  for (let i = 0; i < digits.length; i++) out += String.fromCharCode(105 - digits.charCodeAt(i)); // '0'+'9' = 105
  return out;
};

/** The key of exact parts (see the file comment). */
export function keyOfParts(parts: DecimalParts): string {
  const { whole, fraction } = parts;
  if (whole.length > MAX_KEY_INTEGER_DIGITS) {
    throw new DecimalError(`a decimal with ${whole.length} integer digits cannot be stored`, { code: 'VALUE_INVALID_DECIMAL', subject: `${whole}.${fraction}`, hint: `at most ${MAX_KEY_INTEGER_DIGITS} digits before the point` });
  }
  if (!parts.negative) return `P${String(whole.length).padStart(2, '0')}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  return `N${String(MAX_KEY_INTEGER_DIGITS - whole.length).padStart(2, '0')}${complement(whole)}${fraction === '' ? '' : `.${complement(fraction)}`}~`;
}

/** The key of a value written to a numeric(precision, scale) column: rounded and range-checked as PostgreSQL does. */
export function decimalKey(input: string, precision: number, scale: number): string {
  return keyOfParts(decimalParts(normalizeDecimal(input, precision, scale))!);
}

const KEY = /^(?:P(\d\d)(\d*)(?:\.(\d+))?|N(\d\d)(\d*)(?:\.(\d+))?~)$/;

/** The exact parts a key holds; undefined for text that is not a key. */
export function partsOfKey(key: string): DecimalParts | undefined {
  const match = KEY.exec(key);
  if (match === null) return undefined;
  if (match[1] !== undefined) {
    const whole = match[2] ?? '';
    if (Number(match[1]) !== whole.length || whole.startsWith('0')) return undefined;
    return { negative: false, whole, fraction: match[3] ?? '' };
  }
  const whole = complement(match[5] ?? '');
  const fraction = complement(match[6] ?? '');
  if (MAX_KEY_INTEGER_DIGITS - Number(match[4]) !== whole.length || whole.startsWith('0') || (whole === '' && fraction === '')) return undefined;
  return { negative: true, whole, fraction };
}

/** Whether key[from, to) is all ASCII digits. */
function digitsBetween(key: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * formatKey for a non-negative key whose fraction fits the scale, read without the pattern: every decimal of
 * every row read from SQLite goes through here (eleven per position with its connection). Undefined for any
 * other key, which takes the general path.
 */
function formatPositiveKey(key: string, scale: number): string | undefined {
  if (key.charCodeAt(0) !== 80 || key.length < 3 || !digitsBetween(key, 1, 3)) return undefined; // 'P'
  const n = (key.charCodeAt(1) - 48) * 10 + (key.charCodeAt(2) - 48);
  const wholeEnd = 3 + n;
  if (wholeEnd > key.length || !digitsBetween(key, 3, wholeEnd) || (n > 0 && key.charCodeAt(3) === 48)) return undefined;
  let fraction = '';
  if (wholeEnd < key.length) {
    if (key.charCodeAt(wholeEnd) !== 46 || wholeEnd + 1 === key.length || !digitsBetween(key, wholeEnd + 1, key.length)) return undefined; // '.'
    fraction = key.slice(wholeEnd + 1);
    if (fraction.length > scale) return undefined;
  }
  const whole = n === 0 ? '0' : key.slice(3, wholeEnd);
  return scale === 0 ? whole : `${whole}.${fraction.padEnd(scale, '0')}`;
}

/** A key read back in PostgreSQL's form for numeric(…, scale): exactly `scale` fraction digits. */
export function formatKey(key: string, scale: number): string {
  const fast = formatPositiveKey(key, scale);
  if (fast !== undefined) return fast;
  const parts = partsOfKey(key);
  if (parts === undefined) {
    throw new DecimalError(`${JSON.stringify(key)} is not a stored decimal`, {
      code: 'VALUE_INVALID_DECIMAL',
      subject: key,
      hint: 'the SQLite file holds a value written outside this toolkit; decimals are stored as order-preserving keys (README: "Exact decimals")',
    });
  }
  const sign = parts.negative ? '-' : '';
  const whole = parts.whole === '' ? '0' : parts.whole;
  // A key with more fraction digits than the scale (the column's scale was narrowed): round as PostgreSQL did.
  if (parts.fraction.length > scale) return normalizeDecimal(`${sign}${whole}.${parts.fraction}`, 1000, scale);
  return scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${parts.fraction.padEnd(scale, '0')}`;
}
