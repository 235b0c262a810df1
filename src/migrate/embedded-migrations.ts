import type { LintAck } from '../lint/ack-digest.js';
import { MigrationError } from './migration-error.js';
import type { MigrationDialect, MigrationFile, MigrationHead } from './migration-files.js';
import { checksumSql } from './sql-checksum.js';

/** What the runner needs to know about a migration to tell whether it is applied: no SQL. */
export interface EmbeddedMigrationHead {
  /** The journal's idx. */
  readonly idx: number;
  readonly tag: string;
  /** sha256 of the migration's SQL, computed when embedding (db:check proves it matches drizzle/). */
  readonly checksum: string;
}

/** A migration's SQL: byte for byte drizzle/<dialect>/<tag>.sql, and its reverse (down/<tag>.sql) or null. */
export interface EmbeddedMigrationSql {
  readonly sql: string;
  readonly down: string | null;
}

/** One migration with everything: head and SQL. */
export interface EmbeddedMigration extends EmbeddedMigrationHead, EmbeddedMigrationSql {}

export type EmbeddedSql = { readonly [D in MigrationDialect]: Readonly<Record<string, EmbeddedMigrationSql>> };

export type EmbeddedHeads = { readonly [D in MigrationDialect]: readonly EmbeddedMigrationHead[] };

/** How many migrations a dialect has and the digest of their heads (`headsDigest`). */
export interface EmbeddedSummary {
  readonly count: number;
  readonly digest: string;
}

/**
 * Every committed migration of both dialects, in journal order, in three layers loaded as far as needed: the
 * summary (count and digest: all an up-to-date start-up compares with the ledger, however many migrations
 * there are), the heads (tags and checksums: status, health, history checks) and the SQL (only when a
 * migration has to run, be planned or rolled back).
 */
export interface EmbeddedMigrationSet {
  readonly summary: { readonly [D in MigrationDialect]: EmbeddedSummary };
  readonly loadHeads: () => Promise<EmbeddedHeads>;
  readonly loadSql: () => Promise<EmbeddedSql>;
  /**
   * The reviewed `cross-prefix` acknowledgements of drizzle/lint-acks.json, for the runner's prefix isolation
   * check: embedded with the migrations because an installed or bundled app has no drizzle/ folder.
   */
  readonly acks?: readonly LintAck[];
}

/**
 * sha256 over `idx checksum tag` lines in order: equal digests mean the same migrations, checksums and order.
 * The ledger's entries (sorted by journal index) give the same digest exactly when every migration is applied.
 */
export function headsDigest(heads: readonly { readonly idx: number; readonly checksum: string; readonly tag: string }[]): string {
  return checksumSql(heads.map((h) => `${h.idx} ${h.checksum} ${h.tag}`).join('\n'));
}

/** Migrations of both dialects with their SQL in hand, e.g. read from a folder (`readMigrationSet`). */
export interface EmbeddedMigrationData {
  readonly postgresql: readonly EmbeddedMigration[];
  readonly sqlite: readonly EmbeddedMigration[];
  /** The `cross-prefix` acknowledgements (see EmbeddedMigrationSet.acks). */
  readonly acks?: readonly LintAck[];
}

/** An embedded set from migrations already in memory. */
export function toEmbeddedSet(data: EmbeddedMigrationData): EmbeddedMigrationSet {
  const head = ({ idx, tag, checksum }: EmbeddedMigration): EmbeddedMigrationHead => ({ idx, tag, checksum });
  const body = (list: readonly EmbeddedMigration[]) => Object.fromEntries(list.map((m) => [m.tag, { sql: m.sql, down: m.down }]));
  const sql: EmbeddedSql = { postgresql: body(data.postgresql), sqlite: body(data.sqlite) };
  const heads: EmbeddedHeads = { postgresql: data.postgresql.map(head), sqlite: data.sqlite.map(head) };
  return { summary: summaryOf(heads), loadHeads: async () => heads, loadSql: async () => sql, ...(data.acks === undefined || data.acks.length === 0 ? {} : { acks: data.acks }) };
}

/** Count and digest per dialect. */
export function summaryOf(heads: EmbeddedHeads): EmbeddedMigrationSet['summary'] {
  return {
    postgresql: { count: heads.postgresql.length, digest: headsDigest(heads.postgresql) },
    sqlite: { count: heads.sqlite.length, digest: headsDigest(heads.sqlite) },
  };
}

const FOLDER = { postgresql: 'pg', sqlite: 'sqlite' } as const;

/** The heads of one dialect as the runner's migrations. `file` names where each came from, for messages. */
export function embeddedMigrationHeads(heads: EmbeddedHeads, dialect: MigrationDialect): MigrationHead[] {
  return heads[dialect].map((m, position) => ({ position, journalIdx: m.idx, tag: m.tag, file: `drizzle/${FOLDER[dialect]}/${m.tag}.sql`, checksum: m.checksum }));
}

/**
 * The full migrations for the heads, with their SQL loaded. Each SQL text is hashed again: the heads and the
 * SQL are separate modules, and a migration must never run under a checksum that is not its own.
 */
export async function embeddedMigrationFiles(loadSql: () => Promise<EmbeddedSql>, dialect: MigrationDialect, heads: readonly MigrationHead[]): Promise<MigrationFile[]> {
  const all = (await loadSql())[dialect];
  return heads.map((head) => {
    const body = all[head.tag];
    const checksum = body === undefined ? undefined : checksumSql(body.sql);
    if (body === undefined || checksum !== head.checksum) {
      throw new MigrationError(`the embedded migrations are inconsistent: ${head.tag} ${body === undefined ? 'has no SQL' : `has SQL with checksum ${checksum}, its head says ${head.checksum}`}`, {
        code: 'MIGRATION_EMBEDDED_INCONSISTENT',
        subject: head.file,
        tag: head.tag,
        file: head.file,
        hint: 'the generated migration modules were edited or mixed from two builds: run `pnpm db:generate` and rebuild',
      });
    }
    return { ...head, sql: body.sql, down: body.down ?? undefined };
  });
}
