/**
 * The row mapper decodes each value with the column's own `fromDriver`, read once per shape (customDecoder in
 * select-shape.ts), not through Drizzle's `mapFromDriverValue` per value. What must hold: for every column of
 * every table on both dialects the decoder applies and answers exactly what `mapFromDriverValue` answers (or
 * throws what it throws), for the values each driver gives and for odd ones; the compiled mapper of a wide
 * relation read answers what the same mapping through `mapFromDriverValue` gives; any other column class keeps
 * `mapFromDriverValue`.
 */
import fc from 'fast-check';
import { getTableColumns, type Column, type Table } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { TABLE_KEYS, TABLE_NAMES } from '../../generated/tables.js';
import { createTables } from '../../src/tables.js';
import { customDecoder, joinOf, positionalMapper } from '../../src/accessors/select-shape.js';

const DIALECTS = ['sqlite', 'postgresql'] as const;

function tablesOf(dialect: (typeof DIALECTS)[number]): Readonly<Record<string, Table>> {
  return createTables(dialect as 'sqlite', 'map').tables as unknown as Readonly<Record<string, Table>>;
}

/** Dates as their time in text, at any depth: toStrictEqual holds two invalid Dates unequal. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return { date: String(value.getTime()) };
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(comparable);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
}

/** A value, or what was thrown, in a form toStrictEqual compares exactly (an invalid Date included). */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: comparable(fn()) };
  } catch (error) {
    return { threw: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

// Driver values as each engine's driver gives them (SQLite: text keys, integers, JSON text; PostgreSQL: text
// numerics and timestamps, parsed jsonb, booleans), and values no column should see.
const SAMPLES: readonly unknown[] = [
  'P03106.5', 'P00', 'N96893.4~', 'N99.74~', 'P0212', 'not a key', '', '0', '1', '-12.50000000', '9999999999.99999999', 'abc', 'ABC-def',
  '2026-01-02 03:04:05.678+00', '0099-12-31 23:59:59.999+00', '2026-01-02 03:04:05+05:30', '2026-01-02T03:04:05.678Z',
  '{"risk":"low","n":[1,2]}', '"123"', '[]', 'null', '{', 0, 1, -1, 2, 1.5, 1_767_323_045_678, 2 ** 53, Number.NaN, true, false,
  { risk: 'low' }, [1, 2], new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), 12n,
];

describe('row decoding without mapFromDriverValue per value', () => {
  it('applies to every column of every table on both dialects and answers exactly as mapFromDriverValue', () => {
    for (const dialect of DIALECTS) {
      const tables = tablesOf(dialect);
      let checked = 0;
      for (const name of TABLE_NAMES) {
        const table = tables[TABLE_KEYS[name]]!;
        for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, Column>)) {
          const decode = customDecoder(column);
          expect(decode, `${dialect} ${name}.${key}`).not.toBeUndefined();
          const direct = (value: unknown) => (decode === 'identity' ? value : decode!.call(column, value));
          for (const value of SAMPLES) {
            expect(outcome(() => direct(value)), `${dialect} ${name}.${key} ${String(value)}`).toStrictEqual(outcome(() => column.mapFromDriverValue(value)));
          }
          fc.assert(
            fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.double()), (value) => {
              expect(outcome(() => direct(value))).toStrictEqual(outcome(() => column.mapFromDriverValue(value)));
            }),
            { numRuns: 30, seed: 20_261_207 },
          );
          checked += 1;
        }
      }
      expect(checked, dialect).toBeGreaterThan(300);
    }
  });

  it('maps a relation read row as mapFromDriverValue per column does (2,000 generated rows per dialect)', () => {
    for (const dialect of DIALECTS) {
      const tables = tablesOf(dialect);
      const positions = tables.pseudoPositions!;
      const connections = tables.exchangeConnections!;
      const strategies = tables.strategiesBase!;
      const shape = { table: positions, columns: getTableColumns(positions), joins: [joinOf('connection', connections, connections, 'id', undefined as never), joinOf('strategy', strategies, strategies, 'id', undefined as never)] };
      const parts = [{ name: undefined, key: undefined, columns: shape.columns }, ...shape.joins.map((j) => ({ name: j.name, key: j.key, columns: j.readers }))];
      // The reference: every value through its column's mapFromDriverValue, null for null or undefined.
      const reference = (row: readonly unknown[]) => {
        let at = 0;
        let typed: Record<string, unknown> = {};
        for (const part of parts) {
          const entries = Object.entries(part.columns as Record<string, Column>);
          // A relation whose key is null is null, its other values not read.
          const keyValue = part.name === undefined ? undefined : row[at + entries.findIndex(([k]) => k === part.key)];
          const absent = part.name !== undefined && (keyValue === null || keyValue === undefined);
          const read: Record<string, unknown> = {};
          for (const [k, c] of entries) {
            const v = row[at++];
            if (!absent) read[k] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
          }
          if (part.name === undefined) typed = read;
          else typed[part.name] = absent ? null : read;
        }
        return typed;
      };
      const width = parts.reduce((n, p) => n + Object.keys(p.columns).length, 0);
      const compiled = positionalMapper(shape);
      const cell = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constantFrom(...SAMPLES.filter((v) => typeof v !== 'bigint')));
      fc.assert(
        fc.property(fc.array(cell, { minLength: width, maxLength: width }), (row) => {
          expect(outcome(() => compiled(row))).toStrictEqual(outcome(() => reference(row)));
        }),
        { numRuns: 2_000, seed: 20_261_207 },
      );
    }
  });

  it('keeps mapFromDriverValue for any other column class, or a column whose method is overridden', () => {
    const plain = sqliteTable('plain', { n: integer('n') });
    expect(customDecoder(plain.n as Column)).toBeUndefined();
    const custom = getTableColumns(tablesOf('sqlite').exchangeConnections!).createdAt as Column;
    expect(typeof customDecoder(custom)).toBe('function');
    const overridden = Object.assign(Object.create(Object.getPrototypeOf(custom) as object) as Column, custom, { mapFromDriverValue: () => 'own' });
    expect(customDecoder(overridden)).toBeUndefined();
    const Custom = (Object.getPrototypeOf(custom) as object).constructor as new (...args: never[]) => object;
    class Sub extends Custom {
      mapFromDriverValue(): unknown {
        return 'sub';
      }
    }
    expect(customDecoder(Object.assign(Object.create(Sub.prototype) as Column, custom))).toBeUndefined();
    // A subclass that keeps the method but is not Drizzle's own class is not trusted either.
    class Plain extends Custom {}
    expect(customDecoder(Object.assign(Object.create(Plain.prototype) as Column, custom))).toBeUndefined();
  });
});
