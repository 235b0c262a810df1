import { CtsDbError } from '../errors/cts-db-error.js';

export type NamingErrorCode =
  | 'NAMING_EMPTY'
  | 'NAMING_INVALID_PREFIX'
  | 'NAMING_INVALID_BASE_NAME'
  | 'NAMING_IDENTIFIER_TOO_LONG';

export class NamingError extends CtsDbError {
  declare readonly code: NamingErrorCode;
}
