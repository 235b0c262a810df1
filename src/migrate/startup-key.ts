import { databaseTarget, type DbConfig } from '../config/resolve-config.js';

// Without the migrator: start-up code keys its registry and classifies failures with these before (and
// without) loading it.

/** Connection failures a server that comes up (or a network that heals) ends: worth another attempt. */
export const TRANSIENT: ReadonlySet<string> = new Set(['CONNECTION_REFUSED', 'CONNECTION_TIMEOUT', 'CONNECTION_UNREACHABLE', 'CONNECTION_HOST_NOT_FOUND', 'CONNECTION_FAILED']);

/** One start-up per database and prefix in a process. */
export const startupKey = (config: DbConfig) => `${config.dialect}|${databaseTarget(config)}|${config.prefix}`;
