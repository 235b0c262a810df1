import { readMigrationSet } from '../codegen/migrations-module.js';
import type { EmbeddedMigrationData } from '../migrate/embedded-migrations.js';
import { readLintAcks, type LintAck } from './lint-acks.js';
import { lintMigrations, type LintFinding } from './migration-lint.js';

/** Every finding of both dialects' migrations, in journal order, each marked acknowledged or not. */
export async function lintMigrationSet(data: EmbeddedMigrationData, acks: readonly LintAck[]): Promise<LintFinding[]> {
  const [pg, sqlite] = await Promise.all([lintMigrations('postgresql', data.postgresql, acks), lintMigrations('sqlite', data.sqlite, acks)]);
  return [...pg, ...sqlite];
}

/**
 * The lint over everything in the repository's drizzle/ (generated and custom migrations alike) with its
 * acknowledgements: what db:generate and db:migrate:create report and db:check fails on.
 */
export async function lintRepository(root: string): Promise<LintFinding[]> {
  const acks = await readLintAcks(root);
  return lintMigrationSet(await readMigrationSet(root), acks);
}
