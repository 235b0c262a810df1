/** `pnpm db:backup [--file <path>]`: backs up this prefix to data/backups/<prefix>-<timestamp>.(db|dump), mode 0600. */
import { resolveConfig } from '../src/config/index.js';
import { backupDatabase, defaultBackupFile } from '../src/ops/index.js';
import { runCommand } from './command-line.js';
import { progress, progressEnabled } from './progress.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-backup'], async ({ values }) => {
  const config = resolveConfig();
  const file = values.file ?? defaultBackupFile(config);
  const result = await progress(progressEnabled(values.json)).step(`backing up prefix ${config.prefix} to ${file}`, () => backupDatabase(config, file));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
    return 0;
  }
  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`backup written: ${result.file} (${Object.keys(result.counts).length} tables, ${rows} rows; counts in ${result.file}.json)\n`);
  return 0;
});
