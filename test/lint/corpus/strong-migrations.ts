import { one, outsideTransaction, sql, type CorpusCase } from './corpus-case.js';

/**
 * strong_migrations' checks (github.com/ankane/strong_migrations, README "Checks"), PostgreSQL ones, with
 * the SQL Rails would run for its "bad" and "good" examples, on this schema's tables.
 */
export const STRONG_MIGRATIONS_OPERATIONS = [
  'removing a column',
  'changing the type of a column',
  'renaming a column',
  'renaming a table',
  'creating a table with the force option',
  'adding an auto-incrementing column',
  'adding a stored generated column',
  'adding a foreign key',
  'adding a check constraint',
  'executing SQL directly',
  'backfilling data',
  'adding an index non-concurrently',
  'adding a reference',
  'adding a unique constraint',
  'adding an exclusion constraint',
  'adding a json column',
  'adding a column with a volatile default value',
  'setting NOT NULL on an existing column',
  'renaming an enum value',
  'renaming a schema',
  'keeping non-unique indexes to three columns or less',
  'removing an index non-concurrently',
  'using the COPY algorithm',
  'using shared or exclusive locking',
  'adding a column with an expression default value',
] as const;

export const STRONG_MIGRATIONS_LEFT_OUT: Readonly<Partial<Record<(typeof STRONG_MIGRATIONS_OPERATIONS)[number], string>>> = {
  'executing SQL directly': 'it warns that Rails cannot check raw SQL; every migration here is SQL, and this lint reads it on PostgreSQL\'s parser',
  'using the COPY algorithm': 'MySQL and MariaDB only; the toolkit runs PostgreSQL and SQLite',
  'using shared or exclusive locking': 'MySQL and MariaDB only; the toolkit runs PostgreSQL and SQLite',
  'adding a column with an expression default value': 'MySQL and MariaDB only; the toolkit runs PostgreSQL and SQLite',
};

const sm = (operation: (typeof STRONG_MIGRATIONS_OPERATIONS)[number]) => `strong_migrations:${operation}`;

