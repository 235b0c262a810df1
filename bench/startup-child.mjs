/**
 * One cold start in its own process, for the start-up cases, run by plain `node` against the BUILT package
 * (dist/, as an app installs it): `ours` (initializeDatabase), `drizzle` (drizzle-orm's migrator, no-op) or
 * `select1` (bare connect + SELECT 1). Prints {ms, importMs, workMs, roundTrips}.
 *   node bench/startup-child.mjs <mode> [migrations module (ours) | migrations folder (drizzle)]
 * Each mode imports only what it uses, when it runs: `ms` is the time from process start to the end of the
 * start-up, imports included (the real cost of a deployment's first request); `workMs` the part after the
 * mode's entry module was loaded. Our migrator is loaded on first use, so an after-imports timer charged it
 * to us and not drizzle's, which was imported up front.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, source] = process.argv.slice(2);
const root = source ?? join(import.meta.dirname, '..', 'drizzle');
let roundTrips = 0;
let importMs;
let workStarted;
let close = async () => {};
if (mode === 'ours') {
  const { initializeDatabase, resolveConfig } = await import('../dist/bundle/index.js');
  importMs = performance.now();
  workStarted = performance.now();
  const config = resolveConfig({ configFile: false });
  const options = { onQuery: () => (roundTrips += 1) };
  if (source !== undefined) {
    const { migrations } = await import(pathToFileURL(source).href);
    await initializeDatabase(config, { ...options, migrations, criticalTables: [] });
  } else {
    await initializeDatabase(config, options);
  }
} else if (process.env.DATABASE_URL !== undefined) {
  const { default: postgres } = await import('postgres');
  const drizzle = mode === 'drizzle' ? await Promise.all([import('drizzle-orm/postgres-js'), import('drizzle-orm/postgres-js/migrator')]) : undefined;
  importMs = performance.now();
  workStarted = performance.now();
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {}, debug: () => (roundTrips += 1) });
  if (drizzle !== undefined) await drizzle[1].migrate(drizzle[0].drizzle({ client: sql }), { migrationsFolder: join(root, 'pg') });
  else await sql`select 1`;
  close = () => sql.end();
} else {
  const { createClient } = await import('@libsql/client');
  const drizzle = mode === 'drizzle' ? await Promise.all([import('drizzle-orm/libsql'), import('drizzle-orm/libsql/migrator')]) : undefined;
  importMs = performance.now();
  workStarted = performance.now();
  roundTrips = null; // libSQL has no query hook
  const client = createClient({ url: `file:${process.env.SQLITE_DB_PATH}` });
  if (drizzle !== undefined) await drizzle[1].migrate(drizzle[0].drizzle({ client }), { migrationsFolder: join(root, 'sqlite') });
  else await client.execute('select 1');
  close = async () => client.close();
}
const ms = performance.now();
const workMs = ms - workStarted;
await close();
process.stdout.write(`${JSON.stringify({ ms, importMs, workMs, roundTrips })}\n`);
