import { connectionCodeOf } from '../db/postgres/connection-failure.js';
import { isCtsDbError } from '../errors/cts-db-error.js';

/** The `errorCode` of a failed check: the toolkit's code, the CONNECTION_* code of a driver error, else HEALTH_CHECK_FAILED. */
export function healthErrorCode(error: unknown): string {
  return isCtsDbError(error) ? error.code : (connectionCodeOf(error) ?? 'HEALTH_CHECK_FAILED');
}
