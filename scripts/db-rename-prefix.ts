/**
 * `pnpm db:rename-prefix --to <new> [--yes] [--dry-run]`: shows the plan, asks, then renames every object of
 * the current prefix in one transaction and updates the configuration file (DB_CONFIG_FILE, default
 * data/db-config.json).
 */
import { createInterface } from 'node:readline/promises';
import { configFileFor, databaseTarget, resolveConfig, writeConfigFile } from '../src/config/index.js';
import { OpsError, currentTables, renamePrefix } from '../src/ops/index.js';
import { runCommand, UsageError } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-rename-prefix'], async ({ values }) => {
  const config = resolveConfig();
  // Resolving with the new prefix validates it (pattern, 24-byte budget) exactly as DB_PREFIX would be.
  const target = resolveConfig({ prefix: values.to });
  if (target.prefix === config.prefix) throw new UsageError('CLI_INVALID_VALUE', `the prefix is already ${config.prefix}`, 'give another prefix with --to');
  const where = `${config.dialect} ${databaseTarget(config)}`;
  const tables = await currentTables(config);
  const say = (text: string) => (values.json ? undefined : process.stdout.write(text));
  const report = (extra: Record<string, unknown>) =>
    values.json ? process.stdout.write(`${JSON.stringify({ ok: true, from: config.prefix, to: target.prefix, tables: tables.length, configFile: config.configFile.path, ...extra }, null, 2)}\n`) : undefined;
  say(
    [
      `db:rename-prefix on ${where}:`,
      `  rename ${tables.length} table(s) of prefix ${config.prefix} (with their indexes and constraints) to ${target.prefix}_...`,
      ...(config.dialect === 'postgresql' ? [`  rename the roles ${config.prefix}_admin and ${config.prefix}_app to ${target.prefix}_admin and ${target.prefix}_app where they exist`] : []),
      `  write dbPrefix ${target.prefix} to ${config.configFile.path}`,
      '',
    ].join('\n'),
  );
  if (values['dry-run']) {
    say('--dry-run: nothing was changed\n');
    report({ dryRun: true, renamedRoles: [] });
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      throw new OpsError('no terminal to confirm the rename on; nothing was changed', { code: 'OPS_NOT_CONFIRMED', subject: config.prefix, hint: 'run it in a terminal, or add --yes (see the plan with --dry-run)' });
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question('Rename? [y/N]: ')).trim().toLowerCase();
    rl.close();
    if (answer !== 'y' && answer !== 'yes') {
      process.stdout.write('nothing was changed\n');
      return 1;
    }
  }
  const result = await renamePrefix(config, target);
  // The file this configuration was read from (DB_CONFIG_FILE when set), never another instance's.
  await writeConfigFile(config.configFile.path, configFileFor(config.projectName, target.prefix));
  report({ dryRun: false, tables: result.tables, renamedRoles: result.renamedRoles });
  say(`renamed ${result.tables} tables (with their indexes and constraints) from ${result.from} to ${result.to}`);
  say(result.renamedRoles.length > 0 ? `; roles ${result.renamedRoles.join(', ')} (set their passwords again: PostgreSQL clears MD5 passwords on rename)\n` : '\n');
  say(`updated ${config.configFile.path}; set DB_PREFIX or PROJECT_NAME accordingly where they are set\n`);
  return 0;
});
