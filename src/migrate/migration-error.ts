import { CtsDbError } from '../errors/cts-db-error.js';

export type MigrationErrorCode =
  | 'MIGRATION_JOURNAL_INVALID'
  | 'MIGRATION_SNAPSHOT_MISSING'
  | 'MIGRATION_SNAPSHOT_INVALID'
  | 'MIGRATION_FILE_MISSING'
  | 'MIGRATION_CHECKSUM_MISMATCH'
  | 'MIGRATION_APPLIED_MISSING'
  | 'MIGRATION_OUT_OF_ORDER'
  | 'MIGRATION_DUPLICATE_TAG'
  | 'MIGRATION_FILE_UNLISTED'
  | 'MIGRATION_HISTORY_ORDER'
  | 'MIGRATION_EMPTY'
  | 'MIGRATION_LEDGER_MISSING'
  | 'MIGRATION_DATA_CONFLICT'
  | 'MIGRATION_DATA_LOSS'
  | 'MIGRATION_PREFIX_VIOLATION'
  | 'MIGRATION_RESOLVE_INVALID'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_FOREIGN_KEY_VIOLATION'
  | 'MIGRATION_LOCK_TIMEOUT'
  | 'MIGRATION_LOCK_BLOCKED'
  | 'MIGRATION_UNKNOWN_TAG'
  | 'MIGRATION_CRITICAL_TABLES_MISSING'
  | 'MIGRATION_EMBEDDED_INCONSISTENT'
  | 'MIGRATION_EMBEDDED_STALE'
  | 'MIGRATION_MARKER_INVALID'
  | 'MIGRATION_INVALID_INDEX'
  | 'MIGRATION_LOCK_LOST'
  | 'MIGRATION_NONTRANSACTIONAL_UNSUPPORTED';

export interface MigrationErrorDetails {
  readonly code: MigrationErrorCode;
  readonly subject: string;
  readonly hint: string;
  readonly cause?: unknown;
  /** The migration concerned, when there is one. */
  readonly tag?: string;
  readonly file?: string;
  /** 1-based number of the failing statement within the migration. */
  readonly statement?: number;
  readonly excerpt?: string;
  readonly expectedChecksum?: string;
  readonly actualChecksum?: string;
}

export class MigrationError extends CtsDbError {
  declare readonly code: MigrationErrorCode;
  readonly tag: string | undefined;
  readonly file: string | undefined;
  readonly statement: number | undefined;
  readonly excerpt: string | undefined;
  readonly expectedChecksum: string | undefined;
  readonly actualChecksum: string | undefined;

  constructor(message: string, details: MigrationErrorDetails) {
    super(message, details);
    this.tag = details.tag;
    this.file = details.file;
    this.statement = details.statement;
    this.excerpt = details.excerpt;
    this.expectedChecksum = details.expectedChecksum;
    this.actualChecksum = details.actualChecksum;
  }
}
