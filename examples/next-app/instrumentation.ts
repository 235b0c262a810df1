// Runs once when the server starts: connect, apply pending migrations, verify the critical tables.
export async function register() {
  // instrumentation.ts is compiled for the edge runtime too; the native SQLite driver is Node-only.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { initializeDatabase, resolveConfig } = await import('cts-db');
    await initializeDatabase(resolveConfig());
  }
}
