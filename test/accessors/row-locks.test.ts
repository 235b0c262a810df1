/**
 * Row locks inside transactions: the job-queue claim (`lock: 'update', skipLocked: true`) by 4 concurrent workers
 * on PostgreSQL, each holding its claim until all 4 have claimed (so without SKIP LOCKED they would wait on one
 * another and the barrier would time out): no row claimed twice, every row claimed. noWait fails at once as
 * QUERY_RETRYABLE; the same claim runs on SQLite, where the write transaction already excludes other writers. And
 * the refusals: a lock outside a transaction, skipLocked without lock, both skipLocked and noWait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError, type CtsDatabase } from '../../src/index.js';
import { closeEngine, openEngine, refusalOf, type Engine } from './failure-support.js';
import { itNeedsServer, postgresMode } from '../support/test-postgres.js';

const C1 = '00000000-0000-4000-8000-00000000b001';
const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const JOBS = 40;


/** Resolves when `n` parties have arrived; rejects after `ms` (a worker that cannot arrive fails the test, not hangs it). */
function barrier(n: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived === n) open();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${arrived} of ${n} workers claimed within ${ms} ms: a claim waited for another's locks`)), ms)));
    try {
      await Promise.race([all, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

describe(`row locks on SQLite and PostgreSQL (${postgresMode() === 'server' ? 'server' : 'PGlite'})`, () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const engine = await openEngine(dialect);
      const db = engine.db;
      await db.exchangeConnections.insert({ id: C1, name: 'one', exchange: 'bybit' });
      engines.push(engine);
    }
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) await closeEngine(e);
  });
  const engine = (d: 'sqlite' | 'postgresql') => engines.find((e) => e.dialect === d)!;

  const seedJobs = async (db: CtsDatabase) => {
    await db.pseudoPositions.delete({ all: true });
    await db.pseudoPositions.insertMany(Array.from({ length: JOBS }, (_, i) => ({ id: idOf(i + 1), connectionId: C1, symbol: `JOB${i}`, side: 'long' as const, status: 'pending' as const, entryPrice: '1', quantity: '1' })));
  };

  /** One claim: up to `size` pending rows locked and marked active in one transaction, after `hold()`. */
  const claim = (db: CtsDatabase, size: number, hold: () => Promise<void>) =>
    db.transaction(async (tx) => {
      const rows = await tx.pseudoPositions.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' }, limit: size, lock: 'update', skipLocked: true, with: { connection: true } });
      await hold();
      for (const r of rows) await tx.pseudoPositions.update({ where: { id: r.id }, set: { status: 'active' } });
      return rows.map((r) => r.id);
    });

  // On PGlite every connection shares one backend: a second session waits for the first one's transaction.
  itNeedsServer('PostgreSQL: 4 concurrent workers claim with SKIP LOCKED, none waits on another, no row is claimed twice', async () => {
    const { db } = engine('postgresql');
    await seedJobs(db);
    const first = barrier(4, 30_000);
    const claimed: string[][] = [[], [], [], []];
    await Promise.all(
      claimed.map(async (mine) => {
        // The first claims meet at the barrier while holding their locks: each must have got rows no other holds.
        mine.push(...(await claim(db, 4, first)));
        for (;;) {
          const more = await claim(db, 3, async () => {});
          if (more.length === 0) return;
          mine.push(...more);
        }
      }),
    );
    const all = claimed.flat();
    expect(claimed.map((c) => c.length > 0), 'every worker claimed').toStrictEqual([true, true, true, true]);
    expect(new Set(all).size, 'no row claimed twice').toBe(all.length);
    expect([...all].sort()).toStrictEqual(Array.from({ length: JOBS }, (_, i) => idOf(i + 1)));
    expect(await db.pseudoPositions.count({ where: { status: 'pending' } })).toBe(0);
  }, 120_000);

  itNeedsServer('PostgreSQL: noWait fails at once with QUERY_RETRYABLE on a row another transaction holds', async () => {
    const { db } = engine('postgresql');
    await seedJobs(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.pseudoPositions.findMany({ where: { id: idOf(1) }, lock: 'update' });
      locked();
      await held;
    });
    await isLocked;
    const attempt = db.transaction((tx) => tx.pseudoPositions.findFirst({ where: { id: idOf(1) }, lock: 'update', noWait: true })).then(
      () => 'no error',
      (error: unknown) => (error instanceof QueryError ? error.code : String(error)),
    );
    expect(await attempt).toBe('QUERY_RETRYABLE');
    release();
    await holder;
  });

  it('SQLite: the same claims run, one transaction at a time, and claim every row once', async () => {
    const { db } = engine('sqlite');
    await seedJobs(db);
    const claimed = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const mine: string[] = [];
        for (;;) {
          const more = await claim(db, 3, async () => {});
          if (more.length === 0) return mine;
          mine.push(...more);
        }
      }),
    );
    const all = claimed.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toStrictEqual(Array.from({ length: JOBS }, (_, i) => idOf(i + 1)));
  }, 120_000);

  it('refuses a lock outside a transaction, options without a lock, and skipLocked with noWait, on both engines', async () => {
    const answers: unknown[] = [];
    for (const e of engines) {
      const refusal = async (fn: () => Promise<unknown>) => {
        const error = await refusalOf(fn);
        return { code: error.code, path: error.path };
      };
      const got = {
        outside: await refusal(() => e.db.pseudoPositions.findMany({ lock: 'update' })),
        noLock: await refusal(() => e.db.transaction((tx) => tx.pseudoPositions.findMany({ skipLocked: true }))),
        both: await refusal(() => e.db.transaction((tx) => tx.pseudoPositions.findMany({ lock: 'update', skipLocked: true, noWait: true }))),
        strength: await refusal(() => e.db.transaction((tx) => tx.pseudoPositions.findMany({ lock: 'exclusive' as never }))),
      };
      expect(got, e.dialect).toStrictEqual({
        outside: { code: 'QUERY_INVALID_LOCK', path: 'pseudo_positions.lock' },
        noLock: { code: 'QUERY_INVALID_LOCK', path: 'pseudo_positions.skipLocked' },
        both: { code: 'QUERY_INVALID_LOCK', path: 'pseudo_positions.noWait' },
        strength: { code: 'QUERY_INVALID_LOCK', path: 'pseudo_positions.lock' },
      });
      answers.push(got);
    }
    expect(answers[1]).toStrictEqual(answers[0]);
  });
});
