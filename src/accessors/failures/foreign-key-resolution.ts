import { constraintCatalog, type ForeignKeyInfo, type TableInfo } from './constraint-catalog.js';
import type { DriverFailure } from './driver-failure.js';
import type { StatementInput, WrittenRow } from './failure-context.js';
import type { KeyCandidate, Resolved, ResolveContext } from './resolved-failure.js';
import { complete } from './written-rows.js';

/**
 * The foreign keys a statement could have broken, from what it wrote: an insert only its table's own keys whose
 * columns it gives (a NULL refers to nothing), an update those and the keys of other tables that refer to a column
 * it sets, a delete the keys that refer to its table without ON DELETE CASCADE or SET NULL. Without the input: all.
 */
export function foreignKeyCandidates(table: TableInfo, statement: StatementInput | undefined): KeyCandidate[] {
  const child = (key: ForeignKeyInfo): KeyCandidate => ({ key, side: 'child' });
  const parent = (key: ForeignKeyInfo): KeyCandidate => ({ key, side: 'parent' });
  if (statement === undefined) return [...table.foreignKeys.map(child), ...table.referencedBy.map(parent)];
  const writes = (columns: readonly string[]) => statement.rows.some((r) => columns.some((c) => r[c] !== undefined && r[c] !== null));
  switch (statement.kind) {
    case 'insert':
      return table.foreignKeys.filter((k) => statement.rows.some((r) => complete(r, k.columns) !== undefined)).map(child);
    case 'update':
      return [...table.foreignKeys.filter((k) => writes(k.columns)).map(child), ...table.referencedBy.filter((k) => statement.rows.some((r) => k.references.columns.some((c) => r[c] !== undefined))).map(parent)];
    case 'delete':
      return table.referencedBy.filter((k) => k.onDelete === 'no action' || k.onDelete === 'restrict').map(parent);
  }
}

/** A single written row's values for a child-side key (what the message shows). */
export function childValues(key: ForeignKeyInfo, side: 'child' | 'parent' | undefined, context: ResolveContext): WrittenRow | undefined {
  const rows = context.statement?.rows;
  return side === 'child' && context.table === key.table && rows?.length === 1 && rows[0] !== undefined ? complete(rows[0], key.columns) : undefined;
}

/** The key PostgreSQL names; on SQLite the one candidate the statement leaves, if it leaves one. */
export function resolveForeign(failure: Extract<DriverFailure, { kind: 'foreign' }>, context: ResolveContext): Resolved {
  const catalog = constraintCatalog();
  const named = failure.constraint === undefined ? undefined : catalog.constraint(failure.constraint);
  let candidates: KeyCandidate[];
  if (named?.kind === 'foreign') {
    // The statement's table is the referenced one and not the owner: a parent was changed or deleted.
    const side = failure.side ?? (context.table === named.key.references.table && context.table !== named.key.table ? 'parent' : 'child');
    candidates = [{ key: named.key, side }];
  } else if (failure.constraint !== undefined) {
    // Named by the engine but not in schema/ (added by hand): nothing to guess from.
    candidates = [];
  } else {
    const table = context.table === undefined ? undefined : catalog.table(context.table);
    candidates = table === undefined ? [] : foreignKeyCandidates(table, context.statement);
  }
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const table = context.table ?? (only === undefined ? failure.table : only.side === 'parent' ? only.key.references.table : only.key.table);
  return {
    kind: 'foreign',
    table,
    key: only?.key,
    constraint: only === undefined ? failure.constraint : only.key.name,
    side: only?.side ?? failure.side,
    candidates,
    values: only === undefined ? undefined : childValues(only.key, only.side, context),
  };
}