export const STRONG_MIGRATIONS_CORPUS: readonly CorpusCase[] = [
  one(sm('removing a column'), 'bad', 'remove_column', 'ALTER TABLE "users" DROP COLUMN "preferences";', [['drop-column']]),
  one(sm('changing the type of a column'), 'bad', 'change_column', 'ALTER TABLE "exchange_positions" ALTER COLUMN "leverage" TYPE numeric(10, 2);', [['column-type-change']]),
  one(sm('renaming a column'), 'bad', 'rename_column', 'ALTER TABLE "users" RENAME COLUMN "email" TO "email_address";', [['rename-column']]),
  one(sm('renaming a table'), 'bad', 'rename_table', 'ALTER TABLE "users" RENAME TO "accounts";', [['rename-table']]),
  one(sm('creating a table with the force option'), 'bad', 'create_table force: :cascade drops the table first', sql('DROP TABLE IF EXISTS "site_logs" CASCADE;', 'CREATE TABLE "site_logs" ("id" text PRIMARY KEY);'), [['drop-table'], []]),
  one(sm('creating a table with the force option'), 'good', 'create_table without force', 'CREATE TABLE IF NOT EXISTS "site_log_archive" ("id" text PRIMARY KEY);', [[]]),
  one(sm('adding an auto-incrementing column'), 'bad', 'add_column :bigserial', 'ALTER TABLE "site_logs" ADD COLUMN "seq" bigserial;', [['prefer-identity', 'add-auto-increment-column']]),
  one(sm('adding an auto-incrementing column'), 'bad', 'an identity column', 'ALTER TABLE "site_logs" ADD COLUMN "seq" bigint GENERATED ALWAYS AS IDENTITY;', [['add-auto-increment-column']]),
  one(sm('adding a stored generated column'), 'bad', 'add_column virtual stored', 'ALTER TABLE "users" ADD COLUMN "username_lower" text GENERATED ALWAYS AS (lower("username")) STORED;', [['stored-generated-column']]),
  one(sm('adding a foreign key'), 'bad', 'add_foreign_key without a name', 'ALTER TABLE "site_logs" ADD FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id");', [['constraint-validated']]),
  {
    source: sm('adding a foreign key'),
    example: 'good',
    note: 'validate: false, then validate_foreign_key in another migration',
    migrations: [
      { sql: 'ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_connection" FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id") NOT VALID;', expected: [[]] },
      { sql: 'ALTER TABLE "site_logs" VALIDATE CONSTRAINT "fk_slog_connection";', expected: [[]] },
    ],
  },
  one(sm('adding a check constraint'), 'bad', 'add_check_constraint', 'ALTER TABLE "users" ADD CONSTRAINT "ck_usr_username_len" CHECK (length("username") <= 64);', [['constraint-validated']]),
  {
    source: sm('adding a check constraint'),
    example: 'good',
    note: 'validate: false, then validate_check_constraint in another migration',
    migrations: [
      { sql: 'ALTER TABLE "users" ADD CONSTRAINT "ck_usr_username_len" CHECK (length("username") <= 64) NOT VALID;', expected: [[]] },
      { sql: 'ALTER TABLE "users" VALIDATE CONSTRAINT "ck_usr_username_len";', expected: [[]] },
    ],
  },
  one(
    sm('backfilling data'),
    'bad',
    'add a column and backfill every row in the same transaction',
    sql('ALTER TABLE "users" ADD COLUMN "nickname" text;', 'UPDATE "users" SET "nickname" = "username";'),
    [[], ['whole-table-write', 'backfill-with-ddl']],
  ),
  one(sm('backfilling data'), 'bad', 'a whole-table DELETE', 'DELETE FROM "site_logs";', [['whole-table-write']]),
  {
    source: sm('backfilling data'),
    example: 'good',
    note: 'the column in one migration, the backfill in batches in another, outside a transaction',
    migrations: [
      { sql: 'ALTER TABLE "users" ADD COLUMN "nickname" text;', expected: [[]] },
      { sql: outsideTransaction('UPDATE "users" SET "nickname" = "username" WHERE "id" IN (SELECT "id" FROM "users" WHERE "nickname" IS NULL LIMIT 10000);'), expected: [[]] },
    ],
  },
  one(sm('adding an index non-concurrently'), 'bad', 'add_index', 'CREATE INDEX "idx_slog_source" ON "site_logs" USING btree ("source");', [['index-not-concurrent']]),
  one(sm('adding an index non-concurrently'), 'good', 'algorithm: :concurrently, disable_ddl_transaction!', outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_slog_source" ON "site_logs" USING btree ("source");'), [[]]),
  one(sm('adding a reference'), 'bad', 'add_reference: ADD COLUMN ... REFERENCES', 'ALTER TABLE "site_logs" ADD COLUMN "user_id" text REFERENCES "users" ("id");', [['constraint-validated']]),
  {
    source: sm('adding a reference'),
    example: 'good',
    note: 'the column, the index concurrently, the foreign key NOT VALID, validated later',
    migrations: [
      { sql: sql('ALTER TABLE "site_logs" ADD COLUMN "user_id" text;', 'ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID;'), expected: [[], []] },
      { sql: outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_slog_user" ON "site_logs" ("user_id");', 'ALTER TABLE "site_logs" VALIDATE CONSTRAINT "fk_slog_user";'), expected: [[], []] },
    ],
  },
  one(sm('adding a unique constraint'), 'bad', 'add_unique_constraint', 'ALTER TABLE "users" ADD CONSTRAINT "uq_usr_email_role" UNIQUE ("email", "role");', [['unique-constraint']]),
  {
    source: sm('adding a unique constraint'),
    example: 'good',
    note: 'a unique index concurrently, then the constraint USING INDEX',
    migrations: [
      { sql: outsideTransaction('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "uq_usr_email_role_idx" ON "users" ("email", "role");'), expected: [[]] },
      { sql: 'ALTER TABLE "users" ADD CONSTRAINT "uq_usr_email_role" UNIQUE USING INDEX "uq_usr_email_role_idx";', expected: [[]] },
    ],
  },
  one(
    sm('adding an exclusion constraint'),
    'bad',
    'add_exclusion_constraint',
    'ALTER TABLE "connection_coordination" ADD CONSTRAINT "ex_cco_lease" EXCLUDE USING gist ("connection_id" WITH =, tstzrange("heartbeat_at", "lease_expires_at") WITH &&);',
    [['exclusion-constraint']],
  ),
  one(sm('adding a json column'), 'bad', 'add_column :json', 'ALTER TABLE "users" ADD COLUMN "properties" json;', [['json-column']]),
  one(sm('adding a json column'), 'good', 'add_column :jsonb', 'ALTER TABLE "users" ADD COLUMN "properties" jsonb;', [[]]),
  one(sm('adding a column with a volatile default value'), 'bad', 'default: -> { "gen_random_uuid()" }', 'ALTER TABLE "site_logs" ADD COLUMN "trace_id" uuid DEFAULT gen_random_uuid();', [['volatile-default']]),
  one(
    sm('adding a column with a volatile default value'),
    'good',
    'no default, then change_column_default (new rows only)',
    sql('ALTER TABLE "site_logs" ADD COLUMN "trace_id" uuid;', 'ALTER TABLE "site_logs" ALTER COLUMN "trace_id" SET DEFAULT gen_random_uuid();'),
    [[], []],
  ),
  one(sm('setting NOT NULL on an existing column'), 'bad', 'change_column_null', 'ALTER TABLE "site_logs" ALTER COLUMN "source" SET NOT NULL;', [['set-not-null']]),
  {
    source: sm('setting NOT NULL on an existing column'),
    example: 'good',
    note: 'a NOT VALID check, validated in another migration, then SET NOT NULL in the statement after it',
    migrations: [
      { sql: 'ALTER TABLE "site_logs" ADD CONSTRAINT "ck_slog_source_nn" CHECK ("source" IS NOT NULL) NOT VALID;', expected: [[]] },
      { sql: sql('ALTER TABLE "site_logs" VALIDATE CONSTRAINT "ck_slog_source_nn";', 'ALTER TABLE "site_logs" ALTER COLUMN "source" SET NOT NULL;', 'ALTER TABLE "site_logs" DROP CONSTRAINT "ck_slog_source_nn";'), expected: [[], [], []] },
    ],
  },
  one(sm('renaming an enum value'), 'bad', 'rename_enum_value', 'ALTER TYPE "position_status" RENAME VALUE \'open\' TO \'active\';', [['rename-enum-value']]),
  one(sm('renaming a schema'), 'bad', 'rename_schema', 'ALTER SCHEMA "reporting" RENAME TO "analytics";', [['rename-schema']]),
  one(
    sm('keeping non-unique indexes to three columns or less'),
    'bad',
    'a four-column index',
    outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_slog_four" ON "site_logs" ("level", "category", "source", "created_at");'),
    [['index-too-many-columns']],
  ),
  one(sm('keeping non-unique indexes to three columns or less'), 'good', 'three columns', outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_slog_three" ON "site_logs" ("level", "category", "created_at");'), [[]]),
  one(sm('removing an index non-concurrently'), 'bad', 'remove_index (opt-in check)', 'DROP INDEX "idx_slog_created_at";', [['drop-index-not-concurrent']]),
  one(sm('removing an index non-concurrently'), 'good', 'remove_index algorithm: :concurrently', outsideTransaction('DROP INDEX CONCURRENTLY IF EXISTS "idx_slog_created_at";'), [[]]),
];

/** Issue 23's list of known misses, beyond the two catalogues. */
export const KNOWN_MISSES_CORPUS: readonly CorpusCase[] = [
  one(
    'issue-23:multi-action ALTER TABLE',
    'bad',
    'each action of one ALTER TABLE judged on its own',
    'ALTER TABLE "users" ADD COLUMN "nickname" text, DROP "preferences", ALTER COLUMN "email" SET NOT NULL, ADD CONSTRAINT "uq_usr_nickname" UNIQUE ("nickname");',
    [['drop-column', 'set-not-null', 'unique-constraint']],
  ),
  one(
    'issue-23:new table',
    'good',
    'everything on a table created earlier in the same migration is free',
    sql(
      'CREATE TABLE "notes" ("id" text PRIMARY KEY, "body" text);',
      'ALTER TABLE "notes" ADD COLUMN "author" text NOT NULL, ADD CONSTRAINT "uq_notes_body" UNIQUE ("body"), ALTER COLUMN "body" SET NOT NULL, ADD CONSTRAINT "ck_notes_body" CHECK ("body" <> \'\');',
      'CREATE INDEX "idx_notes_author" ON "notes" ("author");',
    ),
    [[], [], []],
  ),
];
