/**
 * One cold start in its own process, for the start-up case: `ours` (initializeDatabase), `drizzle`
 * (drizzle-orm's migrator) or `select1` (bare connect + SELECT 1). Prints {ms, importMs, roundTrips}.
 */
import { performance } from 'node:perf_hooks';
import { createClient } from '@libsql/client';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { migrate as drizzleLibsqlMigrate } from 'drizzle-orm/libsql/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { migrate as drizzlePgMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/index.js';
import { initializeDatabase } from '../src/migrate/index.js';

const importMs = performance.now();
const mode = process.argv[2];
const config = resolveConfig({ configFile: false });
// Compiled into bench/.build/, two levels below the repository root.
const root = join(import.meta.dirname, '..', '..', 'drizzle');
let roundTrips: number | null = 0;
const started = performance.now();
let close: () => Promise<void> = async () => {};
if (mode === 'ours') {
  await initializeDatabase(config, { onQuery: () => (roundTrips = (roundTrips ?? 0) + 1) });
} else if (config.postgres !== undefined) {
  const sql = postgres(config.postgres.url.reveal(), { max: 1, onnotice: () => {}, debug: () => (roundTrips = (roundTrips ?? 0) + 1) });
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
process.stdout.write(`${JSON.stringify({ ms, importMs, roundTrips })}\n`);
