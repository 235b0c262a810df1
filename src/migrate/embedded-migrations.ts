import type { MigrationDialect, MigrationFile } from './migration-files.js';

/** One committed migration as `pnpm db:generate` embeds it in generated/migrations.ts. */
export interface EmbeddedMigration {
  /** The journal's idx. */
  readonly idx: number;
  readonly tag: string;
  /** sha256 of `sql`, computed when embedding (db:check proves it matches drizzle/). */
  readonly checksum: string;
  /** The migration's base SQL, byte for byte the file drizzle/<dialect>/<tag>.sql. */
  readonly sql: string;
  /** The reverse (drizzle/<dialect>/down/<tag>.sql), or null when there is none. */
  readonly down: string | null;
}

/** Every committed migration of both dialects, in journal order. */
export interface EmbeddedMigrationSet {
  readonly postgresql: readonly EmbeddedMigration[];
  readonly sqlite: readonly EmbeddedMigration[];
}

const FOLDER = { postgresql: 'pg', sqlite: 'sqlite' } as const;

/**
 * The embedded migrations of one dialect as the runner's migration files. `file` names where each came from
 * (drizzle/<dialect>/<tag>.sql), for messages; nothing is read from disk.
 */
export function embeddedMigrationFiles(set: EmbeddedMigrationSet, dialect: MigrationDialect): MigrationFile[] {
  return set[dialect].map((m, position) => ({
    position,
    journalIdx: m.idx,
    tag: m.tag,
    file: `drizzle/${FOLDER[dialect]}/${m.tag}.sql`,
    sql: m.sql,
    checksum: m.checksum,
    down: m.down ?? undefined,
  }));
}
