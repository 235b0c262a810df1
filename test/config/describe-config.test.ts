import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { Secret, configFileFor, describeConfig, resolveConfig } from '../../src/config/index.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * `pnpm db:info` and start-up print describeConfig: each line is checked whole, for SQLite, a minimal and a
 * fully set PostgreSQL configuration, so a wrong source, default or wording shows (and no password does).
 */
const cwd = '/srv/app';
const configLine = `config    ${join(cwd, 'data', 'db-config.json')} (not found)`;
const databases = (p: string) =>
  `databases ${['main', 'indication_active', 'indication_direction', 'indication_move', 'strategy_simple', 'strategy_advanced', 'strategy_step'].map((d) => `${p}_${d}`).join(', ')} (default)`;

describe('describeConfig', () => {
  it('SQLite with defaults: each value and where it came from', () => {
    const config = resolveConfig({ env: { SQLITE_DB_PATH: '/tmp/x/cts.db' }, configFile: false, cwd });
    expect(describeConfig(config).split('\n')).toEqual([
      'project   CTS v3.1 (default)',
      'prefix    cts_v3_1 (default)',
      'dialect   sqlite (default)',
      'sqlite    /tmp/x/cts.db (env), busy timeout 5000 ms',
      'ledger    cts_v3_1_schema_migrations',
      databases('cts_v3_1'),
      'roles',
      '  admin cts_v3_1_admin (default), password not set',
      '  app   cts_v3_1_app (default), password not set',
      'admin api disabled (ADMIN_TOKEN not set)',
      configLine,
    ]);
  });

  it('PostgreSQL, minimal: no direct URL (says which variables to set), no replicas, default pool and DDL settings', () => {
    const config = resolveConfig({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cts', PROJECT_NAME: 'Desk B', DB_PREFIX: 'desk_b2' }, configFile: false, cwd });
    expect(describeConfig(config).split('\n')).toEqual([
      'project   Desk B (env)',
      'prefix    desk_b2 (env)',
      'dialect   postgresql (env)',
      "url       postgres://postgres@127.0.0.1:5432/cts (env): the app's queries and the health check",
      "direct    not set: migrations and operations use the url above (set DATABASE_URL_UNPOOLED, POSTGRES_URL_NON_POOLING, DIRECT_URL when it is a pooler's)",
      'replicas  none (DATABASE_REPLICA_URLS not set)',
      'pool      max 20, idle timeout 30000 ms, connect timeout 10000 ms, prepared statements on (default), insertBulk COPY (default)',
      'ddl locks lock_timeout 3000 ms per migration statement, 5 retries',
      'ledger    desk_b2_schema_migrations',
      databases('desk_b2'),
      'roles',
      '  admin desk_b2_admin (default), password not set',
      '  app   desk_b2_app (default), password not set',
      'admin api disabled (ADMIN_TOKEN not set)',
      configLine,
    ]);
  });

  it('PostgreSQL, everything set: direct URL with its variable, replicas, pool, DDL locks, a role password and the admin token, no password shown', () => {
    const config = resolveConfig({
      env: {
        DATABASE_URL: 'postgres://app:pw1@db.local:5433/cts',
        DATABASE_URL_UNPOOLED: 'postgres://adm:pw2@db.local:5432/cts',
        DATABASE_REPLICA_URLS: 'postgres://r:pw3@r1.local/cts,postgres://r:pw4@r2.local/cts',
        PROJECT_NAME: 'Desk A',
        DB_POOL_MAX: '7',
        DB_PREPARE: 'false',
        DB_COPY: 'false',
        DB_ADMIN_PASSWORD: 'pw5',
        ADMIN_TOKEN: 'adm-T0ken-9',
        DB_DDL_LOCK_TIMEOUT_MS: '1500',
        DB_DDL_LOCK_RETRIES: '2',
      },
      configFile: false,
      cwd,
    });
    const text = describeConfig(config);
    expect(text.split('\n')).toEqual([
      'project   Desk A (env)',
      'prefix    desk_a (env)',
      'dialect   postgresql (env)',
      "url       postgres://app:***@db.local:5433/cts (env): the app's queries and the health check",
      'direct    postgres://adm:***@db.local:5432/cts (DATABASE_URL_UNPOOLED): migrations and operations',
      "replicas  postgres://r:***@r1.local/cts, postgres://r:***@r2.local/cts: the app's reads",
      'pool      max 7, idle timeout 30000 ms, connect timeout 10000 ms, prepared statements off (env), insertBulk INSERT (env)',
      'ddl locks lock_timeout 1500 ms per migration statement, 2 retries',
      'ledger    desk_a_schema_migrations',
      databases('desk_a'),
      'roles',
      '  admin desk_a_admin (default), password set (env)',
      '  app   desk_a_app (default), password not set',
      'admin api token set',
      configLine,
    ]);
    for (const pw of ['pw1', 'pw2', 'pw3', 'pw4', 'pw5', 'adm-T0ken-9']) expect(text).not.toContain(pw);
  });

  it('notes end the description, one line each', () => {
    const config = resolveConfig({ env: { DATABASE_TYPE: 'sqlite', DATABASE_URL: 'postgres://u:pw@h/db', SQLITE_DB_PATH: '/tmp/y.db' }, configFile: false, cwd });
    expect(describeConfig(config).split('\n').at(-1)).toBe('note      DATABASE_URL (postgres://u:***@h/db) is set but DATABASE_TYPE says sqlite, so it is ignored');
  });
});

describe('describeConfig with a configuration file', () => {
  it('says the file was found, and marks what came from it and from the environment', async () => {
    const dir = await createTempDir('cts-describe-file');
    try {
      const file = join(dir.path, 'db-config.json');
      await writeFile(file, JSON.stringify({ ...configFileFor('Filed', 'filed'), users: { admin: 'filed_boss', app: 'filed_app' } }));
      const lines = describeConfig(resolveConfig({ env: { SQLITE_DB_PATH: '/tmp/z.db', DB_APP_USER: 'env_app' }, configFile: file })).split('\n');
      expect(lines).toContain(`config    ${file} (found)`);
      expect(lines).toContain('  admin filed_boss (file), password not set');
      expect(lines).toContain('  app   env_app (env), password not set');
      expect(lines.find((l) => l.startsWith('databases '))).toMatch(/ \(file\)$/);
    } finally {
      await dir.cleanup();
    }
  });
});

describe('Secret', () => {
  it('shows *** when printed, logged, serialised or interpolated; reveal() gives the value', () => {
    const secret = new Secret('hunter2');
    expect([String(secret), `${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ secret })]).toEqual(['***', '***', '{"secret":"***"}', 'Secret(***)', '{ secret: Secret(***) }']);
    expect(secret.reveal()).toBe('hunter2');
  });
});
