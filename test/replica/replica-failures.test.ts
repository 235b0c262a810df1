import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCtsDatabase, type CtsDatabase } from '../../src/accessors/cts-database.js';
import { resolveConfig, type DbConfig } from '../../src/config/index.js';
import { HEALTH_PATH, createHealthChecker, createHealthHandler, createRouteServer } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { clusterMissing, startStreamingPair, type StreamingPair } from '../support/pg-cluster.js';

const skip = clusterMissing();
if (skip !== undefined) console.log(`[tests] skipped: replica failures: ${skip}`);

const READ_TIMEOUT_MS = 500;
const MAX_LAG_MS = 1_000;
const INTERVAL_MS = 200;
// Names that must never reach the unauthenticated health endpoint.
const DATABASE = 'cts_rf_database';
const USER = 'cts_rf_login';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

// A standby that is frozen, promoted or behind, with the app's typed reads and its health endpoint watching.
describe.skipIf(skip !== undefined)('replicas that fail: frozen, behind, promoted (a real streaming standby on loopback)', () => {
  let pair: StreamingPair;
  let config: DbConfig;
  let standbySql: postgres.Sql;
  let id: string;
  const open: { close(): Promise<unknown> }[] = [];

  const rotation = (db: CtsDatabase) => (db.app.dialect === 'postgresql' ? (db.app.replicas?.state() ?? []) : []);
  const nameOf = async (db: CtsDatabase) => (await db.exchangeConnections.findFirst({ where: { id } }))?.name;

  /** The health endpoint as anyone on the network gets it, through a real HTTP server on loopback. */
  async function publicHealth(): Promise<{ status: number; text: string; body: { status: string; replicas?: { errorCode?: string }[] } }> {
    const checker = createHealthChecker(config);
    const server = createRouteServer({ [HEALTH_PATH]: createHealthHandler(checker) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${HEALTH_PATH}`);
      const text = await res.text();
      return { status: res.status, text, body: JSON.parse(text) as { status: string; replicas?: { errorCode?: string }[] } };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await checker.close();
    }
  }
  const expectNoAddress = (text: string) => {
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(DATABASE);
    expect(text).not.toContain(USER);
    for (const port of [pair.primary.port, pair.standby.port]) expect(new RegExp(`(^|[^0-9])${port}([^0-9]|$)`).test(text)).toBe(false);
  };

  beforeAll(async () => {
    pair = await startStreamingPair();
    const admin = postgres(pair.primary.url(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${USER} login superuser`);
    await admin.unsafe(`create database ${DATABASE} owner ${USER}`);
    await admin.end();
    config = resolveConfig({
      env: {
        DATABASE_URL: pair.primary.url(DATABASE, USER),
        DATABASE_REPLICA_URLS: pair.standby.url(DATABASE, USER),
        DB_PREFIX: 'rf',
        DB_CONNECT_TIMEOUT_MS: '2000',
        DB_REPLICA_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS),
        DB_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
        DB_REPLICA_CHECK_INTERVAL_MS: String(INTERVAL_MS),
      },
      configFile: false,
    });
    expect((await migrate(config)).ok).toBe(true);
    const writer = await openCtsDatabase(resolveConfig({ env: { DATABASE_URL: pair.primary.url(DATABASE, USER), DB_PREFIX: 'rf' }, configFile: false }));
    id = (await writer.exchangeConnections.insert({ name: 'v1', exchange: 'bybit', volumeFactor: '1' })).id;
    await writer.close();
    standbySql = postgres(pair.standby.url(DATABASE, USER), { max: 1, onnotice: () => {} });
    await eventually(async () => (await standbySql.unsafe<{ name: string }[]>('select name from rf_exchange_connections where id = $1', [id]).catch(() => []))[0]?.name === 'v1');
  }, 180_000);
  afterAll(async () => {
    for (const o of open.reverse()) await o.close().catch(() => undefined);
    await standbySql?.end({ timeout: 1 }).catch(() => undefined);
    await pair?.cleanup();
  });

  it('with replay paused beyond DB_REPLICA_MAX_LAG_MS, the replica leaves the rotation: no stale read one check interval later, health says REPLICA_LAGGING', async () => {
    const db = await openCtsDatabase(config);
    open.push(db);
    expect(await nameOf(db)).toBe('v1');
    await eventually(() => rotation(db)[0]?.inRotation === true);
    await standbySql.unsafe('select pg_wal_replay_pause()');
    // The primary is idle after this one write: lag must grow all the same.
    await db.exchangeConnections.update({ where: { id }, set: { name: 'v2' } });
    const written = Date.now();
    // Within the limit the paused replica still answers (the read really goes there).
    expect(await nameOf(db)).toBe('v1');
    await sleep(written + MAX_LAG_MS + INTERVAL_MS - Date.now() + 300);
    const names: (string | undefined)[] = [];
    for (let i = 0; i < 200; i++) names.push(await nameOf(db));
    expect(names).toEqual(Array.from({ length: 200 }, () => 'v2'));
    expect(rotation(db)[0]).toMatchObject({ inRotation: false, code: 'REPLICA_LAGGING' });
    expect(rotation(db)[0]?.lagBytes).toBeGreaterThan(0);

    const health = await publicHealth();
    expect([health.status, health.body.status, health.body.replicas?.[0]?.errorCode]).toEqual([200, 'healthy', 'REPLICA_LAGGING']);
    expectNoAddress(health.text);

    await standbySql.unsafe('select pg_wal_replay_resume()');
    await eventually(() => rotation(db)[0]?.inRotation === true);
    expect(await nameOf(db)).toBe('v2');
    expect(rotation(db)[0]).toEqual({ target: `127.0.0.1:${pair.standby.port}/${DATABASE}`, inRotation: true, lagMs: 0, lagBytes: 0 });
  }, 120_000);

  it('on an idle system a caught-up replica has 0 lag, not the time since the last write', async () => {
    const checker = createHealthChecker(config);
    open.push(checker);
    // Nothing is written from here on; the last transaction the replica replayed grows older.
    await sleep(1_500);
    const report = await checker.check();
    expect(report.replicas?.map((r) => [r.errorCode, r.lagMs, r.lagBytes])).toEqual([[undefined, 0, 0]]);
  }, 60_000);

  it('with the standby frozen (SIGSTOP), 1,000 typed reads all answer, none slower than the deadline + 100 ms; health says REPLICA_TIMEOUT', async () => {
    const db = await openCtsDatabase(config);
    open.push(db);
    expect(await nameOf(db)).toBe('v2');
    await eventually(() => rotation(db)[0]?.inRotation === true);
    const pids = await pair.standby.pids();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const names: (string | undefined)[] = [];
      let slowest = 0;
      for (let i = 0; i < 1_000; i++) {
        const started = performance.now();
        names.push(await nameOf(db));
        slowest = Math.max(slowest, performance.now() - started);
      }
      expect(names).toEqual(Array.from({ length: 1_000 }, () => 'v2'));
      expect(slowest).toBeGreaterThanOrEqual(READ_TIMEOUT_MS);
      expect(slowest).toBeLessThanOrEqual(READ_TIMEOUT_MS + 100);
      expect(rotation(db)[0]).toMatchObject({ inRotation: false, code: 'REPLICA_TIMEOUT' });

      const health = await publicHealth();
      expect([health.status, health.body.status, health.body.replicas?.[0]?.errorCode]).toEqual([200, 'healthy', 'REPLICA_TIMEOUT']);
      expectNoAddress(health.text);
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
  }, 120_000);

  it('after promotion (split brain) no read is answered by the ex-standby; health says REPLICA_PROMOTED and degraded', async () => {
    const db = await openCtsDatabase(config);
    open.push(db);
    expect(await nameOf(db)).toBe('v2');
    await eventually(() => rotation(db)[0]?.inRotation === true);
    await pair.standby.promote();
    // A write only the ex-standby has: any read it answers would show it.
    await standbySql.unsafe(`update rf_exchange_connections set name = 'split brain' where id = $1`, [id]);
    const names: (string | undefined)[] = [];
    for (let i = 0; i < 200; i++) names.push(await nameOf(db));
    expect(names).toEqual(Array.from({ length: 200 }, () => 'v2'));
    expect(rotation(db)[0]).toMatchObject({ inRotation: false, code: 'REPLICA_PROMOTED' });

    const health = await publicHealth();
    expect([health.status, health.body.status, health.body.replicas?.[0]?.errorCode]).toEqual([503, 'degraded', 'REPLICA_PROMOTED']);
    expectNoAddress(health.text);
  }, 120_000);
});
