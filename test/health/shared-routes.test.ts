/** healthRoute / migrationStatusRoute / sharedHealth (cts-db/handlers): lazy, shared per configuration, no details to strangers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedHealth, healthRoute, migrationStatusRoute, sharedHealth } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from '../support/migration-fixtures.js';
import { healthResponse, migrationStatusResponse } from '../support/seed-shapes.js';

const request = (token?: string) => new Request('http://127.0.0.1/x', token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('shared route handlers on SQLite', () => {
  let target: MigrationTarget;
  beforeAll(async () => {
    target = await createMigrationTarget('sqlite');
    expect((await migrate(target.config('shared'))).ok).toBe(true);
  });
  afterAll(async () => {
    await closeSharedHealth();
    await target.cleanup();
  });
  const config = (extra: Record<string, string> = {}) => ({ env: { ...target.env, DB_PREFIX: 'shared', ADMIN_TOKEN: 'route-token', ...extra }, configFile: false as const });

  it('answer health 200 and the admin status 401 / 200, from one shared checker per configuration', async () => {
    const health = await healthRoute({ config: config() })(request());
    expect(health.status).toBe(200);
    expect(healthResponse.parse(await health.json())).toMatchObject({ status: 'healthy', prefix: 'shared' });
    const status = migrationStatusRoute({ config: config() });
    expect((await status(request())).status).toBe(401);
    expect((await status(request('wrong'))).status).toBe(401);
    const ok = await status(request('route-token'));
    expect(ok.status).toBe(200);
    expect(migrationStatusResponse.parse(await ok.json())).toMatchObject({ status: 'complete' });
    expect(sharedHealth({ config: config() })).toBe(sharedHealth({ config: config() }));
    expect(sharedHealth({ config: config({ DB_PREFIX: 'other' }) })).not.toBe(sharedHealth({ config: config() }));
  });

  it('answer 503 to a configuration error with its code only: no value, variable or path', async () => {
    const secret = 'Bad Prefix With Secret';
    const broken = { config: { env: { ...target.env, DB_PREFIX: secret }, configFile: false as const } };
    for (const route of [healthRoute(broken), migrationStatusRoute(broken)]) {
      const response = await route(request('route-token'));
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(body).toContain('CONFIG_INVALID_PREFIX');
      expect(body).not.toContain(secret);
      expect(body).not.toContain('DB_PREFIX');
    }
  });

  it('closeSharedHealth forgets the checkers: the next call creates a new one', async () => {
    const before = sharedHealth({ config: config() });
    await closeSharedHealth();
    const after = sharedHealth({ config: config() });
    expect(after).not.toBe(before);
    expect((await after.checker.check()).status).toBe('healthy');
  });
});
