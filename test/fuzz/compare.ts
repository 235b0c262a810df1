/**
 * One engine's outcome against the model's expectation, with vitest's own equality (toStrictEqual: exact
 * values, Dates by time, -0 distinct from 0, no key with `undefined` standing in for a missing one). Nothing
 * is normalised or sorted on either side: where the call leaves the order open, rows are matched by their
 * primary key instead (see `byKey`).
 */
import { expect } from 'vitest';
import type { Expectation, Outcome, Result, RowOrder } from './calls.js';
import { formatValue } from './format-call.js';
import type { Row } from './model-values.js';

function problem(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    // vitest's message (its diff elides nested rows, so differences() below says which fields differ).
    const text = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '');
    const lines = text.split('\n');
    return lines.length > 12 ? [...lines.slice(0, 12), '...'].join('\n') : text;
  }
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !(v instanceof Date);

/** The paths where two values differ (at most `max`), each with both values: what a reader needs first. */
export function differences(expected: unknown, actual: unknown, path = '', max = 6): string[] {
  if (Object.is(expected, actual)) return [];
  if (expected instanceof Date && actual instanceof Date && Object.is(expected.getTime(), actual.getTime())) return [];
  if (isObject(expected) && isObject(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    const out: string[] = [];
    for (const key of keys) {
      if (out.length >= max) break;
      out.push(...differences(expected[key], actual[key], Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`, max - out.length));
    }
    return out;
  }
  return [`${path === '' ? '(value)' : path}: model ${formatValue(expected)}, engine ${formatValue(actual)}`];
}

const isRows = (value: Result): value is readonly Row[] => Array.isArray(value);

/**
 * Rows keyed by primary key (`id` on both tables): used only where the call itself leaves the order open,
 * so comparing as lists would fail on a correct engine. Each engine row must be the model's row with that
 * key, exactly; duplicates are reported, not merged.
 */
function byKey(rows: readonly Row[], what: string): Map<unknown, Row> {
  const map = new Map<unknown, Row>();
  for (const row of rows) {
    if (map.has(row.id)) throw new Error(`${what} returned the row ${String(row.id)} twice`);
    map.set(row.id, row);
  }
  return map;
}

/** The engine's rows follow the order the call fixes (compared on the model's rows of the same keys). */
function inOrder(rows: readonly Row[], order: RowOrder | undefined): void {
  if (order === undefined) return;
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    if (order(a, b) > 0) throw new Error(`rows ${String(a.id)} and ${String(b.id)} come back in the wrong order for the call's orderBy`);
  }
}

function sameRowsAnyOrder(expected: readonly Row[], actual: readonly Row[]): void {
  const got = byKey(actual, 'the engine');
  expect([...got.keys()].length, 'number of rows').toBe(expected.length);
  for (const row of expected) {
    const found = got.get(row.id);
    const diff = differences(row, found);
    expect(found, `row ${String(row.id)}${diff.length === 0 ? '' : ` (${diff.join('; ')})`}`).toStrictEqual(row);
  }
}

function rowsFrom(candidates: readonly Row[], actual: Result, count: number, single: boolean): void {
  if (single && isRows(actual)) throw new Error('findFirst returned a list');
  if (!single && !isRows(actual)) throw new Error('findMany did not return a list');
  const rows: readonly Row[] = isRows(actual) ? actual : actual === undefined ? [] : [actual as Row];
  expect(rows.length, 'number of rows').toBe(count);
  const pool = byKey(candidates, 'the model');
  for (const [id, row] of byKey(rows, 'the engine')) {
    const diff = differences(pool.get(id), row);
    expect(row, `row ${String(id)} is one of the rows the filter matches${diff.length === 0 ? '' : ` (${diff.join('; ')})`}`).toStrictEqual(pool.get(id));
  }
}

/** undefined when the engine's outcome satisfies the expectation; otherwise why not. */
export function mismatch(expected: Expectation, actual: Outcome): string | undefined {
  const want = expected.outcome;
  if (!want.ok || !actual.ok) {
    if (want.ok === actual.ok) return undefined;
    return want.ok ? 'the engine refused a call the model accepts' : 'the engine accepted a call the model refuses';
  }
  switch (expected.kind) {
    case 'exact': {
      const why = problem(() => expect(actual.value).toStrictEqual(want.value));
      return why === undefined ? undefined : [...differences(want.value, actual.value), why].join('\n');
    }
    case 'any-order':
      return problem(() => {
        sameRowsAnyOrder(want.value as readonly Row[], actual.value as readonly Row[]);
        inOrder(actual.value as readonly Row[], expected.order);
      });
    case 'some-of':
      return problem(() => {
        rowsFrom(expected.candidates, actual.value, expected.count, expected.single);
        inOrder(isRows(actual.value) ? actual.value : [], expected.order);
      });
  }
}

/** A table's final rows: the same rows as the model's, matched by key (a plain findMany has no order). */
export function tableMismatch(expected: readonly Row[], actual: readonly Row[]): string | undefined {
  return problem(() => sameRowsAnyOrder(expected, actual));
}
