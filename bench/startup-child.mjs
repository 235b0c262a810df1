/**
 * One cold start in its own process, for the start-up cases, run by plain `node` against the BUILT package
 * (dist/, as an app installs it): `ours` (initializeDatabase), `drizzle` (drizzle-orm's migrator, no-op) or
 * `select1` (bare connect + SELECT 1). Prints {ms, importMs, totalMs, roundTrips}.
 *   node bench/startup-child.mjs <mode> [migrations module (ours) | migrations folder (drizzle)]
 * `ms` is the start-up work after the modules are loaded; for ours it includes loading the embedded
 * migrations (a module loaded on first use), as drizzle's includes reading its folder.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { migrate as drizzleLibsqlMigrate } from 'drizzle-orm/libsql/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { migrate as drizzlePgMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { initializeDatabase, resolveConfig } from '../dist/bundle/index.js';

const importMs = performance.now();
const [mode, source] = process.argv.slice(2);
const config = resolveConfig({ configFile: false });
const root = source ?? join(import.meta.dirname, '..', 'drizzle');
let roundTrips = 0;
const started = performance.now();
let close = async () => {};
if (mode === 'ours') {
  const options = { onQuery: () => (roundTrips += 1) };
  if (source !== undefined) {
    const { migrations } = await import(pathToFileURL(source).href);
    await initializeDatabase(config, { ...options, migrations, criticalTables: [] });
  } else {
    await initializeDatabase(config, options);
  }
} else if (config.postgres !== undefined) {
  const sql = postgres(config.postgres.url.reveal(), { max: 1, onnotice: () => {}, debug: () => (roundTrips += 1) });
  if (mode === 'drizzle') await drizzlePgMigrate(drizzlePg({ client: sql }), { migrationsFolder: join(root, 'pg') });
  else await sql`select 1`;
  close = () => sql.end();
} else {
  roundTrips = null; // libSQL has no query hook
  const client = createClient({ url: `file:${config.sqlite.path}` });
  if (mode === 'drizzle') await drizzleLibsqlMigrate(drizzleLibsql({ client }), { migrationsFolder: join(root, 'sqlite') });
  else await client.execute('select 1');
  close = async () => client.close();
}
const ms = performance.now() - started;
await close();
process.stdout.write(`${JSON.stringify({ ms, importMs, totalMs: performance.now(), roundTrips })}\n`);
