/** `pnpm db:restore <file>`: restores this prefix's tables from a backup and checks every table's row count. */
import { resolveConfig } from '../src/config/index.js';
import { restoreDatabase } from '../src/ops/index.js';
import { runCommand } from './command-line.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-restore'], async ({ positionals, json }) => {
  const file = positionals[0] ?? '';
  const config = resolveConfig();
  const result = await progress(progressEnabled(json)).step(`restoring prefix ${config.prefix} from ${file} (then checking row counts${config.postgres === undefined ? '' : ', owners and grants'})`, () => restoreDatabase(config, file));
  if (json) process.stdout.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
  else process.stdout.write(`restored ${Object.keys(result.counts).length} tables from ${file}; row counts match the backup\n`);
  return 0;
});
