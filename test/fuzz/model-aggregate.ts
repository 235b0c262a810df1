/**
 * The model of `aggregate` and `groupBy` (README, "Aggregates"): counts as numbers; sums exact, a decimal
 * column's with its scale, an integer column's as a number; averages from the exact sum and count with the
 * column's scale plus 6 digits, rounded half away from zero; min and max in the column's order; null where no
 * row has a value. groupBy: groups of equal `by` values (nulls form one group), `having` with SQL's null
 * semantics, ordered by `orderBy` and then the `by` columns ascending, nulls last ascending and first descending.
 */
import type { AggregateCallOptions, GroupByCallOptions } from './calls.js';
import type { ColumnInfo, TableInfo } from './fuzz-schema.js';
import { Refusal, compareCells, compareExact, compareText, parseDecimal, type Cell, type Row } from './model-values.js';

const AGGREGATES = ['_count', '_sum', '_avg', '_min', '_max'] as const;
type AggregateName = (typeof AGGREGATES)[number];
const SUMMABLE = new Set(['integer', 'bigint', 'decimal']);
const ORDERED = new Set(['integer', 'bigint', 'decimal', 'text', 'timestamp']);
const AVG_EXTRA = 6;

type Result = Record<string, unknown>;

function format(units: bigint, scale: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const unitsOf = (text: string, scale: number) => {
  const exact = parseDecimal(text);
  return exact.mantissa * 10n ** BigInt(scale - exact.scale);
};

function columnsOf(table: TableInfo, flags: unknown, kinds: ReadonlySet<string> | undefined): ColumnInfo[] {
  if (typeof flags !== 'object' || flags === null || Array.isArray(flags)) throw new Refusal('aggregate columns must be { column: true }');
  const out: ColumnInfo[] = [];
  for (const [key, on] of Object.entries(flags)) {
    const column = table.column.get(key);
    if (column === undefined) throw new Refusal(`${table.name} has no column ${key}`);
    if (typeof on !== 'boolean') throw new Refusal(`${key} must be true or false`);
    if (kinds !== undefined && !kinds.has(column.kind)) throw new Refusal(`${key}: not defined for ${column.kind}`);
    if (on) out.push(column);
  }
  return out;
}

/** The aggregates of `rows`; refuses what the API refuses. */
export function aggregateOf(table: TableInfo, rows: readonly Row[], spec: AggregateCallOptions, allowNone: boolean): Result {
  const out: Result = {};
  let asked = 0;
  const count = spec._count;
  if (count === true) {
    out._count = rows.length;
    asked++;
  } else if (count !== undefined && count !== false) {
    const columns = columnsOf(table, count, undefined);
    if (columns.length > 0) out._count = Object.fromEntries(columns.map((c) => [c.key, rows.filter((r) => (r[c.key] ?? null) !== null).length]));
    asked += columns.length;
  }
  const values = (c: ColumnInfo) => rows.map((r) => r[c.key] ?? null).filter((v): v is Exclude<Cell, null> => v !== null);
  const sumUnits = (c: ColumnInfo) => values(c).reduce<bigint>((a, v) => a + (c.kind === 'decimal' ? unitsOf(v as string, c.scale) : BigInt(v as number)), 0n);
  const group = (name: AggregateName, columns: readonly ColumnInfo[], value: (c: ColumnInfo) => unknown) => {
    if (columns.length === 0) return;
    out[name] = Object.fromEntries(columns.map((c) => [c.key, value(c)]));
    asked += columns.length;
  };
  const pick = (name: AggregateName, kinds: ReadonlySet<string>) => (spec[name] === undefined ? [] : columnsOf(table, spec[name], kinds));
  const sums = pick('_sum', SUMMABLE);
  const avgs = pick('_avg', SUMMABLE);
  const mins = pick('_min', ORDERED);
  const maxs = pick('_max', ORDERED);
  group('_sum', sums, (c) => {
    if (values(c).length === 0) return null;
    const units = sumUnits(c);
    if (c.kind === 'decimal') return format(units, c.scale);
    if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < BigInt(Number.MIN_SAFE_INTEGER)) throw new Refusal('sum beyond 2^53 - 1');
    return Number(units);
  });
  group('_avg', avgs, (c) => {
    const n = BigInt(values(c).length);
    if (n === 0n) return null;
    const total = sumUnits(c) * 10n ** BigInt(AVG_EXTRA);
    const magnitude = ((total < 0n ? -total : total) * 2n + n) / (2n * n);
    return format(total < 0n ? -magnitude : magnitude, (c.kind === 'decimal' ? c.scale : 0) + AVG_EXTRA);
  });
  const extreme = (c: ColumnInfo, sign: 1 | -1) => values(c).reduce<Cell>((best, v) => (best === null || sign * compareCells(c, v, best) < 0 ? v : best), null);
  group('_min', mins, (c) => extreme(c, 1));
  group('_max', maxs, (c) => extreme(c, -1));
  if (asked === 0 && !allowNone) throw new Refusal('asks for no aggregate');
  return out;
}

