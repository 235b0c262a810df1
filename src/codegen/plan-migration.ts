import { BREAKPOINT, downFile, emptySnapshot, journalFile, newSnapshotId, readJournal, readSnapshot, renderSnapshot, snapshotFile, snapshotOfTables, sqlFile, type Journal } from './migration-folder.js';
import { downSql } from './down-migrations.js';
import type { GenerateIntent } from './generate-intent.js';
import { applicableRenames, renamesToMeta } from './renames.js';
import { diffSnapshots, type Ambiguity } from './snapshot-diff.js';
import type { KitDialect, Snapshot } from './snapshot-types.js';

/** Files a plan would write (absolute path -> content). Nothing is written by planning. */
export type PlannedFiles = Map<string, string>;

export type SchemaPlan =
  | { readonly kind: 'none'; readonly dialect: KitDialect }
  | { readonly kind: 'migration'; readonly dialect: KitDialect; readonly tag: string; readonly statements: readonly string[]; readonly files: PlannedFiles }
  | { readonly kind: 'ambiguous'; readonly dialect: KitDialect; readonly ambiguities: readonly Ambiguity[] };

interface FolderState {
  readonly journal: Journal;
  readonly previous: Snapshot;
  readonly nextIdx: number;
}

async function folderState(root: string, dialect: KitDialect): Promise<FolderState> {
  const journal = await readJournal(root, dialect);
  const last = journal.entries.at(-1);
  return {
    journal,
    previous: last === undefined ? await emptySnapshot(dialect) : await readSnapshot(root, dialect, last.idx),
    nextIdx: last === undefined ? 0 : last.idx + 1,
  };
}

function appendEntry(state: FolderState, tag: string, version: string): string {
  const journal: Journal = { ...state.journal, entries: [...state.journal.entries, { idx: state.nextIdx, version, when: Date.now(), tag, breakpoints: true }] };
  return JSON.stringify(journal, null, 2);
}

const tagFor = (idx: number, name: string) => `${String(idx).padStart(4, '0')}_${name}`;

/**
 * The next migration of one dialect: diffs the latest snapshot with `tables` (the dialect's Drizzle tables
 * built from schema/), applying the declared renames, without any prompt. Returns the files to write (SQL,
 * snapshot with the renames in `_meta`, journal, derived down file) or the ambiguities to report.
 */
export async function planSchemaMigration(root: string, dialect: KitDialect, tables: Record<string, unknown>, intent: GenerateIntent, name: string): Promise<SchemaPlan> {
  const state = await folderState(root, dialect);
  const current = await snapshotOfTables(dialect, tables, state.previous.id);
  const renames = applicableRenames(state.previous, current, intent.renames);
  const diff = await diffSnapshots(dialect, state.previous, current, { renames, mode: 'strict', drops: intent.drops });
  if (diff.kind === 'ambiguous') return { kind: 'ambiguous', dialect, ambiguities: diff.ambiguities };
  if (diff.statements.length === 0) return { kind: 'none', dialect };
  const tag = tagFor(state.nextIdx, name);
  const snapshot: Snapshot = { ...current, _meta: renamesToMeta(renames) };
  const files: PlannedFiles = new Map();
  files.set(sqlFile(root, dialect, tag), diff.statements.join(BREAKPOINT));
  files.set(snapshotFile(root, dialect, state.nextIdx), renderSnapshot(dialect, snapshot));
  files.set(journalFile(root, dialect), appendEntry(state, tag, current.version));
  const down = await downSql(dialect, state.previous, snapshot);
  if (down !== undefined) files.set(downFile(root, dialect, tag), down);
  return { kind: 'migration', dialect, tag, statements: diff.statements, files };
}

/** The template of a custom migration: comments only (so it is refused until written), ending in a newline. */
export function customMigrationTemplate(dialect: KitDialect, tag: string): string {
  return [
    `-- Custom SQL migration ${tag} (${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'}): write it below with BASE names (users, not cts_v3_1_users);`,
    '-- the runner adds the prefix. Separate statements with a line holding only: --> statement-breakpoint',
    `-- Write its reverse in drizzle/${dialect}/down/${tag}.sql, then run pnpm db:generate to embed both.`,
    '',
  ].join('\n');
}

/** A custom migration of one dialect: the SQL template, a snapshot equal to the previous one, the journal entry. */
export async function planCustomMigration(root: string, dialect: KitDialect, name: string): Promise<{ readonly tag: string; readonly files: PlannedFiles }> {
  const state = await folderState(root, dialect);
  const tag = tagFor(state.nextIdx, name);
  const snapshot: Snapshot = { ...state.previous, id: newSnapshotId(), prevId: state.previous.id, _meta: { columns: {}, schemas: {}, tables: {} } };
  const files: PlannedFiles = new Map();
  files.set(sqlFile(root, dialect, tag), customMigrationTemplate(dialect, tag));
  files.set(snapshotFile(root, dialect, state.nextIdx), renderSnapshot(dialect, snapshot));
  files.set(journalFile(root, dialect), appendEntry(state, tag, state.previous.version));
  return { tag, files };
}
