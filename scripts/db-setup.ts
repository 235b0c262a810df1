/**
 * `pnpm db:setup` (alias db:setup:full): asks for the project name, shows the prefix and every name it implies,
 * writes the configuration file (DB_CONFIG_FILE, default data/db-config.json), and on PostgreSQL creates the least-privilege roles (and, with
 * --create-database, the main database) and runs the migrations as the admin role. Non-interactive with
 * --yes and flags. Running it twice changes nothing. `--config-only` (db:setup:prefix) writes the configuration only.
 */
import { createInterface } from 'node:readline';
import { isAbsolute, join } from 'node:path';
import { commandName } from '../src/errors/index.js';
import { configFileFor, databaseTarget, operationsSettings, parseLooseUrl, readConfigFile, resolveConfig, resolveConfigFilePath, writeConfigFile, type DbConfig } from '../src/config/index.js';
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
    // Databases and roles exist only on PostgreSQL: SQLite setup does not show what does not apply.
    ...(config.dialect === 'postgresql'
      ? [
          `  databases  ${Object.values(config.databases).join(', ')}`,
          `  roles      ${config.roles.admin.user} (owns objects, migrates), ${config.roles.app.user} (reads and writes data only)`,
        ]
      : [config.sqlite.remote === undefined ? `  file       ${config.sqlite.path} (SQLite)` : `  server     ${config.sqlite.remote.url} (libSQL)`]),
  ].join('\n');
}

/**
 * Answers read line by line from stdin, buffered: piped input (`printf 'name\ny\n' | pnpm db:setup`) arrives
 * all at once, before the second question is asked, and must not be lost. At the end of input the answer is
 * undefined (not an empty string), so a missing confirmation is never taken for one.
 */
function answers(): { ask(question: string): Promise<string | undefined>; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => (waiting.length > 0 ? waiting.shift()?.(line) : lines.push(line)));
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  return {
    ask(question) {
      process.stdout.write(question);
      if (lines.length > 0) return Promise.resolve(lines.shift());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

await runCommand(COMMANDS['db-setup'], async ({ values }) => {
  const cwd = process.cwd();
  // DB_CONFIG_FILE names this instance's file; writing data/db-config.json instead would overwrite another instance's.
  const configPath = resolveConfigFilePath();
  const existing = readConfigFile(configPath);
  // An empty variable counts as unset, as everywhere in the configuration.
  let projectName = values['project-name'] ?? (process.env.PROJECT_NAME || undefined) ?? existing?.projectName ?? 'CTS v3.1';
  const input = values.yes ? undefined : answers();
  if (input !== undefined) {
    const answer = (await input.ask(`Project name [${projectName}]: `))?.trim() ?? '';
    if (answer !== '') projectName = answer;
  }
  // The prefix in the configuration file stays (it may have been renamed with db:rename-prefix) unless the
  // project name was changed or DB_PREFIX says otherwise: a new prefix is a second, empty copy of the schema.
  const keep = existing !== undefined && existing.projectName === projectName && !process.env.DB_PREFIX;
  const prefix = keep ? existing.dbPrefix : process.env.DB_PREFIX ? undefined : sanitizeName(projectName);
  const config = resolveConfig({ projectName, ...(prefix === undefined ? {} : { prefix }) });
  process.stdout.write(`\nProject "${config.projectName}" gives:\n${describeNames(config)}\n`);
  if (existing !== undefined && existing.dbPrefix !== config.prefix) {
    process.stdout.write(
      `\nnote: ${configPath} names the prefix ${existing.dbPrefix}; this setup uses ${config.prefix}. The tables of ${existing.dbPrefix} stay as they are ` +
        `and ${config.prefix} starts empty; to move them instead, keep the project name and run \`${commandName('rename-prefix')} --to ${config.prefix}\`\n`,
    );
  }
  if (input !== undefined) {
    const answer = await input.ask('\nWrite the configuration and set up the database? [y/N]: ');
    input.close();
    if (answer === undefined) {
      process.stdout.write('\n');
      process.stderr.write(`error [OPS_NOT_CONFIRMED] no answer on stdin to the confirmation; nothing was changed\n  hint: answer y, or run \`${commandName('setup')} --yes\`\n`);
      return 1;
    }
    const ok = answer.trim().toLowerCase();
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
    process.stdout.write(`SQLite ${databaseTarget(config)}: ${result.applied === 0 ? 'up to date' : `applied ${result.applied} migration(s)`}\n`);
    process.stdout.write(`next: \`${commandName('start')}\` (or your app) uses ${databaseTarget(config)} with prefix ${config.prefix}; set DATABASE_URL=postgresql://... to use PostgreSQL instead\n`);
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
  // As the admin role, also when a direct URL (of another user) is set in the environment.
  const asAdmin = resolveConfig({ projectName: config.projectName, prefix: config.prefix, databaseUrl: provisioned.adminRoleUrl, directUrl: provisioned.adminRoleUrl });
  const result = await migrate(asAdmin);
  if (result.error !== undefined) throw result.error;
  process.stdout.write(`migrations as ${config.roles.admin.user}: ${result.applied === 0 ? 'up to date' : `applied ${result.applied}`}\n`);
  // What to set next, with the passwords as shell variables from the secrets file (never printed).
  const shellUrl = (roleUrl: string, variable: string) => {
    const { url: u, hostless } = parseLooseUrl(roleUrl);
    // A Unix-socket URL has no host (postgresql://user@/db?host=/run/postgresql): keep it hostless, and keep its query.
    const host = hostless ? (u.port === '' ? '' : `:${u.port}`) : u.host;
    return `postgresql://${u.username}:\${${variable}}@${host}${u.pathname}${u.search}`;
  };
  const relativeSecrets = isAbsolute(values['secrets-file'] ?? DEFAULT_SECRETS_FILE) ? secretsFile : (values['secrets-file'] ?? DEFAULT_SECRETS_FILE);
  process.stdout.write(
    [
      '',
      'next steps:',
      `  1. load the passwords (DB_ADMIN_PASSWORD, DB_APP_PASSWORD) into your shell: set -a; . ${relativeSecrets}; set +a`,
      `  2. the app connects as ${config.roles.app.user}:`,
      `       DATABASE_URL="${shellUrl(provisioned.appRoleUrl, 'DB_APP_PASSWORD')}"`,
      `  3. migrations and operations run as ${config.roles.admin.user} (the owner):`,
      `       DATABASE_URL_UNPOOLED="${shellUrl(provisioned.adminRoleUrl, 'DB_ADMIN_PASSWORD')}"`,
      `  4. ${commandName('start')}`,
      '',
    ].join('\n'),
  );
  return 0;
});
