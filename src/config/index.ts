export { ConfigError, type ConfigErrorCode, type ConfigErrorDetails } from './config-error.js';
export { DEFAULT_CONFIG_FILE, configFileFor, configFileSchema, parseConfigFile, readConfigFile, writeConfigFile, type ConfigFile } from './config-file.js';
export { describeConfig } from './describe-config.js';
export {
  DEFAULTS,
  DEFAULT_PROJECT_NAME,
  DIALECTS,
  DIRECT_URL_VARIABLES,
  LIMITS,
  operationsSettings,
  resolveConfig,
  resolveConfigFilePath,
  type DbConfig,
  type Dialect,
  type PostgresSettings,
  type ResolveConfigOptions,
  type RoleConfig,
  type SqliteSettings,
  type ValueSource,
} from './resolve-config.js';
export { Secret } from './secret.js';
export { checkPostgresUrl, type PostgresTarget, type PostgresUrlCheck } from './postgres-url.js';
