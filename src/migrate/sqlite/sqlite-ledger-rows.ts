import { userInfo } from 'node:os';
import type { LedgerRow } from '../ledger.js';

// What the local file's driver and a libSQL server's share: the ledger's stored row and who applies.

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
