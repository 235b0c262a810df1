/**
 * `cts-db/ops`: the operations behind the `cts-db` command (backups, restore, reset, roles, prefix renames,
 * seeds). Runtime dependencies only; apps rarely import it, deploy scripts may.
 */
export * from './ops/index.js';
export { developmentSeeds, productionSeeds, seedDatabase, type SeedEnvironment, type SeedResult } from './seeds/index.js';
