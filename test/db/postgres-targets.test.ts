import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedTags } from '../support/committed-migrations.js';
import { clusterMissing, startSingleCluster, type SingleCluster } from '../support/pg-cluster.js';
import { REPO_ROOT, runScriptIn } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';

/**
 * PostgreSQL URLs in libpq's other forms, through the commands as processes, against a server of the test's
 * own that listens on ::1 and on a Unix socket in its own folder (the machine's server may listen on neither):
 * an IPv6 literal (`[::1]`, which postgres.js cut to `[` and reported as ENOTFOUND) and `?host=/socket/folder`
 * with and without a host (refused as not a URL). Each migrates, reports the target it reached and never
 * shows a password.
 */
const skip = clusterMissing();
if (skip !== undefined) console.log(`[tests] skipped: IPv6 and Unix-socket URLs: ${skip}`);
const PASSWORD = 's3cret-not-shown';

describe.skipIf(skip !== undefined)('IPv6 literal and Unix-socket URLs', () => {
  let cluster: SingleCluster;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    [cluster, dir] = await Promise.all([startSingleCluster('::1'), createTempDir('cts-pg-targets')]);
  }, 180_000);
  afterAll(async () => {
    await cluster?.cleanup();
    await dir?.cleanup();
  });
  const run = (script: string, args: readonly string[], url: string, prefix: string) =>
    runScriptIn(dir.path, join(REPO_ROOT, 'scripts', `${script}.ts`), args, { DATABASE_URL: url, DB_PREFIX: prefix, DB_CONFIG_FILE: join(dir.path, 'none.json'), DATABASE_TYPE: '' });

  /** db:migrate, db:status, db:info and db:health on one URL: all succeed and name `target`. */
  async function works(url: string, prefix: string, target: string): Promise<string> {
    const migrated = await run('db-migrate', ['--json'], url, prefix);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ ok: true, applied: committedTags('pg').length });
    const status = await run('db-status', ['--json'], url, prefix);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as { rows: { state: string }[] }).rows.map((r) => r.state)).toEqual(committedTags('pg').map(() => 'applied'));
    const info = await run('db-info', ['--json'], url, prefix);
    expect(info.code, info.stderr).toBe(0);
    expect((JSON.parse(info.stdout) as { connected: { target: string } }).connected.target).toBe(target);
    const health = await run('db-health', [], url, prefix);
    expect(health.code, health.stdout).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ status: 'healthy', prefix, database: { connected: true } });
    const text = await run('db-info', [], url, prefix);
    expect(text.code, text.stderr).toBe(0);
    for (const out of [migrated, status, info, health, text]) expect(out.stdout + out.stderr).not.toContain(PASSWORD);
    return text.stdout;
  }

  it('postgres://u:pw@[::1]:<port>/postgres migrates, reports [::1]:<port>/postgres, and a backup runs (pg_dump)', async () => {
    const url = `postgres://postgres:${PASSWORD}@[::1]:${cluster.port}/postgres`;
    const text = await works(url, 'via_ipv6', `[::1]:${cluster.port}/postgres`);
    expect(text).toContain(`url       postgres://postgres:***@[::1]:${cluster.port}/postgres (env)`);
    expect(text).toContain(`connected postgresql [::1]:${cluster.port}/postgres in `);
    const backup = await run('db-backup', ['--json', '--file', join(dir.path, 'v6.dump')], url, 'via_ipv6');
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ ok: true, file: join(dir.path, 'v6.dump'), dialect: 'postgresql', prefix: 'via_ipv6' });
  }, 180_000);

  it('postgres://u:pw@:<port>/postgres?host=<socket folder> (no host) migrates and reports the socket file', async () => {
    const url = `postgres://postgres:${PASSWORD}@:${cluster.port}/postgres?host=${cluster.sockets}`;
    const socketTarget = `${cluster.sockets}/.s.PGSQL.${cluster.port}/postgres`;
    const text = await works(url, 'via_socket', socketTarget);
    expect(text).toContain(`url       postgres://postgres:***@:${cluster.port}/postgres?host=${cluster.sockets} (env)`);
    expect(text).toContain(`connected postgresql ${socketTarget} in `);
    const backup = await run('db-backup', ['--json', '--file', join(dir.path, 'socket.dump')], url, 'via_socket');
    expect(backup.code, backup.stderr).toBe(0);
  }, 180_000);

  it('postgres://u@localhost/postgres?host=<socket folder>&port=<port>: the parameters win over the host, as in libpq', async () => {
    const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(cluster.sockets)}&port=${cluster.port}`;
    await works(url, 'via_socket_param', `${cluster.sockets}/.s.PGSQL.${cluster.port}/postgres`);
  }, 180_000);

  // The machine's own cluster (Debian: /var/run/postgresql, port 5432), read only: db:info makes one round trip.
  it.runIf(existsSync('/var/run/postgresql/.s.PGSQL.5432'))('the local cluster as postgres://postgres@/postgres?host=/var/run/postgresql and postgres://postgres@localhost/postgres?host=/var/run/postgresql', async () => {
    for (const url of ['postgres://postgres@/postgres?host=/var/run/postgresql', 'postgres://postgres@localhost/postgres?host=/var/run/postgresql']) {
      const info = await run('db-info', ['--json'], url, 'local_socket');
      expect(info.code, info.stderr).toBe(0);
      expect((JSON.parse(info.stdout) as { connected: { target: string } }).connected.target).toBe('/var/run/postgresql/.s.PGSQL.5432/postgres');
    }
  });

  it('no server on a socket or on an IPv6 port: CONNECTION_REFUSED naming it, with the code under --json', async () => {
    const socketUrl = `postgres://postgres@/postgres?host=${dir.path}`;
    const socket = await run('db-status', ['--json'], socketUrl, 'none_here');
    expect(socket.code).toBe(1);
    expect((JSON.parse(socket.stdout) as { error: unknown }).error).toEqual({
      code: 'CONNECTION_REFUSED',
      message: `cannot connect to PostgreSQL at ${dir.path}/.s.PGSQL.5432, database "postgres", user "postgres": connect ENOENT ${dir.path}/.s.PGSQL.5432`,
      hint: 'start the PostgreSQL server or fix the host and port in DATABASE_URL',
    });
    const v6 = await run('db-info', [], 'postgres://postgres@[::1]:1/postgres', 'none_here');
    expect(v6.code).toBe(1);
    expect(v6.stderr).toBe('error [CONNECTION_REFUSED] cannot connect to PostgreSQL at [::1]:1, database "postgres", user "postgres": connect ECONNREFUSED ::1:1\n  hint: start the PostgreSQL server or fix the host and port in DATABASE_URL\n');
  }, 120_000);
});

