/**
 * A migrated database per dialect with the accessors' read statements counted at the driver: postgres.js's
 * `unsafe` (every prepared read), or on SQLite each execution of a statement kept on the native connection.
 * For tests that a read is one statement, relations included.
 */
import { afterAll, beforeAll } from 'vitest';
import { ctsDatabase, openAppDatabase, type CtsDatabase } from '../../src/index.js';
import { migrate } from '../../src/migrate/index.js';
import { createMigrationTarget, type MigrationTarget } from './migration-fixtures.js';

export interface CountedEngine {
  readonly dialect: 'sqlite' | 'postgresql';
  readonly target: MigrationTarget;
  readonly db: CtsDatabase;
  /** Statements the driver has run for the accessors' reads since the start. */
  statements(): number;
  /** SQLite: statements prepared on the native connection since the start (each query shape once); 0 on PostgreSQL. */
  prepares(): number;
}

export async function countedEngine(dialect: 'sqlite' | 'postgresql', prefix: string, seed: (db: CtsDatabase) => Promise<void>): Promise<CountedEngine> {
  const target = await createMigrationTarget(dialect);
  const config = target.config(prefix);
  const migrated = await migrate(config);
  if (!migrated.ok) throw migrated.error;
  const app = await openAppDatabase(config);
  let count = 0;
  let native: NativeCalls | undefined;
  if (app.dialect === 'postgresql') {
    const unsafe = app.sql.unsafe.bind(app.sql);
    app.sql.unsafe = ((...args: Parameters<typeof unsafe>) => {
      count += 1;
      return unsafe(...args);
    }) as typeof app.sql.unsafe;
  } else {
    native = countNativeCalls(app);
  }
  const db = ctsDatabase(app);
  await seed(db);
  return { dialect, target, db, statements: () => count + (native === undefined ? 0 : native.gets + native.alls), prepares: () => native?.prepares ?? 0 };
}

/** Calls on the native connection of a SQLite app since it was counted (mutable: a test may reset them). */
export interface NativeCalls {
  prepares: number;
  gets: number;
  alls: number;
}

/**
 * Counts the calls on a SQLite app's native read connection: each statement prepared, and each execution of a
 * kept one with get() (a one-row read) or all().
 */
export function countNativeCalls(app: Awaited<ReturnType<typeof openAppDatabase>>): NativeCalls {
  if (app.dialect !== 'sqlite' || app.nativeReads === undefined) throw new Error('countNativeCalls needs a SQLite file opened with native reads');
  const calls: NativeCalls = { prepares: 0, gets: 0, alls: 0 };
  const open = app.nativeReads;
  const counted = new WeakSet<object>();
  (app as { nativeReads: typeof open }).nativeReads = () => {
    const native = open();
    if (!counted.has(native)) {
      counted.add(native);
      const prepare = native.prepare.bind(native);
      native.prepare = ((source: string) => {
        calls.prepares += 1;
        const statement = prepare(source);
        const all = statement.all.bind(statement);
        statement.all = ((...params: unknown[]) => {
          calls.alls += 1;
          return all(...params);
        }) as typeof statement.all;
        const get = statement.get.bind(statement);
        statement.get = ((...params: unknown[]) => {
          calls.gets += 1;
          return get(...params);
        }) as typeof statement.get;
        return statement;
      }) as typeof native.prepare;
    }
    return native;
  };
  return calls;
}

/** One counted engine per dialect for the enclosing describe, seeded alike, closed and dropped after it. */
export function useCountedEngines(prefix: string, seed: (db: CtsDatabase) => Promise<void>): readonly CountedEngine[] {
  const engines: CountedEngine[] = [];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) engines.push(await countedEngine(dialect, prefix, seed));
  }, 120_000);
  afterAll(async () => {
    for (const e of engines) {
      await e.db.close();
      await e.target.cleanup();
    }
  });
  return engines;
}
