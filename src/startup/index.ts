export { closeSharedDatabases, sharedDatabase, type SharedDatabaseOptions } from './shared-database.js';
export { startDatabase, startupOf, type DatabaseStartup, type StartDatabaseOptions, type StartupEvent } from './start-database.js';
