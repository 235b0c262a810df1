/**
 * parsePgTimestamptz against the server that writes the text: every millisecond instant PostgreSQL prints in
 * a session time zone (UTC, a half-hour offset east, one west, one with seconds in its historic offset) must
 * read back as exactly that instant, for years 1 to 9999 and the edges where Date.UTC and V8's parser go wrong;
 * the same for its JSON form (ISO 8601 with a T), which a timestamptz takes inside json_build_array.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/index.js';
import { parsePgTimestamptz } from '../../src/schema-kit/pg/pg-timestamp.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';

const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const year = (y: number, ...rest: number[]) => {
  const d = new Date(0);
  d.setUTCFullYear(y, rest[0] ?? 0, rest[1] ?? 1);
  d.setUTCHours(rest[2] ?? 0, rest[3] ?? 0, rest[4] ?? 0, rest[5] ?? 0);
  return d.getTime();
};
const EDGES = [
  year(1),
  year(99, 11, 31, 23, 59, 59, 999),
  year(100),
  year(100, 0, 1, 0, 0, 0, 1),
  year(1899, 11, 31, 23, 59, 59, 999),
  0,
  -1,
  Date.UTC(2026, 1, 28, 23, 59, 59, 999),
  Date.UTC(2024, 1, 29, 12, 0, 0, 5),
  MAX,
];
const ZONES = ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam'];

let pg: TestPostgres;
let handle: Awaited<ReturnType<typeof openPostgres>> | undefined;
beforeAll(async () => {
  pg = await createTestPostgres();
  handle = await openPostgres(pg.settings());
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await pg?.cleanup();
});

describe('parsePgTimestamptz reads what PostgreSQL prints', () => {
  it.each(ZONES)('in time zone %s: the edges and 300 generated instants read back to the millisecond', async (zone) => {
    const instants = [...EDGES, ...fc.sample(fc.integer({ min: year(1), max: MAX }), { numRuns: 300, seed: 41 })];
    const rows = await handle!.sql.begin(async (tx) => {
      await tx.unsafe(`set local time zone '${zone}'`);
      return tx.unsafe<{ text: string }[]>(
        `select (timestamptz 'epoch' + (ms || ' milliseconds')::interval)::text as text from unnest($1::bigint[]) with ordinality as t(ms, n) order by n`,
        [instants.map(String)] as never[],
      );
    });
    expect(rows.length).toBe(instants.length);
    const mismatches = rows.flatMap((row, i) => (parsePgTimestamptz(row.text).getTime() === instants[i] ? [] : [`${row.text} -> ${parsePgTimestamptz(row.text).toISOString()}, expected ${new Date(instants[i]!).toISOString()}`]));
    expect(mismatches).toEqual([]);
  });

  it.each(ZONES)('in time zone %s: the JSON form (to_json, what drizzle\'s relational queries on db.app read) reads back too', async (zone) => {
    const instants = [...EDGES, ...fc.sample(fc.integer({ min: year(1), max: MAX }), { numRuns: 200, seed: 42 })];
    const rows = await handle!.sql.begin(async (tx) => {
      await tx.unsafe(`set local time zone '${zone}'`);
      return tx.unsafe<{ text: string }[]>(
        `select to_json(timestamptz 'epoch' + (ms || ' milliseconds')::interval) #>> '{}' as text from unnest($1::bigint[]) with ordinality as t(ms, n) order by n`,
        [instants.map(String)] as never[],
      );
    });
    // The JSON form, not the text form: a T between the date and the time.
    expect(rows.filter((r) => !/^\d{4,}-\d\d-\d\dT/.test(r.text))).toEqual([]);
    const mismatches = rows.flatMap((row, i) => (parsePgTimestamptz(row.text).getTime() === instants[i] ? [] : [`${row.text} -> expected ${new Date(instants[i]!).toISOString()}`]));
    expect(mismatches).toEqual([]);
  });

  it('refuses text that is not DateStyle ISO, naming it', () => {
    expect(() => parsePgTimestamptz('infinity')).toThrow('PostgreSQL returned the timestamp "infinity" in a form this toolkit does not read');
    expect(() => parsePgTimestamptz('Tue Jan 02 03:04:05 2026 UTC')).toThrow('"Tue Jan 02 03:04:05 2026 UTC"');
  });
});
