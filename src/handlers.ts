/**
 * `cts-db/handlers`: framework-free HTTP handlers, web-standard `(request: Request) => Promise<Response>`, for
 * Next.js App Router route files, Hono, Bun, Deno or node:http (`createRouteServer`).
 *
 * @example
 * // app/api/health/database/route.ts
 * import { healthRoute } from 'cts-db/handlers';
 * export const GET = healthRoute();
 */
export {
  HEALTH_PATH,
  MIGRATION_STATUS_PATH,
  createHealthHandler,
  createMigrationStatusHandler,
  createRouteServer,
  closeSharedHealth,
  healthRoute,
  migrationStatusRoute,
  sharedHealth,
  type RequestHandler,
  type SharedHealth,
  type SharedHealthOptions,
} from './health/index.js';
