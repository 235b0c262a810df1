/**
 * `pnpm db:serve [--port <n>] [--host <addr>]`: serves /api/health/database and /api/admin/migrations/status
 * (127.0.0.1:3001 by default; PORT and HOST work too). Stops cleanly on SIGTERM/SIGINT.
 */
import { resolveConfig } from '../src/config/index.js';
import {
  HEALTH_PATH,
  MIGRATION_STATUS_PATH,
  createHealthChecker,
  createHealthHandler,
  createMigrationStatusHandler,
  createRouteServer,
} from '../src/health/index.js';
import { runCommand, UsageError } from './command-line.js';
import { COMMANDS } from './commands.js';

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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`db:serve listening on http://${host}:${actualPort} (${HEALTH_PATH}, ${MIGRATION_STATUS_PATH}); prefix ${config.prefix}\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await checker.close();
  process.stdout.write(`db:serve stopped (${signal})\n`);
  return 0;
});
