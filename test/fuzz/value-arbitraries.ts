/**
 * Values for each column kind, biased to the edges where two engines can disagree: decimals over the whole
 * range of numeric(p, s) written in several ways (fewer or more fraction digits, signs, leading zeros),
 * text across Unicode (astral plane, combining marks, code points whose UTF-16 and UTF-8 orders differ),
 * timestamps at millisecond edges, int32 limits, and JSON objects with unicode keys and mixed values.
 */
import fc from 'fast-check';
import { ID_POOLS, type ColumnInfo, type FuzzTable, type TableInfo } from './fuzz-schema.js';
import type { Cell, JsonValue } from './model-values.js';

/** What the generator leaves out (FUZZ_SKIP), to look past a known discrepancy while exploring; empty by default. */
export interface GenSettings {
  /** Column kinds kept out of where, orderBy and update sets (`decimal`, `json`, ...), and `nul`, `early-dates`. */
  readonly skip: ReadonlySet<string>;
}

const rarely = (n: number) => fc.integer({ min: 0, max: n - 1 }).map((x) => x === 0);

// ---- decimals -------------------------------------------------------------------------------------------

const FORMS = ['canonical', 'short', 'plus', 'leading-zeros', 'bare-point', 'spaces', 'negative-zero'] as const;
type DecimalForm = (typeof FORMS)[number];

function renderDecimal(scaled: bigint, scale: number, form: DecimalForm, extra: string | undefined): string {
  const negative = scaled < 0n || (form === 'negative-zero' && scaled === 0n);
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, '0');
  let whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale) + (extra ?? '');
  if (form === 'short') fraction = fraction.replace(/0+$/, '');
  if (form === 'leading-zeros') whole = `00${whole}`;
  if (form === 'bare-point' && whole === '0' && fraction !== '') whole = '';
  const point = fraction === '' ? (form === 'bare-point' ? '.' : '') : `.${fraction}`;
  const text = `${negative ? '-' : form === 'plus' ? '+' : ''}${whole}${point}`;
  return form === 'spaces' ? ` ${text} ` : text;
}

/**
 * Decimal text for numeric(precision, scale): zero, the smallest and largest magnitudes (and one past the
 * largest, which must be refused), whole numbers (trailing zeros), small values, anything in range; given
 * canonically or with fewer digits, a sign, leading zeros, no leading 0, spaces, or extra digits that round
 * at the last digit of the scale (half away from zero, possibly past the largest value).
 */
export function decimalArb(precision: number, scale: number, outOfRange: boolean): fc.Arbitrary<string> {
  const max = 10n ** BigInt(precision) - 1n;
  const one = 10n ** BigInt(scale);
  const scaled = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(0n, 1n, -1n, max, -max, one, -one, one / 2n, -(one / 2n), 10n * one, max - one + 1n) },
    // Unbiased: fast-check's bias would mostly pick the bounds, which the edges above already cover.
    { weight: 10, arbitrary: fc.noBias(fc.bigInt({ min: -max, max })) },
    { weight: 10, arbitrary: fc.bigInt({ min: -1000n * one, max: 1000n * one }) },
    { weight: 10, arbitrary: fc.bigInt({ min: -1000n, max: 1000n }).map((n) => n * one) },
    // One past the largest magnitude: refused. Rare (a row has several decimals, a setup several rows).
    ...(outOfRange ? [{ weight: 1, arbitrary: fc.constantFrom(max + 1n, -(max + 1n)) }] : []),
  );
  const extra = fc.option(fc.oneof(fc.constantFrom('5', '4', '49', '50', '9', '0', '51'), fc.stringMatching(/^\d{1,3}$/)), { nil: undefined, freq: 3 });
  // Extra digits on the largest magnitude may round past it: out of range too.
  return fc.tuple(scaled, fc.constantFrom(...FORMS), extra).map(([n, form, more]) => renderDecimal(n, scale, form, outOfRange || (n !== max && n !== -max) ? more : undefined));
}

// ---- text -----------------------------------------------------------------------------------------------

