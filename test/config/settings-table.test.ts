import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, DIRECT_URL_VARIABLES, LIMITS, resolveConfig, type DbConfig } from '../../src/config/index.js';
import { thrownBy } from '../support/thrown.js';

/**
 * Every PostgreSQL setting the same four ways: unset (default, source "default"), from the environment
 * (source "env"), from an option (source "option", beating the environment) and refused (the error names the
 * variable or option that carried the value, its bounds and the default). Written against the surviving
 * mutants of `pnpm test:mutation` (group config).
 */
const URL = 'postgres://u@127.0.0.1:5432/db';
type IntKey = 'poolMax' | 'idleTimeoutMs' | 'connectTimeoutMs' | 'ddlLockTimeoutMs' | 'ddlLockRetries' | 'replicaReadTimeoutMs' | 'replicaMaxLagMs' | 'replicaCheckIntervalMs';
const INTS: readonly [IntKey, string][] = [
  ['poolMax', 'DB_POOL_MAX'],
  ['idleTimeoutMs', 'DB_IDLE_TIMEOUT_MS'],
  ['connectTimeoutMs', 'DB_CONNECT_TIMEOUT_MS'],
  ['ddlLockTimeoutMs', 'DB_DDL_LOCK_TIMEOUT_MS'],
  ['ddlLockRetries', 'DB_DDL_LOCK_RETRIES'],
  ['replicaReadTimeoutMs', 'DB_REPLICA_READ_TIMEOUT_MS'],
  ['replicaMaxLagMs', 'DB_REPLICA_MAX_LAG_MS'],
  ['replicaCheckIntervalMs', 'DB_REPLICA_CHECK_INTERVAL_MS'],
];
const pgOf = (config: DbConfig) => {
  if (config.postgres === undefined) throw new Error('expected a PostgreSQL configuration');
  return config.postgres;
};
const refusal = (fn: () => unknown) => thrownBy(ConfigError, fn);

describe.each(INTS)('%s (%s)', (key, variable) => {
  const [min, max] = LIMITS[key];
  const inside = min + 1;

  it('unset: the default, source "default"', () => {
    const config = resolveConfig({ env: { DATABASE_URL: URL }, configFile: false });
    expect(pgOf(config)[key]).toBe(DEFAULTS[key]);
    expect(config.sources[key]).toBe('default');
  });

  it('from the environment, source "env"; an option beats it, source "option"', () => {
    const fromEnv = resolveConfig({ env: { DATABASE_URL: URL, [variable]: String(inside) }, configFile: false });
    expect([pgOf(fromEnv)[key], fromEnv.sources[key]]).toEqual([inside, 'env']);
    const fromOption = resolveConfig({ env: { DATABASE_URL: URL, [variable]: String(inside) }, [key]: max, configFile: false });
    expect([pgOf(fromOption)[key], fromOption.sources[key]]).toEqual([max, 'option']);
  });

  it('the bounds are inclusive', () => {
    for (const value of [min, max]) expect(pgOf(resolveConfig({ env: { DATABASE_URL: URL, [variable]: String(value) }, configFile: false }))[key]).toBe(value);
  });

  it('a value out of bounds or not decimal names the variable, the bounds and the default', () => {
    for (const bad of [String(max + 1), 'abc', '0x10']) {
      const error = refusal(() => resolveConfig({ env: { DATABASE_URL: URL, [variable]: bad }, configFile: false }));
      expect(error).toMatchObject({ code: 'CONFIG_INVALID_VALUE', subject: variable, value: bad, hint: `set ${variable} to a decimal whole number from ${min} to ${max}, such as ${DEFAULTS[key]}, or unset it for the default (${DEFAULTS[key]})` });
      expect(error.message.split('\n')[0]).toBe(`${variable} must be a whole number from ${min} to ${max}, got ${JSON.stringify(bad)}`);
    }
    if (min > 0) expect(refusal(() => resolveConfig({ env: { DATABASE_URL: URL, [variable]: String(min - 1) }, configFile: false })).subject).toBe(variable);
  });

  it('a refused option is named as the option', () => {
    expect(refusal(() => resolveConfig({ env: { DATABASE_URL: URL }, [key]: max + 1, configFile: false })).subject).toBe(`${key} option`);
  });
});

