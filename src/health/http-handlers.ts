import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/index.js';
import type { HealthChecker } from './health-checker.js';
import { publicHealthReport } from './public-report.js';

export type RequestHandler = (request: Request) => Promise<Response>;

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * `GET /api/health/database`: 200 when healthy, 503 otherwise, never cached, and unauthenticated, so it names
 * no host, port, database or user ({@link publicHealthReport}). Usable as it is as a Next.js App Router route
 * handler: `export const GET = createHealthHandler(checker);`
 */
export function createHealthHandler(checker: HealthChecker): RequestHandler {
  return async (request) => {
    requestTime(request);
    const report = await checker.check();
    return json(publicHealthReport(report), report.status === 'healthy' ? 200 : 503);
  };
}

/**
 * Marks the response as depending on the request. Next.js 16 with `cacheComponents` prerenders a GET route
 * handler at `next build` unless it reads the request: the health check would then connect to the database
 * during the build and its answer be served forever. Reading the headers is such a read, in any framework.
 */
export function requestTime(request: Request): void {
  request.headers.get('cache-control');
}

// Hash both sides first so the comparison takes the same time whatever the lengths.
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `GET /api/admin/migrations/status`, behind `Authorization: Bearer <ADMIN_TOKEN>`: 401 without the right
 * token, 503 when no token is configured (the endpoint is then disabled rather than open).
 */
export function createMigrationStatusHandler(checker: HealthChecker, adminToken: Secret | undefined): RequestHandler {
  return async (request) => {
    // Read before anything else, so that no answer (not even "disabled") is ever fixed at build time.
    const header = request.headers.get('authorization') ?? '';
    if (adminToken === undefined) {
      return json({ success: false, error: 'the admin endpoints are disabled: set ADMIN_TOKEN to enable them' }, 503);
    }
    // The scheme is case-insensitive (RFC 9110 section 11.1): "bearer", "BEARER" and "Bearer" are one scheme.
    const match = /^bearer +(.*)$/i.exec(header);
    const given = match?.[1]?.trim() ?? '';
    if (!sameToken(given, adminToken.reveal())) {
      return json({ success: false, error: 'unauthorized: send Authorization: Bearer <ADMIN_TOKEN>' }, 401, { 'www-authenticate': 'Bearer' });
    }
    const report = await checker.migrationStatus();
    return json(report, report.status === 'error' ? 503 : 200);
  };
}
