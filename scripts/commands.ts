import type { CommandSpec, FlagSpec } from './command-line.js';

/**
 * Every command's flags, arguments, environment and examples, in one place: the scripts parse with these,
 * `--help` prints them, the package's `cts-db` lists them, and the tests check each script against them.
 */
const CONNECTION_ENV = ['DATABASE_URL', 'DATABASE_TYPE', 'SQLITE_DB_PATH', 'PROJECT_NAME', 'DB_PREFIX', 'DB_CONFIG_FILE', 'DB_CONNECT_TIMEOUT_MS', 'DB_PREPARE'] as const;
const OPERATIONS_ENV = [...CONNECTION_ENV, 'DATABASE_URL_UNPOOLED', 'POSTGRES_URL_NON_POOLING', 'DIRECT_URL'] as const;
const MIGRATION_ENV = [...OPERATIONS_ENV, 'DB_DDL_LOCK_TIMEOUT_MS', 'DB_DDL_LOCK_RETRIES'] as const;

const json = { type: 'boolean', description: 'print one JSON document instead of text' } as const satisfies FlagSpec;
const yes = { type: 'boolean', description: 'do not ask for confirmation (needed when stdin is not a terminal)' } as const satisfies FlagSpec;

/** Flags shared by the migration commands. */
export const MIGRATION_FLAGS = {
  json,
  tx: { type: 'string', value: '<each|all>', choices: ['each', 'all'], description: 'each: every migration commits with its ledger row; all: the whole batch is all-or-nothing', defaultText: 'each' },
  'lock-timeout': { type: 'string', value: '<ms>', integerMin: 1, description: 'how long to wait for another run of this prefix (the migration lock)', defaultText: '60000' },
  'migrations-dir': { type: 'string', value: '<dir>', description: 'read the migrations from this drizzle/ folder instead of the embedded ones', defaultText: 'the embedded migrations' },
} as const satisfies Record<string, FlagSpec>;