const EDGE_TEXTS = [
  '',
  'a',
  'A',
  'z',
  '0',
  ' ',
  'a ',
  '%',
  '_',
  "'",
  '\\',
  'é', // precomposed
  'e\u0301', // e + combining acute: the same text to a reader, other code points
  '\u0301',
  'ß',
  'İ',
  '\uE000', // private use: after the astral plane in UTF-16 order, before it in code point order
  '\uFFFF',
  '\u{1F600}',
  '\u{10000}',
  '\u{10FFFF}',
  '\u{1D518}\u{1D52B}',
  'a\u0000b',
];

export function textArb(settings: GenSettings): fc.Arbitrary<string> {
  const clean = (s: string) => !settings.skip.has('nul') || !s.includes('\u0000');
  return fc.oneof(
    fc.constantFrom(...EDGE_TEXTS.filter(clean)),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
    fc.string({ unit: 'binary', maxLength: 4 }).filter(clean),
    // Letters in both cases (ASCII and not) and the characters LIKE and GLOB treat as wildcards or escapes.
    fc.string({ unit: fc.constantFrom('a', 'b', 'B', '\u00e9', '\u00c9', '\u{1F600}', '%', '_', '\\', '*', '?', '['), maxLength: 3 }),
  );
}

// ---- timestamps, integers, JSON -------------------------------------------------------------------------

export function timestampArb(settings: GenSettings): fc.Arbitrary<Date> {
  const min = Date.parse(settings.skip.has('early-dates') ? '0100-01-01T00:00:00.000Z' : '0001-01-01T00:00:00.000Z');
  const max = Date.parse('9999-12-31T23:59:59.999Z');
  const edges = [0, -1, 1, 999, -999, 1000, -1000, min, max, Date.parse('0099-12-31T23:59:59.999Z'), Date.parse('1900-01-01T00:00:00.000Z'), Date.parse('2024-02-29T23:59:59.999Z')];
  return fc
    .oneof(fc.constantFrom(...edges.filter((ms) => ms >= min)), fc.integer({ min, max }), fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }))
    .map((ms) => new Date(ms));
}

export function int32Arb(outOfRange: boolean): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31 - 2) },
    { weight: 10, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
    { weight: 10, arbitrary: fc.integer({ min: -10, max: 10 }) },
    // Past int32: both engines must refuse.
    ...(outOfRange ? [{ weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1) }] : []),
  );
}

export function jsonObjectArb(settings: GenSettings): fc.Arbitrary<{ readonly [key: string]: JsonValue }> {
  const key = fc.oneof(fc.constantFrom('', 'a', 'b', 'B', 'aa', 'level', '\u00e9', '\u{1F600}'), fc.string({ maxLength: 3 }));
  const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    textArb(settings),
  );
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true })),
  }));
  return fc.dictionary(key, value, { maxKeys: 3, noNullPrototype: true });
}

// ---- per column -----------------------------------------------------------------------------------------

/** The table whose id pool a uuid column draws from (its own ids, or the parent's for a foreign key). */
function uuidPool(table: TableInfo, column: ColumnInfo): FuzzTable {
  if (column.primaryKey) return table.key;
  const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === column.key);
  return fk?.table ?? table.key;
}

/**
 * A key from the pool; now and then spelled in upper case (the same UUID to both engines). A foreign key
 * mostly names one of the first keys, which the setup inserts.
 */
export function uuidArb(table: TableInfo, column: ColumnInfo): fc.Arbitrary<string> {
  const pool = ID_POOLS[uuidPool(table, column)];
  const index = column.primaryKey ? fc.nat(pool.length - 1) : fc.oneof({ weight: 4, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.nat(pool.length - 1) });
  return fc.tuple(index, rarely(8)).map(([i, upper]) => (upper ? pool[i]!.toUpperCase() : pool[i]!));
}

/**
 * A non-null value for a column. `outOfRange`: now and then one the column cannot hold (a decimal or an
 * integer past its range), which both engines must refuse.
 */
export function valueArb(table: TableInfo, column: ColumnInfo, settings: GenSettings, outOfRange = false): fc.Arbitrary<Cell> {
  switch (column.kind) {
    case 'uuid':
      return uuidArb(table, column);
    case 'text':
      return textArb(settings);
    case 'enum':
      return fc.constantFrom(...column.values);
    case 'decimal':
      return decimalArb(column.precision, column.scale, outOfRange);
    case 'integer':
    case 'bigint':
      return int32Arb(outOfRange);
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return timestampArb(settings);
    case 'json':
      return jsonObjectArb(settings);
  }
}