type Kind = 'number' | 'decimal' | 'text' | 'date' | 'boolean';
const kindOfColumn = (c: ColumnInfo): Kind => (c.kind === 'integer' || c.kind === 'bigint' ? 'number' : c.kind === 'decimal' ? 'decimal' : c.kind === 'timestamp' ? 'date' : c.kind === 'boolean' ? 'boolean' : 'text');

function compareKind(kind: Kind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'number':
      return Math.sign((a as number) - (b as number));
    case 'decimal':
      return compareExact(parseDecimal(a as string), parseDecimal(b as string));
    case 'date':
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 'boolean':
      return Number(a) - Number(b);
    case 'text':
      return compareText(a as string, b as string);
  }
}

/** An aggregate named by having or orderBy: the kind its values compare as, and how to compute it for a group. */
function measure(table: TableInfo, name: string, column: string | undefined): { kind: Kind; of: (rows: readonly Row[]) => unknown } {
  if (!(AGGREGATES as readonly string[]).includes(name)) throw new Refusal(`unknown aggregate ${name}`);
  if (name === '_count') return { kind: 'number', of: (rows) => rows.length };
  const c = table.column.get(column ?? '');
  if (c === undefined) throw new Refusal(`${table.name} has no column ${String(column)}`);
  const spec = { [name]: { [c.key]: true } } as AggregateCallOptions;
  const of = (rows: readonly Row[]) => (aggregateOf(table, rows, spec, false)[name] as Record<string, unknown>)[c.key];
  of([]); // refuses a kind the aggregate does not take
  return { kind: name === '_avg' ? 'decimal' : kindOfColumn(c), of };
}

/** What the API takes as a decimal to compare with: digits, an optional sign and point; no spaces (decimalParts). */
const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function filterTest(kind: Kind, filter: unknown): (value: unknown) => boolean {
  if (typeof filter !== 'object' || filter === null) throw new Refusal('having needs operators');
  for (const [op, operand] of Object.entries(filter)) {
    const list = op === 'in' || op === 'notIn' ? (operand as readonly unknown[]) : op === 'isNull' ? [] : [operand];
    if (kind === 'decimal' && list.some((v) => typeof v !== 'string' || !PLAIN_DECIMAL.test(v))) throw new Refusal(`having ${op}: not a plain decimal`);
  }
  const tests = Object.entries(filter).map(([op, operand]): ((v: unknown) => boolean) => {
    if (op === 'isNull') return (v) => (v === null) === operand;
    if (op === 'in' || op === 'notIn') {
      const list = operand as readonly unknown[];
      const found = (v: unknown) => list.some((x) => compareKind(kind, v, x) === 0);
      return op === 'in' ? (v) => v !== null && found(v) : (v) => v !== null && !found(v);
    }
    const holds = { eq: (c: number) => c === 0, ne: (c: number) => c !== 0, gt: (c: number) => c > 0, gte: (c: number) => c >= 0, lt: (c: number) => c < 0, lte: (c: number) => c <= 0 }[op];
    if (holds === undefined) throw new Refusal(`unknown operator ${op}`);
    return (v) => v !== null && holds(compareKind(kind, v, operand));
  });
  return (value) => tests.every((t) => t(value));
}

