import { describe, expect, it } from 'vitest';
import { isCi } from './ci.js';

describe('isCi (decides whether a missing PostgreSQL server fails the run)', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'TRUE' }, true],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{ CI: '' }, false],
    [{}, false],
  ])('%j -> %s', (env, expected) => {
    expect(isCi(env)).toBe(expected);
  });
});
