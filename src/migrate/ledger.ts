import { LEDGER_BASE_NAME } from '../naming/index.js';
import type { MigrationDialect } from './migration-files.js';

/** What history checks need of a ledger row: which migration, where in the journal, which content. */
export interface LedgerEntry {
  readonly tag: string;
  readonly journalIdx: number;
  readonly checksum: string;
}

/** One row of `{prefix}_schema_migrations`. */
export interface LedgerRow extends LedgerEntry {
  readonly appliedAt: Date;
  readonly appliedBy: string;
  readonly executionMs: number;
  readonly prefix: string;
  readonly dialect: MigrationDialect;
}

export type NewLedgerRow = Omit<LedgerRow, 'appliedAt' | 'appliedBy'>;

export const ledgerTableName = (prefix: string) => `${prefix}_${LEDGER_BASE_NAME}`;

/** The ledger's DDL; `applied_by` defaults to the database user on PostgreSQL, the runner passes the OS user on SQLite. */
export function createLedgerSql(dialect: MigrationDialect, prefix: string): string {
  const table = `"${ledgerTableName(prefix)}"`;
  return dialect === 'postgresql'
    ? `create table if not exists ${table} (
  tag text primary key,
  journal_idx integer not null,
  checksum text not null,
  applied_at timestamptz not null default now(),
  applied_by text not null default current_user,
  execution_ms integer not null,
  prefix text not null,
  dialect text not null
)`
    : `create table if not exists ${table} (
  tag text primary key,
  journal_idx integer not null,
  checksum text not null,
  applied_at integer not null,
  applied_by text not null,
  execution_ms integer not null,
  prefix text not null,
  dialect text not null
)`;
}
