// Runs once when the server starts: connect, apply pending migrations, verify the critical tables. It never
// waits and never throws for a database that is away: the app keeps serving (the health route answers 503
// with the code) and the start-up retries in the background; DB_INIT_MODE=exit ends the process instead, for
// platforms that restart it.
export async function register() {
  // instrumentation.ts is compiled for the edge runtime too; the native SQLite driver is Node-only.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startDatabase } = await import('cts-db');
    startDatabase({
      onEvent: (event) => {
        if (event.type === 'retrying') console.warn(`database not ready [${event.error.code}]: ${event.error.message}; attempt ${event.attempt}, next in ${event.nextInMs} ms`);
        if (event.type === 'failed') console.warn(`database start-up stopped [${event.error.code}]: ${event.error.message}${event.exiting ? '; exiting (DB_INIT_MODE=exit)' : ''}`);
      },
    });
  }
}
