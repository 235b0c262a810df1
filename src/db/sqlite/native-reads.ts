import Database from 'libsql';

/**
 * A connection on libSQL's synchronous `Database` (the better-sqlite3 API, the engine under @libsql/client's
 * local files) for the accessors' prepared reads: a statement prepared once per query shape and kept, rows
 * read as arrays. @libsql/client prepares the statement again on every `execute` and builds a keyed row
 * object per row; on a hot lookup that was 4-6x the statement itself.
 *
 * The connection is `query_only`: it can read and never write, so every write, and every read inside a
 * transaction, stays on the client's connections, where the transaction is. A read outside a transaction
 * sees every committed write: in WAL mode each statement reads the newest committed snapshot when it starts.
 */
export type NativeConnection = Database.Database;

export function openNativeReads(path: string, busyTimeoutMs: number): NativeConnection {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.exec('PRAGMA query_only = ON');
  } catch (cause) {
    db.close();
    throw cause;
  }
  return db;
}

/** One statement kept per query shape: prepared on first use (so a failure is the query's), then reused. */
export interface NativeSelect {
  /** The rows as arrays, in the statement's column order; integers as safe numbers, as @libsql/client gives them. */
  all(args: readonly unknown[]): unknown[][];
  /**
   * At most one row, read with get(): one native call, where all() goes through an iterator and costs more the
   * longer the statement's text is (a relation read's column list: 1.2x). For LIMIT 1 statements.
   */
  first(args: readonly unknown[]): unknown[][];
}

export function nativeSelect(connection: () => NativeConnection, sql: string, columnNames: readonly string[] | undefined): NativeSelect {
  let statement: Database.Statement<unknown[]> | undefined;
  let preparedOn: NativeConnection | undefined;
  const prepare = (db: NativeConnection): Database.Statement<unknown[]> => {
    const s = db.prepare(sql).raw(true).safeIntegers(true);
    // The mapper reads columns by position: the order is checked once, not trusted (undefined: a select list
    // of expressions, which SQLite names by their text; its mapper reads them in the order it compiled them).
    if (columnNames === undefined) return s;
    const names = s.columns().map((c) => c.name);
    if (names.length !== columnNames.length || names.some((n, i) => n !== columnNames[i])) {
      throw new Error(`the prepared statement's columns (${names.join(', ')}) are not the table's (${columnNames.join(', ')}): ${sql}`);
    }
    return s;
  };
  // Asked on every call: a closed database refuses (libSQL would still run a kept statement after close()).
  const current = (): Database.Statement<unknown[]> => {
    const db = connection();
    if (statement === undefined || preparedOn !== db) {
      statement = prepare(db);
      preparedOn = db;
    }
    return statement;
  };
  const bind = (args: readonly unknown[]): unknown[] => {
    const bound = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) bound[i] = toSqlite(args[i]);
    return bound;
  };
  return {
    all(args) {
      const rows = current().all(bind(args)) as unknown[][];
      for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = fromSqlite(row[i]);
      return rows;
    },
    first(args) {
      const s = current();
      let row: unknown[] | undefined;
      try {
        row = s.get(bind(args)) as unknown[] | undefined;
      } catch (error) {
        // libSQL's get() does not reset a statement whose step failed: the next get() would then bind nothing
        // (SQLITE_MISUSE, ignored) and run with this call's values, answering another key's row. Prepared anew.
        statement = undefined;
        throw error;
      }
      if (row === undefined) return [];
      for (let i = 0; i < row.length; i++) row[i] = fromSqlite(row[i]);
      return [row];
    },
  };
}

const MIN_INT64 = -9223372036854775808n;
const MAX_INT64 = 9223372036854775807n;

/** A bound value as @libsql/client binds it (its valueToSql with intMode "number"), so both paths send the same. */
function toSqlite(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_INT64) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
      return value;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

/** A read value as @libsql/client returns it (intMode "number"): an integer past 2^53 is an error, never rounded. */
function fromSqlite(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < -9007199254740991n || value > 9007199254740991n) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}
