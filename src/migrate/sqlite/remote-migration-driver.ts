import type { RemoteSqliteSettings } from '../../config/index.js';
import { remoteConnectionError } from '../../db/sqlite/remote-failure.js';
import { ledgerEntriesSql, parseLedgerEntries } from '../ledger-entries.js';
import { createLedgerSql, ledgerTableName, type LedgerRow, type NewLedgerRow } from '../ledger.js';
import type { MigrationDriver, MigrationTx, QuickState } from '../migration-driver.js';
import { MigrationError } from '../migration-error.js';
import { scratchTable } from './scratch-tables.js';
import { foreignKeyViolationError, ledgerInsertValues, ledgerStatements, osUser, PRESENCE_SQL, toLedgerRow, type ForeignKeyViolation, type RawLedgerRow } from './sqlite-ledger-rows.js';

export interface RemoteMigrationDriverOptions {
  readonly prefix: string;
  readonly onQuery?: (query: string) => void;
}

type Value = null | string | number | bigint | ArrayBuffer | Uint8Array | boolean | Date;

/** The part of a hrana stream this driver uses (@libsql/hrana-client's HttpStream). */
interface Stream {
  query(stmt: string | [string, Value[]]): Promise<{ rows: ArrayLike<unknown>[] }>;
  run(stmt: string | [string, Value[]]): Promise<unknown>;
  close(): void;
}

/**
 * The hrana HTTP endpoint of the server: what @libsql/client makes of `libsql:` (https, or http with
 * ?tls=0), and for ws(s): the same host over HTTP, which sqld and Turso serve on the WebSocket's address.
 * HTTP because hrana's WebSocket client needs a global WebSocket, which Node 20 does not have.
 */
function httpEndpoint(url: string): URL {
  const parsed = new URL(url);
  const tls = parsed.searchParams.get('tls');
  parsed.searchParams.delete('tls');
  if (parsed.protocol === 'libsql:') return new URL(`${tls === '0' ? 'http' : 'https'}://${parsed.host}`);
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') return new URL(`${parsed.protocol === 'ws:' ? 'http' : 'https'}://${parsed.host}`);
  return new URL(`${parsed.protocol}//${parsed.host}`);
}

/**
 * The migration driver of a libSQL server (sqld, Turso), on hrana streams over HTTP. A stream is one
 * connection on the server, so a migration's transaction runs as on a file: `foreign_keys` off on that very
 * connection, BEGIN IMMEDIATE, the statements, `foreign_key_check`, COMMIT. @libsql/client cannot do this: its
 * transactions start with BEGIN, and `foreign_keys` cannot change inside one. Reads outside a transaction get a
 * stream each, so no idle stream can expire between two calls.
 *
 * The lock is the server's write lock. sqld gives a transaction that another writer waits for 5 s before it
 * rolls it back and hands over the lock (TRANSACTION_TIMEOUT): the run then fails as MIGRATION_LOCK_TIMEOUT with
 * nothing of its transaction applied.
 */
