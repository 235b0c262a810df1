import { isTableName, type TableName } from '../../../generated/tables.js';
import { constraintCatalog, type ForeignKeyInfo } from './constraint-catalog.js';
import type { RowFinder, StatementInput, WrittenRow } from './failure-context.js';
import { childValues } from './foreign-key-resolution.js';
import type { KeyCandidate, Resolved, ResolveContext } from './resolved-failure.js';
import { complete, identity } from './written-rows.js';

// Bounds on what a failure may cost: key values per query, and rows looked at in all (past them: left open).
const PER_QUERY = 100;
const MAX_ROWS = 2_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `{ OR: [{ id: 'a' }, { id: 'b' }] }`, with each row's values moved from `from` to `to` columns. */
function anyOf(rows: readonly WrittenRow[], from: readonly string[], to: readonly string[]): WrittenRow {
  return { OR: rows.map((r) => Object.fromEntries(to.map((c, i) => [c, r[from[i]!]]))) };
}

/** The identities of those key values that exist in `table` (looked up under `to`, reported under `from`). */
async function existing(find: RowFinder, table: TableName, rows: readonly WrittenRow[], from: readonly string[], to: readonly string[]): Promise<Set<string>> {
  const kindOf = constraintCatalog().table(table)?.kindOf;
  const found = new Set<string>();
  for (const part of chunks(rows, PER_QUERY)) {
    for (const row of await find(table, anyOf(part, from, to), part.length)) found.add(identity(Object.fromEntries(from.map((c, i) => [c, row[to[i]!]])), from, kindOf));
  }
  return found;
}

/**
 * Which row of a multi-row insert was the duplicate: the one whose key is taken by a row already in the table or
 * by an earlier row of the same call. Only an answer when exactly one key is in conflict: rows an earlier batch of
 * the same call left in a transaction look taken too, and then there is no telling.
 */
async function duplicateRow(resolved: Extract<Resolved, { kind: 'unique' }>, find: RowFinder): Promise<WrittenRow | undefined> {
  const owner = resolved.owner;
  const columns = resolved.columns;
  if (owner === undefined || !isTableName(owner) || columns === undefined || resolved.candidates.length > MAX_ROWS) return undefined;
  const kindOf = constraintCatalog().table(owner)?.kindOf;
  const distinct = [...new Map(resolved.candidates.map((r) => [identity(r, columns, kindOf), r])).values()];
  const taken = await existing(find, owner, distinct, columns, columns);
  const seen = new Set<string>();
  const conflicts = new Map<string, WrittenRow>();
  for (const row of resolved.candidates) {
    const id = identity(row, columns, kindOf);
    if (taken.has(id) || seen.has(id)) conflicts.set(id, row);
    seen.add(id);
  }
  return conflicts.size === 1 ? [...conflicts.values()][0] : undefined;
}

/** Whether some written row refers to a parent row that does not exist. */
async function refersToMissing(key: ForeignKeyInfo, rows: readonly WrittenRow[], find: RowFinder): Promise<boolean> {
  const kindOf = constraintCatalog().table(key.table)?.kindOf;
  const values = [...new Map(rows.map((r) => complete(r, key.columns)).filter((r) => r !== undefined).map((r) => [identity(r, key.columns, kindOf), r])).entries()];
  if (values.length > MAX_ROWS) return false;
  const found = await existing(find, key.references.table, values.map(([, r]) => r), key.columns, key.references.columns);
  return values.some(([id]) => !found.has(id));
}

/** Whether rows of the key's table still refer to the rows the statement changed or deleted (read back by its where). */
async function stillReferenced(key: ForeignKeyInfo, table: TableName, statement: StatementInput, find: RowFinder): Promise<boolean> {
  const parents = (await find(table, statement.where ?? {}, MAX_ROWS)).map((r) => complete(r, key.references.columns)).filter((r) => r !== undefined);
  for (const part of chunks(parents, PER_QUERY)) {
    if ((await find(key.table, anyOf(part, key.references.columns, key.columns), 1)).length > 0) return true;
  }
  return false;
}

async function failingKey(candidates: readonly KeyCandidate[], context: ResolveContext, find: RowFinder): Promise<KeyCandidate | undefined> {
  const statement = context.statement;
  if (statement === undefined || context.table === undefined) return undefined;
  const failing: KeyCandidate[] = [];
  for (const c of candidates) {
    const broken = c.side === 'child' ? await refersToMissing(c.key, statement.rows, find) : await stillReferenced(c.key, context.table, statement, find);
    if (broken) failing.push(c);
  }
  return failing.length === 1 ? failing[0] : undefined;
}

/**
 * Asks the database what the error and the input leave open, on SQLite (which names no foreign key and no
 * duplicate value): which of several foreign keys has no parent row (or still has child rows), which of several
 * inserted rows was the duplicate. Runs after the failed statement was rolled back, on the same connection, so it
 * sees what the statement saw. A lookup that fails leaves the answer open: it must never hide the original error.
 */
export async function probeFailure(resolved: Resolved, context: ResolveContext, find: RowFinder): Promise<Resolved> {
  try {
    if (resolved.kind === 'unique' && resolved.values === undefined && resolved.candidates.length > 1) {
      const values = await duplicateRow(resolved, find);
      return values === undefined ? resolved : { ...resolved, values, candidates: [values] };
    }
    if (resolved.kind === 'foreign' && resolved.key === undefined && resolved.candidates.length > 1) {
      const found = await failingKey(resolved.candidates, context, find);
      return found === undefined ? resolved : { ...resolved, key: found.key, constraint: found.key.name, side: found.side, values: childValues(found.key, found.side, context) };
    }
  } catch {
    // Deliberately dropped: the failure being explained is the error the caller gets, with or without this detail.
  }
  return resolved;
}
