import { CtsDbError } from '../errors/cts-db-error.js';

export type ConfigErrorCode =
  | 'CONFIG_INVALID_VALUE'
  | 'CONFIG_INVALID_PREFIX'
  | 'CONFIG_PREFIX_TOO_LONG'
  | 'CONFIG_MISSING_DATABASE_URL'
  | 'CONFIG_INVALID_DATABASE_URL'
  | 'CONFIG_CONFLICTING_VALUES'
  | 'CONFIG_FILE_UNREADABLE'
  | 'CONFIG_FILE_NOT_REGULAR'
  | 'CONFIG_FILE_TOO_LARGE'
  | 'CONFIG_FILE_INVALID_JSON'
  | 'CONFIG_FILE_INVALID'
  | 'CONFIG_FILE_WRITE_FAILED';

export interface ConfigErrorDetails {
  readonly code: ConfigErrorCode;
  /** The variable, option or file (with field) that is wrong, e.g. `DB_POOL_MAX` or `data/db-config.json: users.app`. */
  readonly subject: string;
  /** The offending value, already redacted by the caller when it can hold a secret. */
  readonly value?: string;
  readonly hint: string;
  readonly cause?: unknown;
}

export class ConfigError extends CtsDbError {
  declare readonly code: ConfigErrorCode;
  readonly value: string | undefined;

  constructor(message: string, details: ConfigErrorDetails) {
    super(message, details);
    this.value = details.value;
  }
}
