/**
 * `pnpm db:studio [--port <n>] [--host <addr>]`: drizzle-kit Studio on the configured database, showing exactly
 * this prefix's tables (the schema Studio gets is the prefixed one, so other instances' tables never appear),
 * bound to 127.0.0.1 unless told otherwise. Runs until SIGINT/SIGTERM.
 */
import { databaseTarget, operationsSettings, resolveConfig } from '../src/config/index.js';
import { localSqliteFile } from '../src/ops/local-sqlite.js';
import { CtsDbError } from '../src/errors/index.js';
import { createTables } from '../src/tables.js';
import { runCommand, untilStopped } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-studio'], async ({ values }) => {
  const config = resolveConfig();
  const host = values.host;
  const port = Number(values.port);
  // Before loading drizzle-kit: a libSQL server is refused at once (OPS_REMOTE_UNSUPPORTED).
  const sqliteFile = config.postgres === undefined ? localSqliteFile(config, 'db:studio') : undefined;
  // drizzle-kit is a development tool (an optional peer of the package): loaded only here.
  const api = await import('drizzle-kit/api').catch((cause: unknown) => {
    throw new CtsDbError('db:studio needs drizzle-kit, which is not installed', { code: 'STUDIO_UNAVAILABLE', subject: 'drizzle-kit', hint: 'install it as a development dependency: pnpm add -D drizzle-kit', cause });
  });
  const { tables } = createTables(config.dialect, config.prefix);
  const imports = tables as unknown as Record<string, unknown>;
  if (config.postgres !== undefined) {
    // The direct URL when one is set: Studio holds sessions a transaction-mode pooler would not keep.
    await api.startStudioPostgresServer(imports, { url: operationsSettings(config.postgres).url.reveal() }, { host, port });
  } else {
    await api.startStudioSQLiteServer(imports, { url: `file:${sqliteFile ?? config.sqlite.path}` }, { host, port });
  }
  process.stdout.write(
    `db:studio: ${Object.keys(tables).length} tables of prefix ${config.prefix} on ${config.dialect} ${databaseTarget(config)}\n` +
      `open https://local.drizzle.studio/?host=${host}&port=${port} in a browser on this machine; stop with Ctrl-C\n`,
  );
  const signal = await untilStopped();
  process.stdout.write(`db:studio stopped (${signal})\n`);
  // Studio's server has no close(): ending the process is how it stops.
  process.exit(0);
});
