import { causeChain, withoutPrefix, type DriverFailure, type FailureReader } from '../failures/driver-failure.js';

/** What one of SQLite's constraint messages names; table and column names as SQLite wrote them (prefixed). */
export type SqliteConstraintMessage =
  | { readonly kind: 'unique'; readonly table: string | undefined; readonly columns: readonly string[]; readonly index: string | undefined }
  | { readonly kind: 'notNull'; readonly table: string; readonly column: string }
  | { readonly kind: 'check'; readonly constraint: string }
  | { readonly kind: 'foreign' };

/** `acc_users.username` -> [`acc_users`, `username`]; our table and column names never contain a dot. */
function qualified(name: string): [string, string] | undefined {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : [name.slice(0, dot), name.slice(dot + 1)];
}

/**
 * Reads SQLite's constraint messages, the only place SQLite says which constraint failed (sqlite3 insert.c,
 * build.c, fkey.c). The exact forms, as libSQL passes them on (its LibsqlError puts `SQLITE_CONSTRAINT: ` first):
 *
 *     UNIQUE constraint failed: acc_users.username                      unique index or constraint, or primary key
 *     UNIQUE constraint failed: acc_vol.connection_id, acc_vol.symbol    several columns, in the index's order
 *     UNIQUE constraint failed: index 'acc_uq_x'                         an index on expressions
 *     NOT NULL constraint failed: acc_users.username
 *     CHECK constraint failed: acc_ck_usr_role                           a named check (an unnamed one: its expression)
 *     FOREIGN KEY constraint failed                                      never names the key, the table or the row
 *
 * @example
 * parseConstraintMessage('NOT NULL constraint failed: acc_users.username'); // { kind: 'notNull', table: 'acc_users', column: 'username' }
 */
export function parseConstraintMessage(message: string): SqliteConstraintMessage | undefined {
  const unique = 'UNIQUE constraint failed: ';
  const notNull = 'NOT NULL constraint failed: ';
  const check = 'CHECK constraint failed: ';
  if (message.startsWith(unique)) {
    const rest = message.slice(unique.length);
    if (rest.startsWith("index '") && rest.endsWith("'")) return { kind: 'unique', table: undefined, columns: [], index: rest.slice("index '".length, -1) };
    const columns: string[] = [];
    let table: string | undefined;
    for (const part of rest.split(', ')) {
      const name = qualified(part);
      if (name === undefined || (table !== undefined && name[0] !== table)) return undefined;
      table = name[0];
      columns.push(name[1]);
    }
    return { kind: 'unique', table, columns, index: undefined };
  }
  if (message.startsWith(notNull)) {
    const name = qualified(message.slice(notNull.length));
    return name === undefined ? undefined : { kind: 'notNull', table: name[0], column: name[1] };
  }
  if (message.startsWith(check)) return { kind: 'check', constraint: message.slice(check.length) };
  if (message === 'FOREIGN KEY constraint failed') return { kind: 'foreign' };
  return undefined;
}

/**
 * Whether a SQLITE_BUSY or SQLITE_LOCKED is a lock another connection holds, which clears, so the transaction may
 * succeed when run again. Not when COMMIT found a statement of this connection still running:
 *
 *     cannot commit transaction - SQL statements in progress
 *
 * which no retry clears. libSQL (0.5.29) leaves exactly that behind after any statement failed busy: the failed
 * statement stays in progress until garbage collection finalizes it (tursodatabase/libsql-client-ts#352), so every
 * later COMMIT on that pooled connection fails this way although the lock is free.
 */
export function isLockConflict(message: string): boolean {
  return !message.endsWith('SQL statements in progress');
}

interface SqliteErrorFields {
  readonly code: string;
  readonly extendedCode?: unknown;
  readonly message?: unknown;
}

function isSqliteError(value: object): value is SqliteErrorFields {
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * libSQL's LibsqlError carries the primary code in `code` and the extended one (`SQLITE_CONSTRAINT_UNIQUE`,
 * `SQLITE_BUSY_SNAPSHOT`) in `extendedCode`; the native SqliteError under it, and the `libsql` package's own
 * Database, carry the extended code in `code`.
 */
export const readSqliteFailure: FailureReader = (error, prefix): DriverFailure | undefined => {
  let found: SqliteErrorFields | undefined;
  for (const e of causeChain(error)) {
    if (isSqliteError(e)) {
      found = e;
      break;
    }
  }
  if (found === undefined) return undefined;
  const code = typeof found.extendedCode === 'string' ? found.extendedCode : found.code;
  const text = typeof found.message === 'string' ? found.message : '';
  const message = text.startsWith(`${found.code}: `) ? text.slice(found.code.length + 2) : text;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    if (!isLockConflict(message)) return undefined;
    return { kind: 'retryable', reason: code.startsWith('SQLITE_BUSY') ? `database is locked (${code}): another connection holds the write lock` : `table is locked (${code}) by another statement or connection` };
  }
  if (!code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  const parsed = parseConstraintMessage(message);
  switch (parsed?.kind) {
    case 'unique':
      return {
        kind: 'unique',
        table: parsed.table === undefined ? undefined : withoutPrefix(parsed.table, prefix),
        constraint: parsed.index === undefined ? undefined : withoutPrefix(parsed.index, prefix),
        columns: parsed.index === undefined ? parsed.columns : undefined,
        primary: code === 'SQLITE_CONSTRAINT_PRIMARYKEY',
        detail: undefined,
      };
    case 'notNull':
      return { kind: 'notNull', table: withoutPrefix(parsed.table, prefix), column: parsed.column };
    case 'check':
      return { kind: 'check', table: undefined, constraint: withoutPrefix(parsed.constraint, prefix) };
    case 'foreign':
      return { kind: 'foreign', table: undefined, constraint: undefined, side: undefined };
    default:
      return undefined;
  }
};
