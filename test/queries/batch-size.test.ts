import { describe, expect, it } from 'vitest';
import { MAX_BIND_PARAMETERS, chunk, rowsPerStatement } from '../../src/queries/batch-size.js';

describe('batch sizes for multi-row inserts', () => {
  it('never exceed the bind-parameter limit of either driver', () => {
    for (const columns of [1, 2, 5, 7, 15, 16, 33, 1000]) {
      expect(rowsPerStatement('postgresql', columns) * columns).toBeLessThanOrEqual(65_533);
      expect(rowsPerStatement('sqlite', columns) * columns).toBeLessThanOrEqual(32_766);
    }
    expect(MAX_BIND_PARAMETERS.postgresql).toBe(65_533);
    expect(rowsPerStatement('sqlite', 100_000)).toBe(1);
  });

  it('chunks keep every row, in order', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(chunk(rows, 4)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });
});
