/**
 * One cold start from process start, imports included, for the cold-start case: plain `node` runs this file,
 * which imports, opens the database, reads one row and exits, then prints its peak RSS. Modes:
 *   cts      the BUILT package (dist/, as an app installs it): openCtsDatabase + users.findFirst
 *   drizzle  drizzle-orm alone on the same driver: a table declared with drizzle's own builder, one select
 * Nothing is imported before the mode is chosen: what each loads is what it costs.
 *   node bench/cold-child.mjs <mode>   (SQLITE_DB_PATH or DATABASE_URL, DB_PREFIX in the environment)
 */
const [mode] = process.argv.slice(2);
const prefix = process.env.DB_PREFIX ?? 'bench';
let found;
if (mode === 'cts') {
  const { openCtsDatabase, resolveConfig } = await import('../dist/bundle/index.js');
  const db = await openCtsDatabase(resolveConfig({ configFile: false }));
  found = await db.users.findFirst({ where: { username: 'nobody' } });
  await db.close();
} else if (mode === 'drizzle' && process.env.DATABASE_URL !== undefined) {
  const [{ default: postgres }, { drizzle }, { pgTable, text }, { eq }] = await Promise.all([import('postgres'), import('drizzle-orm/postgres-js'), import('drizzle-orm/pg-core'), import('drizzle-orm')]);
  const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const users = pgTable(`${prefix}_users`, { id: text('id').primaryKey(), username: text('username').notNull() });
  [found] = await drizzle({ client: sql }).select().from(users).where(eq(users.username, 'nobody')).limit(1);
  await sql.end();
} else if (mode === 'drizzle') {
  const [{ createClient }, { drizzle }, { sqliteTable, text }, { eq }] = await Promise.all([import('@libsql/client/sqlite3'), import('drizzle-orm/libsql/sqlite3'), import('drizzle-orm/sqlite-core'), import('drizzle-orm')]);
  const client = createClient({ url: `file:${process.env.SQLITE_DB_PATH}` });
  const users = sqliteTable(`${prefix}_users`, { id: text('id').primaryKey(), username: text('username').notNull() });
  [found] = await drizzle({ client }).select().from(users).where(eq(users.username, 'nobody')).limit(1);
  client.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
if (found !== undefined) throw new Error('expected no row');
// The peak of this process's own memory (VmHWM): on Linux getrusage's maxRSS keeps the peak of the process that
// spawned it across exec, so a bench parent that had grown to 2.5 GB reported 2.5 GB for both contenders.
let maxRssKiB = process.resourceUsage().maxRSS;
if (process.platform === 'linux') {
  const { readFileSync } = await import('node:fs');
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (hwm !== null) maxRssKiB = Number(hwm[1]);
}
process.stdout.write(`${JSON.stringify({ maxRssKiB })}\n`);
