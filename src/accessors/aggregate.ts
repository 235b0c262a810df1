import { count, getTableColumns, getTableName, max, min, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { LooseDb } from './loose-db.js';
import { decimalUnits, unitsText } from './decimal-units.js';
import type { ColumnInfo } from './column-info.js';
import { isPlainObject, ownKeys } from './plain-input.js';
import { QueryError } from './query-error.js';

/** The aggregate keys of `aggregate` (and, later, `groupBy`), as Prisma names them. */
export const AGGREGATES = ['_count', '_sum', '_avg', '_min', '_max'] as const;
export type AggregateName = (typeof AGGREGATES)[number];

/** Kinds whose sum and average are defined; both engines store them exactly. */
const SUMMABLE = new Set(['integer', 'bigint', 'decimal']);
/** Kinds whose min and max mean the same on both engines (text: as ORDER BY, byte order under the C collation). */
const ORDERED = new Set(['integer', 'bigint', 'decimal', 'text', 'timestamp']);

/**
 * Digits an average has beyond its column's scale, rounded half away from zero (numeric rounding): the average of
 * a numeric(18, 8) column has 14 fraction digits, of an integer column 6. Computed from the exact sum and count,
 * the same way on both engines, so the two can never round differently.
 */
export const AVG_EXTRA_SCALE = 6;

/** What one aggregate call reads, checked: column keys per aggregate, in the order given. */
interface Plan {
  readonly count: 'rows' | readonly string[] | undefined;
  readonly sum: readonly string[];
  readonly avg: readonly string[];
  readonly min: readonly string[];
  readonly max: readonly string[];
}

/** The select list for Drizzle and how to turn the one row it reads into the result. */
export interface AggregateQuery {
  readonly fields: Record<string, SQL>;
  /**
   * SQLite's decimal sums: per-row values computed once in a derived table (`SELECT *, <these> FROM table WHERE
   * ...`) that the aggregates then read by name. Empty when none is needed.
   */
  readonly derived: Readonly<Record<string, SQL>>;
  assemble(row: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

const invalid = (path: string, message: string, hint: string) => new QueryError(`${path}: ${message}`, { code: 'QUERY_INVALID_AGGREGATE', subject: path, path, hint });

/** `{ column: true, ... }` of one aggregate, checked against the kinds it takes; false leaves a column out. */
function columnsOf(table: string, infos: ReadonlyMap<string, ColumnInfo>, value: unknown, path: string, kinds: ReadonlySet<string> | undefined, what: string): string[] {
  if (!isPlainObject(value)) throw invalid(path, `expected { column: true, ... }, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, `write ${path.slice(path.lastIndexOf('.') + 1)}: { ${[...infos.keys()][0] ?? 'column'}: true }`);
  const keys: string[] = [];
  for (const key of ownKeys(value)) {
    const at = `${path}.${key}`;
    const info = infos.get(key);
    if (info === undefined) throw new QueryError(`${table} has no column ${JSON.stringify(key)}`, { code: 'QUERY_UNKNOWN_COLUMN', subject: at, path: at, hint: `use one of: ${[...infos.keys()].join(', ')}` });
    const on = value[key];
    if (on === undefined) throw new QueryError(`${at} is undefined`, { code: 'QUERY_UNDEFINED_VALUE', subject: at, path: at, hint: 'write true to compute it, or leave the column out' });
    if (typeof on !== 'boolean') throw invalid(at, `expected true or false, got ${typeof on}`, 'write true to compute it');
    if (kinds !== undefined && !kinds.has(info.kind)) {
      const allowed = [...infos.values()].filter((i) => kinds.has(i.kind)).map((i) => i.key);
      throw invalid(at, `${what} of a ${info.kind} column is not defined`, allowed.length === 0 ? `${table} has no column it applies to` : `use one of: ${allowed.join(', ')}`);
    }
    if (on) keys.push(key);
  }
  return keys;
}

function plan(table: string, infos: ReadonlyMap<string, ColumnInfo>, options: Readonly<Record<string, unknown>>, path: string, allowNone: boolean): Plan {
  const get = (key: AggregateName) => options[key];
  const countOption = get('_count');
  let countPlan: Plan['count'];
  if (countOption === true) countPlan = 'rows';
  else if (countOption === undefined || countOption === false) countPlan = undefined;
  else if (isPlainObject(countOption)) countPlan = columnsOf(table, infos, countOption, `${path}._count`, undefined, 'a count');
  else throw invalid(`${path}._count`, `expected true or { column: true, ... }, got ${countOption === null ? 'null' : typeof countOption}`, '_count: true counts the rows; _count: { column: true } the rows where the column is not null');
  const pick = (key: AggregateName, kinds: ReadonlySet<string>, what: string) => {
    const value = get(key);
    return value === undefined ? [] : columnsOf(table, infos, value, `${path}.${key}`, kinds, what);
  };
  const result: Plan = { count: countPlan, sum: pick('_sum', SUMMABLE, 'a sum'), avg: pick('_avg', SUMMABLE, 'an average'), min: pick('_min', ORDERED, 'a minimum'), max: pick('_max', ORDERED, 'a maximum') };
  const asked = (result.count === 'rows' ? 1 : (result.count?.length ?? 0)) + result.sum.length + result.avg.length + result.min.length + result.max.length;
  if (asked === 0 && !allowNone) throw invalid(path, 'asks for no aggregate', 'give at least one of _count: true, _sum / _avg / _min / _max: { column: true }');
  return result;
}

/** A decimal the engine answered, as units at the column's scale (it has no more fraction digits than that). */
function unitsAt(text: string, scale: number): bigint {
  const units = decimalUnits(text, scale);
  if (units === undefined) throw new Error(`not a decimal of scale ${scale}: ${JSON.stringify(text)}`);
  return units;
}

/** a / b rounded half away from zero to an integer (b > 0). */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (b * 2n);
  return negative ? -q : q;
}

/**
 * The sum of a decimal column on SQLite, exactly. Stored values are order-preserving text keys
 * (schema-kit/decimal-key.ts), which SQLite cannot add; turned into numbers they would be rounded. Each key is
 * read in SQL as the fixed-point digit string of numeric(p, s) (integer digits padded to p - s, the fraction
 * to s), cut into chunks of at most 9 digits, and each chunk is summed, signed, as a 64-bit integer: exact for
 * up to a billion rows per chunk (SQLite fails on an overflow, it never wraps). Negative keys hold every digit as
 * 9 minus it (see the loop). The chunk sums are put together here with BigInt.
 */
function sqliteDecimalSum(column: Column, info: ColumnInfo, field: (sqlPart: SQL) => string, derive: (perRow: SQL) => SQL) {
  const whole = info.precision - info.scale;
  const scale = info.scale;
  const positive = sql`(substr(${column}, 1, 1) = 'P')`;
  const count = sql`cast(substr(${column}, 2, 2) as integer)`;
  const wholeLength = sql`(case when ${positive} then ${count} else 99 - ${count} end)`;
  const fractionStart = sql`(5 + ${wholeLength})`;
  const fraction = sql`(case when ${positive} then substr(${column}, ${fractionStart}) when length(${column}) > 4 + ${wholeLength} then substr(${column}, ${fractionStart}, length(${column}) - ${fractionStart}) else '' end)`;
  const pad = (digit: '0' | '9', n: number) => sql.raw(`'${digit.repeat(n)}'`);
  const parts: SQL[] = [];
  if (whole > 0) parts.push(sql`substr((case when ${positive} then ${pad('0', whole)} else ${pad('9', whole)} end) || substr(${column}, 4, ${wholeLength}), ${sql.raw(String(-whole))})`);
  if (scale > 0) parts.push(sql`substr(${fraction} || (case when ${positive} then ${pad('0', scale)} else ${pad('9', scale)} end), 1, ${sql.raw(String(scale))})`);
  // Each computed once per row in the derived table: in the select list itself SQLite evaluated the digit string
  // again for every chunk, most of a sum's time.
  const digits = derive(sql.join(parts, sql` || `));
  const sign = derive(positive);
  const total = whole + scale;
  // One signed sum per chunk: a positive key's chunk c counts as c; a negative key holds c' = (10^len - 1) - c, so
  // its value -c is c' - (10^len - 1).
  const chunks: { readonly right: number; readonly sum: string }[] = [];
  for (let end = total; end > 0; end -= 9) {
    const start = Math.max(1, end - 8);
    const length = end - start + 1;
    const piece = sql`cast(substr(${digits}, ${sql.raw(String(start))}, ${sql.raw(String(length))}) as integer)`;
    chunks.push({ right: total - end, sum: field(sql`cast(sum(case when ${sign} then ${piece} else ${piece} - ${sql.raw(String(10 ** length - 1))} end) as text)`) });
  }
  // Keys with more digits than numeric(p, s) holds exist only where a migration narrowed the column (README,
  // "Exact decimals on SQLite"); they would be cut here, so they are refused instead.
  const widest = field(sql`max(${derive(wholeLength)})`);
  const longest = field(sql`max(${derive(sql`length(${fraction})`)})`);
  return (row: Readonly<Record<string, unknown>>, path: string): bigint => {
    if (Number(row[widest] ?? 0) > whole || Number(row[longest] ?? 0) > scale) {
      throw new QueryError(`${path}: stored values have more digits than numeric(${info.precision}, ${scale}) holds (the column was narrowed by a migration on SQLite)`, {
        code: 'QUERY_INVALID_AGGREGATE',
        subject: path,
        path,
        hint: 'rewrite the stored values at the new precision and scale (update the column to itself through the accessors), then aggregate',
      });
    }
    let units = 0n;
    for (const c of chunks) units += BigInt(String(row[c.sum] ?? '0')) * 10n ** BigInt(c.right);
    return units;
  };
}

/**
 * The SELECT list of `aggregate({ _count, _sum, _avg, _min, _max })` and the assembly of its one row. Sums and
 * averages come from the exact sum (as text on PostgreSQL, in chunks on SQLite) and the count of non-null
 * values; min and max are the engine's, mapped as the column reads.
 */
export function aggregateQuery(
  table: string,
  infos: ReadonlyMap<string, ColumnInfo>,
  options: Readonly<Record<string, unknown>>,
  path: string,
  dialect: 'postgresql' | 'sqlite',
  /** groupBy: the select keys start with this (two queries share one row), and no aggregate at all is fine. */
  grouped?: { readonly keyPrefix: string },
): AggregateQuery {
  const p = plan(table, infos, options, path, grouped !== undefined);
  const fields: Record<string, SQL> = {};
  const prefix = grouped?.keyPrefix ?? 'a';
  const field = (part: SQL): string => {
    const key = `${prefix}${Object.keys(fields).length}`;
    fields[key] = part;
    return key;
  };
  const derived: Record<string, SQL> = {};
  const derive = (perRow: SQL): SQL => {
    const name = `__${prefix}${Object.keys(derived).length}`;
    derived[name] = perRow;
    return sql`${sql.identifier(name)}`;
  };
  const assemblers: ((row: Readonly<Record<string, unknown>>, out: Record<string, Record<string, unknown> | number>) => void)[] = [];
  const group = (out: Record<string, Record<string, unknown> | number>, name: string) => (out[name] ??= {}) as Record<string, unknown>;

  if (p.count === 'rows') {
    const key = field(count());
    assemblers.push((row, out) => (out._count = Number(row[key])));
  } else if (p.count !== undefined) {
    for (const column of p.count) {
      const key = field(count(infos.get(column)!.column));
      assemblers.push((row, out) => (group(out, '_count')[column] = Number(row[key])));
    }
  }

  // One exact sum (and non-null count) per column, shared by _sum and _avg.
  const sums = new Map<string, (row: Readonly<Record<string, unknown>>) => { units: bigint; n: number }>();
  const sumOf = (column: string) => {
    let read = sums.get(column);
    if (read !== undefined) return read;
    const info = infos.get(column)!;
    const scale = info.kind === 'decimal' ? info.scale : 0;
    const n = field(count(info.column));
    const at = `${path}._sum.${column}`;
    if (dialect === 'sqlite' && info.kind === 'decimal') {
      const units = sqliteDecimalSum(info.column, info, field, derive);
      read = (row) => ({ units: Number(row[n]) === 0 ? 0n : units(row, at), n: Number(row[n]) });
    } else {
      // Text, so no engine hands back a rounded float or a 64-bit integer JavaScript cannot hold.
      const key = field(dialect === 'postgresql' ? sql`sum(${info.column})::text` : sql`cast(sum(${info.column}) as text)`);
      read = (row) => ({ units: row[key] === null || row[key] === undefined ? 0n : unitsAt(String(row[key]), scale), n: Number(row[n]) });
    }
    sums.set(column, read);
    return read;
  };

  for (const column of p.sum) {
    const info = infos.get(column)!;
    const read = sumOf(column);
    assemblers.push((row, out) => {
      const { units, n } = read(row);
      if (n === 0) return void (group(out, '_sum')[column] = null);
      if (info.kind === 'decimal') return void (group(out, '_sum')[column] = unitsText(units, info.scale));
      if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < BigInt(Number.MIN_SAFE_INTEGER)) {
        const at = `${path}._sum.${column}`;
        throw new QueryError(`${at}: the sum ${units} is beyond what a JavaScript number holds exactly (2^53 - 1)`, {
          code: 'QUERY_INVALID_AGGREGATE',
          subject: at,
          path: at,
          hint: 'sum fewer rows at a time (a narrower where), or store the values as a decimal column',
        });
      }
      group(out, '_sum')[column] = Number(units);
    });
  }
  for (const column of p.avg) {
    const info = infos.get(column)!;
    const read = sumOf(column);
    const scale = info.kind === 'decimal' ? info.scale : 0;
    assemblers.push((row, out) => {
      const { units, n } = read(row);
      group(out, '_avg')[column] = n === 0 ? null : unitsText(divideRounded(units * 10n ** BigInt(AVG_EXTRA_SCALE), BigInt(n)), scale + AVG_EXTRA_SCALE);
    });
  }
  for (const [name, columns, fn] of [
    ['_min', p.min, min],
    ['_max', p.max, max],
  ] as const) {
    for (const column of columns) {
      const key = field(fn(infos.get(column)!.column));
      assemblers.push((row, out) => (group(out, name)[column] = row[key] ?? null));
    }
  }

  return {
    fields,
    derived,
    assemble(row) {
      const out: Record<string, Record<string, unknown> | number> = {};
      for (const assemble of assemblers) assemble(row, out);
      return out;
    },
  };
}

/**
 * SQLite's sum() of 64-bit integers fails on overflow ("integer overflow") where PostgreSQL's numeric sum goes
 * on: both end as the same refusal (the PostgreSQL sum is refused in `assemble`, beyond 2^53 - 1).
 */
export { invalid as invalidAggregate, ORDERED, SUMMABLE };

export function aggregateFailure(error: unknown, path: string): QueryError | undefined {
  for (let e = error, depth = 0; e !== null && e !== undefined && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && /\binteger overflow\b/.test(e.message)) {
      return new QueryError(`${path}: a sum is beyond what a JavaScript number holds exactly (2^53 - 1)`, {
        code: 'QUERY_INVALID_AGGREGATE',
        subject: path,
        path,
        hint: 'sum fewer rows at a time (a narrower where), or store the values as a decimal column',
        cause: error,
      });
    }
  }
  return undefined;
}

/**
 * Where an aggregate reads from: the table, or (SQLite's decimal sums) a derived table of the matching rows with
 * the per-row values it needs, under the table's own name so that the aggregates' column references still name
 * it; the filter is then inside. LIMIT -1 OFFSET 0 (no limit): SQLite does not flatten a subquery with an OFFSET
 * into the outer query, which would put the per-row expressions back into every aggregate that reads them.
 */
export function aggregateFrom(db: LooseDb, table: Table, derived: Readonly<Record<string, SQL>>, condition: SQL | undefined): { readonly from: Table; readonly where: SQL | undefined } {
  const names = Object.keys(derived);
  if (names.length === 0) return { from: table, where: condition };
  const extra = Object.fromEntries(names.map((n) => [n, derived[n]!.as(n)]));
  const inner = db.select({ ...(getTableColumns(table) as Record<string, Column>), ...extra }).from(table).where(condition).limit(sql.raw('-1')).offset(sql.raw('0'));
  return { from: inner.as(getTableName(table)), where: undefined };
}
