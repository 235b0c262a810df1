import { NO_TRANSACTION_MARKER } from '../migrate/transaction-marker.js';
import { tokenize } from '../migrate/sql-tokenizer.js';
import { parsePgScript } from '../sql/pg-parse.js';
import { BREAKPOINT } from './migration-folder.js';
import type { Snapshot } from './snapshot-types.js';

/** A CREATE INDEX moved out of a generated PostgreSQL migration, rewritten to build CONCURRENTLY. */
export interface MovedIndex {
  readonly table: string;
  readonly index: string;
  readonly statement: string;
}

export interface ConcurrentSplit {
  /** The statements that stay in the transactional migration. */
  readonly remaining: readonly string[];
  readonly moved: readonly MovedIndex[];
}

/**
 * `db:generate --concurrent-indexes` (PostgreSQL): every CREATE INDEX on a table that exists before the
 * migration (one the same migration does not create) leaves the generated migration, to be built with
 * CONCURRENTLY in a `-- cts:transaction none` migration of its own that follows it, so the build never
 * blocks writes. An index of a new table stays: the table is empty, and it must exist with it.
 */
export async function splitConcurrentIndexes(statements: readonly string[]): Promise<ConcurrentSplit> {
  const parsed = await Promise.all(statements.map(async (text) => ({ text, nodes: await parsePgScript(text) })));
  const created = new Set(parsed.flatMap((p) => p.nodes.flatMap((n) => ('CreateStmt' in n.node ? [n.node.CreateStmt?.relation?.relname ?? ''] : []))));
  const remaining: string[] = [];
  const moved: MovedIndex[] = [];
  for (const { text, nodes } of parsed) {
    const only = nodes.length === 1 ? nodes[0]?.node : undefined;
    const index = only !== undefined && 'IndexStmt' in only ? only.IndexStmt : undefined;
    const table = index?.relation?.relname;
    if (index === undefined || index.concurrent === true || index.idxname === undefined || table === undefined || created.has(table)) {
      remaining.push(text);
      continue;
    }
    moved.push({ table, index: index.idxname, statement: withConcurrently(text) });
  }
  return { remaining, moved };
}

/** `CREATE [UNIQUE] INDEX ...` with CONCURRENTLY after the INDEX keyword, placed by tokens (never inside a string or comment). */
function withConcurrently(statement: string): string {
  const words = tokenize(statement).filter((t) => t.kind === 'word');
  const keyword = words.find((t) => t.text.toUpperCase() === 'INDEX');
  if (keyword === undefined) throw new Error(`not a CREATE INDEX statement: ${statement}`);
  const at = keyword.offset + keyword.text.length;
  return `${statement.slice(0, at)} CONCURRENTLY${statement.slice(at)}`;
}

/** The text of the non-transactional migration that builds the moved indexes, one statement each. */
export const concurrentMigrationSql = (moved: readonly MovedIndex[]): string => `${NO_TRANSACTION_MARKER}\n${moved.map((m) => m.statement).join(BREAKPOINT)}`;

/** `snapshot` without the moved indexes: the state after the transactional migration, before the concurrent one. */
export function withoutIndexes(snapshot: Snapshot, moved: readonly MovedIndex[]): Snapshot {
  const copy = structuredClone(snapshot);
  for (const m of moved) {
    const table = Object.values(copy.tables).find((t) => t.name === m.table);
    if (table !== undefined) delete table.indexes[m.index];
  }
  return copy;
}
