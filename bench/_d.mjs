const [{ createClient }, { drizzle }, { sqliteTable, text }, { eq }] = await Promise.all([import('@libsql/client/sqlite3'), import('drizzle-orm/libsql/sqlite3'), import('drizzle-orm/sqlite-core'), import('drizzle-orm')]);
const client = createClient({ url: `file:${process.env.SQLITE_DB_PATH}` });
const users = sqliteTable(`bench_users`, { id: text('id').primaryKey(), username: text('username').notNull() });
await drizzle({ client }).select().from(users).where(eq(users.username, 'nobody')).limit(1);
client.close();
