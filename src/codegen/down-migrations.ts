import { BREAKPOINT, downFile, emptySnapshot, readJournal, readSnapshot } from './migration-folder.js';
import { renamesFromMeta, reverseRenames } from './renames.js';
import { diffSnapshots } from './snapshot-diff.js';
import type { KitDialect, Snapshot } from './snapshot-types.js';

export { downFile } from './migration-folder.js';

/**
 * The reverse of one migration (`prev` -> `cur`), from drizzle-kit's own differ with the snapshots swapped
 * (cur -> prev). Renames the migration recorded in its snapshot's `_meta` are reversed as RENAME statements
 * first, so undoing a rename keeps the data and never reaches drizzle-kit's interactive prompt. `undefined`
 * when the snapshots are equal: a custom (hand-written) migration, whose reverse must be written by hand.
 */
export async function downSql(dialect: KitDialect, prev: Snapshot, cur: Snapshot): Promise<string | undefined> {
  const result = await diffSnapshots(dialect, cur, prev, { renames: reverseRenames(renamesFromMeta(cur._meta)), mode: 'as-drop' });
  // `as-drop` never reports ambiguities; the check keeps the type honest.
  if (result.kind !== 'ok') throw new Error('unreachable: an as-drop diff reported an ambiguity');
  return result.statements.length === 0 ? undefined : `${result.statements.join(BREAKPOINT)}\n`;
}

/** The derived reverse of every migration of a dialect folder, keyed by its down file path. */
export async function renderDownMigrations(root: string, dialect: KitDialect): Promise<Map<string, string | undefined>> {
  const journal = await readJournal(root, dialect);
  const out = new Map<string, string | undefined>();
  let previous = await emptySnapshot(dialect);
  for (const entry of journal.entries) {
    const current = await readSnapshot(root, dialect, entry.idx);
    out.set(downFile(root, dialect, entry.tag), await downSql(dialect, previous, current));
    previous = current;
  }
  return out;
}
