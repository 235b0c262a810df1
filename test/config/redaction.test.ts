import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, resolveConfig } from '../../src/config/index.js';
import { ConnectionError, openPostgres } from '../../src/db/index.js';
import { redactUrl } from '../../src/errors/index.js';

const PASSWORD = 'Sup3r-S3cret-pw';
const ADMIN_PASSWORD = 'admin-Secret-42';
const APP_PASSWORD = 'app-Secret-43';

/** Every way a configuration or an error ends up in output. */
function allRenderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), String(value)];
  try {
    out.push(JSON.stringify(value));
  } catch {
    // circular: inspect above covers it
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  }
  return out;
}

function expectNoSecret(value: unknown): void {
  for (const text of allRenderings(value)) {
    for (const secret of [PASSWORD, ADMIN_PASSWORD, APP_PASSWORD, encodeURIComponent(PASSWORD)]) {
      expect(text).not.toContain(secret);
    }
  }
}

const env = {
  DATABASE_URL: `postgresql://cts:${PASSWORD}@127.0.0.1:1/cts`,
  DB_ADMIN_PASSWORD: ADMIN_PASSWORD,
  DB_APP_PASSWORD: APP_PASSWORD,
};

describe('passwords never appear in output', () => {
  it('not in the printed description, JSON or inspect output of a configuration', () => {
    const config = resolveConfig({ env, configFile: false });
    expect(config.postgres?.url.reveal()).toContain(PASSWORD);
    expect(config.roles.admin.password?.reveal()).toBe(ADMIN_PASSWORD);
    const description = describeConfig(config);
    expect(description).toContain('postgresql://cts:***@127.0.0.1:1/cts');
    expect(description).toMatch(/admin cts_v3_1_admin \(default\), password set \(env\)/);
    expectNoSecret(description);
    expectNoSecret(config);
    expectNoSecret(`${config.roles.admin.password}`);
  });

  it('not in configuration errors about the URL', () => {
    for (const url of [`postgres://cts:${PASSWORD}@host:notaport/db`, `mysql://cts:${PASSWORD}@host/db`, `cts:${PASSWORD}@host/db`]) {
      let caught: unknown;
      try {
        resolveConfig({ env: { ...env, DATABASE_URL: url, DATABASE_TYPE: 'postgresql' }, configFile: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expectNoSecret(caught);
    }
  });

  it('not in the note about a DATABASE_URL that is not for PostgreSQL', () => {
    const config = resolveConfig({ env: { ...env, DATABASE_URL: `mysql://cts:${PASSWORD}@db/cts`, DATABASE_TYPE: 'sqlite' }, configFile: false });
    expect(config.dialect).toBe('sqlite');
    expect(describeConfig(config)).toContain('mysql://cts:***@db/cts');
    expectNoSecret(describeConfig(config));
    expectNoSecret(config);
  });

  it('not in connection errors', async () => {
    const config = resolveConfig({ env, configFile: false, connectTimeoutMs: 2_000 });
    const error = await openPostgres(config.postgres!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toContain('127.0.0.1:1');
    expectNoSecret(error);
  });

  it('redactUrl masks passwords in URLs, query parameters and unparseable text', () => {
    expect(redactUrl(`postgres://u:${PASSWORD}@h:5432/d`)).toBe('postgres://u:***@h:5432/d');
    expect(redactUrl(`postgres://u@h/d?password=${PASSWORD}`)).toBe('postgres://u@h/d?password=***');
    expect(redactUrl(`postgres://u:${PASSWORD}@h:port/d`)).toBe('postgres://u:***@h:port/d');
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
    expect(redactUrl(`u:${PASSWORD}@h/d`)).toBe('u:***@h/d');
    expect(redactUrl(`postgres://u:${PASSWORD}@h@x/d`)).not.toContain(PASSWORD);
  });

  it('redactUrl keeps Unix-socket URLs hostless and IPv6 literals in brackets, masking the password and password parameters', () => {
    expect(redactUrl(`postgres://u:${PASSWORD}@/d?host=/var/run/postgresql`)).toBe('postgres://u:***@/d?host=/var/run/postgresql');
    expect(redactUrl(`postgres://u:${PASSWORD}@:6000/d?host=/tmp&password=${PASSWORD}`)).toBe('postgres://u:***@:6000/d?host=%2Ftmp&password=***');
    expect(redactUrl('postgres:///d?host=/tmp')).toBe('postgres:///d?host=/tmp');
    expect(redactUrl(`postgres://u:${PASSWORD}@[::1]:5432/d`)).toBe('postgres://u:***@[::1]:5432/d');
  });
});
