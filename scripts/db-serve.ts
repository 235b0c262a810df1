/**
 * `pnpm db:serve [--port <n>] [--host <addr>]`: serves /api/health/database and /api/admin/migrations/status
 * (127.0.0.1:3001 by default; PORT and HOST work too). Stops cleanly on SIGTERM/SIGINT.
 */
import { resolveConfig } from '../src/config/index.js';
import { CtsDbError } from '../src/errors/index.js';
import {
  HEALTH_PATH,
  MIGRATION_STATUS_PATH,
  createHealthChecker,
  createHealthHandler,
  createMigrationStatusHandler,
  createRouteServer,
} from '../src/health/index.js';
import { runCommand, untilStopped, UsageError } from './command-line.js';
import { COMMANDS } from './commands.js';

/** The address mistakes a user can make, as coded errors naming the address and the fix. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const at = `${host}:${port}`;
  const known: Record<string, [string, string, string]> = {
    EADDRINUSE: ['SERVE_PORT_IN_USE', `port ${port} on ${host} is already in use`, 'stop the other server, or choose another port with --port or PORT (0: any free port)'],
    ENOTFOUND: ['SERVE_ADDRESS_INVALID', `${JSON.stringify(host)} is not an address or a host name this machine can resolve`, 'use an IP address of this machine (127.0.0.1, ::1, 0.0.0.0) with --host or HOST'],
    EAI_AGAIN: ['SERVE_ADDRESS_INVALID', `${JSON.stringify(host)} could not be resolved`, 'use an IP address of this machine (127.0.0.1, ::1, 0.0.0.0) with --host or HOST'],
    EADDRNOTAVAIL: ['SERVE_ADDRESS_INVALID', `${host} is not an address of this machine`, 'use an address of this machine (127.0.0.1, ::1, 0.0.0.0) with --host or HOST'],
    EACCES: ['SERVE_PORT_DENIED', `this user may not listen on ${at}`, 'use a port above 1023 with --port or PORT'],
  };
  const entry = code === undefined ? undefined : known[code];
  if (entry === undefined) return error;
  return new CtsDbError(`db:serve cannot listen on ${at}: ${entry[1]}`, { code: entry[0], subject: at, hint: entry[2], cause: error });
}

await runCommand(COMMANDS['db-serve'], async ({ values }) => {
  const port = Number(values.port ?? process.env.PORT ?? 3001);
  if (!/^[0-9]+$/.test(values.port ?? process.env.PORT ?? '3001') || port > 65_535) {
    throw new UsageError('CLI_INVALID_VALUE', `PORT must be a whole number from 0 to 65535, got ${JSON.stringify(process.env.PORT)}`, 'e.g. PORT=3001, or --port 3001');
  }
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const config = resolveConfig();
  const checker = createHealthChecker(config);
  const server = createRouteServer({
    [HEALTH_PATH]: createHealthHandler(checker),
    [MIGRATION_STATUS_PATH]: createMigrationStatusHandler(checker, config.adminToken),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await checker.close();
    throw listenError(error, host, port);
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`db:serve listening on http://${host}:${actualPort} (${HEALTH_PATH}, ${MIGRATION_STATUS_PATH}); prefix ${config.prefix}\n`);
  const signal = await untilStopped();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await checker.close();
  process.stdout.write(`db:serve stopped (${signal})\n`);
  return 0;
});
