import { isCtsDbError } from '../errors/index.js';
import { startupOf } from '../startup/start-database.js';
import { createHealthHandler, createMigrationStatusHandler, requestTime, type RequestHandler } from './http-handlers.js';
import { sharedHealth, type SharedHealth, type SharedHealthOptions } from './shared-health.js';

// The routes are `cts-db/handlers`' (with the HTTP handlers they wrap); the shared checker they use is
// shared-health.ts, which the package entry also exports without loading these.

function configFailure(error: unknown): Response {
  // Unauthenticated callers learn that the configuration is invalid and its code, nothing more: the message
  // names variables, files and hosts. The server's own start-up (initializeDatabase) reports it in full.
  const code = isCtsDbError(error) ? ` [${error.code}]` : '';
  return Response.json(
    { status: 'unhealthy', error: `the database configuration is invalid${code}; see the server's start-up log` },
    { status: 503, headers: { 'cache-control': 'no-store' } },
  );
}

/**
 * `GET /api/health/database` for frameworks with web-standard route handlers (Next.js App Router):
 * `export const GET = healthRoute();`. Configuration comes from the environment on the first request.
 */
export function healthRoute(options: SharedHealthOptions = {}): RequestHandler {
  let handler: RequestHandler | undefined;
  return async (request) => {
    requestTime(request);
    let shared: SharedHealth;
    try {
      shared = sharedHealth(options);
      handler ??= createHealthHandler(shared.checker);
    } catch (error) {
      return configFailure(error);
    }
    // A start-up still waiting for the database tries again now rather than at its next pause: a monitor
    // polling this route sees the database healthy (migrations applied) as soon as it is back.
    void startupOf(shared.config)?.ready().catch(() => undefined);
    return handler(request);
  };
}

/** `GET /api/admin/migrations/status` behind `ADMIN_TOKEN`: `export const GET = migrationStatusRoute();`. */
export function migrationStatusRoute(options: SharedHealthOptions = {}): RequestHandler {
  let handler: RequestHandler | undefined;
  return async (request) => {
    requestTime(request);
    try {
      if (handler === undefined) {
        const shared = sharedHealth(options);
        handler = createMigrationStatusHandler(shared.checker, shared.config.adminToken);
      }
    } catch (error) {
      return configFailure(error);
    }
    return handler(request);
  };
}
