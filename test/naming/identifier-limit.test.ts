import { describe, expect, it } from 'vitest';
import {
  NamingError,
  PG_IDENTIFIER_MAX_BYTES,
  assertIdentifierLengths,
  checkIdentifierLengths,
  sanitizeName,
} from '../../src/naming/index.js';

// drizzle-kit's auto-generated FK name for the indication tables is 62 bytes on its own (toolchain notes).
const LONG_FK = 'indications_direction_connection_id_exchange_connections_id_fk';
const BASE_NAMES = ['users', 'exchange_connections', 'idx_indications_direction_conn_symbol'];

describe('PostgreSQL 63-byte identifier check', () => {
  it('accepts the default prefix with ordinary names', () => {
    const report = checkIdentifierLengths('cts_v3_1', BASE_NAMES);
    expect(report.ok).toBe(true);
    expect(report.offenders).toEqual([]);
  });

  it('rejects a long project name and lists every offending identifier', () => {
    const prefix = sanitizeName('CTS Production Trading Cluster Europe West Primary');
    let caught: unknown;
    try {
      assertIdentifierLengths(prefix, BASE_NAMES);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NamingError);
    const error = caught as NamingError;
    expect(error.code).toBe('NAMING_IDENTIFIER_TOO_LONG');
    const report = checkIdentifierLengths(prefix, BASE_NAMES);
    expect(report.offenders.length).toBeGreaterThan(0);
    for (const offender of report.offenders) {
      expect(offender.bytes).toBeGreaterThan(PG_IDENTIFIER_MAX_BYTES);
      expect(error.message).toContain(offender.name);
    }
    // The idx name and the database names are among them; `users` is short enough.
    expect(error.message).toContain(`${prefix}_idx_indications_direction_conn_symbol`);
    expect(error.message).toContain(`${prefix}_indication_direction`);
    expect(error.message).not.toContain(`${prefix}_users `);
  });

  it('names the longest prefix that fits, and that prefix does fit', () => {
    const prefix = sanitizeName('CTS Production Trading Cluster Europe West Primary');
    const report = checkIdentifierLengths(prefix, BASE_NAMES);
    expect(report.longestFittingPrefix).toBeDefined();
    const fitting = report.longestFittingPrefix as string;
    expect(fitting.length).toBeLessThanOrEqual(report.maxPrefixBytes);
    expect(prefix.startsWith(fitting)).toBe(true);
    expect(checkIdentifierLengths(fitting, BASE_NAMES).ok).toBe(true);
    // One byte more than the maximum does not fit.
    expect(checkIdentifierLengths('x'.repeat(report.maxPrefixBytes + 1), BASE_NAMES).ok).toBe(false);
    expect(checkIdentifierLengths('x'.repeat(report.maxPrefixBytes), BASE_NAMES).ok).toBe(true);
  });

  it("reports that no prefix fits when a base name alone is 62 bytes (drizzle-kit's FK names)", () => {
    const report = checkIdentifierLengths('a', [LONG_FK]);
    expect(report.ok).toBe(false);
    expect(report.maxPrefixBytes).toBe(0);
    expect(report.longestFittingPrefix).toBeUndefined();
    expect(() => assertIdentifierLengths('a', [LONG_FK])).toThrowError(/shorten the base names/);
  });
});
