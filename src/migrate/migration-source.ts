import { embeddedMigrationFiles, embeddedMigrationHeads, headsDigest, type EmbeddedHeads, type EmbeddedMigrationSet, type EmbeddedSql, type EmbeddedSummary } from './embedded-migrations.js';
import { join } from 'node:path';
import type { LintAck } from '../lint/ack-digest.js';
import type { LedgerEntry } from './ledger.js';
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
 * Loaded on first use, not with the package: an app that only queries never loads them. The heads and the SQL
 * are further modules, loaded only as far as needed. Bundlers give each its own chunk (dynamic imports with
 * literal specifiers).
 */
let committed: Promise<EmbeddedMigrationSet> | undefined;
export function loadEmbeddedMigrations(): Promise<EmbeddedMigrationSet> {
  // Once per process: import() of a loaded module is cheap, but not free under a loader (tsx, a test runner).
  return (committed ??= import('../../generated/migrations.js').then((m) => m.migrations));
}

// The heads and the SQL of a set, loaded once per process however many runs use them.
const loaded = new WeakMap<EmbeddedMigrationSet, { heads?: Promise<EmbeddedHeads>; sql?: Promise<EmbeddedSql> }>();
function layers(set: EmbeddedMigrationSet): { heads(): Promise<EmbeddedHeads>; sql(): Promise<EmbeddedSql> } {
  let entry = loaded.get(set);
  if (entry === undefined) {
    entry = {};
    loaded.set(set, entry);
  }
  const e = entry;
  return { heads: () => (e.heads ??= set.loadHeads()), sql: () => (e.sql ??= set.loadSql()) };
}

/** One dialect's migrations: the summary now, the heads and the SQL when asked (each once). */
export interface MigrationSource {
  readonly summary: EmbeddedSummary;
  heads(): Promise<readonly MigrationHead[]>;
  files(): Promise<readonly MigrationFile[]>;
  /** Reviewed acknowledgements: the folder's lint-acks.json, or those embedded with the migrations. */
  acks(): Promise<readonly LintAck[]>;
}

/** The migrations of one dialect in journal order, from the folder when one is given, else embedded. */
export async function loadMigrationSource(dialect: MigrationDialect, options: MigrationSourceOptions): Promise<MigrationSource> {
  if (options.migrationsRoot !== undefined) {
    // A folder is read and hashed whole: the checksums are the files' own.
    const files = await readMigrationFiles(options.migrationsRoot, dialect);
    const summary = { count: files.length, digest: headsDigest(files.map((f) => ({ idx: f.journalIdx, checksum: f.checksum, tag: f.tag }))) };
    let acks: Promise<LintAck[]> | undefined;
    const root = options.migrationsRoot;
    return { summary, heads: async () => files, files: async () => files, acks: () => (acks ??= import('../lint/lint-acks.js').then((m) => m.readLintAcksFile(join(root, 'lint-acks.json')))) };
  }
  const set = options.migrations ?? (await loadEmbeddedMigrations());
  let heads: Promise<MigrationHead[]> | undefined;
  let files: Promise<MigrationFile[]> | undefined;
  const cached = layers(set);
  const loadHeads = () => (heads ??= cached.heads().then((all) => embeddedMigrationHeads(all, dialect)));
  return {
    summary: set.summary[dialect],
    heads: loadHeads,
    files: () => (files ??= loadHeads().then((h) => embeddedMigrationFiles(cached.sql, dialect, h))),
    acks: async () => set.acks ?? [],
  };
}

/**
 * True when the ledger holds exactly the source's migrations, unchanged and in order, judged from the summary
 * alone (no heads loaded): the up-to-date start-up costs the same for 1 migration or 200.
 */
export function ledgerMatchesSummary(summary: EmbeddedSummary, ledger: readonly LedgerEntry[]): boolean {
  return ledger.length === summary.count && headsDigest(ledger.map((e) => ({ idx: e.journalIdx, checksum: e.checksum, tag: e.tag }))) === summary.digest;
}

/** Says where the migrations come from, for messages. */
export function describeMigrationSource(options: MigrationSourceOptions): string {
  if (options.migrationsRoot !== undefined) return `folder ${options.migrationsRoot}`;
  return options.migrations === undefined ? 'embedded (generated/migrations.ts)' : 'embedded (given set)';
}
