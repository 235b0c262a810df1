import type { AppDatabase } from '../app-database.js';
import { developmentSeeds, productionSeeds } from './seed-data.js';

export type SeedEnvironment = 'development' | 'production';

export interface SeedResult {
  /** Rows inserted per table key; 0 everywhere on a second run. */
  readonly inserted: Readonly<Record<string, number>>;
}

type SeedSet = Readonly<Record<string, readonly object[]>>;

/**
 * Inserts the seed rows through the typed tables, skipping rows that exist (by primary key): idempotent.
 * Production gets reference data only; development adds sample data. All in one transaction.
 */
export async function seedDatabase(app: AppDatabase, env: SeedEnvironment): Promise<SeedResult> {
  const sets: SeedSet[] = env === 'production' ? [productionSeeds] : [productionSeeds, developmentSeeds];
  const inserted: Record<string, number> = {};
  const run = async (insert: (key: string, rows: readonly object[]) => Promise<number>) => {
    for (const set of sets) for (const [key, rows] of Object.entries(set)) inserted[key] = (inserted[key] ?? 0) + (await insert(key, rows));
  };
  if (app.dialect === 'postgresql') {
    await app.db.transaction(async (tx) =>
      run(async (key, rows) => (await tx.insert(app.tables[key as keyof typeof app.tables]).values(rows as never).onConflictDoNothing().returning()).length),
    );
  } else {
    await app.db.transaction(async (tx) =>
      run(async (key, rows) => (await tx.insert(app.tables[key as keyof typeof app.tables]).values(rows as never).onConflictDoNothing().returning()).length),
    );
  }
  return { inserted };
}
