/**
 * The structural checks configuration uses instead of zod (shape-check.ts): each gives the first problem
 * with its exact path and message, a missing field is "required", unknown keys are listed by name only.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, checkConfigFile, configFileFor, parseConfigFile } from '../../src/config/index.js';
import { Secret } from '../../src/config/secret.js';
import { arrayOf, boolean, instanceOf, object, oneOf, optional, text, wholeNumber } from '../../src/config/shape-check.js';
import { thrownBy } from '../support/thrown.js';

describe('shape checks', () => {
  const check = object({
    name: text({ pattern: /^[a-z]+$/ }),
    count: wholeNumber(1, 10),
    mode: oneOf(['a', 'b']),
    on: boolean(),
    secret: optional(instanceOf(Secret, 'Secret')),
    list: arrayOf(text()),
    nested: object({ inner: text({ allowEmpty: true }) }),
  });
  const valid = { name: 'abc', count: 3, mode: 'a', on: true, list: ['x'], nested: { inner: '' } };

  it('accepts a valid value, and an optional field left out or undefined', () => {
    expect(check(valid, [])).toBeUndefined();
    expect(check({ ...valid, secret: new Secret('s') }, [])).toBeUndefined();
    expect(check({ ...valid, secret: undefined }, [])).toBeUndefined();
  });

  it('names the first wrong field by its path, with the rule', () => {
    expect(check({ ...valid, name: 'ABC' }, [])).toEqual({ path: ['name'], message: 'must match ^[a-z]+$' });
    expect(check({ ...valid, name: '' }, [])).toEqual({ path: ['name'], message: 'expected a non-empty string' });
    expect(check({ ...valid, name: 7 }, [])).toEqual({ path: ['name'], message: 'expected a string, got number' });
    expect(check({ ...valid, count: 11 }, [])).toEqual({ path: ['count'], message: 'expected a whole number from 1 to 10, got 11' });
    expect(check({ ...valid, count: 2.5 }, [])).toEqual({ path: ['count'], message: 'expected a whole number from 1 to 10, got 2.5' });
    expect(check({ ...valid, count: '3' }, [])).toEqual({ path: ['count'], message: 'expected a whole number from 1 to 10, got "3"' });
    expect(check({ ...valid, mode: 'c' }, [])).toEqual({ path: ['mode'], message: 'expected one of "a", "b"' });
    expect(check({ ...valid, on: 'true' }, [])).toEqual({ path: ['on'], message: 'expected true or false, got string' });
    expect(check({ ...valid, secret: 'plain' }, [])).toEqual({ path: ['secret'], message: 'expected a Secret' });
    expect(check({ ...valid, list: ['x', 2] }, [])).toEqual({ path: ['list', '1'], message: 'expected a string, got number' });
    expect(check({ ...valid, list: 'x' }, [])).toEqual({ path: ['list'], message: 'expected an array, got string' });
    expect(check({ ...valid, nested: { inner: null } }, [])).toEqual({ path: ['nested', 'inner'], message: 'expected a string, got null' });
    expect(check({ ...valid, nested: [] }, [])).toEqual({ path: ['nested'], message: 'expected an object, got an array' });
  });

  it('a missing field is "required"; unknown keys are listed by name; keys that are not own do not count', () => {
    const { count: _count, ...withoutCount } = valid;
    expect(check(withoutCount, [])).toEqual({ path: ['count'], message: 'required' });
    expect(check({ ...valid, password: 'hunter2', extra: 1 }, [])).toEqual({ path: [], message: 'unknown field(s) "password", "extra"', unknownKeys: ['password', 'extra'] });
    expect(check(JSON.parse(`{"__proto__": 1, ${JSON.stringify(valid).slice(1)}`), [])).toEqual({ path: [], message: 'unknown field(s) "__proto__"', unknownKeys: ['__proto__'] });
    expect(check(Object.assign(Object.create({ count: 3 }), withoutCount), [])).toEqual({ path: ['count'], message: 'required' });
    expect(object({ a: text() }, { strict: false })({ a: 'x', b: 1 }, [])).toBeUndefined();
  });
});

describe('the configuration file check', () => {
  const valid = configFileFor('CTS v3.1', 'cts_v3_1');

  it('takes the file the setup writes, and names a missing nested field', () => {
    expect(checkConfigFile(valid, [])).toBeUndefined();
    const { main: _main, ...databases } = valid.databases;
    const error = thrownBy(ConfigError, () => parseConfigFile(JSON.stringify({ ...valid, databases }), 'c.json'));
    expect(error.message.split('\n')[0]).toBe('configuration file c.json: field databases.main: required');
    expect(error.subject).toBe('c.json: databases.main');
  });

  it('a wrong type names the field and shows the primitive value', () => {
    const error = thrownBy(ConfigError, () => parseConfigFile(JSON.stringify({ ...valid, users: { ...valid.users, app: 7 } }), 'c.json'));
    expect(error.message.split('\n')[0]).toBe('configuration file c.json: field users.app: expected a string, got number (got 7)');
    expect(error.value).toBe('7');
  });
});
