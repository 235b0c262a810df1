/**
 * `pnpm db:reset [--yes] [--no-backup] [--force-production]`: drops every object of this prefix (never another
 * prefix's), after a backup. Asks for the prefix to be typed unless --yes; refuses NODE_ENV=production
 * unless --force-production.
 */
import { createInterface } from 'node:readline/promises';
import { databaseTarget, resolveConfig } from '../src/config/index.js';
import { OpsError, backupDatabase, currentTables, defaultBackupFile, resetPrefix } from '../src/ops/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-reset'], async ({ values }) => {
  const config = resolveConfig();
  if (process.env.NODE_ENV === 'production' && !values['force-production']) {
    throw new OpsError('NODE_ENV=production: db:reset refuses to drop a production database', { code: 'OPS_PRODUCTION_GUARD', subject: 'NODE_ENV', hint: 'add --force-production if you really mean it' });
  }
  // Under --json, stdout is the one result document; what would be said goes nowhere (prompts are refused anyway).
  const say = (text: string) => (values.json ? undefined : process.stdout.write(text));
  const tables = await currentTables(config);
  const where = `${config.dialect} ${databaseTarget(config)}`;
  if (tables.length === 0) {
    say(`nothing to reset: prefix ${config.prefix} has no tables on ${where}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify({ ok: true, dropped: [], backup: null }, null, 2)}\n`);
    return 0;
  }
  say(`db:reset will drop ${tables.length} tables of prefix ${config.prefix} on ${where}\n`);
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      throw new OpsError('no terminal to confirm on; nothing was changed', { code: 'OPS_NOT_CONFIRMED', subject: config.prefix, hint: 'run it in a terminal, or add --yes' });
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`type the prefix (${config.prefix}) to confirm: `);
    rl.close();
    if (answer.trim() !== config.prefix) {
      process.stderr.write('not confirmed; nothing was changed\n');
      return 1;
    }
  }
  let backupFile: string | null = null;
  if (!values['no-backup']) {
    const backup = await backupDatabase(config, defaultBackupFile(config));
    backupFile = backup.file;
    say(`backup written first: ${backup.file}\n`);
  }
  const result = await resetPrefix(config);
  say(`dropped ${result.dropped.length} tables of prefix ${config.prefix}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: true, dropped: result.dropped, backup: backupFile }, null, 2)}\n`);
  return 0;
});
