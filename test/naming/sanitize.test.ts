import { describe, expect, it } from 'vitest';
import {
  NamingError,
  assertValidPrefix,
  createObjectNames,
  sanitizeName,
} from '../../src/naming/index.js';

describe('sanitizeName: the seed table (000_412b038ea91723e3.txt)', () => {
  it.each([
    ['CTS v3.1', 'cts_v3_1'],
    ['Production Bot', 'production_bot'],
    ['Test-Instance-2', 'test_instance_2'],
    ['MyCompany_CTS', 'mycompany_cts'],
  ])('%s -> %s', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });

  it('applies each rule: lowercase, non-alphanumerics to _, runs collapse, no edge underscores', () => {
    expect(sanitizeName('ABC')).toBe('abc');
    expect(sanitizeName('a.b/c\\d')).toBe('a_b_c_d');
    expect(sanitizeName('a -- b')).toBe('a_b');
    expect(sanitizeName('__a__')).toBe('a');
    expect(sanitizeName('  Café Zürich  ')).toBe('caf_z_rich');
    expect(sanitizeName('🚀 rocket')).toBe('rocket');
    expect(sanitizeName("x'; DROP TABLE users; --")).toBe('x_drop_table_users');
  });

  it('rejects a name that sanitises to nothing, with the input in the message', () => {
    for (const input of ['', '   ', '___', '!!!', '日本語', "'; --"]) {
      let caught: unknown;
      try {
        sanitizeName(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NamingError);
      expect((caught as NamingError).code).toBe('NAMING_EMPTY');
      expect((caught as NamingError).message).toContain(JSON.stringify(input));
    }
  });
});

describe('assertValidPrefix (DB_PREFIX is taken as given or rejected, never rewritten)', () => {
  it('accepts a valid prefix unchanged', () => {
    expect(assertValidPrefix('cts_v3_1')).toBe('cts_v3_1');
  });

  it('rejects an invalid one and suggests the sanitised form', () => {
    expect(() => assertValidPrefix('My Bot')).toThrowError(/DB_PREFIX "My Bot" is not a valid prefix[\s\S]*use "my_bot"/);
    expect(() => assertValidPrefix('a__b')).toThrowError(NamingError);
    expect(() => assertValidPrefix('_a')).toThrowError(NamingError);
  });
});

describe('createObjectNames', () => {
  const names = createObjectNames('cts_v3_1');

  it('names tables, objects and the ledger {prefix}_{name}', () => {
    expect(names.table('exchange_connections')).toBe('cts_v3_1_exchange_connections');
    expect(names.object('idx_users_username')).toBe('cts_v3_1_idx_users_username');
    expect(names.ledgerTable).toBe('cts_v3_1_schema_migrations');
  });

  it('names the seven databases and two roles as in the seed', () => {
    expect(names.databases).toEqual({
      main: 'cts_v3_1_main',
      indicationActive: 'cts_v3_1_indication_active',
      indicationDirection: 'cts_v3_1_indication_direction',
      indicationMove: 'cts_v3_1_indication_move',
      strategySimple: 'cts_v3_1_strategy_simple',
      strategyAdvanced: 'cts_v3_1_strategy_advanced',
      strategyStep: 'cts_v3_1_strategy_step',
    });
    expect(names.roles).toEqual({ admin: 'cts_v3_1_admin', app: 'cts_v3_1_app' });
    expect(Object.isFrozen(names.databases)).toBe(true);
  });

  it('rejects a base name that is not snake_case instead of producing a broken identifier', () => {
    expect(() => names.table('Users')).toThrowError(/base name "Users"/);
    expect(() => names.table('users"; drop')).toThrowError(NamingError);
  });
});
