import { embeddedMigrationFiles, embeddedMigrationHeads, type EmbeddedMigrationSet } from './embedded-migrations.js';
import { readMigrationFiles, type MigrationDialect, type MigrationFile, type MigrationHead } from './migration-files.js';

/** Where the runner takes its migrations from. */
export interface MigrationSourceOptions {
  /**
   * A folder holding pg/ and sqlite/ (drizzle-kit's layout: meta/_journal.json, <tag>.sql, down/<tag>.sql).
   * When unset, the migrations embedded in the package (generated/migrations.ts) are used, so a bundled or
   * installed app migrates with nothing but its code.
   */
  readonly migrationsRoot?: string;
  /** Another embedded set (e.g. `toEmbeddedSet(await readMigrationSet(root))`); ignored when `migrationsRoot` is set. */
  readonly migrations?: EmbeddedMigrationSet;
}

/**
 * The migrations embedded in this package by `pnpm db:generate` (checked against drizzle/ by `pnpm db:check`).
 * Loaded on first use, not with the package: an app that only queries never loads them, and their SQL is a
 * further module loaded only when a migration has to run. Bundlers give each its own chunk (dynamic imports
 * with literal specifiers).
 */
export function loadEmbeddedMigrations(): Promise<EmbeddedMigrationSet> {
  return import('../../generated/migrations.js').then((m) => m.migrations);
}

/** One dialect's migrations: the heads now, the SQL when asked (once). */
export interface MigrationSource {
  readonly heads: readonly MigrationHead[];
  files(): Promise<readonly MigrationFile[]>;
}

/** The migrations of one dialect in journal order, from the folder when one is given, else embedded. */
export async function loadMigrationSource(dialect: MigrationDialect, options: MigrationSourceOptions): Promise<MigrationSource> {
  if (options.migrationsRoot !== undefined) {
    // A folder is read and hashed whole: the checksums are the files' own.
    const files = await readMigrationFiles(options.migrationsRoot, dialect);
    return { heads: files, files: async () => files };
  }
  const set = options.migrations ?? (await loadEmbeddedMigrations());
  const heads = embeddedMigrationHeads(set, dialect);
  let files: Promise<MigrationFile[]> | undefined;
  return { heads, files: () => (files ??= embeddedMigrationFiles(set, dialect, heads)) };
}

/** Says where the migrations come from, for messages. */
export function describeMigrationSource(options: MigrationSourceOptions): string {
  if (options.migrationsRoot !== undefined) return `folder ${options.migrationsRoot}`;
  return options.migrations === undefined ? 'embedded (generated/migrations.ts)' : 'embedded (given set)';
}