export const COMMANDS = {
  start: {
    command: 'start',
    summary: 'The main job: prints the configuration (never a password), connects with retries, applies pending migrations under the lock and verifies the critical tables. Exit 0 when the database is ready.',
    flags: { json },
    env: [...MIGRATION_ENV, 'DATABASE_REPLICA_URLS'],
    examples: ['', { before: 'DATABASE_URL=postgres://user@127.0.0.1:5432/cts ', args: '' }],
  },
  'db-info': {
    command: 'info',
    summary: 'Prints the resolved configuration and where each value came from (never a password), then makes one round trip to the database.',
    flags: { json },
    env: [...OPERATIONS_ENV, 'DATABASE_REPLICA_URLS', 'DB_POOL_MAX', 'DB_IDLE_TIMEOUT_MS', 'ADMIN_TOKEN'],
    examples: [''],
  },
  'db-generate': {
    command: 'generate',
    summary: 'Regenerates generated/ from schema/ and writes the next migration of each dialect with its down file; never interactive, all or nothing.',
    flags: {
      json,
      name: { type: 'string', value: '<slug>', description: 'name of the new migration, a lowercase slug', defaultText: 'schema_change' },
      rename: { type: 'string', value: '<from>=<to>', multiple: true, description: 'declare a rename: <table>=<new_table> or <table>.<column>=<new_column>' },
      drop: { type: 'string', value: '<table>[.<column>]', multiple: true, description: 'declare that a table or column is dropped, not renamed' },
      rehash: { type: 'string', value: '<tag>', multiple: true, description: 'record the edited (or deleted) SQL and down file of this migration in drizzle/migrations.sum; only for a migration no database has applied' },
      'concurrent-indexes': { type: 'boolean', description: 'PostgreSQL: move each new index of an existing table into a following -- cts:transaction none migration that builds it CONCURRENTLY (writes are never blocked)' },
    },
    env: [],
    examples: ['--name add_order_notes', '--name rename_email --rename users.email=email_address', '--name index_orders --concurrent-indexes'],
  },
  'db-check': {
    command: 'check',
    summary: 'The CI drift check: replays the migrations on scratch databases and compares them with schema/, checks the journal, the registry, the lint and generated/. Exit 1 names what is out of sync. With --live: compares the configured database with the schema.',
    flags: {
      json,
      live: { type: 'boolean', description: 'compare the live database (this prefix) with the schema instead' },
      'no-cache': { type: 'boolean', description: 'check everything even when nothing changed since the last clean check (.cache/cts-db/db-check.json)' },
    },
    env: ['(with --live) ...the connection variables of db:status'],
    examples: ['', '--live --json'],
  },
  'db-migrate': {
    command: 'migrate',
    summary: 'Applies the pending migrations with the configured prefix, under the migration lock, each in its transaction.',
    flags: { ...MIGRATION_FLAGS, plan: { type: 'boolean', description: 'print the exact prefixed SQL (and the rows each destructive statement touches) instead of running it' } },
    env: MIGRATION_ENV,
    examples: ['', '--plan', '--tx all --lock-timeout 10000'],
  },
  'db-status': {
    command: 'status',
    summary: 'Every migration with its state (applied, changed, pending, missing-file); changes nothing.',
    flags: MIGRATION_FLAGS,
    env: OPERATIONS_ENV,
    examples: ['', '--json'],
  },
  'db-validate': {
    command: 'validate',
    summary: 'Checks the ledger against the migrations; exit 1 on a changed, vanished or out-of-order migration.',
    flags: MIGRATION_FLAGS,
    env: OPERATIONS_ENV,
    examples: [''],
  },
  'db-baseline': {
    command: 'baseline',
    summary: 'Records an existing database as migrated up to a tag without running any SQL.',
    flags: { ...MIGRATION_FLAGS, to: { type: 'string', value: '<tag>', required: true, description: 'the last migration the database already has' } },
    env: OPERATIONS_ENV,
    examples: ['--to 0000_init'],
  },
  'db-rollback': {
    command: 'rollback',
    summary: 'Undoes applied migrations with their down files, newest first; every step is checked before any runs.',
    flags: {
      ...MIGRATION_FLAGS,
      steps: { type: 'string', value: '<n>', integerMin: 1, description: 'how many migrations to undo', defaultText: '1' },
      to: { type: 'string', value: '<tag>', description: 'undo every migration after this one' },
      yes: { type: 'boolean', description: 'also drop tables or columns that hold rows' },
      plan: { type: 'boolean', description: 'print each step\'s down SQL and run nothing' },
    },
    env: MIGRATION_ENV,
    examples: ['--plan', '--to 0000_init'],
  },
  'db-resolve': {
    command: 'resolve',
    summary: 'Fixes the ledger by hand, never the schema: record a migration as applied, or forget one (after switching branches).',
    flags: {
      ...MIGRATION_FLAGS,
      applied: { type: 'string', value: '<tag>', description: 'record this migration as applied without running it' },
      'rolled-back': { type: 'string', value: '<tag>', description: 'remove this migration\'s ledger row without running its down file' },
      yes,
    },
    env: OPERATIONS_ENV,
    examples: ['--rolled-back 0003_feature_branch'],
  },
  'db-health': {
    command: 'health',
    summary: 'Prints the health JSON (the seed shape, plus prefix, migrations, replicas); exit 0 when healthy.',
    flags: { json },
    env: [...CONNECTION_ENV, 'DATABASE_REPLICA_URLS'],
    examples: [''],
  },
  'db-serve': {
    command: 'serve',
    summary: 'Serves /api/health/database and /api/admin/migrations/status until SIGTERM or SIGINT.',
    flags: {
      port: { type: 'string', value: '<n>', integerMin: 0, integerMax: 65_535, description: 'TCP port (0: any free port)', defaultText: 'PORT, else 3001' },
      host: { type: 'string', value: '<addr>', description: 'address to listen on', defaultText: 'HOST, else 127.0.0.1' },
    },
    env: [...CONNECTION_ENV, 'DATABASE_REPLICA_URLS', 'ADMIN_TOKEN', 'PORT', 'HOST'],
    examples: ['--port 3001'],
  },
  'db-repair': {
    command: 'repair',
    summary: 'Adds missing tables, columns and indexes of this prefix under the migration lock; destructive differences are reported, never applied.',
    flags: {
      json,
      'dry-run': { type: 'boolean', description: 'print the plan only' },
      'lock-timeout': MIGRATION_FLAGS['lock-timeout'],
    },
    env: MIGRATION_ENV,
    examples: ['--dry-run'],
  },
  'db-backup': {
    command: 'backup',
    summary: 'Backs up this prefix (SQLite: VACUUM INTO; PostgreSQL: pg_dump of its tables) with its row counts, mode 0600.',
    flags: {
      json, file: { type: 'string', value: '<path>', description: 'where to write the backup', defaultText: 'data/backups/<prefix>-<timestamp>.db|.dump' } },
    env: OPERATIONS_ENV,
    examples: ['', '--file /var/backups/cts.dump'],
  },
  'db-restore': {
    command: 'restore',
    summary: 'Restores this prefix\'s tables from a backup and checks every table\'s row count (and, on PostgreSQL, owners and grants).',
    flags: { json },
    positionals: [{ name: 'file', description: 'a backup file written by the backup command', required: true }],
    env: OPERATIONS_ENV,
    examples: ['data/backups/cts_v3_1-20261121T120000Z.db'],
  },
  'db-reset': {
    command: 'reset',
    summary: 'Drops every table of this prefix (never another prefix\'s), after a backup.',
    flags: {
      json,
      yes: { type: 'boolean', description: 'do not ask for the prefix to be typed (needed when stdin is not a terminal)' },
      'no-backup': { type: 'boolean', description: 'skip the backup' },
      'force-production': { type: 'boolean', description: 'allow it under NODE_ENV=production' },
    },
    env: [...OPERATIONS_ENV, 'NODE_ENV'],
    examples: ['', '--yes --no-backup'],
  },
  'db-setup': {
    command: 'setup',
    summary: 'The setup wizard: asks for the project name, writes the configuration file and, on PostgreSQL, creates the least-privilege roles (and the database) and migrates as the admin role. Answers may be piped.',
    flags: {
      yes,
      'project-name': { type: 'string', value: '<name>', description: 'the project name; the prefix is derived from it', defaultText: 'PROJECT_NAME, the configuration file, else "CTS v3.1"' },
      'create-database': { type: 'boolean', description: 'create {prefix}_main and use it' },
      'config-only': { type: 'boolean', description: 'write the configuration file only' },
      'secrets-file': { type: 'string', value: '<path>', description: 'where generated passwords are written (mode 0600)', defaultText: 'data/.env.db' },
    },
    env: [...OPERATIONS_ENV, 'DATABASE_ADMIN_URL', 'DB_ADMIN_PASSWORD', 'DB_APP_PASSWORD'],
    examples: ['', '--yes --project-name "CTS v3.1"', { before: "printf 'My Bot\\ny\\n' | ", args: '' }],
  },
  'db-seed': {
    command: 'seed',
    summary: 'Inserts the seed rows; fixed ids make a second run insert nothing (production: reference data only).',
    flags: {
      json, env: { type: 'string', value: '<development|production>', choices: ['development', 'production'], description: 'which seed set', defaultText: 'development, and it says so' } },
    env: CONNECTION_ENV,
    examples: ['--env production'],
  },
  'db-migrate-create': {
    command: 'migrate:create',
    summary: 'Adds an empty custom SQL migration to both dialect folders (write it with base names, then run pnpm db:generate).',
    flags: { json },
    positionals: [{ name: 'name', description: 'a lowercase slug, e.g. backfill_volume_factor', required: true }],
    env: [],
    examples: ['backfill_volume_factor'],
  },
  'db-rename-prefix': {
    command: 'rename-prefix',
    summary: 'Renames every object of the current prefix (tables, indexes, constraints, roles) in one transaction and updates the configuration file.',
    flags: {
      json,
      to: { type: 'string', value: '<prefix>', required: true, description: 'the new prefix' },
      yes,
      'dry-run': { type: 'boolean', description: 'show the plan and change nothing' },
    },
    env: OPERATIONS_ENV,
    examples: ['--to cts_v3_2 --dry-run', '--to cts_v3_2 --yes'],
  },
  'db-studio': {
    command: 'studio',
    summary: 'Opens drizzle-kit Studio on the configured database with this prefix\'s schema (its tables, defaults and relations), bound to 127.0.0.1, until Ctrl-C.',
    flags: {
      port: { type: 'string', value: '<n>', integerMin: 1, integerMax: 65_535, description: 'port of the Studio server', default: '4983' },
      host: { type: 'string', value: '<addr>', description: 'address to listen on', default: '127.0.0.1' },
    },
    env: OPERATIONS_ENV,
    examples: ['', '--port 4984'],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
