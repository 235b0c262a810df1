import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { pgbouncerMissing, startPgBouncer, type PgBouncer } from '../support/pgbouncer.js';
import { REPO_ROOT, scriptArgs, type CommandResult } from '../support/repo-copy.js';
import { createTempDir } from '../support/temp-dir.js';
import { createTestPostgres, itNeedsServer, postgresMode, type TestPostgres } from '../support/test-postgres.js';

// Acceptance of `-- cts:transaction none`: CREATE INDEX CONCURRENTLY applied by db:migrate (a process) on a
// table a writer keeps inserting into, with the migrator SIGKILLed at random points, directly and through
// PgBouncer in transaction mode.
const LOCK_TIMEOUT_MS = 3_000;
const ROWS = 300_000;
const SEED = Number(process.env.CONCURRENT_INDEX_SEED ?? Date.now() % 2_147_483_647);
console.log(`[concurrent-index] seed ${SEED} (CONCURRENT_INDEX_SEED=${SEED} repeats this run)`);

/** mulberry32: a small seeded generator, so a failing round can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Journal {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** db:migrate as its own process group, so a kill reaches it and nothing outlives the test. */
function startMigrate(root: string, env: Record<string, string>): { readonly pid: number; readonly done: Promise<CommandResult>; kill(): void } {
  const child = spawn(process.execPath, scriptArgs('db-migrate.ts', ['--migrations-dir', root]), { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CommandResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    pid: child.pid ?? -1,
    done,
    kill: () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

interface Writer {
  readonly inserts: () => number;
  readonly maxMs: () => number;
  stop(): Promise<void>;
}

/** Inserts one row at a time into the table until stopped, timing each insert (its own connection, direct to the server). */
function startWriter(url: string, table: string): Writer {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let running = true;
  let count = 0;
  let max = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await sql.unsafe(`insert into "${table}" (note) values ($1)`, [`w${count}`]);
      max = Math.max(max, performance.now() - started);
      count++;
      await sleep(2);
    }
  })();
  return {
    inserts: () => count,
    maxMs: () => max,
    stop: async () => {
      running = false;
      await loop;
      await sql.end();
    },
  };
}