export async function openRemoteMigrationDriver(settings: RemoteSqliteSettings, options: RemoteMigrationDriverOptions): Promise<MigrationDriver> {
  const { openHttp } = await import('@libsql/hrana-client');
  const token = settings.authToken?.reveal();
  const client = openHttp(httpEndpoint(settings.url), token);
  const target = settings.url;
  const ledger = `"${ledgerTableName(options.prefix)}"`;
  const statements = ledgerStatements(ledger);
  const appliedBy = osUser();
  const track = (query: string) => options.onQuery?.(query);

  const failure = (error: unknown): unknown => {
    const connection = remoteConnectionError(target, error, token);
    if (connection !== undefined) return connection;
    if ((error as { code?: unknown } | null)?.code === 'TRANSACTION_TIMEOUT') {
      return new MigrationError(`the libSQL server ${target} rolled back the migration's transaction: another connection waited for the write lock longer than the server allows (sqld: 5 s)`, {
        code: 'MIGRATION_LOCK_TIMEOUT',
        subject: target,
        hint: 'run the migration again once the other writer (another migration run?) has finished; nothing of this transaction was applied',
        cause: error,
      });
    }
    return error;
  };
  const rows = async <T>(stream: Stream, query: string, params: readonly unknown[] = []): Promise<T[]> => {
    track(query);
    try {
      const result = await stream.query(params.length === 0 ? query : [query, params as Value[]]);
      return result.rows as unknown as T[];
    } catch (error) {
      throw failure(error);
    }
  };
  const run = async (stream: Stream, query: string, params: readonly unknown[] = []): Promise<void> => {
    track(query);
    try {
      await stream.run(params.length === 0 ? query : [query, params as Value[]]);
    } catch (error) {
      throw failure(error);
    }
  };
  /** One statement on a stream of its own, closed after it. */
  const once = async <T>(query: string, params: readonly unknown[] = []): Promise<T[]> => {
    const stream = client.openStream() as unknown as Stream;
    try {
      return await rows<T>(stream, query, params);
    } finally {
      stream.close();
    }
  };
  const readLedgerOn = async (stream: Stream | undefined): Promise<LedgerRow[]> => {
    return (stream === undefined ? await once<RawLedgerRow>(statements.read) : await rows<RawLedgerRow>(stream, statements.read)).map(toLedgerRow);
  };

  /**
   * `fn` on one stream: foreign keys off, BEGIN IMMEDIATE, then COMMIT after the foreign key check. The
   * temporary tables a migration creates are made as scratch tables and dropped before COMMIT (scratch-tables.ts).
   */
  const inTransaction = async <T>(fn: (stream: Stream, scratch: Set<string>) => Promise<T>, checkForeignKeys: boolean): Promise<T> => {
    const stream = client.openStream() as unknown as Stream;
    const scratch = new Set<string>();
    let open = false;
    try {
      await run(stream, 'PRAGMA foreign_keys = OFF');
      await run(stream, 'BEGIN IMMEDIATE');
      open = true;
      const result = await fn(stream, scratch);
      for (const table of scratch) await run(stream, `DROP TABLE IF EXISTS "${table.replaceAll('"', '""')}"`);
      if (checkForeignKeys) {
        const violation = foreignKeyViolationError(await rows<ForeignKeyViolation>(stream, 'PRAGMA foreign_key_check'), target);
        if (violation !== undefined) throw violation;
      }
      await run(stream, 'COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open) await run(stream, 'ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // Closing the stream ends its server connection, and with it the foreign_keys setting.
      stream.close();
    }
  };

  // Reached before anything else: a wrong URL or token fails here, with its reason.
  try {
    await once('select 1');
  } catch (error) {
    client.close();
    throw error;
  }

  return {
    dialect: 'sqlite',
    target,
    async quickState(tables: readonly string[]): Promise<QuickState> {
      const [row] = await once<{ version: number; has_ledger: number; present: string }>(
        PRESENCE_SQL,
        [ledgerTableName(options.prefix), JSON.stringify(tables)],
      );
      const present = JSON.parse(row?.present ?? '[]') as string[];
      if (Number(row?.has_ledger) !== 1) return { ledger: undefined, presentTables: present };
      const [entries] = await once<{ ledger: string | null }>(`select ${ledgerEntriesSql('sqlite', ledger)} as ledger`);
      return { ledger: parseLedgerEntries(entries?.ledger ?? null), presentTables: present };
    },
    // The server's write lock has no queue to show.
    lockHolders: async () => [],
    async ensureLedger(): Promise<void> {
      await inTransaction((stream) => run(stream, createLedgerSql('sqlite', options.prefix)), false);
    },
    readLedger: () => readLedgerOn(undefined),
    query: (q, params) => once(q, params),
    transaction: <T>(fn: (t: MigrationTx) => Promise<T>) =>
      inTransaction((stream, scratch) => {
        const tx: MigrationTx = {
          execute: (statement) => {
            const temp = scratchTable(statement);
            if (temp === undefined) return run(stream, statement);
            scratch.add(temp.table);
            return run(stream, temp.sql);
          },
          query: (q, params) => rows(stream, q, params),
          readLedger: () => readLedgerOn(stream),
          deleteLedger: (tag) => run(stream, statements.remove, [tag]),
          insertLedger: (row: NewLedgerRow) => run(stream, statements.insert, ledgerInsertValues(row, appliedBy)),
        };
        return fn(tx);
      }, true),
    async close(): Promise<void> {
      client.close();
    },
  };
}
