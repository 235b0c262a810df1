/** `pnpm db:baseline --to <tag>`: records an existing database as migrated up to <tag> without running SQL. */
import { resolveConfig } from '../src/config/index.js';
import { baselineMigrations } from '../src/migrate/index.js';
import { parseArgs } from 'node:util';
import { MIGRATION_FLAGS, migrationOptions } from './migration-options.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { values } = parseArgs({ options: { ...MIGRATION_FLAGS, to: { type: 'string' } } });
  const options = await migrationOptions(values);
  if (typeof values.to !== 'string') {
    process.stderr.write('error: --to <tag> is required, e.g. pnpm db:baseline --to 0000_init\n');
    return 1;
  }
  const result = await baselineMigrations(resolveConfig(), values.to, options);
  if (result.error !== undefined) throw result.error;
  process.stdout.write(`recorded ${result.applied} migration(s) as applied up to ${values.to}; no SQL was run\n`);
  return 0;
});
