export { OpsError, type OpsErrorCode } from './ops-error.js';
export { backupDatabase, defaultBackupFile, readBackupCounts, type BackupResult } from './backup.js';
export { currentTables, restoreDatabase, type RestoreResult } from './restore.js';
export { resetPrefix, type ResetResult } from './reset.js';
export { countRows, type RowCounts } from './row-counts.js';
export { provisionPostgres, type ProvisionOptions, type ProvisionResult } from './provision.js';
export { DEFAULT_SECRETS_FILE, appendSecrets, generatePassword, readSecretsFile } from './secrets-file.js';
export { renamePrefix, type RenamePrefixResult } from './rename-prefix.js';
