import type { ManifestTable } from './manifest.js';

/**
 * A relation of a table, both ways, from one single-column foreign key of schema/. In both kinds the related
 * rows are those whose `references` column equals this row's `column`:
 *
 *   to-one  (the table holds the foreign key):      this.connectionId = exchange_connections.id
 *   to-many (another table's key points here):      this.id = pseudo_positions.connectionId
 */
export interface RelationEntry {
  readonly name: string;
  readonly kind: 'one' | 'many';
  /** The related table's base name. */
  readonly table: string;
  /** This table's column (key). */
  readonly column: string;
  /** The related table's column (key). */
  readonly references: string;
  /** To-one only: the foreign key is nullable, so a row may have no related row. */
  readonly optional: boolean;
}

/** A relation name the generator cannot use; the message names the table, the name and how to fix it. */
export class RelationNameError extends Error {
  override readonly name = 'RelationNameError';
}

/** `connectionId` -> `connection`; a key without the Id suffix keeps its name with `Ref` (`parent` -> `parentRef`). */
export const toOneName = (columnKey: string): string => (columnKey.endsWith('Id') && columnKey.length > 2 ? columnKey.slice(0, -2) : `${columnKey}Ref`);

const capitalized = (s: string) => `${s.slice(0, 1).toUpperCase()}${s.slice(1)}`;

/**
 * Every table's relations, named by one rule (README, "Relations"):
 *
 * - to-one: the foreign key column without its `Id` (`connectionId` -> `connection`);
 * - to-many: the child table's key (`exchangeConnections.pseudoPositions`); when the child has more than one
 *   foreign key to this table, one relation per key, the child's key + `By` + the to-one name of that key
 *   (`users.tradesByBuyer`, `users.tradesBySeller`), so no relation depends on which key was declared first.
 *
 * Only single-column foreign keys whose both ends are known make relations. A name that equals one of the
 * table's columns or another of its relations is refused: the related rows are returned under that name, so
 * the two would overwrite each other in a row.
 */
export function relationEntries(tables: readonly ManifestTable[]): ReadonlyMap<string, readonly RelationEntry[]> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const keyOf = (table: ManifestTable, column: string) => table.columns.find((c) => c.name === column)?.key ?? column;
  const singleKeys = (t: ManifestTable) => t.foreignKeys.filter((fk) => fk.columns.length === 1 && fk.references.columns.length === 1 && byName.has(fk.references.table));
  const out = new Map<string, RelationEntry[]>(tables.map((t) => [t.name, []]));
  for (const t of tables) {
    for (const fk of singleKeys(t)) {
      const target = byName.get(fk.references.table)!;
      const column = keyOf(t, fk.columns[0]!);
      const optional = t.columns.find((c) => c.key === column)?.nullable ?? true;
      out.get(t.name)!.push({ name: toOneName(column), kind: 'one', table: target.name, column, references: keyOf(target, fk.references.columns[0]!), optional });
    }
  }
  for (const child of tables) {
    const keys = singleKeys(child);
    for (const fk of keys) {
      const parent = byName.get(fk.references.table)!;
      const column = keyOf(child, fk.columns[0]!);
      const several = keys.filter((k) => k.references.table === parent.name).length > 1;
      const name = several ? `${child.key}By${capitalized(toOneName(column))}` : child.key;
      out.get(parent.name)!.push({ name, kind: 'many', table: child.name, column: keyOf(parent, fk.references.columns[0]!), references: column, optional: true });
    }
  }
  for (const t of tables) {
    const seen = new Map<string, RelationEntry>();
    for (const r of out.get(t.name)!) {
      const what = (e: RelationEntry) => (e.kind === 'one' ? `the to-one relation of ${t.name}.${e.column}` : `the to-many relation from ${e.table}.${e.references}`);
      if (t.columns.some((c) => c.key === r.name)) {
        throw new RelationNameError(`${t.name}: ${what(r)} would be named ${JSON.stringify(r.name)}, which is a column of ${t.name}; rename the column or the foreign key column in schema/`);
      }
      const earlier = seen.get(r.name);
      if (earlier !== undefined) {
        throw new RelationNameError(`${t.name}: ${what(earlier)} and ${what(r)} would both be named ${JSON.stringify(r.name)}; rename one of the foreign key columns in schema/`);
      }
      seen.set(r.name, r);
    }
  }
  return out;
}
