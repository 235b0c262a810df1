import { decimalParts } from '../schema-kit/decimal-key.js';

/**
 * Exact decimal arithmetic as BigInt units at a scale ("-1.50" is -150 at scale 2), for what the accessors compute
 * themselves: increments (arithmetic-set.ts), sums and averages (aggregate.ts), comparisons (group-by.ts).
 */

/** A plain decimal as units at `scale`; undefined when it is not one or has more fraction digits than `scale`. */
export function decimalUnits(text: string, scale: number): bigint | undefined {
  const parts = decimalParts(text);
  if (parts === undefined || parts.fraction.length > scale) return undefined;
  const units = BigInt(`${parts.whole}${parts.fraction.padEnd(scale, '0')}` || '0');
  return parts.negative ? -units : units;
}

/** The fraction digits a plain decimal has (trailing zeros dropped); undefined when it is not one. */
export const decimalScale = (text: string): number | undefined => decimalParts(text)?.fraction.length;

/** Units at a scale as plain decimal text with exactly `scale` fraction digits: -150 at 2 is "-1.50". */
export function unitsText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}
