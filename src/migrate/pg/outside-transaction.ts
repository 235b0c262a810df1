import type { Node } from 'libpg-query';
import { parsePgScript } from '../../sql/pg-parse.js';

/**
 * What a statement of a `-- cts:transaction none` migration is, for the runner: whether PostgreSQL lets it
 * run inside a transaction (then it runs in a short one of its own, with the DDL lock_timeout, and its
 * progress commits with it), and for the ones that cannot, what a run that was killed halfway may have
 * left behind (an INVALID index) and how to tell that it already completed.
 */
export type OutsideStatement =
  /** Can run in a transaction (ALTER TABLE, INSERT, CREATE TABLE, ...). */
  | { readonly kind: 'in-transaction' }
  /** CREATE INDEX CONCURRENTLY: `index` is its name (PostgreSQL would invent one for an unnamed index). */
  | { readonly kind: 'create-index'; readonly index: string | undefined; readonly table: string; readonly ifNotExists: boolean }
  /** DROP INDEX CONCURRENTLY: done when the index is gone. */
  | { readonly kind: 'drop-index'; readonly index: string }
  /** REINDEX ... CONCURRENTLY: a killed run leaves `<index>_ccnew` / `_ccold` INVALID copies on `table`. */
  | { readonly kind: 'reindex'; readonly target: 'index' | 'table'; readonly name: string }
  /** Anything else PostgreSQL refuses in a transaction (VACUUM, DETACH PARTITION ... CONCURRENTLY, ...): re-run as is. */
  | { readonly kind: 'other' };

const hasConcurrently = (params: readonly Node[] | undefined): boolean =>
  (params ?? []).some((p) => 'DefElem' in p && p.DefElem?.defname === 'concurrently');

/** The last part of a possibly qualified name (`public.x` -> `x`). */
function lastName(list: Node | undefined): string | undefined {
  const items = list !== undefined && 'List' in list ? (list.List?.items ?? []) : [];
  const last = items.at(-1);
  return last !== undefined && 'String' in last ? last.String?.sval : undefined;
}

export function classifyStatement(node: Node): OutsideStatement {
  if ('IndexStmt' in node) {
    const s = node.IndexStmt;
    if (s?.concurrent !== true) return { kind: 'in-transaction' };
    return { kind: 'create-index', index: s.idxname, table: s.relation?.relname ?? '', ifNotExists: s.if_not_exists === true };
  }
  if ('DropStmt' in node) {
    const s = node.DropStmt;
    if (s?.concurrent !== true) return { kind: 'in-transaction' };
    // PostgreSQL drops one index per DROP INDEX CONCURRENTLY.
    return { kind: 'drop-index', index: lastName(s.objects?.[0]) ?? '' };
  }
  if ('ReindexStmt' in node) {
    const s = node.ReindexStmt;
    if (!hasConcurrently(s?.params)) return { kind: 'other' };
    if (s?.kind === 'REINDEX_OBJECT_INDEX') return { kind: 'reindex', target: 'index', name: s.relation?.relname ?? '' };
    if (s?.kind === 'REINDEX_OBJECT_TABLE') return { kind: 'reindex', target: 'table', name: s.relation?.relname ?? '' };
    return { kind: 'other' };
  }
  if ('AlterTableStmt' in node) {
    const detach = (node.AlterTableStmt?.cmds ?? []).some((c) => 'AlterTableCmd' in c && c.AlterTableCmd?.def !== undefined && 'PartitionCmd' in c.AlterTableCmd.def && c.AlterTableCmd.def.PartitionCmd?.concurrent === true);
    return detach ? { kind: 'other' } : { kind: 'in-transaction' };
  }
  const refused = ['VacuumStmt', 'CreatedbStmt', 'DropdbStmt', 'AlterSystemStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'CreateSubscriptionStmt', 'DropSubscriptionStmt'];
  return refused.some((k) => k in node) ? { kind: 'other' } : { kind: 'in-transaction' };
}

/** Each (prefixed) statement of a migration, classified; one statement per breakpoint part. */
export async function classifyStatements(statements: readonly string[]): Promise<OutsideStatement[]> {
  const out: OutsideStatement[] = [];
  for (const statement of statements) {
    const parsed = await parsePgScript(statement);
    // A part that holds several statements (no breakpoint between them) runs as one multi-statement query,
    // which PostgreSQL runs in one implicit transaction: it is an in-transaction part.
    const only = parsed.length === 1 ? parsed[0] : undefined;
    out.push(only === undefined ? { kind: 'in-transaction' } : classifyStatement(only.node));
  }
  return out;
}
