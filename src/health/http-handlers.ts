import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/index.js';
import type { HealthChecker } from './health-checker.js';

export type RequestHandler = (request: Request) => Promise<Response>;

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * `GET /api/health/database`: 200 when healthy, 503 otherwise, never cached. Usable as it is as a
 * Next.js App Router route handler: `export const GET = createHealthHandler(checker);`
 */
export function createHealthHandler(checker: HealthChecker): RequestHandler {
  return async () => {
    const report = await checker.check();
    return json(report, report.status === 'healthy' ? 200 : 503);
  };
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
    if (adminToken === undefined) {
      return json({ success: false, error: 'the admin endpoints are disabled: set ADMIN_TOKEN to enable them' }, 503);
    }
    const header = request.headers.get('authorization') ?? '';
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
