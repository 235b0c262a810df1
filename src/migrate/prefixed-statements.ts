import type { MigrationFile } from './migration-files.js';
import { prefixStatements } from './prefix-sql.js';

// Per run: keyed by the run's closed set of names (a new Set each run), so nothing outlives the run and a second
// run in the same process pays what the first did. A run prefixes each pending file for the emptiness check, the
// prefix isolation check and the apply: once is enough.
const byNames = new WeakMap<ReadonlySet<string>, Map<string, Map<MigrationFile, readonly string[]>>>();

/** The prefixed statements of one migration, as the runner executes them (computed once per run). */
export function prefixedStatements(file: MigrationFile, prefix: string, names: ReadonlySet<string>): readonly string[] {
  let byPrefix = byNames.get(names);
  if (byPrefix === undefined) byNames.set(names, (byPrefix = new Map()));
  let byFile = byPrefix.get(prefix);
  if (byFile === undefined) byPrefix.set(prefix, (byFile = new Map()));
  let statements = byFile.get(file);
  if (statements === undefined) byFile.set(file, (statements = prefixStatements(file.sql, { prefix, names })));
  return statements;
}
