import { migrations as committed } from '../../generated/migrations.js';
import { embeddedMigrationFiles, type EmbeddedMigrationSet } from './embedded-migrations.js';
import { readMigrationFiles, type MigrationDialect, type MigrationFile } from './migration-files.js';

/** Where the runner takes its migrations from. */
export interface MigrationSourceOptions {
  /**
   * A folder holding pg/ and sqlite/ (drizzle-kit's layout: meta/_journal.json, <tag>.sql, down/<tag>.sql).
   * When unset, the migrations embedded in the package (generated/migrations.ts) are used, so a bundled or
   * installed app migrates with nothing but its code.
   */
  readonly migrationsRoot?: string;
  /** Another embedded set (e.g. a generated module of your own); ignored when `migrationsRoot` is set. */
  readonly migrations?: EmbeddedMigrationSet;
}

/** The migrations embedded in this package by `pnpm db:generate` (checked against drizzle/ by `pnpm db:check`). */
export const embeddedMigrations: EmbeddedMigrationSet = committed;

/** The migrations of one dialect in journal order, from the folder when one is given, else embedded. */
export async function loadMigrationFiles(dialect: MigrationDialect, options: MigrationSourceOptions): Promise<MigrationFile[]> {
  if (options.migrationsRoot !== undefined) return readMigrationFiles(options.migrationsRoot, dialect);
  return embeddedMigrationFiles(options.migrations ?? committed, dialect);
}

/** Says where the migrations come from, for messages. */
export function describeMigrationSource(options: MigrationSourceOptions): string {
  if (options.migrationsRoot !== undefined) return `folder ${options.migrationsRoot}`;
  return options.migrations === undefined ? 'embedded (generated/migrations.ts)' : 'embedded (given set)';
}
