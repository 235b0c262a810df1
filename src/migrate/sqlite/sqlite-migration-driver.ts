import Database from 'libsql';
import type { SqliteSettings } from '../../config/index.js';
import { checkSqlitePath, sqliteOpenError } from '../../db/sqlite/check-path.js';
import { switchToWalSync } from '../../db/sqlite/file-pragmas.js';
import { ledgerEntriesSql, parseLedgerEntries } from '../ledger-entries.js';
import { createLedgerSql, ledgerTableName, type LedgerRow, type NewLedgerRow } from '../ledger.js';
import type { MigrationDriver, MigrationTx, QuickState } from '../migration-driver.js';
import { MigrationError } from '../migration-error.js';
import { foreignKeyViolationError, ledgerInsertValues, ledgerStatements, osUser, PRESENCE_SQL, toLedgerRow, VERSION_SQL, type ForeignKeyViolation, type RawLedgerRow } from './sqlite-ledger-rows.js';

export interface SqliteMigrationDriverOptions {
  readonly prefix: string;
  /** How long BEGIN IMMEDIATE waits for another writer (the lock). */
  readonly lockTimeoutMs: number;
  readonly onQuery?: (query: string) => void;
  /** Create the file when it does not exist (default). A health check must not. */
  readonly create?: boolean;
}

/**
 * Opens one dedicated native SQLite connection (the `libsql` driver under @libsql/client) for a migration run.
 * The pooled client cannot serve here: it rolls back a transaction begun with execute() when it returns the
 * connection to its pool, and `foreign_keys` must be switched off on the very connection that runs the
 * migration, outside its transaction (a table rebuild would otherwise cascade-delete child rows).
 */
