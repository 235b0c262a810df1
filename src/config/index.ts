export { ConfigError, type ConfigErrorCode, type ConfigErrorDetails } from './config-error.js';
export { DEFAULT_CONFIG_FILE, checkConfigFile, configFileFor, parseConfigFile, readConfigFile, writeConfigFile, type ConfigFile } from './config-file.js';
export { describeConfig } from './describe-config.js';
export { formatLooseUrl, parseLooseUrl, type LooseUrl } from './loose-url.js';
export { CONFIG_FILE_MAX_BYTES } from './read-config-text.js';
export {
  DEFAULTS,
  DEFAULT_PROJECT_NAME,
  DIALECTS,
  DIRECT_URL_VARIABLES,
  INIT_MODES,
  LIMITS,
  operationsSettings,
  resolveConfig,
  resolveConfigFilePath,
  type DbConfig,
  type Dialect,
  type InitMode,
  type PostgresSettings,
  type ResolveConfigOptions,
  type RoleConfig,
  type RemoteSqliteSettings,
  type SqliteSettings,
  type ValueSource,
  databaseTarget,
} from './resolve-config.js';
export { Secret } from './secret.js';
export { checkPostgresUrl, serverLabel, socketFile, targetLabel, type PostgresTarget, type PostgresUrlCheck } from './postgres-url.js';
