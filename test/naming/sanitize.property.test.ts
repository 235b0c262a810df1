import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_PATTERN, NamingError, sanitizeName } from '../../src/naming/index.js';

const STRICT_PREFIX = /^[a-z0-9]+(_[a-z0-9]+)*$/;

// Inputs an operator (or an attacker) might type: any unicode, quotes, SQL fragments, whitespace, long text.
const sqlFragments = fc.constantFrom(
  "'", '"', '`', ';', '--', '/*', '*/', '$$', '$tag$', "E'\\n'", 'DROP TABLE users;', "' OR 1=1 --", '\\', '%', '\u0000',
);
const whitespace = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000');
const projectNames = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(sqlFragments, fc.string({ maxLength: 6 }), whitespace), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(whitespace, { minLength: 1, maxLength: 10 }).map((parts) => parts.join('')),
  fc.string({ minLength: 200, maxLength: 2_000 }),
);

describe('sanitizeName property: 2,000 generated project names', () => {
  it('either returns a strict prefix or throws the naming error that quotes the input', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(projectNames, (input) => {
        let result: string | undefined;
        try {
          result = sanitizeName(input);
        } catch (error) {
          rejected++;
          expect(error).toBeInstanceOf(NamingError);
          expect((error as NamingError).code).toBe('NAMING_EMPTY');
          expect((error as NamingError).message).toContain(JSON.stringify(input));
          return;
        }
        accepted++;
        expect(result).toMatch(STRICT_PREFIX);
        expect(result).toMatch(NAME_PATTERN);
        // Idempotent: a prefix is its own sanitised form.
        expect(sanitizeName(result)).toBe(result);
      }),
      { numRuns: 2_000, seed: 20261121 },
    );
    // Both branches must have been exercised for the property to mean anything.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(50);
  });
});
