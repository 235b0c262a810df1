/** `pnpm db:validate`: the ledger against the migrations (embedded, or --migrations-dir); exit 1 on any changed, vanished or out-of-order migration. */
import { resolveConfig } from '../src/config/index.js';
import { migrationStatus } from '../src/migrate/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-validate'], async ({ values }) => {
  const options = await migrationOptions(values);
  const status = await migrationStatus(resolveConfig(), options);
  if (status.error !== undefined) throw status.error;
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: status.ok, problems: status.problems.map((p) => ({ code: p.code, tag: p.tag, file: p.file, expectedChecksum: p.expectedChecksum, actualChecksum: p.actualChecksum, message: p.message })) }, null, 2)}\n`);
  else if (status.ok) process.stdout.write(`valid: ${status.rows.filter((r) => r.state === 'applied').length} applied, ${status.rows.filter((r) => r.state === 'pending').length} pending\n`);
  // Each message ends with its hint (CtsDbError appends it): printed once.
  for (const p of status.problems) process.stderr.write(`error [${p.code}] ${p.message}\n`);
  return status.ok ? 0 : 1;
});
