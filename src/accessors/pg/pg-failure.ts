import { causeChain, withoutPrefix, type DriverFailure, type FailureReader } from '../failures/driver-failure.js';

/** The fields of postgres.js's PostgresError that name what failed (the server's ErrorResponse fields). */
interface PostgresErrorFields {
  readonly code: string;
  readonly detail?: string;
  readonly table_name?: string;
  readonly column_name?: string;
  readonly constraint_name?: string;
}

function isPostgresError(value: object): value is PostgresErrorFields {
  return (value as { name?: unknown }).name === 'PostgresError' && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * PostgreSQL's unique-violation detail (BuildIndexValueDescription):
 *
 *     Key (connection_id, symbol)=(00000000-0000-4000-8000-00000000c001, BTCUSDT) already exists.
 *
 * Each value is its type's text output, unquoted, joined by ", ": a value that itself contains ", " makes the split
 * ambiguous. Then only the whole text is kept and written rows are matched against it whole (a split into as many
 * parts as there are columns means no value contained ", ", so it is exact). The detail is missing when the role may
 * not read every column of the key; column names come quoted only when they need it, which ours never do.
 *
 * @example
 * parseKeyDetail('Key (username)=(alice) already exists.'); // { columns: ['username'], text: 'alice', values: ['alice'] }
 */
export function parseKeyDetail(detail: string | undefined): { columns: string[]; text: string; values: string[] | undefined } | undefined {
  const start = 'Key (';
  const middle = ')=(';
  const end = ') already exists.';
  if (detail === undefined || !detail.startsWith(start) || !detail.endsWith(end)) return undefined;
  const at = detail.indexOf(middle);
  if (at < 0) return undefined;
  const columns = detail.slice(start.length, at).split(', ');
  const text = detail.slice(at + middle.length, detail.length - end.length);
  const parts = text.split(', ');
  return { columns, text, values: parts.length === columns.length ? parts : undefined };
}

/**
 * Foreign-key details (ri_ReportViolation): `Key (col)=(v) is not present in table "t".` when a row refers to a
 * missing parent, `Key (col)=(v) is still referenced from table "t".` when a referenced parent was changed or deleted.
 */
function foreignKeySide(detail: string | undefined): 'child' | 'parent' | undefined {
  if (detail?.includes(' is not present in table ') === true) return 'child';
  if (detail?.includes(' is still referenced from table ') === true) return 'parent';
  return undefined;
}

/**
 * postgres.js reports the SQLSTATE and the server's fields: `table_name` (for a foreign key, the table that owns it,
 * whichever side failed), `constraint_name`, `column_name` (NOT NULL) and `detail`.
 */
export const readPgFailure: FailureReader = (error, prefix): DriverFailure | undefined => {
  let found: PostgresErrorFields | undefined;
  for (const e of causeChain(error)) {
    if (isPostgresError(e)) {
      found = e;
      break;
    }
  }
  if (found === undefined) return undefined;
  const table = found.table_name === undefined ? undefined : withoutPrefix(found.table_name, prefix);
  const constraint = found.constraint_name === undefined ? undefined : withoutPrefix(found.constraint_name, prefix);
  switch (found.code) {
    case '23505': {
      const detail = parseKeyDetail(found.detail);
      return { kind: 'unique', table, constraint, columns: detail?.columns, primary: false, detail: detail === undefined ? undefined : { text: detail.text, values: detail.values } };
    }
    case '23503':
      return { kind: 'foreign', table, constraint, side: foreignKeySide(found.detail) };
    case '23502':
      return found.column_name === undefined ? undefined : { kind: 'notNull', table, column: found.column_name };
    case '23514':
      return constraint === undefined ? undefined : { kind: 'check', table, constraint };
    case '40001':
      return { kind: 'retryable', reason: 'serialization failure: a concurrent transaction changed what this one read or wrote' };
    case '40P01':
      return { kind: 'retryable', reason: 'deadlock: two transactions waited for each other and this one was chosen to abort' };
    case '55P03':
      return { kind: 'retryable', reason: 'lock not available: another transaction holds a row this one asked for with noWait' };
    default:
      return undefined;
  }
};