export function groupByOf(table: TableInfo, rows: readonly Row[], options: GroupByCallOptions): Result[] {
  const byColumns = options.by.map((key) => {
    const c = table.column.get(key);
    if (c === undefined) throw new Refusal(`${table.name} has no column ${key}`);
    if (c.kind === 'json') throw new Refusal('JSON columns cannot be grouped');
    return c;
  });
  if (byColumns.length === 0) throw new Refusal('by is empty');
  if (new Set(options.by).size !== options.by.length) throw new Refusal('a by column twice');
  aggregateOf(table, [], options, true); // refuses what the aggregates refuse, even with no rows
  const groups: Row[][] = [];
  for (const row of rows) {
    const same = groups.find((g) => byColumns.every((c) => {
      const [x, y] = [g[0]![c.key] ?? null, row[c.key] ?? null];
      return x === null || y === null ? x === y : compareCells(c, x, y) === 0;
    }));
    if (same === undefined) groups.push([row]);
    else same.push(row);
  }
  const tests: ((members: readonly Row[]) => boolean)[] = [];
  for (const [name, value] of Object.entries(options.having ?? {})) {
    if (name === '_count') {
      const test = filterTest('number', value);
      tests.push((members) => test(members.length));
      continue;
    }
    for (const [column, filter] of Object.entries(value as Record<string, unknown>)) {
      const m = measure(table, name, column);
      const test = filterTest(m.kind, filter);
      tests.push((members) => test(m.of(members) ?? null));
    }
  }
  type Key = { read: (members: readonly Row[]) => unknown; kind: Kind; direction: 'asc' | 'desc' };
  const keys: Key[] = [];
  for (const item of options.orderBy ?? []) {
    for (const [name, value] of Object.entries(item)) {
      if (name === '_count') keys.push({ read: (members) => members.length, kind: 'number', direction: value as 'asc' | 'desc' });
      else if ((AGGREGATES as readonly string[]).includes(name)) {
        for (const [column, direction] of Object.entries(value as Record<string, 'asc' | 'desc'>)) {
          const m = measure(table, name, column);
          keys.push({ read: (members) => m.of(members) ?? null, kind: m.kind, direction });
        }
      } else {
        const c = byColumns.find((b) => b.key === name);
        if (c === undefined) throw new Refusal(`${name} is not a by column`);
        keys.push({ read: (members) => members[0]![c.key] ?? null, kind: kindOfColumn(c), direction: value as 'asc' | 'desc' });
      }
    }
  }
  for (const c of byColumns) keys.push({ read: (members) => members[0]![c.key] ?? null, kind: kindOfColumn(c), direction: 'asc' });
  const sorted = groups
    .filter((members) => tests.every((t) => t(members)))
    .sort((a, b) => {
      for (const k of keys) {
        const [x, y] = [k.read(a), k.read(b)];
        const ascending = x === null && y === null ? 0 : x === null ? 1 : y === null ? -1 : compareKind(k.kind, x, y);
        if (ascending !== 0) return k.direction === 'asc' ? ascending : -ascending;
      }
      return 0;
    });
  for (const [name, value] of [['limit', options.limit], ['offset', options.offset]] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new Refusal(`${name} must be a whole number >= 0`);
  }
  const start = options.offset ?? 0;
  return sorted.slice(start, options.limit === undefined ? undefined : start + options.limit).map((members) => ({
    ...Object.fromEntries(byColumns.map((c) => [c.key, members[0]![c.key] ?? null])),
    ...aggregateOf(table, members, options, true),
  }));
}
