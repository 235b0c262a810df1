/**
 * `pnpm db:resolve --applied <tag> | --rolled-back <tag> [--yes] [--json]`: fixes the ledger by hand, never the
 * schema (Prisma's `migrate resolve`). `--rolled-back` forgets a migration the journal no longer has (after
 * switching branches: MIGRATION_APPLIED_MISSING) or one whose changes were undone by hand; `--applied` records
 * one whose changes were made another way. Asks for the tag to be typed again unless --yes; refuses without a
 * terminal unless --yes.
 */
import { createInterface } from 'node:readline/promises';
import { databaseTarget, resolveConfig } from '../src/config/index.js';
import { commandName } from '../src/errors/index.js';
import { resolveMigration } from '../src/migrate/index.js';
import { OpsError } from '../src/ops/index.js';
import { migrationOptions } from './migration-options.js';
import { runCommand, UsageError } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-resolve'], async ({ values }) => {
  const tag = values.applied ?? values['rolled-back'];
  if (tag === undefined || (values.applied !== undefined && values['rolled-back'] !== undefined)) {
    throw new UsageError('CLI_MISSING_VALUE', 'give exactly one of --applied <tag> or --rolled-back <tag>', `e.g. ${commandName('resolve')} --rolled-back 0003_feature_branch`);
  }
  const config = resolveConfig();
  const what = values.applied !== undefined ? `record ${tag} as applied without running it` : `remove ${tag} from the ledger without running its down file`;
  const where = `${config.dialect} ${databaseTarget(config)}, prefix ${config.prefix}`;
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      throw new OpsError(`db:resolve would ${what} on ${where}; there is no terminal to confirm on, so nothing was changed`, { code: 'OPS_NOT_CONFIRMED', subject: tag, hint: 'run it in a terminal, or confirm with --yes' });
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`db:resolve will ${what} on ${where}.\nType the tag to confirm: `);
    rl.close();
    if (answer.trim() !== tag) {
      process.stderr.write('aborted: the tag did not match; nothing changed\n');
      return 1;
    }
  }
  const result = await resolveMigration(config, {
    ...(await migrationOptions(values)),
    ...(values.applied !== undefined ? { applied: values.applied } : { rolledBack: tag }),
  });
  // Thrown before anything is printed: under --json the command layer prints the one { ok: false, error } document.
  if (result.error !== undefined) throw result.error;
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: result.ok, action: result.action, tag: result.tag, by: result.by, at: result.at }, null, 2)}\n`);
  if (!values.json) process.stdout.write(`resolved ${tag} as ${result.action ?? ''} on ${where} (by ${result.by ?? ''} at ${result.at?.toISOString() ?? ''}); no schema change was made\n`);
  return 0;
});
