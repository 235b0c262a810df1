/**
 * `pnpm db:info` (and `pnpm start` until the migration runner exists): resolves the configuration,
 * prints it without secrets, opens the configured database and makes one round trip.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { describeConfig, resolveConfig, type DbConfig } from '../src/config/index.js';
import { redactUrl } from '../src/errors/index.js';
import { openDatabase } from '../src/db/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

/** The configuration as data, never a password (db:info --json). */
function configSummary(config: DbConfig) {
  const pg = config.postgres;
  return {
    projectName: config.projectName,
    prefix: config.prefix,
    dialect: config.dialect,
    ...(pg === undefined
      ? {
          sqlite:
            config.sqlite.remote === undefined
              ? { path: config.sqlite.path, busyTimeoutMs: config.sqlite.busyTimeoutMs }
              : { url: config.sqlite.remote.url, authToken: config.sqlite.remote.authToken === undefined ? 'not set' : 'set' },
        }
      : {
          postgres: {
            url: pg.redactedUrl,
            directUrl: pg.directUrl === undefined ? null : redactUrl(pg.directUrl.reveal()),
            directUrlFrom: pg.directUrlSubject ?? null,
            replicaUrls: (pg.replicaUrls ?? []).map((r) => redactUrl(r.reveal())),
            poolMax: pg.poolMax,
            idleTimeoutMs: pg.idleTimeoutMs,
            connectTimeoutMs: pg.connectTimeoutMs,
            prepare: pg.prepare ?? true,
            ddlLockTimeoutMs: pg.ddlLockTimeoutMs,
            ddlLockRetries: pg.ddlLockRetries,
          },
        }),
    ledger: config.names.ledgerTable,
    roles: { admin: config.roles.admin.user, app: config.roles.app.user },
    configFile: config.configFile,
    sources: config.sources,
    notes: config.notes,
  };
}

await runCommand(COMMANDS['db-info'], async ({ json }) => {
  const config = resolveConfig();
  if (!json) process.stdout.write(`${describeConfig(config)}\n`);
  const started = performance.now();
  const handle = await openDatabase(config);
  try {
    const version =
      handle.dialect === 'sqlite'
        ? (await handle.db.get<{ v: string }>(sql`select 'SQLite ' || sqlite_version() as v`)).v
        : String((await handle.sql`select version() as v`)[0]?.v ?? 'unknown');
    const ms = Math.round(performance.now() - started);
    if (json) process.stdout.write(`${JSON.stringify({ ok: true, config: configSummary(config), connected: { dialect: handle.dialect, target: handle.target, ms, version } }, null, 2)}\n`);
    else process.stdout.write(`connected ${handle.dialect} ${handle.target} in ${ms} ms: ${version}\n`);
  } finally {
    await handle.close();
  }
  return 0;
});
