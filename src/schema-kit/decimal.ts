import { ValueError } from './value-checks.js';

/**
 * Exact decimals in canonical form: PostgreSQL's numeric(p, s) returns every value with exactly `s`
 * fractional digits, rounded half away from zero. SQLite stores them as TEXT, so the SQLite side writes the
 * same canonical string, and both engines read back the identical value.
 */
const DECIMAL = /^([+-])?(\d+)?(?:\.(\d*))?$/;

/** Thrown for text that is not a decimal or does not fit numeric(p, s). */
export class DecimalError extends ValueError {}

function invalid(message: string, input: string, hint: string): DecimalError {
  return new DecimalError(message, { code: 'VALUE_INVALID_DECIMAL', subject: input, hint });
}

export function normalizeDecimal(input: string, precision: number, scale: number): string {
  const match = DECIMAL.exec(input.trim());
  if (match === null || (match[2] === undefined && (match[3] === undefined || match[3] === ''))) {
    throw invalid(`${JSON.stringify(input)} is not a decimal number`, input, 'give digits with an optional point, e.g. "123.45" (no exponent, no thousands separators)');
  }
  const negative = match[1] === '-';
  const intPart = match[2] ?? '0';
  const frac = match[3] ?? '';
  // Scale to `scale` digits with one guard digit, then round half away from zero.
  const digits = BigInt(intPart + frac.padEnd(scale + 1, '0').slice(0, scale + 1));
  // Half away from zero on the magnitude: only the first dropped digit decides.
  const scaled = digits / 10n + (digits % 10n >= 5n ? 1n : 0n);
  const text = scaled.toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  if (whole.replace(/^0+/, '').length > precision - scale) {
    throw invalid(`${JSON.stringify(input)} does not fit numeric(${precision}, ${scale})`, input, `at most ${precision - scale} digits before the point`);
  }
  const fraction = scale === 0 ? '' : `.${text.slice(text.length - scale)}`;
  const isZero = scaled === 0n;
  return `${negative && !isZero ? '-' : ''}${whole}${fraction}`;
}
