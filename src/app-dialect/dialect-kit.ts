import type { AccessorDriver } from '../accessors/accessor-driver.js';
import type { AppDatabase } from '../app-database.js';

/**
 * What an open database needs of its dialect beyond the connection: its tables for a prefix and the typed
 * accessors' driver. One module per dialect (sqlite.ts, postgresql.ts), imported when a database of that
 * dialect is opened, so an app loads one dialect's Drizzle core and driver, never both.
 */
export interface DialectKit<D extends AppDatabase['dialect']> {
  readonly tables: (prefix: string) => Extract<AppDatabase, { dialect: D }>['tables'];
  readonly accessorDriver: (app: Extract<AppDatabase, { dialect: D }>) => AccessorDriver;
}

export interface LoadedKits {
  sqlite?: DialectKit<'sqlite'>;
  postgresql?: DialectKit<'postgresql'>;
}

// The kits loaded so far in this process. Kits hold no state: any database of a dialect uses its kit, so an
// AppDatabase copied or wrapped by the app still finds it.
const loaded: LoadedKits = {};

export async function loadSqliteKit(): Promise<DialectKit<'sqlite'>> {
  return (loaded.sqlite ??= (await import('./sqlite.js')).sqliteKit);
}

export async function loadPostgresqlKit(): Promise<DialectKit<'postgresql'>> {
  return (loaded.postgresql ??= (await import('./postgresql.js')).postgresqlKit);
}

/** The accessors' driver of an open database; its dialect's kit was loaded when it was opened. */
export function accessorDriverOf(app: AppDatabase): AccessorDriver {
  if (app.dialect === 'sqlite' && loaded.sqlite !== undefined) return loaded.sqlite.accessorDriver(app);
  if (app.dialect === 'postgresql' && loaded.postgresql !== undefined) return loaded.postgresql.accessorDriver(app);
  throw new TypeError(
    `ctsDatabase(app): no ${JSON.stringify(app.dialect)} database has been opened in this process: pass the object openAppDatabase(config) returned (or call openCtsDatabase(config))`,
  );
}
