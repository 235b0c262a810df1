/**
 * `pnpm db:info` (and `pnpm start` until the migration runner exists): resolves the configuration,
 * prints it without secrets, opens the configured database and makes one round trip.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { describeConfig, resolveConfig } from '../src/config/index.js';
import { openDatabase } from '../src/db/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-info'], async () => {
  const config = resolveConfig();
  process.stdout.write(`${describeConfig(config)}\n`);
  const started = performance.now();
  const handle = await openDatabase(config);
  try {
    const version =
      handle.dialect === 'sqlite'
        ? (await handle.db.get<{ v: string }>(sql`select 'SQLite ' || sqlite_version() as v`)).v
        : String((await handle.sql`select version() as v`)[0]?.v ?? 'unknown');
    process.stdout.write(`connected ${handle.dialect} ${handle.target} in ${Math.round(performance.now() - started)} ms: ${version}\n`);
  } finally {
    await handle.close();
  }
  return 0;
});
