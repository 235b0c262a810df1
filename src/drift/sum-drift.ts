import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareSum, hashMigrationFiles, MALFORMED_HINT, parseSum, SUM_FILE, tagOfPath, type SumDifference } from '../codegen/migration-sum.js';
import type { KitDialect } from '../codegen/snapshot-types.js';
import type { DriftProblem } from './check-drift.js';

const dialectOf = (path: string): KitDialect | undefined => (path.startsWith('pg/') ? 'pg' : path.startsWith('sqlite/') ? 'sqlite' : undefined);

function problemFor(d: SumDifference): DriftProblem {
  const file = `drizzle/${d.path}`;
  const tag = tagOfPath(d.path);
  const dialect = dialectOf(d.path);
  const where = dialect === undefined ? {} : { dialect };
  switch (d.kind) {
    case 'changed':
      return {
        check: 'sum',
        ...where,
        message: `[MIGRATION_SUM_MISMATCH] ${file} differs from its line in ${SUM_FILE}: a recorded migration file was edited (any byte, a comment too)`,
        details: [`recorded sha256 ${d.recorded}`, `on disk  sha256 ${d.actual}`],
        fix:
          tag === undefined
            ? `restore it from git (git checkout -- ${file}); drizzle-kit's files are never edited by hand`
            : `restore it from git (git checkout -- ${file}) and put the change in a new migration (pnpm db:generate --name <slug>, or pnpm db:migrate:create <name>); only if no database has applied ${tag} yet: pnpm db:generate --rehash ${tag}`,
      };
    case 'missing':
      return {
        check: 'sum',
        ...where,
        message: `[MIGRATION_SUM_MISMATCH] ${file} is listed in ${SUM_FILE} but missing`,
        details: [`recorded sha256 ${d.recorded}`],
        fix:
          tag === undefined
            ? `restore it from git (git checkout -- ${file})`
            : `restore it from git (git checkout -- ${file}): an applied migration is never deleted, a new migration undoes it; only if no database has applied ${tag}: remove it with its journal entry and snapshot, then pnpm db:generate --rehash ${tag}`,
      };
    case 'unlisted':
      return {
        check: 'sum',
        ...where,
        message: `[MIGRATION_SUM_UNLISTED] ${file} is not listed in ${SUM_FILE}`,
        details: [`on disk  sha256 ${d.actual}`],
        fix: `pnpm db:generate records new migration files (after a custom migration's SQL is written); a file that is no migration: remove it from drizzle/`,
      };
  }
}

/**
 * drizzle/migrations.sum against the bytes on disk: one problem per edited, missing or unlisted file, so a
 * comment-only edit of a committed migration fails the check like any other edit.
 */
export async function sumProblems(root: string): Promise<DriftProblem[]> {
  const actual = await hashMigrationFiles(root);
  const text = await readFile(join(root, SUM_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) {
    return actual.size === 0
      ? []
      : [{ check: 'sum', message: `[MIGRATION_SUM_MISSING] ${SUM_FILE} is missing: nothing records the bytes of the ${actual.size} file(s) of drizzle/pg and drizzle/sqlite`, details: [], fix: `restore it from git; a repository without one yet: pnpm db:generate writes it over the current files (review them, then commit it)` }];
  }
  const parsed = parseSum(text);
  if (!parsed.ok) return [{ check: 'sum', message: `[MIGRATION_SUM_MALFORMED] ${SUM_FILE} is malformed: ${parsed.why}`, details: [], fix: MALFORMED_HINT }];
  return compareSum(parsed.lines, actual).map(problemFor);
}
