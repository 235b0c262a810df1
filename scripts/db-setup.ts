/**
 * `pnpm db:setup` (alias db:setup:full): asks for the project name, shows the prefix and every name it implies,
 * writes the configuration file (DB_CONFIG_FILE, default data/db-config.json), and on PostgreSQL creates the least-privilege roles (and, with
 * --create-database, the main database) and runs the migrations as the admin role. Non-interactive with
 * --yes and flags. Running it twice changes nothing. `--config-only` (db:setup:prefix) writes the configuration only.
 */
import { createInterface, type Interface } from 'node:readline/promises';
import { isAbsolute, join } from 'node:path';
import { configFileFor, operationsSettings, readConfigFile, resolveConfig, resolveConfigFilePath, writeConfigFile, type DbConfig } from '../src/config/index.js';
import { migrate } from '../src/migrate/index.js';
import { sanitizeName } from '../src/naming/index.js';
import { DEFAULT_SECRETS_FILE, appendSecrets, generatePassword, provisionPostgres, readSecretsFile } from '../src/ops/index.js';
import { runCommand } from './command-line.js';
import { COMMANDS } from './commands.js';

function describeNames(config: DbConfig): string {
  return [
    `  prefix     ${config.prefix}`,
    `  tables     ${config.prefix}_<table>, e.g. ${config.names.table('exchange_connections')}`,
    `  ledger     ${config.names.ledgerTable}`,
    `  databases  ${Object.values(config.databases).join(', ')}`,
    `  roles      ${config.roles.admin.user} (owns objects, migrates), ${config.roles.app.user} (reads and writes data only)`,
  ].join('\n');
}

await runCommand(COMMANDS['db-setup'], async ({ values }) => {
  const cwd = process.cwd();
  // DB_CONFIG_FILE names this instance's file; writing data/db-config.json instead would overwrite another instance's.
  const configPath = resolveConfigFilePath();
  const existing = readConfigFile(configPath);
  let projectName = values['project-name'] ?? process.env.PROJECT_NAME ?? existing?.projectName ?? 'CTS v3.1';
  let rl: Interface | undefined;
  if (!values.yes) {
    rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
    const answer = (await rl.question(`Project name [${projectName}]: `)).trim();
    if (answer !== '') projectName = answer;
  }
  const config = resolveConfig({ projectName, ...(process.env.DB_PREFIX ? {} : { prefix: sanitizeName(projectName) }) });
  process.stdout.write(`\nProject "${config.projectName}" gives:\n${describeNames(config)}\n`);
  if (rl !== undefined) {
    const ok = (await rl.question('\nWrite the configuration and set up the database? [y/N]: ')).trim().toLowerCase();
    rl.close();
    if (ok !== 'y' && ok !== 'yes') {
      process.stdout.write('nothing was changed\n');
      return 1;
    }
  }

  const content = configFileFor(config.projectName, config.prefix, { admin: config.roles.admin.user, app: config.roles.app.user });
  if (JSON.stringify(existing) !== JSON.stringify(content)) {
    await writeConfigFile(configPath, content);
    process.stdout.write(`wrote ${configPath}\n`);
  } else process.stdout.write(`${configPath} is up to date\n`);
  if (values['config-only']) return 0;

  if (config.postgres === undefined) {
    const result = await migrate(config);
    if (result.error !== undefined) throw result.error;
    process.stdout.write(`SQLite ${config.sqlite.path}: ${result.applied === 0 ? 'up to date' : `applied ${result.applied} migration(s)`}\n`);
    return 0;
  }

  // Roles and grants need one server session (and an administrator): the direct URL when one is set.
  const adminUrl = process.env.DATABASE_ADMIN_URL || operationsSettings(config.postgres).url.reveal();
  const secretsFile = ((p) => (isAbsolute(p) ? p : join(cwd, p)))(values['secrets-file'] ?? DEFAULT_SECRETS_FILE);
  const stored = await readSecretsFile(secretsFile);
  const adminPassword = config.roles.admin.password?.reveal() ?? stored.DB_ADMIN_PASSWORD ?? generatePassword();
  const appPassword = config.roles.app.password?.reveal() ?? stored.DB_APP_PASSWORD ?? generatePassword();
  const generated: Record<string, string> = {};
  if (config.roles.admin.password === undefined && stored.DB_ADMIN_PASSWORD === undefined) generated.DB_ADMIN_PASSWORD = adminPassword;
  if (config.roles.app.password === undefined && stored.DB_APP_PASSWORD === undefined) generated.DB_APP_PASSWORD = appPassword;
  const provisioned = await provisionPostgres(config, { adminUrl, adminPassword, appPassword, createDatabase: values['create-database'] });
  if (Object.keys(generated).length > 0) {
    await appendSecrets(secretsFile, generated);
    process.stdout.write(`generated passwords for ${Object.keys(generated).join(', ')} were written to ${secretsFile} (mode 0600); they are not shown\n`);
  }
  process.stdout.write(
    `roles: ${provisioned.createdRoles.length === 0 ? 'already present' : `created ${provisioned.createdRoles.join(', ')}`}; database ${provisioned.database}${provisioned.createdDatabase ? ' (created)' : ''}\n`,
  );
  const asAdmin = resolveConfig({ projectName: config.projectName, prefix: config.prefix, databaseUrl: provisioned.adminRoleUrl });
  const result = await migrate(asAdmin);
  if (result.error !== undefined) throw result.error;
  process.stdout.write(`migrations as ${config.roles.admin.user}: ${result.applied === 0 ? 'up to date' : `applied ${result.applied}`}\n`);
  return 0;
});
