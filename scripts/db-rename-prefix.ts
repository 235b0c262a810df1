/** `pnpm db:rename-prefix --to <new>`: renames every object of the current prefix and updates the configuration file (DB_CONFIG_FILE, default data/db-config.json). */
import { configFileFor, resolveConfig, writeConfigFile } from '../src/config/index.js';
import { renamePrefix } from '../src/ops/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

await runCommand(COMMANDS['db-rename-prefix'], async ({ values }) => {
  const config = resolveConfig();
  // Resolving with the new prefix validates it (pattern, 24-byte budget) exactly as DB_PREFIX would be.
  const target = resolveConfig({ prefix: values.to });
  if (target.prefix === config.prefix) {
    process.stderr.write(`error: the prefix is already ${config.prefix}\n`);
    return 1;
  }
  const result = await renamePrefix(config, target);
  // The file this configuration was read from (DB_CONFIG_FILE when set), never another instance's.
  await writeConfigFile(config.configFile.path, configFileFor(config.projectName, target.prefix));
  process.stdout.write(`renamed ${result.tables} tables (with their indexes and constraints) from ${result.from} to ${result.to}`);
  process.stdout.write(result.renamedRoles.length > 0 ? `; roles ${result.renamedRoles.join(', ')} (set their passwords again: PostgreSQL clears MD5 passwords on rename)\n` : '\n');
  process.stdout.write(`updated ${config.configFile.path}; set DB_PREFIX or PROJECT_NAME accordingly where they are set\n`);
  return 0;
});
