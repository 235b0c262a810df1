import { renameIdentifier } from './sql-identifiers.js';
import { cloneSnapshot, tableKey, type KitDialect, type Snapshot, type SnapshotMeta, type SnapshotTable } from './snapshot-types.js';

/**
 * Renames between two schema states, in SQL names: tables old -> new, and per table (keyed by its name in the
 * TARGET state) columns old -> new. drizzle-kit can only learn a rename by asking on a terminal; we learn it
 * from the schema's declarations (or a flag), apply it to the previous snapshot, write the RENAME statements
 * ourselves and let drizzle-kit's differ see no ambiguity.
 */
export interface Renames {
  readonly tables: ReadonlyMap<string, string>;
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NO_RENAMES: Renames = { tables: new Map(), columns: new Map() };

export function hasRenames(renames: Renames): boolean {
  return renames.tables.size > 0 || [...renames.columns.values()].some((m) => m.size > 0);
}

/** The reverse: target -> source, columns keyed by the source table name. */
export function reverseRenames(renames: Renames): Renames {
  const tables = new Map([...renames.tables].map(([from, to]) => [to, from] as const));
  const columns = new Map(
    [...renames.columns].map(([table, cols]) => [tables.get(table) ?? table, new Map([...cols].map(([from, to]) => [to, from] as const))] as const),
  );
  return { tables, columns };
}

/** `snapshot` as the database looks after the renames (and nothing else) ran. */
export function applyRenames(dialect: KitDialect, snapshot: Snapshot, renames: Renames): Snapshot {
  if (!hasRenames(renames)) return snapshot;
  const out = cloneSnapshot(snapshot);
  for (const [from, to] of renames.tables) {
    const entry = Object.entries(out.tables).find(([, t]) => t.name === from);
    if (entry === undefined) continue;
    const [key, table] = entry;
    delete out.tables[key];
    table.name = to;
    out.tables[tableKey(dialect, table)] = table;
    for (const t of Object.values(out.tables)) {
      for (const fk of Object.values(t.foreignKeys)) {
        if (fk.tableFrom === from) fk.tableFrom = to;
        if (fk.tableTo === from) fk.tableTo = to;
      }
    }
  }
  for (const [tableName, columns] of renames.columns) {
    const table = Object.values(out.tables).find((t) => t.name === tableName);
    if (table === undefined) continue;
    for (const [from, to] of columns) renameColumn(out, table, from, to);
  }
  return out;
}

function renameColumn(snapshot: Snapshot, table: SnapshotTable, from: string, to: string): void {
  const column = table.columns[from];
  if (column === undefined) return;
  // Rebuild the object so the renamed column keeps its position (drizzle-kit compares by key, order is cosmetic).
  table.columns = Object.fromEntries(Object.entries(table.columns).map(([k, c]) => (k === from ? [to, { ...c, name: to }] : [k, c])));
  const swap = (names: string[]) => names.map((n) => (n === from ? to : n));
  for (const index of Object.values(table.indexes)) {
    index.columns = index.columns.map((c) => {
      if (typeof c === 'string') return c === from ? to : renameIdentifier(c, from, to);
      if (!c.isExpression) return c.expression === from ? { ...c, expression: to } : c;
      return { ...c, expression: renameIdentifier(c.expression, from, to) };
    });
    if (index.where !== undefined) index.where = renameIdentifier(index.where, from, to);
  }
  for (const fk of Object.values(table.foreignKeys)) fk.columnsFrom = swap(fk.columnsFrom);
  for (const t of Object.values(snapshot.tables)) {
    for (const fk of Object.values(t.foreignKeys)) if (fk.tableTo === table.name) fk.columnsTo = swap(fk.columnsTo);
  }
  for (const pk of Object.values(table.compositePrimaryKeys)) pk.columns = swap(pk.columns);
  for (const uq of Object.values(table.uniqueConstraints)) uq.columns = swap(uq.columns);
  for (const ck of Object.values(table.checkConstraints)) ck.value = renameIdentifier(ck.value, from, to);
  // SQLite snapshots keep per-index expression flags keyed by the expression text.
  const internal = snapshot['internal'] as { indexes?: Record<string, { columns: Record<string, unknown> }> } | undefined;
  for (const ix of Object.values(internal?.indexes ?? {})) {
    ix.columns = Object.fromEntries(Object.entries(ix.columns).map(([expr, v]) => [renameIdentifier(expr, from, to), v]));
  }
}

/** The RENAME statements, written exactly as drizzle-kit's own converters write them. */
export function renameStatements(dialect: KitDialect, renames: Renames): string[] {
  const statements: string[] = [];
  for (const [from, to] of renames.tables) {
    statements.push(dialect === 'pg' ? `ALTER TABLE "${from}" RENAME TO "${to}";` : `ALTER TABLE \`${from}\` RENAME TO \`${to}\`;`);
  }
  for (const [table, columns] of renames.columns) {
    for (const [from, to] of columns) {
      statements.push(dialect === 'pg' ? `ALTER TABLE "${table}" RENAME COLUMN "${from}" TO "${to}";` : `ALTER TABLE \`${table}\` RENAME COLUMN "${from}" TO "${to}";`);
    }
  }
  return statements;
}

/** drizzle-kit's `_meta` record of the renames (what the CLI writes when a person answers its prompt). */
export function renamesToMeta(renames: Renames): SnapshotMeta {
  const meta: SnapshotMeta = { columns: {}, schemas: {}, tables: {} };
  for (const [from, to] of renames.tables) meta.tables[`"${from}"`] = `"${to}"`;
  for (const [table, columns] of renames.columns) {
    for (const [from, to] of columns) meta.columns[`"${table}"."${from}"`] = `"${table}"."${to}"`;
  }
  return meta;
}

/** `"a"."b"` -> ['a', 'b']; `"public"."users"` keeps only the meaningful tail. */
function quotedParts(key: string): string[] {
  const parts: string[] = [];
  for (const m of key.matchAll(/"((?:[^"]|"")*)"/g)) parts.push((m[1] ?? '').replaceAll('""', '"'));
  return parts;
}

