import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctsDatabase } from '../../src/accessors/cts-database.js';
import { openAppDatabase } from '../../src/app-database.js';
import { resolveConfig } from '../../src/config/index.js';
import { latestDirectionIndication, registerConnection, writeDirectionIndications } from '../../src/queries/trading-hot-paths.js';
import { pgbouncerMissing, startPgBouncer, type PgBouncer } from '../support/pgbouncer.js';
import { REPO_ROOT, runScriptIn, type CommandResult } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, NEEDS_SERVER, postgresMode, type TestPostgres } from '../support/test-postgres.js';

const LOCK_CLASS = 0x43545331;
const PREFIX = 'pool';
const skip = postgresMode() !== 'server' ? NEEDS_SERVER : pgbouncerMissing();
if (skip !== undefined) console.log(`[tests] skipped: PgBouncer suite: ${skip}`);

/**
 * Our advisory locks (any prefix) still granted in this file's database. pg_locks is the whole server's: other
 * test files migrating at the same time hold locks of the same class in their own databases.
 */
async function ourAdvisoryLocks(adminUrl: string, database: string): Promise<number> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${LOCK_CLASS}::oid and database = (select oid from pg_database where datname = $1)`,
      [database],
    );
    return row?.n ?? -1;
  } finally {
    await sql.end();
  }
}

describe.skipIf(skip !== undefined)('through PgBouncer 1.18 in transaction mode (pool of 3, DB_PREPARE=false)', () => {
  let pg: TestPostgres;
  let bouncer: PgBouncer;
  let dir: { path: string; cleanup: () => Promise<void> };
  let migrations: string;
  let env: Record<string, string>;
  const journal: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] = [];

  beforeAll(async () => {
    pg = await createTestPostgres();
    const serverPort = Number(new URL(pg.url).port || 5432);
    bouncer = await startPgBouncer({ serverPort, poolSize: 3, aliases: { viapool: pg.database } });
    dir = await createTempDir('cts-pooler');
    migrations = join(dir.path, 'drizzle');
    await cp(join(REPO_ROOT, 'drizzle', 'pg'), join(migrations, 'pg'), { recursive: true });
    journal.push(...(JSON.parse(await readFile(join(migrations, 'pg', 'meta', '_journal.json'), 'utf8')) as { entries: typeof journal }).entries);
    env = { DATABASE_URL: bouncer.url(pg.database), DB_PREPARE: 'false', DB_PREFIX: PREFIX, DB_CONNECT_TIMEOUT_MS: '10000' };
  }, 60_000);
  afterAll(async () => {
    await bouncer?.stop();
    await pg?.cleanup();
    await dir?.cleanup();
  });

  /** Adds migration `tag` (a table and an index on it) with its down file to the folder's journal. */
  async function addMigration(tag: string): Promise<void> {
    const table = tag.replace(/^\d+_/, '');
    await writeFile(join(migrations, 'pg', `${tag}.sql`), `CREATE TABLE "${table}" ("id" integer PRIMARY KEY, "note" text);\n--> statement-breakpoint\nCREATE INDEX "${table}_note_idx" ON "${table}" ("note");\n`);
    await mkdir(join(migrations, 'pg', 'down'), { recursive: true });
    await writeFile(join(migrations, 'pg', 'down', `${tag}.sql`), `DROP TABLE "${table}";\n`);
    journal.push({ idx: journal.length, version: '7', when: 1_800_000_000_000 + journal.length, tag, breakpoints: true });
    await writeFile(join(migrations, 'pg', 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: journal }, null, 2));
  }

  async function ledger(): Promise<string[]> {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe<{ tag: string }[]>(`select tag from "${PREFIX}_schema_migrations" order by journal_idx`)).map((r) => r.tag);
    } finally {
      await sql.end();
    }
  }

  const migrateAll = (n: number, extra: Record<string, string> = {}): Promise<CommandResult[]> =>
    Promise.all(Array.from({ length: n }, () => runScriptIn(REPO_ROOT, 'db-migrate.ts', ['--migrations-dir', migrations], { ...env, ...extra })));

  it('16 concurrent db:migrate on a fresh database: all exit 0, each migration applied once, no advisory lock left; then 3 more rounds with a new migration each', async () => {
    const expectRound = async (runs: CommandResult[], tags: string[]) => {
      for (const run of runs) {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
      }
      // Exactly one process applied each migration; the others found it applied under the lock.
      for (const tag of tags) expect(runs.filter((r) => new RegExp(`^\\s+applied\\s+${tag} `, 'm').test(r.stdout)).length).toBe(1);
      expect(await ledger()).toEqual(journal.map((e) => e.tag));
      expect(await ourAdvisoryLocks(pg.adminUrl, pg.database)).toBe(0);
    };
    await expectRound(await migrateAll(16), journal.map((e) => e.tag));
    for (const round of [1, 2, 3]) {
      const tag = `${String(journal.length).padStart(4, '0')}_round_${round}`;
      await addMigration(tag);
      await expectRound(await migrateAll(16), [tag]);
    }
    // The pooler really was in the path: it counted the transactions.
    expect(Number((await bouncer.stats(pg.database)).total_xact_count)).toBeGreaterThan(16 * 4);
  }, 300_000);

  it('db:health, the typed queries and insertBulk\'s COPY work through it with DB_PREPARE=false', async () => {
    // A prefix of its own, migrated with the embedded migrations (the round migrations above are not among them).
    const appEnv = { ...env, DB_PREFIX: 'poolapp' };
    const migrated = await runScriptIn(REPO_ROOT, 'db-migrate.ts', [], appEnv);
    expect(migrated.code).toBe(0);
    const health = await runScriptIn(REPO_ROOT, 'db-health.ts', [], appEnv);
    expect(health.stderr).toBe('');
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ status: 'healthy' });

    const config = resolveConfig({ env: appEnv, configFile: false });
    expect(config.postgres?.prepare).toBe(false);
    const app = await openAppDatabase(config);
    try {
      const db = ctsDatabase(app);
      const id = await registerConnection(db, { name: 'pooled', exchange: 'bybit', volumeFactor: '1.5' });
      await writeDirectionIndications(db, Array.from({ length: 40 }, (_, i) => ({ connectionId: id, symbol: 'BTCUSDT', side: 'long' as const, strength: `${i}.25`, calculatedAt: new Date(1_700_000_000_000 + i * 1000) })));
      // Many lookups in parallel over a pool larger than the pooler's: any named statement would fail on another server connection.
      const latest = await Promise.all(Array.from({ length: 50 }, () => latestDirectionIndication(db, id, 'BTCUSDT')));
      for (const row of latest) expect(row?.strength).toBe('39.25000000');
      expect(await db.exchangeConnections.count()).toBe(1);

      // insertBulk is COPY FROM STDIN on PostgreSQL: on its own, inside a transaction, and failing, through the pooler.
      const bulk = Array.from({ length: 5_000 }, (_, i) => ({ name: `bulk-${i}`, exchange: 'okx', settings: { i, note: 'tab\there' } }));
      expect(await db.exchangeConnections.insertBulk(bulk)).toBe(5_000);
      await db.transaction(async (tx) => {
        await tx.exchangeConnections.insert({ name: 'bulk-tx-first', exchange: 'bybit' });
        expect(await tx.exchangeConnections.insertBulk(bulk.map((r) => ({ ...r, name: `${r.name}-tx` })))).toBe(5_000);
      });
      // More failed COPYs than the pooler has server connections (3): a failed one that kept its connection would stall the rest.
      for (let attempt = 0; attempt < 4; attempt++) {
        await expect(db.exchangeConnections.insertBulk([{ name: 'bulk-new', exchange: 'okx' }, { name: 'bulk-7', exchange: 'okx' }])).rejects.toMatchObject({ code: 'QUERY_UNIQUE_VIOLATION' });
      }
      expect(await db.exchangeConnections.count({ where: { name: { startsWith: 'bulk-' } } })).toBe(10_001);
      expect((await db.exchangeConnections.findFirst({ where: { name: 'bulk-4999-tx' } }))?.settings).toEqual({ i: 4_999, note: 'tab\there' });
      expect((await Promise.all(Array.from({ length: 20 }, () => latestDirectionIndication(db, id, 'BTCUSDT')))).map((r) => r?.strength)).toEqual(Array(20).fill('39.25000000'));
    } finally {
      await app.close();
    }
  }, 60_000);

  it('db:rollback through it undoes the newest migration and leaves no lock behind', async () => {
    const before = await ledger();
    const run = await runScriptIn(REPO_ROOT, 'db-rollback.ts', ['--migrations-dir', migrations], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await ledger()).toEqual(before.slice(0, -1));
    expect(await ourAdvisoryLocks(pg.adminUrl, pg.database)).toBe(0);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql.unsafe<{ t: string | null }[]>(`select to_regclass('"${PREFIX}_round_3"')::text as t`);
      expect(row?.t).toBeNull();
    } finally {
      await sql.end();
    }
  }, 60_000);

  it('with DATABASE_URL on the pooler and DATABASE_URL_UNPOOLED on the server, db:migrate connects to the server; the app URL stays on the pooler', async () => {
    const alias = 'viapool';
    const before = Number((await bouncer.stats(alias)).total_xact_count);
    const direct = await runScriptIn(REPO_ROOT, 'db-migrate.ts', [], { ...env, DB_PREFIX: 'direct', DATABASE_URL: bouncer.url(alias), DATABASE_URL_UNPOOLED: pg.url });
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    expect(direct.stdout).toMatch(/applied \d+ migration\(s\)/);
    // Not one transaction went through the pooler's alias...
    expect(Number((await bouncer.stats(alias)).total_xact_count)).toBe(before);
    // ...while the health check, which uses the app's URL, does go through it.
    const health = await runScriptIn(REPO_ROOT, 'db-health.ts', [], { ...env, DB_PREFIX: 'direct', DATABASE_URL: bouncer.url(alias), DATABASE_URL_UNPOOLED: pg.url });
    expect(health.code).toBe(0);
    expect(Number((await bouncer.stats(alias)).total_xact_count)).toBeGreaterThan(before);
    const info = await runScriptIn(REPO_ROOT, 'db-info.ts', [], { ...env, DATABASE_URL: bouncer.url(alias), DATABASE_URL_UNPOOLED: pg.url });
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^direct\s+postgres:\/\/postgres@127\.0\.0\.1:\d+\/cts_test_\w+ \(DATABASE_URL_UNPOOLED\): migrations and operations$/m);
    expect(info.stdout).toMatch(new RegExp(`^url\\s+postgres://postgres@127\\.0\\.0\\.1:${bouncer.port}/viapool \\(env\\): the app's queries`, 'm'));
  }, 120_000);

});