export function openSqliteMigrationDriver(settings: SqliteSettings, options: SqliteMigrationDriverOptions): MigrationDriver {
  checkSqlitePath(settings.path, { create: options.create !== false });
  const db = new Database(settings.path, { timeout: options.lockTimeoutMs, fileMustExist: options.create === false });
  // WAL is a property of the file: set it here too, since the runner may be the first to open the file.
  // It is also the first statement: a file that is not a database fails here, with its own code.
  try {
    switchToWalSync(db, options.lockTimeoutMs);
  } catch (cause) {
    db.close();
    throw sqliteOpenError(settings.path, cause, { ms: options.lockTimeoutMs });
  }
  const ledger = `"${ledgerTableName(options.prefix)}"`;
  const appliedBy = osUser();
  const track = (query: string) => options.onQuery?.(query);
  // Statements are compiled once per connection: health checks send the same two queries on every call.
  const statements = new Map<string, { all(...params: unknown[]): unknown[]; get(...params: unknown[]): unknown }>();
  const prepared = (query: string) => {
    let statement = statements.get(query);
    if (statement === undefined) {
      statement = db.prepare(query);
      statements.set(query, statement);
    }
    return statement;
  };
  const all = <T>(query: string, ...params: unknown[]): T[] => {
    track(query);
    return prepared(query).all(...params) as T[];
  };
  const exec = (query: string) => {
    track(query);
    db.exec(query);
  };
  const one = <T>(query: string, ...params: unknown[]): T | undefined => {
    track(query);
    return prepared(query).get(...params) as T | undefined;
  };
  const presence = new WeakMap<readonly string[], { readonly version: number; readonly hasLedger: boolean; readonly present: readonly string[] }>();
  const versionAndLedger = (): { version: number; ledger: string | null } | undefined => {
    try {
      return one(`select (${VERSION_SQL}) as version, ${ledgerEntriesSql('sqlite', ledger)} as ledger`);
    } catch (error) {
      // The ledger was dropped since presence was cached (the statement no longer compiles): look again.
      // Anything else (busy, I/O) is the caller's to see.
      if (String((error as Error).message).includes('no such table')) return undefined;
      throw error;
    }
  };
  const ledgerSql = ledgerStatements(ledger);
  const readLedger = async (): Promise<LedgerRow[]> => all<RawLedgerRow>(ledgerSql.read).map(toLedgerRow);

  /** Takes the write lock, waiting up to the busy timeout; a timeout becomes MIGRATION_LOCK_TIMEOUT. */
  const beginImmediate = () => {
    try {
      exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (!String((error as { code?: string }).code ?? '').startsWith('SQLITE_BUSY')) throw error;
      throw new MigrationError(`timed out after ${options.lockTimeoutMs} ms waiting for the write lock of ${settings.path}: another connection is writing (SQLite does not say which)`, {
        code: 'MIGRATION_LOCK_TIMEOUT',
        subject: settings.path,
        hint: 'wait for the other migration or writer to finish, or raise the timeout with --lock-timeout <ms>',
        cause: error,
      });
    }
  };

  const query = async <T>(q: string, params: readonly unknown[] = []) => all<T>(q, ...params);
  const tx: MigrationTx = {
    execute: async (statement) => exec(statement),
    query,
    deleteLedger: async (tag) => {
      track(ledgerSql.remove);
      db.prepare(ledgerSql.remove).run(tag);
    },
    readLedger,
    insertLedger: async (row: NewLedgerRow) => {
      track(ledgerSql.insert);
      db.prepare(ledgerSql.insert).run(...ledgerInsertValues(row, appliedBy));
    },
  };

  return {
    dialect: 'sqlite',
    target: settings.path,
    async quickState(tables: readonly string[]): Promise<QuickState> {
      // Which tables exist changes only with the schema, and SQLite counts schema changes of every connection
      // in the schema cookie (`schema_version`), the same number it uses to know its own parsed schema is
      // still valid. So presence is looked up once per list and cookie; a call with an unchanged schema is one
      // statement that reads the cookie and the ledger together (one snapshot).
      const cached = presence.get(tables);
      if (cached !== undefined) {
        const row = cached.hasLedger ? versionAndLedger() : one<{ version: number; ledger?: undefined }>(VERSION_SQL);
        if (row !== undefined && Number(row.version) === cached.version) {
          return { ledger: cached.hasLedger ? parseLedgerEntries(row.ledger ?? null) : undefined, presentTables: cached.present };
        }
      }
      const row = one<{ version: number; has_ledger: number; present: string }>(
        PRESENCE_SQL,
        ledgerTableName(options.prefix),
        JSON.stringify(tables),
      );
      const present = JSON.parse(row?.present ?? '[]') as string[];
      const hasLedger = row?.has_ledger === 1;
      if (row !== undefined) presence.set(tables, { version: Number(row.version), hasLedger, present });
      if (!hasLedger) return { ledger: undefined, presentTables: present };
      return { ledger: parseLedgerEntries(one<{ ledger: string | null }>(`select ${ledgerEntriesSql('sqlite', ledger)} as ledger`)?.ledger ?? null), presentTables: present };
    },
    // One writer at a time by BEGIN IMMEDIATE; a busy database is SQLITE_BUSY after busy_timeout, not a lock queue.
    lockHolders: async () => [],
    async ensureLedger(): Promise<void> {
      beginImmediate();
      try {
        exec(createLedgerSql('sqlite', options.prefix));
        exec('COMMIT');
      } finally {
        if (db.inTransaction) exec('ROLLBACK');
      }
    },
    readLedger,
    query,
    async transaction<T>(fn: (t: MigrationTx) => Promise<T>): Promise<T> {
      exec('PRAGMA foreign_keys = OFF');
      try {
        // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so the ledger read inside is final.
        beginImmediate();
        try {
          const result = await fn(tx);
          const violation = foreignKeyViolationError(all<ForeignKeyViolation>('PRAGMA foreign_key_check'), settings.path);
          if (violation !== undefined) throw violation;
          exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) exec('ROLLBACK');
          throw error;
        }
      } finally {
        exec('PRAGMA foreign_keys = ON');
      }
    },
    async close(): Promise<void> {
      db.close();
    },
  };
}
