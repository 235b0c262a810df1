#!/usr/bin/env node
/**
 * `cts-db <command> [flags]`: the package's command line, for apps that installed it (migrate in CI or at
 * deploy). Each command is the script behind `pnpm db:<command>` in this repository, loaded on demand so
 * one command never loads another's dependencies.
 */
const COMMANDS: Readonly<Record<string, readonly [module: string, summary: string]>> = {
  start: ['./start.js', 'connect with retries, apply pending migrations, verify the critical tables'],
  info: ['./db-info.js', 'print the configuration (never a password) and make one round trip'],
  migrate: ['./db-migrate.js', 'apply pending migrations [--plan] [--json] [--tx each|all] [--lock-timeout <ms>] [--migrations-dir <dir>]'],
  status: ['./db-status.js', 'every migration with its state [--json]'],
  validate: ['./db-validate.js', 'the ledger against the migrations; exit 1 on a changed, vanished or out-of-order one'],
  baseline: ['./db-baseline.js', 'record an existing database as migrated up to --to <tag>'],
  rollback: ['./db-rollback.js', 'undo applied migrations [--steps N | --to <tag>] [--yes] [--plan]'],
  resolve: ['./db-resolve.js', 'fix the ledger by hand: --applied <tag> | --rolled-back <tag> [--yes]'],
  health: ['./db-health.js', 'print the health JSON; exit 0 when healthy'],
  serve: ['./db-serve.js', 'serve the health and admin status endpoints [--port <n>] [--host <addr>]'],
  check: ['./db-check.js', 'with --live: compare the live database with the schema'],
  setup: ['./db-setup.js', 'the setup wizard: config file, roles, database, migrations [--yes]'],
  reset: ['./db-reset.js', "drop every object of this prefix, after a backup [--yes]"],
  backup: ['./db-backup.js', 'back up this prefix [--file <f>]'],
  restore: ['./db-restore.js', 'restore this prefix from a backup <file>'],
  seed: ['./db-seed.js', 'seed rows --env development|production'],
  'rename-prefix': ['./db-rename-prefix.js', 'rename every object of the prefix --to <new>'],
};

// Commands that need the development tools and the repository's schema/ and drizzle/ folders.
const DEVELOPMENT_ONLY: Readonly<Record<string, string>> = {
  generate: 'pnpm db:generate',
  'migrate:create': 'pnpm db:migrate:create',
  repair: 'pnpm db:repair',
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: cts-db <command> [flags]',
    '',
    ...Object.entries(COMMANDS).map(([name, [, summary]]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Configuration comes from the environment (DATABASE_URL, SQLITE_DB_PATH, DB_PREFIX, ...) and data/db-config.json.',
  ].join('\n');
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write(`${usage()}\n`);
  process.exitCode = 2;
} else if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${usage()}\n`);
} else if (COMMANDS[command] !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
  process.stdout.write(`cts-db ${command}: ${COMMANDS[command][1]}\n`);
} else if (DEVELOPMENT_ONLY[command] !== undefined) {
  process.stderr.write(`error: cts-db ${command} is a development command: run \`${DEVELOPMENT_ONLY[command]}\` in the toolkit's repository\n`);
  process.exitCode = 2;
} else if (command === 'check' && !rest.includes('--live')) {
  process.stderr.write('error: cts-db check needs --live here (the static drift check is `pnpm db:check` in the toolkit repository)\n');
  process.exitCode = 2;
} else {
  const entry = COMMANDS[command];
  if (entry === undefined) {
    process.stderr.write(`error: unknown command ${JSON.stringify(command)}\n\n${usage()}\n`);
    process.exitCode = 2;
  } else {
    // The scripts read their flags from process.argv.slice(2), as they do under `pnpm db:<command>`.
    process.argv.splice(2, 1);
    await import(entry[0]);
  }
}
