import { CtsDbError } from '../errors/cts-db-error.js';

export type ConnectionErrorCode =
  | 'CONNECTION_INVALID_URL'
  | 'CONNECTION_REFUSED'
  | 'CONNECTION_TIMEOUT'
  | 'CONNECTION_UNREACHABLE'
  | 'CONNECTION_HOST_NOT_FOUND'
  | 'CONNECTION_AUTH_FAILED'
  | 'CONNECTION_DATABASE_MISSING'
  | 'CONNECTION_FAILED'
  | 'SQLITE_OPEN_FAILED'
  | 'SQLITE_PATH_INVALID'
  | 'SQLITE_PATH_NOT_WRITABLE'
  | 'SQLITE_NOT_A_DATABASE';

export class ConnectionError extends CtsDbError {
  declare readonly code: ConnectionErrorCode;
}