/** The renames a migration made, from its snapshot's `_meta` (ours or drizzle-kit's interactive answers). */
export function renamesFromMeta(meta: SnapshotMeta | undefined): Renames {
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  for (const [from, to] of Object.entries(meta?.tables ?? {})) {
    const f = quotedParts(from).at(-1);
    const t = quotedParts(to).at(-1);
    if (f !== undefined && t !== undefined && f !== t) tables.set(f, t);
  }
  for (const [from, to] of Object.entries(meta?.columns ?? {})) {
    const f = quotedParts(from);
    const t = quotedParts(to);
    const table = t.at(-2);
    const fc = f.at(-1);
    const tc = t.at(-1);
    if (table === undefined || fc === undefined || tc === undefined || fc === tc) continue;
    const cols = columns.get(table) ?? new Map<string, string>();
    cols.set(fc, tc);
    columns.set(table, cols);
  }
  return { tables, columns };
}

/**
 * Only the declared renames that apply between `prev` and `cur`: the old name exists before and the new one
 * only after. A declaration left in schema/ after its migration was generated is therefore a no-op.
 */
export function applicableRenames(prev: Snapshot, cur: Snapshot, declared: Renames): Renames {
  const before = new Map(Object.values(prev.tables).map((t) => [t.name, t]));
  const after = new Map(Object.values(cur.tables).map((t) => [t.name, t]));
  const tables = new Map<string, string>();
  for (const [from, to] of declared.tables) {
    if (before.has(from) && !before.has(to) && after.has(to) && !after.has(from)) tables.set(from, to);
  }
  const sourceOf = new Map([...tables].map(([from, to]) => [to, from] as const));
  const columns = new Map<string, Map<string, string>>();
  for (const [table, cols] of declared.columns) {
    const old = before.get(sourceOf.get(table) ?? table);
    const now = after.get(table);
    if (old === undefined || now === undefined) continue;
    for (const [from, to] of cols) {
      if (old.columns[from] === undefined || old.columns[to] !== undefined || now.columns[to] === undefined || now.columns[from] !== undefined) continue;
      const m = columns.get(table) ?? new Map<string, string>();
      m.set(from, to);
      columns.set(table, m);
    }
  }
  return { tables, columns };
}
