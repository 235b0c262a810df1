/**
 * Exact decimals in canonical form: PostgreSQL's numeric(p, s) returns every value with exactly `s`
 * fractional digits, rounded half away from zero. SQLite stores them as TEXT, so the SQLite side writes the
 * same canonical string, and both engines read back the identical value.
 */
const DECIMAL = /^([+-])?(\d+)?(?:\.(\d*))?$/;

export class DecimalError extends Error {}

export function normalizeDecimal(input: string, precision: number, scale: number): string {
  const match = DECIMAL.exec(input.trim());
  if (match === null || (match[2] === undefined && (match[3] === undefined || match[3] === ''))) {
    throw new DecimalError(`${JSON.stringify(input)} is not a decimal number (expected digits with an optional point, e.g. "123.45")`);
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
    throw new DecimalError(`${JSON.stringify(input)} does not fit numeric(${precision}, ${scale}): at most ${precision - scale} digits before the point`);
  }
  const fraction = scale === 0 ? '' : `.${text.slice(text.length - scale)}`;
  const isZero = scaled === 0n;
  return `${negative && !isZero ? '-' : ''}${whole}${fraction}`;
}
