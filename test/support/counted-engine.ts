/**
 * A migrated database per dialect with the accessors' read statements counted at the driver: postgres.js's
 * `unsafe` (every prepared read), or on SQLite each execution of a statement kept on the native connection.
 * For tests that a read is one statement, relations included.
 */
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
  let prepares = 0;
  if (app.dialect === 'postgresql') {
    const unsafe = app.sql.unsafe.bind(app.sql);
    app.sql.unsafe = ((...args: Parameters<typeof unsafe>) => {
      count += 1;
      return unsafe(...args);
    }) as typeof app.sql.unsafe;
  } else {
    // The prepared reads run on the native connection: each execution of a kept statement counts.
    const open = app.nativeReads!;
    const counted = new WeakSet<object>();
    (app as { nativeReads: typeof open }).nativeReads = () => {
      const native = open();
      if (!counted.has(native)) {
        counted.add(native);
        const prepare = native.prepare.bind(native);
        native.prepare = ((source: string) => {
          prepares += 1;
          const statement = prepare(source);
          const all = statement.all.bind(statement);
          statement.all = ((...params: unknown[]) => {
            count += 1;
            return all(...params);
          }) as typeof statement.all;
          // A one-row read (LIMIT 1) runs its statement with get().
          const get = statement.get.bind(statement);
          statement.get = ((...params: unknown[]) => {
            count += 1;
            return get(...params);
          }) as typeof statement.get;
          return statement;
        }) as typeof native.prepare;
      }
      return native;
    };
  }
  const db = ctsDatabase(app);
  await seed(db);
  return { dialect, target, db, statements: () => count, prepares: () => prepares };
}
