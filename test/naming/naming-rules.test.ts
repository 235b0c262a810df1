import { describe, expect, it } from 'vitest';
import {
  DATABASE_SUFFIXES,
  LEDGER_BASE_NAME,
  MAX_PREFIX_BYTES,
  NamingError,
  PG_IDENTIFIER_MAX_BYTES,
  ROLE_SUFFIXES,
  assertIdentifierLengths,
  assertValidPrefix,
  checkIdentifierLengths,
  createObjectNames,
  fixedBaseNames,
  sanitizeName,
} from '../../src/naming/index.js';
import { shortenPrefix } from '../../src/naming/identifier-limit.js';
import { thrownBy } from '../support/thrown.js';

/**
 * The naming rules at their edges, and every naming error with its exact message and hint (what an
 * operator reads). Written against the surviving mutants of `pnpm test:mutation` (group naming).
 */
const thrown = (fn: () => unknown) => thrownBy(NamingError, fn);
const PATTERN = '^[a-z0-9]+(_[a-z0-9]+)*$';

describe('sanitizeName at the edges of each rule', () => {
  it.each([
    ['a', 'a'],
    ['z', 'z'],
    ['0', '0'],
    ['9', '9'],
    ['AZ', 'az'],
    // The characters just outside a-z and 0-9 are separators.
    ['a`b{c/d:e', 'a_b_c_d_e'],
    ['_a_', 'a'],
    ['__a__b__', 'a_b'],
    ['a', 'a'],
    ['café au lait', 'caf_au_lait'],
    ['a\u{1F600}b', 'a_b'],
    ['-x', 'x'],
    ['x-', 'x'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });

  it('NAMING_EMPTY quotes the input and names the variable (PROJECT_NAME unless told)', () => {
    const error = thrown(() => sanitizeName('!!!'));
    expect(error.code).toBe('NAMING_EMPTY');
    expect(error.subject).toBe('PROJECT_NAME');
    expect(error.hint).toBe('use a project name with at least one ASCII letter or digit, e.g. "CTS v3.1" (prefix cts_v3_1)');
    expect(error.message).toBe(`PROJECT_NAME "!!!" has no letters or digits, so it gives an empty prefix\n  hint: ${error.hint}`);
    expect(thrown(() => sanitizeName('', 'projectName')).message.split('\n')[0]).toBe('projectName "" has no letters or digits, so it gives an empty prefix');
  });
});

describe('assertValidPrefix', () => {
  it('returns a valid prefix unchanged', () => {
    expect(assertValidPrefix('cts_v3_1')).toBe('cts_v3_1');
    expect(assertValidPrefix('3cx')).toBe('3cx');
  });

  it('NAMING_INVALID_PREFIX suggests the sanitised form and how to derive it instead', () => {
    const error = thrown(() => assertValidPrefix('CTS-v3'));
    expect(error).toMatchObject({ code: 'NAMING_INVALID_PREFIX', subject: 'DB_PREFIX', hint: 'use "cts_v3", or leave DB_PREFIX unset to derive the prefix from PROJECT_NAME' });
    expect(error.message.split('\n')[0]).toBe(`DB_PREFIX "CTS-v3" is not a valid prefix (expected ${PATTERN})`);
  });

  it('without a possible suggestion it says what a prefix is made of; the subject is the variable given', () => {
    const error = thrown(() => assertValidPrefix('___', 'dbPrefix'));
    expect(error).toMatchObject({ code: 'NAMING_INVALID_PREFIX', subject: 'dbPrefix', hint: 'use lowercase ASCII letters and digits separated by single underscores' });
    expect(error.message.split('\n')[0]).toBe(`dbPrefix "___" is not a valid prefix (expected ${PATTERN})`);
  });

  it.each(['a__b', '_a', 'a_', 'A', 'a-b', '', 'a b'])('refuses %j', (prefix) => {
    expect(thrown(() => assertValidPrefix(prefix)).code).toBe('NAMING_INVALID_PREFIX');
  });
});

describe('object names', () => {
  const names = createObjectNames('p1');

  it('every name the prefix implies, frozen', () => {
    expect(names.prefix).toBe('p1');
    expect(names.table('users')).toBe('p1_users');
    expect(names.object('idx_usr_role')).toBe('p1_idx_usr_role');
    expect(names.ledgerTable).toBe('p1_schema_migrations');
    expect(names.databases).toEqual({
      main: 'p1_main',
      indicationActive: 'p1_indication_active',
      indicationDirection: 'p1_indication_direction',
      indicationMove: 'p1_indication_move',
      strategySimple: 'p1_strategy_simple',
      strategyAdvanced: 'p1_strategy_advanced',
      strategyStep: 'p1_strategy_step',
    });
    expect(names.roles).toEqual({ admin: 'p1_admin', app: 'p1_app' });
    expect([Object.isFrozen(names), Object.isFrozen(names.databases), Object.isFrozen(names.roles)]).toEqual([true, true, true]);
  });

  it('NAMING_INVALID_BASE_NAME for tables and objects, with the name and the rule', () => {
    for (const make of [names.table, names.object]) {
      const error = thrown(() => make('Users'));
      expect(error).toMatchObject({ code: 'NAMING_INVALID_BASE_NAME', subject: 'Users', hint: 'name tables, indexes and constraints in lowercase snake_case without the prefix' });
      expect(error.message.split('\n')[0]).toBe(`base name "Users" is not a valid object name (expected ${PATTERN})`);
    }
  });

  it('fixed base names: the ledger, the seven databases, the two roles', () => {
    expect(LEDGER_BASE_NAME).toBe('schema_migrations');
    expect(fixedBaseNames()).toEqual(['schema_migrations', ...Object.values(DATABASE_SUFFIXES), ...Object.values(ROLE_SUFFIXES)]);
    expect(fixedBaseNames()).toHaveLength(10);
  });
});

describe('identifier lengths', () => {
  it('the limits', () => {
    expect([PG_IDENTIFIER_MAX_BYTES, MAX_PREFIX_BYTES]).toEqual([63, 24]);
  });

  it('the exact report: room left by the longest base name, offenders longest first then by name', () => {
    const base40 = `t${'x'.repeat(39)}`;
    // Given in the wrong order (u before t), so the sort shows.
    const report = checkIdentifierLengths('p'.repeat(23), [`u${'x'.repeat(39)}`, 'short', base40, `v${'x'.repeat(38)}`]);
    // 63 - 1 - 40 = 22 bytes of prefix; 23 + 1 + 40 = 64 bytes (over), 23 + 1 + 39 = 63 (fits).
    expect(report).toEqual({
      ok: false,
      prefix: 'p'.repeat(23),
      offenders: [
        { name: `${'p'.repeat(23)}_${base40}`, bytes: 64 },
        { name: `${'p'.repeat(23)}_u${'x'.repeat(39)}`, bytes: 64 },
      ],
      maxPrefixBytes: 22,
      longestFittingPrefix: 'p'.repeat(22),
    });
    expect(checkIdentifierLengths('p'.repeat(22), [base40]).ok).toBe(true);
  });

  it('offenders of different lengths: longest first', () => {
    const report = checkIdentifierLengths('q'.repeat(30), ['b'.repeat(35), 'a'.repeat(40)]);
    expect(report.offenders.map((o) => o.bytes)).toEqual([71, 66]);
  });

  it('counts bytes, not characters (a base name in UTF-8)', () => {
    const report = checkIdentifierLengths('p', ['é'.repeat(31)]);
    expect(report.offenders).toEqual([{ name: `p_${'é'.repeat(31)}`, bytes: 64 }]);
  });

  it.each([
    ['abc_def_ghi', 20, 'abc_def_ghi'],
    ['abc_def_ghi', 11, 'abc_def_ghi'],
    ['abc_def_ghi', 7, 'abc_def'],
    ['abc_def_ghi', 8, 'abc_def'],
    ['abc_def_ghi', 6, 'abc'],
    ['abc_def', 4, 'abc'],
    ['abcdef', 3, 'abc'],
    ['a_bcdef', 1, 'a'],
    ['a_b', 2, 'a'],
    ['abc', 0, undefined],
    // Not valid prefixes, but the result never ends in an underscore.
    ['ab__cd', 3, 'ab'],
    ['ab___cd', 4, 'ab'],
  ])('shortenPrefix(%j, %i) = %j', (prefix, max, expected) => {
    expect(shortenPrefix(prefix, max)).toBe(expected);
  });

  it('NAMING_IDENTIFIER_TOO_LONG lists at most 10 offenders with their bytes, says how many more, and names a prefix that fits', () => {
    const bases = Array.from({ length: 12 }, (_, i) => `table_${String(i).padStart(2, '0')}_${'x'.repeat(40)}`);
    const error = thrown(() => assertIdentifierLengths('prefix_long_name', bases));
    const report = checkIdentifierLengths('prefix_long_name', bases);
    expect(report.offenders).toHaveLength(12);
    expect(error.code).toBe('NAMING_IDENTIFIER_TOO_LONG');
    expect(error.subject).toBe('prefix_long_name');
    expect([report.maxPrefixBytes, report.longestFittingPrefix]).toEqual([13, 'prefix_long']);
    expect(error.hint).toBe(`use a prefix of at most ${report.maxPrefixBytes} bytes, e.g. DB_PREFIX=${report.longestFittingPrefix ?? ''}`);
    expect(error.message).toBe(
      [
        `prefix "prefix_long_name" makes 12 identifier(s) longer than PostgreSQL's 63-byte limit, which PostgreSQL would silently truncate:`,
        ...report.offenders.slice(0, 10).map((o) => `    ${o.name} (${o.bytes} bytes)`),
        '    ... and 2 more',
        `  hint: ${error.hint}`,
      ].join('\n'),
    );
  });

  it('exactly 10 offenders: no "more" line; a fitting prefix returns the report', () => {
    const bases = Array.from({ length: 10 }, (_, i) => `table_${i}_${'x'.repeat(60)}`);
    expect(thrown(() => assertIdentifierLengths('pre', bases)).message).not.toContain('more');
    expect(assertIdentifierLengths('pre', ['users'])).toEqual(checkIdentifierLengths('pre', ['users']));
  });

  it('when no prefix can fit, the hint says to shorten the base names', () => {
    expect(thrown(() => assertIdentifierLengths('a', ['x'.repeat(62)])).hint).toBe('shorten the base names: the longest leaves no room for a prefix');
  });
});
