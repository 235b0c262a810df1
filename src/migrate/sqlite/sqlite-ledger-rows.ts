import { userInfo } from 'node:os';
import { appliedRowsOnly } from '../ledger-progress.js';
import type { LedgerRow, NewLedgerRow } from '../ledger.js';
import { MigrationError } from '../migration-error.js';

// What the local file's driver and a libSQL server's share: the ledger's SQL and stored row, who applies, the
// presence query and the foreign-key verdict.

export interface RawLedgerRow {
  tag: string;
  journal_idx: number;
  checksum: string;
  applied_at: number;
  applied_by: string;
  execution_ms: number;
  prefix: string;
  dialect: string;
}

export const toLedgerRow = (r: RawLedgerRow): LedgerRow => ({
  tag: r.tag,
  journalIdx: Number(r.journal_idx),
  checksum: r.checksum,
  appliedAt: new Date(Number(r.applied_at)),
  appliedBy: r.applied_by,
  executionMs: Number(r.execution_ms),
  prefix: r.prefix,
  dialect: r.dialect === 'postgresql' ? 'postgresql' : 'sqlite',
});

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** SQLite's schema cookie: it changes with every schema change of any connection. */
export const VERSION_SQL = 'select schema_version as version from pragma_schema_version';

/** The ledger's statements; `ledger` is the quoted table name. */
export function ledgerStatements(ledger: string) {
  return {
    read: `select * from ${ledger} where ${appliedRowsOnly()} order by journal_idx, tag`,
    remove: `delete from ${ledger} where tag = ?`,
    insert: `insert into ${ledger} (tag, journal_idx, checksum, applied_at, applied_by, execution_ms, prefix, dialect) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  } as const;
}

/** The values of `ledgerStatements(...).insert`, applied now by `appliedBy`. */
export const ledgerInsertValues = (row: NewLedgerRow, appliedBy: string) => [row.tag, row.journalIdx, row.checksum, Date.now(), appliedBy, row.executionMs, row.prefix, row.dialect];

/** One row: the schema cookie, whether the ledger exists, and which of the tables (parameter 2, a JSON list) do. */
export const PRESENCE_SQL = `select (${VERSION_SQL}) as version,
                exists (select 1 from sqlite_master where type = 'table' and name = ?) as has_ledger,
                (select json_group_array(name) from sqlite_master where type = 'table' and name in (select value from json_each(?))) as present`;

export interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number;
  readonly parent: string;
}

/** What `PRAGMA foreign_key_check` found after a migration, as the error that rolls it back; undefined for none. */
export function foreignKeyViolationError(violations: readonly ForeignKeyViolation[], subject: string): MigrationError | undefined {
  if (violations.length === 0) return undefined;
  const list = violations.slice(0, 10).map((v) => `${v.table} rowid ${v.rowid} -> ${v.parent}`).join(', ');
  return new MigrationError(`the migration leaves ${violations.length} row(s) violating foreign keys: ${list}`, {
    code: 'MIGRATION_FOREIGN_KEY_VIOLATION',
    subject,
    hint: 'fix the migration so every child row has its parent (or delete the orphans in the migration)',
  });
}
