/** `pnpm db:restore <file>`: restores this prefix's tables from a backup and checks every table's row count. */
import { parseArgs } from 'node:util';
import { resolveConfig } from '../src/config/index.js';
import { restoreDatabase } from '../src/ops/index.js';
import { runScript } from './run-script.js';

await runScript(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('error: give the backup file, e.g. pnpm db:restore data/backups/cts_v3_1-20261121T120000Z.db\n');
    return 1;
  }
  const result = await restoreDatabase(resolveConfig(), file);
  process.stdout.write(`restored ${Object.keys(result.counts).length} tables from ${file}; row counts match the backup\n`);
  return 0;
});
