import type { DbConfig } from '../config/index.js';
import type { LintAck } from '../lint/ack-digest.js';
import { PgSyntaxError } from '../sql/pg-parse.js';
import type { MigrationFile } from './migration-files.js';
import { pgPrefixFindings } from './pg/pg-prefix-isolation.js';
import { prefixedStatements } from './prefixed-statements.js';
import { migrationViolations, type ObjectFinding, type OwnNames, type PrefixViolation } from './prefix-isolation.js';
import { sqlitePrefixFindings } from './sqlite/sqlite-prefix-isolation.js';

/**
 * The schema the runner migrates on PostgreSQL: drizzle-kit writes the migrations for `public` (its foreign
 * keys name `"public"."<table>"`), and the runner, health and drift checks read `public`.
 */
export const PG_SCHEMA = 'public';

/** What is this prefix's, for the configuration and the closed set of base names. */
export function ownNames(config: DbConfig, names: ReadonlySet<string>): OwnNames {
  return {
    prefix: config.prefix,
    names,
    roles: new Set([config.roles.admin.user, config.roles.app.user]),
    schema: config.dialect === 'postgresql' ? PG_SCHEMA : 'main',
  };
}

/**
 * The statements of one pending migration (as prefixed for execution) that reach outside the prefix and no
 * `cross-prefix` acknowledgement allows. On PostgreSQL a statement its parser rejects is left to the server,
 * which has the same grammar and refuses it when it runs (the migration then fails and is rolled back).
 */
export function prefixViolations(config: DbConfig, file: MigrationFile, statements: readonly string[], names: ReadonlySet<string>, acks: readonly LintAck[]): Promise<PrefixViolation[]> {
  const own = ownNames(config, names);
  const findings =
    config.dialect === 'postgresql'
      ? (statement: string): Promise<ObjectFinding[]> =>
          pgPrefixFindings(statement, own).catch((error: unknown) => {
            if (error instanceof PgSyntaxError) return [];
            throw error;
          })
      : (statement: string) => sqlitePrefixFindings(statement, own);
  return migrationViolations(file, statements, acks, config.dialect, findings);
}

/** Every violation of the pending migrations `files`, in order. */
export async function pendingPrefixViolations(config: DbConfig, files: readonly MigrationFile[], names: ReadonlySet<string>, acks: readonly LintAck[]): Promise<PrefixViolation[]> {
  const out: PrefixViolation[] = [];
  for (const f of files) out.push(...(await prefixViolations(config, f, prefixedStatements(f, config.prefix, names), names, acks)));
  return out;
}
