import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PostgresHandle } from '../../src/db/index.js';
import { DecimalError, normalizeDecimal } from '../../src/schema-kit/index.js';
import { createTestPostgres, type TestPostgres } from '../support/test-postgres.js';

let pg: TestPostgres;
let handle: PostgresHandle;
beforeAll(async () => {
  pg = await createTestPostgres();
  handle = await openPostgres(pg.settings());
});
afterAll(async () => {
  await handle?.close();
  await pg?.cleanup();
});

const decimals = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,12}$/), fc.boolean(), fc.stringMatching(/^\d{0,22}$/))
  .filter(([, int, point, frac]) => int !== '' || (point && frac !== ''))
  .map(([sign, int, point, frac]) => `${sign}${int}${point ? `.${frac}` : ''}`);

/** What PostgreSQL makes of the value, or 'overflow'. */
async function postgresCanonical(value: string, precision: number, scale: number): Promise<string> {
  try {
    const [row] = await handle.sql.unsafe<{ v: string }[]>(`select $1::numeric(${precision}, ${scale})::text as v`, [value]);
    return row!.v;
  } catch (error) {
    if ((error as { code?: string }).code === '22003') return 'overflow';
    throw error;
  }
}

describe('exact decimals: SQLite writes the canonical form PostgreSQL returns', () => {
  it.each([
    [18, 8],
    [38, 18],
    [10, 0],
  ])('numeric(%i, %i): 300 generated values agree with PostgreSQL, including rounding and overflow', async (precision, scale) => {
    const values = fc.sample(decimals, { numRuns: 300, seed: 42 + precision });
    for (const value of values) {
      let ours: string;
      try {
        ours = normalizeDecimal(value, precision, scale);
      } catch (error) {
        expect(error).toBeInstanceOf(DecimalError);
        ours = 'overflow';
      }
      expect([value, ours]).toEqual([value, await postgresCanonical(value, precision, scale)]);
    }
  });

  it('rejects what is not a decimal, naming the value', () => {
    for (const bad of ['', '.', 'abc', '1e5', '1.2.3', '--1', 'NaN', '0x10']) {
      expect(() => normalizeDecimal(bad, 18, 8)).toThrow(DecimalError);
      expect(() => normalizeDecimal(bad, 18, 8)).toThrow(JSON.stringify(bad));
    }
  });
});
