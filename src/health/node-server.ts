import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RequestHandler } from './http-handlers.js';

export const HEALTH_PATH = '/api/health/database';
export const MIGRATION_STATUS_PATH = '/api/admin/migrations/status';

/** Serves fetch-style handlers on node:http: GET only, 404 for unknown paths. */
export function createRouteServer(routes: Readonly<Record<string, RequestHandler>>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(routes, req, res);
  });
}

async function handle(routes: Readonly<Record<string, RequestHandler>>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const route = routes[url.pathname];
  let response: Response;
  if (route === undefined) response = Response.json({ error: `no route ${url.pathname}` }, { status: 404 });
  else if (req.method !== 'GET' && req.method !== 'HEAD') response = Response.json({ error: 'only GET' }, { status: 405, headers: { allow: 'GET' } });
  else {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    try {
      response = await route(new Request(url, { method: 'GET', headers }));
    } catch {
      response = Response.json({ error: 'internal error' }, { status: 500 });
    }
  }
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
}
