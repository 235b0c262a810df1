#!/usr/bin/env node
/**
 * `cts-db <command> [flags]`: the package's command line, for apps that installed it (migrate in CI or at
 * deploy). Each command is the script behind `pnpm db:<command>` in this repository, loaded on demand so
 * one command never loads another's dependencies.
 */
import { invokedThroughBin } from './command-line.js';
import { COMMANDS, type CommandName } from './commands.js';

// cts-db <command> -> the script behind it and its entry in the command registry (flags, help, summary).
const SCRIPTS: Readonly<Record<string, CommandName>> = {
  start: 'start',
  info: 'db-info',
  migrate: 'db-migrate',
  status: 'db-status',
  validate: 'db-validate',
  baseline: 'db-baseline',
  rollback: 'db-rollback',
  resolve: 'db-resolve',
  health: 'db-health',
  serve: 'db-serve',
  check: 'db-check',
  setup: 'db-setup',
  reset: 'db-reset',
  backup: 'db-backup',
  restore: 'db-restore',
  seed: 'db-seed',
  'rename-prefix': 'db-rename-prefix',
};

// Commands that need the development tools and the repository's schema/ and drizzle/ folders.
const DEVELOPMENT_ONLY: Readonly<Record<string, string>> = {
  generate: 'pnpm db:generate',
  'migrate:create': 'pnpm db:migrate:create',
  repair: 'pnpm db:repair',
  studio: 'pnpm db:studio',
};

function usage(): string {
  const width = Math.max(...Object.keys(SCRIPTS).map((c) => c.length));
  return [
    'usage: cts-db <command> [flags]',
    '',
    ...Object.entries(SCRIPTS).map(([name, key]) => `  ${name.padEnd(width)}  ${COMMANDS[key].summary.split('. ')[0]?.replace(/\.$/, '')}`),
    '',
    '`cts-db <command> --help` shows its flags. Configuration comes from the environment (DATABASE_URL, SQLITE_DB_PATH,',
    'DB_PREFIX, ...) and the configuration file (DB_CONFIG_FILE, default data/db-config.json).',
  ].join('\n');
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write(`${usage()}\n`);
  process.exitCode = 2;
} else if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${usage()}\n`);
} else if (DEVELOPMENT_ONLY[command] !== undefined) {
  process.stderr.write(`error [CLI_UNKNOWN_COMMAND] cts-db ${command} is a development command\n  hint: run \`${DEVELOPMENT_ONLY[command]}\` in the toolkit's repository\n`);
  process.exitCode = 2;
} else if (command === 'check' && !rest.includes('--live') && !rest.includes('--help') && !rest.includes('-h')) {
  process.stderr.write('error [CLI_MISSING_VALUE] cts-db check needs --live here\n  hint: the static drift check is `pnpm db:check` in the toolkit repository\n');
  process.exitCode = 2;
} else {
  const key = SCRIPTS[command];
  if (key === undefined) {
    process.stderr.write(`error [CLI_UNKNOWN_COMMAND] cts-db has no command ${JSON.stringify(command)}\n  hint: use one of: ${Object.keys(SCRIPTS).join(', ')}\n`);
    process.exitCode = 2;
  } else {
    // The scripts read their flags from process.argv.slice(2), as they do under `pnpm db:<command>`, and name
    // themselves `cts-db <command>` in usage and hints.
    process.argv.splice(2, 1);
    invokedThroughBin();
    await import(`./${key}.js`);
  }
}
