export { NamingError, type NamingErrorCode } from './naming-error.js';
export { NAME_PATTERN, assertValidPrefix, sanitizeName } from './sanitize.js';
export {
  DATABASE_SUFFIXES,
  LEDGER_BASE_NAME,
  ROLE_SUFFIXES,
  createObjectNames,
  fixedBaseNames,
  type DatabaseKey,
  type DatabaseNames,
  type ObjectNames,
  type RoleKey,
  type RoleNames,
} from './object-names.js';
export {
  MAX_PREFIX_BYTES,
  PG_IDENTIFIER_MAX_BYTES,
  assertIdentifierLengths,
  checkIdentifierLengths,
  shortenPrefix,
  type IdentifierLengthReport,
} from './identifier-limit.js';
