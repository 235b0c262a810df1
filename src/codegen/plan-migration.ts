import { BREAKPOINT, downFile, emptySnapshot, journalFile, newSnapshotId, readJournal, readSnapshot, renderSnapshot, snapshotFile, snapshotOfTables, sqlFile, type Journal } from './migration-folder.js';
import { concurrentMigrationSql, splitConcurrentIndexes, withoutIndexes, type ConcurrentSplit } from './concurrent-indexes.js';
import { downSql } from './down-migrations.js';
import type { GenerateIntent } from './generate-intent.js';
import { applicableRenames, renamesToMeta } from './renames.js';
import { diffSnapshots, type Ambiguity } from './snapshot-diff.js';
import type { KitDialect, Snapshot } from './snapshot-types.js';

/** Files a plan would write (absolute path -> content). Nothing is written by planning. */
export type PlannedFiles = Map<string, string>;

export type SchemaPlan =
  | { readonly kind: 'none'; readonly dialect: KitDialect }
  | {
      readonly kind: 'migration';
      readonly dialect: KitDialect;
      readonly tag: string;
      readonly statements: readonly string[];
      readonly files: PlannedFiles;
      /** With `concurrentIndexes`: the `-- cts:transaction none` migration after it that builds the moved indexes. */
      readonly concurrent?: { readonly tag: string; readonly statements: readonly string[] };
    }
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

function appendEntry(state: FolderState, tag: string, version: string, next?: string): string {
  const added = [{ idx: state.nextIdx, version, when: Date.now(), tag, breakpoints: true }];
  if (next !== undefined) added.push({ idx: state.nextIdx + 1, version, when: Date.now() + 1, tag: next, breakpoints: true });
  const journal: Journal = { ...state.journal, entries: [...state.journal.entries, ...added] };
  return JSON.stringify(journal, null, 2);
}

const tagFor = (idx: number, name: string) => `${String(idx).padStart(4, '0')}_${name}`;

/**
 * The next migration of one dialect: diffs the latest snapshot with `tables` (the dialect's Drizzle tables
 * built from schema/), applying the declared renames, without any prompt. Returns the files to write (SQL,
 * snapshot with the renames in `_meta`, journal, derived down file) or the ambiguities to report.
 */
export async function planSchemaMigration(
  root: string,
  dialect: KitDialect,
  tables: Record<string, unknown>,
  intent: GenerateIntent,
  name: string,
  options: { readonly concurrentIndexes?: boolean } = {},
): Promise<SchemaPlan> {
  const state = await folderState(root, dialect);
  const current = await snapshotOfTables(dialect, tables, state.previous.id);
  const renames = applicableRenames(state.previous, current, intent.renames);
  const diff = await diffSnapshots(dialect, state.previous, current, { renames, mode: 'strict', drops: intent.drops });
  if (diff.kind === 'ambiguous') return { kind: 'ambiguous', dialect, ambiguities: diff.ambiguities };
  if (diff.statements.length === 0) return { kind: 'none', dialect };
  const tag = tagFor(state.nextIdx, name);
  const snapshot: Snapshot = { ...current, _meta: renamesToMeta(renames) };
  const split = dialect === 'pg' && options.concurrentIndexes === true ? await splitConcurrentIndexes(diff.statements) : undefined;
  if (split !== undefined && split.moved.length > 0) return planWithConcurrentIndexes(root, state, { tag, name, snapshot, previous: state.previous, split });
  const files: PlannedFiles = new Map();
  files.set(sqlFile(root, dialect, tag), diff.statements.join(BREAKPOINT));
  files.set(snapshotFile(root, dialect, state.nextIdx), renderSnapshot(dialect, snapshot));
  files.set(journalFile(root, dialect), appendEntry(state, tag, current.version));
  const down = await downSql(dialect, state.previous, snapshot);
  if (down !== undefined) files.set(downFile(root, dialect, tag), down);
  return { kind: 'migration', dialect, tag, statements: diff.statements, files };
}

/**
 * Two migrations: the generated statements without the moved indexes (snapshot without them, so its down
 * file does not drop them), then `<name>_concurrent_indexes` building them CONCURRENTLY outside a
 * transaction (the full snapshot; its down file drops them). With nothing left, only the second is written,
 * under the first one's tag.
 */
async function planWithConcurrentIndexes(
  root: string,
  state: FolderState,
  plan: { readonly tag: string; readonly name: string; readonly snapshot: Snapshot; readonly previous: Snapshot; readonly split: ConcurrentSplit },
): Promise<SchemaPlan> {
  const { split, snapshot, previous } = plan;
  const files: PlannedFiles = new Map();
  const concurrentStatements = split.moved.map((m) => m.statement);
  if (split.remaining.length === 0) {
    files.set(sqlFile(root, 'pg', plan.tag), concurrentMigrationSql(split.moved));
    files.set(snapshotFile(root, 'pg', state.nextIdx), renderSnapshot('pg', snapshot));
    files.set(journalFile(root, 'pg'), appendEntry(state, plan.tag, snapshot.version));
    const down = await downSql('pg', previous, snapshot);
    if (down !== undefined) files.set(downFile(root, 'pg', plan.tag), down);
    return { kind: 'migration', dialect: 'pg', tag: plan.tag, statements: concurrentStatements, files };
  }
  const before = withoutIndexes(snapshot, split.moved);
  const after: Snapshot = { ...snapshot, id: newSnapshotId(), prevId: before.id, _meta: { columns: {}, schemas: {}, tables: {} } };
  const next = tagFor(state.nextIdx + 1, `${plan.name}_concurrent_indexes`);
  files.set(sqlFile(root, 'pg', plan.tag), split.remaining.join(BREAKPOINT));
  files.set(snapshotFile(root, 'pg', state.nextIdx), renderSnapshot('pg', before));
  files.set(sqlFile(root, 'pg', next), concurrentMigrationSql(split.moved));
  files.set(snapshotFile(root, 'pg', state.nextIdx + 1), renderSnapshot('pg', after));
  files.set(journalFile(root, 'pg'), appendEntry(state, plan.tag, snapshot.version, next));
  const downFirst = await downSql('pg', previous, before);
  if (downFirst !== undefined) files.set(downFile(root, 'pg', plan.tag), downFirst);
  const downNext = await downSql('pg', before, after);
  if (downNext !== undefined) files.set(downFile(root, 'pg', next), downNext);
  return { kind: 'migration', dialect: 'pg', tag: plan.tag, statements: split.remaining, files, concurrent: { tag: next, statements: concurrentStatements } };
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
