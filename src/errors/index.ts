export { CtsDbError, isCtsDbError, type CtsDbErrorDetails } from './cts-db-error.js';
export { REDACTED, passwordOf, redactSecrets, redactUrl } from './redact.js';
export { commandName, commandNameFor, currentInvocation, setInvocation, type Invocation, type ToolkitCommand } from './command-name.js';
