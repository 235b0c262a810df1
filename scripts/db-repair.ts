/**
 * `pnpm db:repair [--dry-run]`: prints the plan, then adds missing tables, columns and indexes of this prefix
 * under the migration lock. Destructive differences are reported, never applied. Exit 1 when any remain.
 */
import { resolveConfig } from '../src/config/index.js';
import { formatLiveDrift } from '../src/drift/live-drift.js';
import { repairLive } from '../src/drift/repair.js';
import { openMigrationDriver } from '../src/migrate/open-driver.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-repair'], async ({ values }) => {
  const config = resolveConfig();
  const driver = await openMigrationDriver(config, { lockTimeoutMs: Number(values['lock-timeout'] ?? 60_000), create: false });
  try {
    const result = await repairLive(driver, config, { dryRun: values['dry-run'] });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ok: result.after.ok, dryRun: values['dry-run'], before: result.before, statements: result.statements, after: result.after }, null, 2)}\n`);
      return result.after.ok ? 0 : 1;
    }
    process.stdout.write(`${formatLiveDrift(result.before)}\n`);
    if (result.statements.length === 0) process.stdout.write('repair plan: nothing to add\n');
    else process.stdout.write(`repair plan (${result.statements.length} statement(s))${values['dry-run'] ? ', not applied (--dry-run)' : ''}:\n${result.statements.map((s) => `  ${s.replace(/\s+/g, ' ').trim()}`).join('\n')}\n`);
    if (!values['dry-run'] && result.statements.length > 0) process.stdout.write(`after repair: ${formatLiveDrift(result.after)}\n`);
    return result.after.ok ? 0 : 1;
  } finally {
    await driver.close();
  }
});
