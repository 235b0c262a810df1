import { mentionsIdentifier } from './sql-identifiers.js';
import { applyRenames, renameStatements, type Renames } from './renames.js';
import { cloneSnapshot, type KitDialect, type Snapshot, type SnapshotTable } from './snapshot-types.js';
import { REBUILD_PREFIX, statementShape } from '../lint/statement-shape.js';

/**
 * A table or a column that disappeared while another appeared in the same place: drizzle-kit would ask on a
 * terminal whether it is a rename. We never let it ask.
 */
export interface Ambiguity {
  readonly kind: 'table' | 'column';
  /** For columns: the table (its name in the new schema). */
  readonly table?: string;
  readonly created: readonly string[];
  readonly deleted: readonly string[];
}

/** Deletions the user declared deliberate (`--drop users.email`, `--drop old_table`): not renames. */
export interface Drops {
  readonly tables: ReadonlySet<string>;
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
}

export const NO_DROPS: Drops = { tables: new Set(), columns: new Map() };

export interface DiffOptions {
  readonly renames: Renames;
  /**
   * `strict`: an undeclared disappearance next to an appearance is an ambiguity (generating a new migration).
   * `as-drop`: history already decided, so what is not a recorded rename was a drop and an add (down files, checks).
   */
  readonly mode: 'strict' | 'as-drop';
  readonly drops?: Drops;
}

export type DiffResult =
  | { readonly kind: 'ok'; readonly statements: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly ambiguities: readonly Ambiguity[] };

interface Deletions {
  readonly tables: string[];
  readonly columns: Map<string, string[]>;
  /** Whether a deletion sits next to a creation somewhere (drizzle-kit would prompt). */
  readonly conflicting: boolean;
}

function names(snapshot: Snapshot): Map<string, SnapshotTable> {
  return new Map(Object.values(snapshot.tables).map((t) => [t.name, t]));
}

function findDeletions(prev: Snapshot, cur: Snapshot, options: DiffOptions, ambiguities: Ambiguity[]): Deletions {
  const drops = options.drops ?? { tables: new Set<string>(), columns: new Map<string, ReadonlySet<string>>() };
  const before = names(prev);
  const after = names(cur);
  const createdTables = [...after.keys()].filter((n) => !before.has(n));
  const deletedTables = [...before.keys()].filter((n) => !after.has(n));
  let conflicting = createdTables.length > 0 && deletedTables.length > 0;
  if (conflicting && options.mode === 'strict') {
    const undeclared = deletedTables.filter((t) => !drops.tables.has(t));
    if (undeclared.length > 0) ambiguities.push({ kind: 'table', created: createdTables, deleted: undeclared });
  }
  const columns = new Map<string, string[]>();
  for (const [name, table] of after) {
    const old = before.get(name);
    if (old === undefined) continue;
    const created = Object.keys(table.columns).filter((c) => old.columns[c] === undefined);
    const deleted = Object.keys(old.columns).filter((c) => table.columns[c] === undefined);
    if (deleted.length > 0) columns.set(name, deleted);
    if (created.length === 0 || deleted.length === 0) continue;
    conflicting = true;
    if (options.mode === 'strict') {
      const declared = drops.columns.get(name) ?? new Set<string>();
      const undeclared = deleted.filter((c) => !declared.has(c));
      if (undeclared.length > 0) ambiguities.push({ kind: 'column', table: name, created, deleted: undeclared });
    }
  }
  return { tables: deletedTables, columns, conflicting };
}

/**
 * `snapshot` without the deleted tables and columns and without everything that refers to them (indexes,
 * keys, checks, foreign keys from other tables). Over-removal is safe: the second diff re-creates what the
 * target still has.
 */
function withoutDeletions(snapshot: Snapshot, deletions: Deletions): Snapshot {
  const out = cloneSnapshot(snapshot);
  const goneTables = new Set(deletions.tables);
  for (const [key, table] of Object.entries(out.tables)) if (goneTables.has(table.name)) delete out.tables[key];
  for (const table of Object.values(out.tables)) {
    const gone = deletions.columns.get(table.name) ?? [];
    const hits = (sql: string | undefined) => sql !== undefined && gone.some((c) => mentionsIdentifier(sql, c));
    for (const c of gone) delete table.columns[c];
    for (const [name, ix] of Object.entries(table.indexes)) {
      const refs = ix.columns.some((c) => (typeof c === 'string' ? gone.includes(c) || hits(c) : gone.includes(c.expression) || (c.isExpression && hits(c.expression))));
      if (refs || hits(ix.where)) delete table.indexes[name];
    }
    for (const [name, fk] of Object.entries(table.foreignKeys)) {
      const targetGone = deletions.columns.get(fk.tableTo) ?? [];
      if (goneTables.has(fk.tableTo) || fk.columnsFrom.some((c) => gone.includes(c)) || fk.columnsTo.some((c) => targetGone.includes(c))) delete table.foreignKeys[name];
    }
    for (const [name, pk] of Object.entries(table.compositePrimaryKeys)) if (pk.columns.some((c) => gone.includes(c))) delete table.compositePrimaryKeys[name];
    for (const [name, uq] of Object.entries(table.uniqueConstraints)) if (uq.columns.some((c) => gone.includes(c))) delete table.uniqueConstraints[name];
    for (const [name, ck] of Object.entries(table.checkConstraints)) if (hits(ck.value)) delete table.checkConstraints[name];
  }
  return out;
}

