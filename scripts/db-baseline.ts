/** `pnpm db:baseline --to <tag>`: records an existing database as migrated up to <tag> without running SQL. */
import { resolveConfig } from '../src/config/index.js';
import { baselineMigrations } from '../src/migrate/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-baseline'], async ({ values }) => {
  const options = await migrationOptions(values);
  const result = await baselineMigrations(resolveConfig(), values.to, options);
  if (result.error !== undefined) throw result.error;
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: true, upTo: values.to, recorded: result.results.filter((r) => r.status === 'applied').map((r) => r.tag) }, null, 2)}\n`);
  else process.stdout.write(`recorded ${result.applied} migration(s) as applied up to ${values.to}; no SQL was run\n`);
  return 0;
});
