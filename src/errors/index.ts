export { CtsDbError, isCtsDbError, type CtsDbErrorDetails } from './cts-db-error.js';
export { REDACTED, redactSecrets, redactUrl } from './redact.js';
