import type { LintRule } from '../../../src/lint/migration-lint.js';

/** One migration of a corpus case and the rule ids expected for each of its statements, in the lint's order. */
export interface CorpusMigration {
  readonly sql: string;
  readonly expected: readonly (readonly LintRule[])[];
}

/**
 * One example from squawk's rule docs or strong_migrations' README, adapted to this schema's base table
 * names. A case is one or more PostgreSQL migrations applied in order (a later one may rely on an earlier).
 */
export interface CorpusCase {
  /** `squawk:<rule id>` or `strong_migrations:<operation as its README names it>`. */
  readonly source: string;
  readonly example: 'bad' | 'good';
  readonly note: string;
  readonly migrations: readonly CorpusMigration[];
}

/** A migration of the given statements, separated as drizzle-kit separates them. */
export const sql = (...statements: string[]): string => statements.join('\n--> statement-breakpoint\n');

/** A migration marked to run outside a transaction. */
export const outsideTransaction = (...statements: string[]): string => `-- cts:transaction none\n${sql(...statements)}`;

/** Shorthand for a one-migration case. */
export const one = (source: string, example: 'bad' | 'good', note: string, migration: string, expected: readonly (readonly LintRule[])[]): CorpusCase => ({
  source,
  example,
  note,
  migrations: [{ sql: migration, expected }],
});
