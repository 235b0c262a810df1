import { resolveConfig, type DbConfig, type ResolveConfigOptions } from '../config/index.js';
import { isCtsDbError } from '../errors/index.js';
import { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health-checker.js';
import { createHealthHandler, createMigrationStatusHandler, type RequestHandler } from './http-handlers.js';

export interface SharedHealthOptions extends HealthCheckerOptions {
  /** Passed to `resolveConfig` on first use. Default: the environment and data/db-config.json. */
  readonly config?: ResolveConfigOptions;
}

export interface SharedHealth {
  readonly config: DbConfig;
  readonly checker: HealthChecker;
}

// One checker per process, shared by every route that asks: bundlers (Next.js) may load this module once per
// route, so the instance lives on globalThis under a registered symbol rather than in a module variable.
const KEY = Symbol.for('cts-db.shared-health');
type Holder = { [KEY]?: SharedHealth };

/**
 * The process-wide configuration and health checker, created on first call (never at import time, so a build
 * step that loads route modules neither reads the configuration nor connects). Later calls return the same
 * pair whatever options they pass.
 *
 * @example
 * const { config, checker } = sharedHealth();
 * const report = await checker.check();
 */
export function sharedHealth(options: SharedHealthOptions = {}): SharedHealth {
  const holder = globalThis as Holder;
  const existing = holder[KEY];
  if (existing !== undefined) return existing;
  const { config: configOptions, ...checkerOptions } = options;
  const config = resolveConfig(configOptions);
  const created = { config, checker: createHealthChecker(config, checkerOptions) };
  holder[KEY] = created;
  return created;
}

function configFailure(error: unknown): Response {
  // Configuration errors name the variable and never hold a password (ConfigError redacts its value).
  const message = isCtsDbError(error) ? `[${error.code}] ${error.message}` : 'the database configuration could not be resolved';
  return Response.json({ status: 'unhealthy', error: message }, { status: 503, headers: { 'cache-control': 'no-store' } });
}

/**
 * `GET /api/health/database` for frameworks with web-standard route handlers (Next.js App Router):
 * `export const GET = healthRoute();`. Configuration comes from the environment on the first request.
 */
export function healthRoute(options: SharedHealthOptions = {}): RequestHandler {
  let handler: RequestHandler | undefined;
  return async (request) => {
    try {
      handler ??= createHealthHandler(sharedHealth(options).checker);
    } catch (error) {
      return configFailure(error);
    }
    return handler(request);
  };
}

/** `GET /api/admin/migrations/status` behind `ADMIN_TOKEN`: `export const GET = migrationStatusRoute();`. */
export function migrationStatusRoute(options: SharedHealthOptions = {}): RequestHandler {
  let handler: RequestHandler | undefined;
  return async (request) => {
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
