import { openCtsDatabase, type CtsDatabase } from '../accessors/cts-database.js';
import { resolveConfig, type DbConfig, type ResolveConfigOptions } from '../config/resolve-config.js';
import { startDatabase, startupOf } from './start-database.js';

export interface SharedDatabaseOptions {
  /** Passed to `resolveConfig` on first use. Default: the environment and data/db-config.json. */
  readonly config?: ResolveConfigOptions;
}

// One database per configuration and process, shared by every request and route: bundlers (Next.js) may load
// this module once per route, so the instances live on globalThis under a registered symbol.
const KEY = Symbol.for('cts-db.shared-database');
type Entry = { readonly config: DbConfig; db: Promise<CtsDatabase> | undefined };
type Holder = { [KEY]?: Map<string, Entry> };
const registry = (): Map<string, Entry> => ((globalThis as Holder)[KEY] ??= new Map());
const keyOf = (options: SharedDatabaseOptions) => JSON.stringify(options.config ?? {});

/**
 * The process-wide typed database for server code (route handlers, server components, server actions),
 * created on first call, never at import time, so `next build` neither reads the configuration nor connects.
 * It waits for the start-up ({@link startDatabase}, started here if the app did not): the first call after the
 * database comes back applies pending migrations first. While the database cannot be reached it rejects
 * with the coded error (`CONNECTION_REFUSED`, ...), and the next call tries again.
 *
 * @example
 * // app/connections/page.tsx
 * const db = await sharedDatabase();
 * const rows = await db.pseudoPositions.findMany({ with: { connection: true }, limit: 20 });
 */
export async function sharedDatabase(options: SharedDatabaseOptions = {}): Promise<CtsDatabase> {
  const key = keyOf(options);
  let entry = registry().get(key);
  if (entry === undefined) {
    entry = { config: resolveConfig(options.config), db: undefined };
    registry().set(key, entry);
  }
  const { config } = entry;
  await (startupOf(config) ?? startDatabase({ config })).ready();
  if (entry.db === undefined) {
    const opening = openCtsDatabase(config);
    entry.db = opening;
    // A failed open is not kept: the next call opens again.
    opening.catch(() => {
      if (entry.db === opening) entry.db = undefined;
    });
  }
  return entry.db;
}

/** Closes every shared database and forgets them (tests, a graceful shutdown). */
export async function closeSharedDatabases(): Promise<void> {
  const all = [...registry().values()];
  registry().clear();
  await Promise.all(all.map(async (e) => (await e.db?.catch(() => undefined))?.close()));
}
