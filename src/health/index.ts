export { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health-checker.js';
export type { CategoryTables, HealthReport, MigrationStatusReport, ReplicaHealth } from './health-types.js';
export { publicHealthReport, type PublicHealthReport, type PublicReplicaHealth } from './public-report.js';
export { createHealthHandler, createMigrationStatusHandler, type RequestHandler } from './http-handlers.js';
export { HEALTH_PATH, MIGRATION_STATUS_PATH, createRouteServer } from './node-server.js';
export { closeSharedHealth, sharedHealth, type SharedHealth, type SharedHealthOptions } from './shared-health.js';
export { healthRoute, migrationStatusRoute } from './shared-routes.js';
export { statusTables, type StatusCategory, type StatusTable } from './status-tables.js';