describe('CREATE INDEX CONCURRENTLY through db:migrate under writes and SIGKILL', () => {
  let pg: TestPostgres;
  let admin: postgres.Sql;
  let dir: { path: string; cleanup: () => Promise<void> };
  let bouncer: PgBouncer | undefined;
  const bouncerMissing = postgresMode() === 'server' ? pgbouncerMissing() : 'needs a server';

  beforeAll(async () => {
    if (postgresMode() !== 'server') return;
    pg = await createTestPostgres();
    admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    dir = await createTempDir('cts-concurrent-index');
    if (bouncerMissing === undefined) bouncer = await startPgBouncer({ serverPort: Number(new URL(pg.url).port || 5432), poolSize: 4 });
  }, 60_000);
  afterAll(async () => {
    await bouncer?.stop();
    await admin?.end();
    await pg?.cleanup();
    await dir?.cleanup();
  });

  /** A copy of the committed migrations plus a big table, in a folder of its own. */
  async function migrationsFolder(name: string): Promise<{ root: string; journal: Journal; add(tag: string, sql: string): Promise<void> }> {
    const root = join(dir.path, name);
    await cp(join(REPO_ROOT, 'drizzle', 'pg'), join(root, 'pg'), { recursive: true });
    const journalFile = join(root, 'pg', 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as Journal;
    const add = async (tag: string, sql: string) => {
      await writeFile(join(root, 'pg', `${tag}.sql`), sql);
      journal.entries.push({ idx: journal.entries.length, version: '7', when: 1_800_000_000_000 + journal.entries.length, tag, breakpoints: true });
      await writeFile(journalFile, JSON.stringify(journal, null, 2));
    };
    await add(
      `${String(journal.entries.length).padStart(4, '0')}_conc_items`,
      `CREATE TABLE "conc_items" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "note" text NOT NULL);\n--> statement-breakpoint\nINSERT INTO "conc_items" ("note") SELECT md5(g::text) FROM generate_series(1, ${ROWS}) g;\n`,
    );
    return { root, journal, add };
  }

  /** The ledger as (tag, checksum), every row, in journal order. */
  const ledgerRows = async (prefix: string) =>
    (await admin.unsafe<{ tag: string; checksum: string }[]>(`select tag, checksum from "${prefix}_schema_migrations" order by journal_idx, tag`)).map((r) => [r.tag, r.checksum]);
  const invalidIndexes = async () =>
    (await admin.unsafe<{ name: string }[]>(`select c.relname::text as name from pg_index i join pg_class c on c.oid = i.indexrelid where not i.indisvalid order by 1`)).map((r) => r.name);
  /** Statements a killed run left running on the server (the runner labels each statement it runs outside a transaction). */
  const leftRunning = async (prefix: string) =>
    Number((await admin.unsafe<{ n: number }[]>(`select count(*)::int as n from pg_stat_activity where state <> 'idle' and starts_with(query, $1)`, [`/* cts-db migrate ${prefix} `]))[0]?.n);

  async function killRounds(prefix: string, rounds: number, env: Record<string, string>): Promise<void> {
    const random = seeded(SEED + rounds);
    const folder = await migrationsFolder(prefix);
    const first = await startMigrate(folder.root, env).done;
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const writer = startWriter(pg.url, `${prefix}_conc_items`);
    let estimateMs = 4_000;
    let midStatement = 0;
    try {
      for (let round = 1; round <= rounds; round++) {
        const tag = `${String(folder.journal.entries.length).padStart(4, '0')}_index_round_${round}`;
        const drop = round === 1 ? '' : `\n--> statement-breakpoint\nDROP INDEX CONCURRENTLY IF EXISTS "conc_items_round_${round - 1}_idx";`;
        await folder.add(tag, `-- cts:transaction none\nCREATE INDEX CONCURRENTLY "conc_items_round_${round}_idx" ON "conc_items" ("note", "id");${drop}\n`);
        const run = startMigrate(folder.root, env);
        // Half the rounds kill at a uniformly random moment of a whole run; the other half once a statement
        // is seen running, a random part of a build later (so that kills land mid-build).
        if (random() < 0.5) {
          await sleep(Math.floor(random() * estimateMs));
        } else {
          const deadline = performance.now() + estimateMs * 2;
          while (performance.now() < deadline && (await leftRunning(prefix)) === 0) await sleep(20);
          await sleep(Math.floor(random() * 400));
        }
        run.kill();
        const killed = await run.done;
        if ((await leftRunning(prefix)) > 0) midStatement++;
        const started = performance.now();
        const rerun = await startMigrate(folder.root, env).done;
        estimateMs = Math.max(1_000, performance.now() - started);
        expect(rerun.stderr, `round ${round} (seed ${SEED}); the killed run printed: ${killed.stdout}${killed.stderr}`).toBe('');
        expect(rerun.code).toBe(0);
        expect(await invalidIndexes()).toEqual([]);
        const expected = await Promise.all(folder.journal.entries.map(async (e) => [e.tag, sha(await readFile(join(folder.root, 'pg', `${e.tag}.sql`), 'utf8'))]));
        expect(await ledgerRows(prefix)).toEqual(expected);
      }
    } finally {
      await writer.stop();
    }
    console.log(`[concurrent-index] ${prefix}: ${rounds} rounds, ${midStatement} kill(s) landed while a statement ran, ${writer.inserts()} inserts, longest ${Math.round(writer.maxMs())} ms`);
    const [indexes] = await admin.unsafe<{ names: string }[]>(`select string_agg(c.relname::text, ',' order by c.relname) as names from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid where t.relname = $1`, [`${prefix}_conc_items`]);
    expect(indexes?.names).toBe(`${prefix}_conc_items_pkey,${prefix}_conc_items_round_${rounds}_idx`);
    // No insert waited as long as a lock timeout: CONCURRENTLY never held a lock that blocks writers.
    expect(writer.inserts()).toBeGreaterThan(rounds);
    expect(writer.maxMs()).toBeLessThan(LOCK_TIMEOUT_MS);
  }

  itNeedsServer(
    'directly: 20 rounds, each killed at a random point and re-run; every re-run completes, no INVALID index, the ledger exact',
    async () => {
      await killRounds('conc', 20, { DATABASE_URL: pg.url, DB_PREFIX: 'conc', DB_DDL_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), DB_CONNECT_TIMEOUT_MS: '10000' });
    },
    900_000,
  );

  if (bouncerMissing === undefined) {
    itNeedsServer(
      'through PgBouncer in transaction mode (DB_PREPARE=false): 10 rounds, the same checks',
      async () => {
        await killRounds('concpool', 10, { DATABASE_URL: bouncer?.url(pg.database) ?? '', DB_PREPARE: 'false', DB_PREFIX: 'concpool', DB_DDL_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), DB_CONNECT_TIMEOUT_MS: '10000' });
      },
      900_000,
    );
  }
});