describe('DB_PREPARE', () => {
  it.each([
    ['true', true], ['false', false], ['1', true], ['0', false], ['on', true], ['off', false], ['yes', true], ['no', false], [' OFF ', false],
  ])('%j -> %s (source env)', (word, value) => {
    const config = resolveConfig({ env: { DATABASE_URL: URL, DB_PREPARE: word }, configFile: false });
    expect([pgOf(config).prepare, config.sources.prepare]).toEqual([value, 'env']);
  });

  it('default true (source default); the option beats the environment', () => {
    const config = resolveConfig({ env: { DATABASE_URL: URL }, configFile: false });
    expect([pgOf(config).prepare, config.sources.prepare]).toEqual([true, 'default']);
    const option = resolveConfig({ env: { DATABASE_URL: URL, DB_PREPARE: 'true' }, prepare: false, configFile: false });
    expect([pgOf(option).prepare, option.sources.prepare]).toEqual([false, 'option']);
  });

  it('another word is refused, naming the variable (or the option) and the words it takes', () => {
    const error = refusal(() => resolveConfig({ env: { DATABASE_URL: URL, DB_PREPARE: 'maybe' }, configFile: false }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID_VALUE', subject: 'DB_PREPARE', value: 'maybe', hint: 'set DB_PREPARE to true or false (also on/off, 1/0, yes/no), or unset it for the default (true)' });
    expect(error.message.split('\n')[0]).toBe('DB_PREPARE must be true or false, got "maybe"');
  });
});

describe('DB_COPY', () => {
  it.each([
    ['true', true], ['false', false], ['1', true], ['0', false], ['on', true], ['off', false], ['yes', true], ['no', false], [' OFF ', false],
  ])('%j -> %s (source env)', (word, value) => {
    const config = resolveConfig({ env: { DATABASE_URL: URL, DB_COPY: word }, configFile: false });
    expect([pgOf(config).copy, config.sources.copy]).toEqual([value, 'env']);
  });

  it('default true (source default); the option beats the environment', () => {
    const config = resolveConfig({ env: { DATABASE_URL: URL }, configFile: false });
    expect([pgOf(config).copy, config.sources.copy]).toEqual([true, 'default']);
    const option = resolveConfig({ env: { DATABASE_URL: URL, DB_COPY: 'true' }, copy: false, configFile: false });
    expect([pgOf(option).copy, option.sources.copy]).toEqual([false, 'option']);
  });

  it('another word is refused, naming the variable (or the option) and the words it takes', () => {
    const error = refusal(() => resolveConfig({ env: { DATABASE_URL: URL, DB_COPY: 'maybe' }, configFile: false }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID_VALUE', subject: 'DB_COPY', value: 'maybe', hint: 'set DB_COPY to true or false (also on/off, 1/0, yes/no), or unset it for the default (true)' });
    expect(error.message.split('\n')[0]).toBe('DB_COPY must be true or false, got "maybe"');
  });
});

describe('direct URL and replicas', () => {
  it.each(DIRECT_URL_VARIABLES.map((v, i) => [v, i] as const))('%s is a direct URL (precedence %i), named as its source', (variable, rank) => {
    const env: Record<string, string> = { DATABASE_URL: URL };
    // Every variable of lower precedence is set too: the named one must win.
    for (const other of DIRECT_URL_VARIABLES.slice(rank)) env[other] = `postgres://u@127.0.0.1:5432/${other.toLowerCase()}`;
    const config = resolveConfig({ env, configFile: false });
    expect(pgOf(config).directUrl?.reveal()).toBe(`postgres://u@127.0.0.1:5432/${variable.toLowerCase()}`);
    expect(pgOf(config).directUrlSubject).toBe(variable);
    expect(config.sources.directUrl).toBe('env');
  });

  it('the directUrl option beats the variables; no direct URL leaves no source', () => {
    const config = resolveConfig({ env: { DATABASE_URL: URL, DIRECT_URL: 'postgres://u@h/env' }, directUrl: 'postgres://u@h/opt', configFile: false });
    expect([pgOf(config).directUrl?.reveal(), pgOf(config).directUrlSubject, config.sources.directUrl]).toEqual(['postgres://u@h/opt', 'directUrl option', 'option']);
    const none = resolveConfig({ env: { DATABASE_URL: URL }, configFile: false });
    expect([pgOf(none).directUrl, none.sources.directUrl, none.sources.replicaUrls]).toEqual([undefined, undefined, undefined]);
  });

  it('a malformed direct URL is refused naming its variable', () => {
    expect(refusal(() => resolveConfig({ env: { DATABASE_URL: URL, DIRECT_URL: 'postgres://u@h' }, configFile: false })).subject).toBe('DIRECT_URL');
  });

  it('replicas from the environment (source env) or the option (source option)', () => {
    const env = resolveConfig({ env: { DATABASE_URL: URL, DATABASE_REPLICA_URLS: 'postgres://r@h1/db, postgres://r@h2/db' }, configFile: false });
    expect([pgOf(env).replicaUrls?.map((r) => r.reveal()), env.sources.replicaUrls]).toEqual([['postgres://r@h1/db', 'postgres://r@h2/db'], 'env']);
    const option = resolveConfig({ env: { DATABASE_URL: URL }, replicaUrls: ['postgres://r@h3/db'], configFile: false });
    expect([pgOf(option).replicaUrls?.map((r) => r.reveal()), option.sources.replicaUrls]).toEqual([['postgres://r@h3/db'], 'option']);
  });
});
