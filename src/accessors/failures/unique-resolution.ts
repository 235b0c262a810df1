import type { ColumnKind } from '../../schema-kit/index.js';
import { constraintCatalog, type TableInfo, type UniqueKeyInfo } from './constraint-catalog.js';
import type { DriverFailure } from './driver-failure.js';
import type { WrittenRow } from './failure-context.js';
import type { Resolved, ResolveContext } from './resolved-failure.js';
import { complete, identity, project } from './written-rows.js';

/** The text PostgreSQL prints for a value in a key detail, when it is knowable without the session's settings. */
function pgText(value: unknown, kind: ColumnKind | undefined): string | undefined {
  switch (kind) {
    case 'text':
    case 'enum':
      return typeof value === 'string' ? value : undefined;
    case 'uuid':
      return typeof value === 'string' ? value.toLowerCase() : undefined;
    case 'integer':
    case 'bigint':
      return typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 't' : 'f') : undefined;
    default:
      // Timestamps print in the session's time zone and DateStyle, decimals with the column's scale.
      return undefined;
  }
}

/** Whether a row's key values are the ones PostgreSQL's detail printed; undefined when that cannot be told. */
function matchesDetail(row: WrittenRow, columns: readonly string[], kindOf: ReadonlyMap<string, ColumnKind>, detail: { text: string; values: readonly string[] | undefined }): boolean | undefined {
  const texts = columns.map((c) => pgText(row[c], kindOf.get(c)));
  if (texts.every((t) => t !== undefined)) return texts.join(', ') === detail.text;
  if (detail.values === undefined) return undefined;
  let compared = false;
  for (const [i, t] of texts.entries()) {
    if (t === undefined) continue;
    if (t !== detail.values[i]) return false;
    compared = true;
  }
  return compared ? true : undefined;
}

function sameColumns(a: readonly string[], b: readonly string[], ordered: boolean): boolean {
  return a.length === b.length && a.every((c, i) => (ordered ? c === b[i] : b.includes(c)));
}

/** The unique key over exactly these columns (SQLite names columns, not keys); the primary key when SQLite says so. */
function keyOverColumns(table: TableInfo, columns: readonly string[], primary: boolean): UniqueKeyInfo | undefined {
  const keys = primary ? table.uniqueKeys.filter((k) => k.primary) : table.uniqueKeys;
  return keys.find((k) => sameColumns(k.columns, columns, true)) ?? keys.find((k) => sameColumns(k.columns, columns, false));
}

/**
 * The unique key PostgreSQL names, or the one over the columns SQLite names; the duplicate values from the
 * statement's rows: the one row there is, or the one whose key PostgreSQL's detail printed.
 */
export function resolveUnique(failure: Extract<DriverFailure, { kind: 'unique' }>, context: ResolveContext): Resolved {
  const catalog = constraintCatalog();
  const named = failure.constraint === undefined ? undefined : catalog.constraint(failure.constraint);
  const ownerName = named?.kind === 'unique' ? named.key.table : failure.table;
  const owner = ownerName === undefined ? undefined : catalog.table(ownerName);
  // The engine's column order (the index's), as TypeScript keys where the table is known.
  const reported = failure.columns?.map((c) => owner?.keyOf.get(c) ?? c);
  const key = named?.kind === 'unique' ? named.key : owner !== undefined && reported !== undefined ? keyOverColumns(owner, reported, failure.primary) : undefined;
  const columns = reported ?? key?.columns;
  const base = { kind: 'unique', table: context.table ?? ownerName, owner: ownerName, constraint: key?.name ?? failure.constraint, columns: key?.columns ?? columns, primary: key?.primary ?? failure.primary } as const;
  const statement = context.statement;
  if (statement === undefined) {
    // No input to take values from: PostgreSQL's own text of them, when it splits unambiguously.
    const printed = failure.detail?.values;
    return { ...base, values: printed === undefined || reported === undefined ? undefined : Object.fromEntries(reported.map((c, i) => [c, printed[i]])), candidates: [] };
  }
  if (columns === undefined || owner === undefined || context.table !== owner.name || statement.kind === 'delete') return { ...base, values: undefined, candidates: [] };
  const rows = statement.rows.map((r) => project(r, columns)).filter((r) => r !== undefined);
  const distinct = [...new Map(rows.map((r) => [identity(r, columns, owner.kindOf), r])).values()];
  const detail = failure.detail;
  const test = (r: WrittenRow) => (detail === undefined ? undefined : matchesDetail(r, columns, owner.kindOf, detail));
  const possible = distinct.filter((r) => test(r) !== false);
  const sure = possible.filter((r) => test(r) === true);
  const chosen = sure.length === 1 ? sure[0] : possible.length === 1 ? possible[0] : undefined;
  return {
    ...base,
    values: chosen,
    candidates: chosen !== undefined || detail !== undefined ? [] : statement.rows.map((r) => complete(r, columns)).filter((r) => r !== undefined),
  };
}