async function rawKitDiff(dialect: KitDialect, prev: Snapshot, cur: Snapshot): Promise<string[]> {
  // drizzle-kit/api costs about a second to import: loaded only when a diff is needed.
  const api = await import('drizzle-kit/api');
  return dialect === 'pg'
    ? api.generateMigration(prev as unknown as Parameters<typeof api.generateMigration>[0], cur as unknown as Parameters<typeof api.generateMigration>[1])
    : api.generateSQLiteMigration(prev as unknown as Parameters<typeof api.generateSQLiteMigration>[0], cur as unknown as Parameters<typeof api.generateSQLiteMigration>[1]);
}

type InternalIndexes = Record<string, { columns: Record<string, { isExpression?: boolean }> }>;

/**
 * drizzle-kit 0.31 re-creates the indexes of a rebuilt SQLite table without its record of which index columns
 * are expressions, so `"at" desc` comes out as the column name `` `"at" desc` `` and the migration fails
 * ("no such column"; caught by db:check's replay). Each such statement is replaced by the one drizzle-kit
 * writes when it creates that index on its own, where it does read the record.
 */
async function repairRebuiltIndexes(statements: string[], cur: Snapshot): Promise<string[]> {
  const rebuilt = new Set(statements.map(statementShape).flatMap((s) => (s.kind === 'create-table' && s.table.startsWith(REBUILD_PREFIX) ? [s.table.slice(REBUILD_PREFIX.length)] : [])));
  if (rebuilt.size === 0) return statements;
  const internal = (cur['internal'] as { indexes?: InternalIndexes } | undefined)?.indexes ?? {};
  const out: string[] = [];
  for (const statement of statements) {
    const shape = statementShape(statement);
    const expressions = shape.kind === 'create-index' ? Object.values(internal[shape.name]?.columns ?? {}).some((c) => c.isExpression === true) : false;
    if (shape.kind !== 'create-index' || !rebuilt.has(shape.table) || !expressions) {
      out.push(statement);
      continue;
    }
    const without = cloneSnapshot(cur);
    for (const table of Object.values(without.tables)) delete table.indexes[shape.name];
    const alone = await rawKitDiff('sqlite', without, cur);
    out.push(alone.length === 1 && alone[0] !== undefined ? alone[0] : statement);
  }
  return out;
}

async function kitDiff(dialect: KitDialect, prev: Snapshot, cur: Snapshot): Promise<string[]> {
  const statements = await rawKitDiff(dialect, prev, cur);
  return dialect === 'sqlite' ? repairRebuiltIndexes(statements, cur) : statements;
}

/**
 * The statements that turn `prev` into `cur`, from drizzle-kit's own differ, without ever reaching one of its
 * prompts: declared renames run first (as RENAME statements) and the renamed snapshot is diffed; where a
 * deletion would still sit next to a creation, the deletions are diffed on their own first, then the rest.
 */
export async function diffSnapshots(dialect: KitDialect, prev: Snapshot, cur: Snapshot, options: DiffOptions): Promise<DiffResult> {
  const renamed = applyRenames(dialect, prev, options.renames);
  const ambiguities: Ambiguity[] = [];
  const deletions = findDeletions(renamed, cur, options, ambiguities);
  if (ambiguities.length > 0) return { kind: 'ambiguous', ambiguities };
  const renames = renameStatements(dialect, options.renames);
  if (!deletions.conflicting) return { kind: 'ok', statements: [...renames, ...(await kitDiff(dialect, renamed, cur))] };
  const middle = withoutDeletions(renamed, deletions);
  return { kind: 'ok', statements: [...renames, ...(await kitDiff(dialect, renamed, middle)), ...(await kitDiff(dialect, middle, cur))] };
}
