import { CtsDbError } from '../errors/cts-db-error.js';

export type OpsErrorCode =
  | 'OPS_TOOL_MISSING'
  | 'OPS_TOOL_FAILED'
  | 'OPS_BACKUP_NOT_FOUND'
  | 'OPS_RESTORE_MISMATCH'
  | 'OPS_PRODUCTION_GUARD'
  | 'OPS_NOT_CONFIRMED'
  | 'OPS_PREFIX_IN_USE'
  | 'OPS_RESTORE_PRIVILEGES'
  | 'OPS_REMOTE_UNSUPPORTED';

export class OpsError extends CtsDbError {
  declare readonly code: OpsErrorCode;
}
