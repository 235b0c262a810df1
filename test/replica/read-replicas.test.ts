import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCtsDatabase, type CtsDatabase } from '../../src/accessors/cts-database.js';
import { resolveConfig, type DbConfig } from '../../src/config/index.js';
import { createHealthChecker } from '../../src/health/index.js';
import { migrate } from '../../src/migrate/index.js';
import { registerConnection } from '../../src/queries/trading-hot-paths.js';
import { clusterMissing, startStreamingPair, type StreamingPair } from '../support/pg-cluster.js';

const skip = clusterMissing();
if (skip !== undefined) console.log(`[tests] skipped: read replicas: ${skip}`);

/** Waits until `check` holds (the standby replays asynchronously). */
async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skip !== undefined)('read replicas on a real streaming standby (initdb + pg_basebackup -R, loopback ports)', () => {
  let pair: StreamingPair;
  let config: DbConfig;
  let db: CtsDatabase;
  let standbySql: postgres.Sql;
  beforeAll(async () => {
    pair = await startStreamingPair();
    config = resolveConfig({ env: { DATABASE_URL: pair.primary.url(), DATABASE_REPLICA_URLS: pair.standby.url(), DB_PREFIX: 'rep', DB_CONNECT_TIMEOUT_MS: '2000' }, configFile: false });
    const migrated = await migrate(config);
    expect(migrated.ok).toBe(true);
    standbySql = postgres(pair.standby.url(), { max: 1, onnotice: () => {} });
    // Caught up when the standby's ledger lists every migration (the ledger itself is created, and replicated,
    // before the first migration's tables are).
    const applied = migrated.results.length;
    await eventually(async () => {
      const [row] = await standbySql.unsafe<{ n: number }[]>(`select count(*)::int as n from rep_schema_migrations`).catch(() => [{ n: -1 }]);
      return row?.n === applied;
    });
    db = await openCtsDatabase(config);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await standbySql?.end({ timeout: 1 }).catch(() => undefined);
    await pair?.cleanup();
  });

  it('typed reads go to the replica, writes to the primary: with replay paused, a row just written is invisible to reads until replay resumes', async () => {
    expect(db.app.dialect === 'postgresql' && db.app.replicas?.targets).toEqual([`127.0.0.1:${pair.standby.port}/postgres`]);
    await standbySql.unsafe('select pg_wal_replay_pause()');
    // The write succeeds: it went to the primary (the standby is read-only).
    const id = await registerConnection(db, { name: 'while paused', exchange: 'bybit', volumeFactor: '1' });
    // Reads (prepared lookups, counts, relations) are served by the paused replica, which has not seen it.
    expect(await db.exchangeConnections.findFirst({ where: { id } })).toBeUndefined();
    expect(await db.exchangeConnections.count({ where: { id } })).toBe(0);
    // Inside a transaction everything is on the primary.
    expect(await db.transaction((tx) => tx.exchangeConnections.count({ where: { id } }))).toBe(1);

    const health = createHealthChecker(config);
    try {
      const report = await health.check();
      expect(report.status).toBe('healthy');
      expect(report.replicas).toHaveLength(1);
      expect(report.replicas?.[0]).toMatchObject({ target: `127.0.0.1:${pair.standby.port}/postgres`, reachable: true, standby: true, migration: report.migrations.latest, matchesPrimary: true });
      expect(report.replicas?.[0]?.lagBytes).toBeGreaterThan(0);

      await standbySql.unsafe('select pg_wal_replay_resume()');
      await eventually(async () => (await db.exchangeConnections.findFirst({ where: { id } })) !== undefined);
      await eventually(async () => (await health.check()).replicas?.[0]?.lagBytes === 0);
      expect((await health.check()).replicas?.[0]?.lagMs).toEqual(expect.any(Number));
    } finally {
      await health.close();
    }
  }, 60_000);

  it('with the replica stopped, reads fall back to the primary and health reports the replica unreachable (the primary stays healthy)', async () => {
    const id = await registerConnection(db, { name: 'before stop', exchange: 'okx', volumeFactor: '2' });
    await eventually(async () => (await db.exchangeConnections.findFirst({ where: { id } })) !== undefined);
    await standbySql.end({ timeout: 1 });
    await pair.standby.stop();
    try {
      // Served by the primary: no error although the replica is gone.
      expect((await db.exchangeConnections.findFirst({ where: { id } }))?.name).toBe('before stop');
      expect(await db.exchangeConnections.count()).toBeGreaterThanOrEqual(2);
      expect(db.app.dialect === 'postgresql' && db.app.replicas?.down()).toEqual([`127.0.0.1:${pair.standby.port}/postgres`]);
      const health = createHealthChecker(config);
      try {
        const report = await health.check();
        expect(report.status).toBe('healthy');
        expect(report.replicas?.[0]).toMatchObject({ reachable: false, errorCode: 'CONNECTION_REFUSED', matchesPrimary: null });
        expect(report.replicas?.[0]?.error).toContain(`127.0.0.1:${pair.standby.port}`);
      } finally {
        await health.close();
      }
    } finally {
      await pair.standby.start();
    }
  }, 60_000);
});
