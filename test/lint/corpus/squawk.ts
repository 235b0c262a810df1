import { one, outsideTransaction, sql, type CorpusCase } from './corpus-case.js';

/**
 * squawk's rule docs (github.com/sbdchd/squawk, docs/docs/<rule>.md): each rule's "instead of" and "use"
 * examples, on this schema's tables. Where squawk's good example still does something this lint reports on
 * its own (a TRUNCATE is still a TRUNCATE), the expected finding says so.
 */
export const SQUAWK_RULES = [
  'adding-field-with-default',
  'adding-foreign-key-constraint',
  'adding-not-nullable-field',
  'adding-required-field',
  'adding-serial-primary-key-field',
  'ban-alter-domain-with-add-constraint',
  'ban-char-field',
  'ban-concurrent-index-creation-in-transaction',
  'ban-create-domain-with-constraint',
  'ban-drop-column',
  'ban-drop-database',
  'ban-drop-not-null',
  'ban-drop-table',
  'ban-duplicate-column-assignments',
  'ban-truncate-cascade',
  'ban-uncommitted-transaction',
  'changing-column-type',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'identifier-too-long',
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-identity',
  'prefer-repack',
  'prefer-robust-stmts',
  'prefer-text-field',
  'prefer-timestamptz',
  'renaming-column',
  'renaming-table',
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'require-concurrent-partition-detach',
  'require-concurrent-reindex',
  'require-enum-value-ordering',
  'require-lock-timeout',
  'require-statement-timeout',
  'require-table-schema',
  'require-timeout-settings',
  'syntax-error',
  'transaction-nesting',
] as const;

/** squawk rules the lint does not implement, each with the reason (the README lists the same). */
export const SQUAWK_LEFT_OUT: Readonly<Partial<Record<(typeof SQUAWK_RULES)[number], string>>> = {
  'require-statement-timeout': 'migrations may run long on purpose (a batched backfill, a concurrent index build); the runner bounds lock waits, which is what protects other sessions',
  'require-table-schema': 'migrations name base tables without a schema on purpose: the runner adds the prefix and keeps every object in its own schema, and a schema-qualified name elsewhere is what prefix isolation refuses',
};

export const SQUAWK_CORPUS: readonly CorpusCase[] = [
  one('squawk:adding-field-with-default', 'bad', 'volatile default on an existing table', 'ALTER TABLE "exchange_connections" ADD COLUMN "api_nonce" text DEFAULT gen_random_uuid()::text NOT NULL;', [['volatile-default']]),
  one('squawk:adding-field-with-default', 'good', 'non-volatile default (PostgreSQL 11+ stores it once)', 'ALTER TABLE "exchange_connections" ADD COLUMN "retry_limit" integer DEFAULT 10 NOT NULL;', [[]]),
  {
    source: 'squawk:adding-field-with-default',
    example: 'good',
    note: 'volatile default: nullable column, SET DEFAULT, batched backfill, NOT VALID check, validate, SET NOT NULL',
    migrations: [
      { sql: sql('ALTER TABLE "exchange_connections" ADD COLUMN "api_nonce" text;', 'ALTER TABLE "exchange_connections" ALTER COLUMN "api_nonce" SET DEFAULT gen_random_uuid()::text;'), expected: [[], []] },
      {
        sql: outsideTransaction('UPDATE "exchange_connections" SET "api_nonce" = gen_random_uuid()::text WHERE "id" IN (SELECT "id" FROM "exchange_connections" WHERE "api_nonce" IS NULL LIMIT 1000);'),
        expected: [[]],
      },
      { sql: sql('ALTER TABLE "exchange_connections" ADD CONSTRAINT "ck_exc_api_nonce_nn" CHECK ("api_nonce" IS NOT NULL) NOT VALID;'), expected: [[]] },
      { sql: sql('ALTER TABLE "exchange_connections" VALIDATE CONSTRAINT "ck_exc_api_nonce_nn";', 'ALTER TABLE "exchange_connections" ALTER COLUMN "api_nonce" SET NOT NULL;'), expected: [[], []] },
    ],
  },
  one('squawk:adding-field-with-default', 'bad', 'stored generated column', 'ALTER TABLE "exchange_positions" ADD COLUMN "notional" numeric GENERATED ALWAYS AS ("quantity" * "entry_price") STORED;', [['stored-generated-column']]),
  one(
    'squawk:adding-field-with-default',
    'good',
    'a plain column filled by a trigger instead of a generated one',
    sql(
      'ALTER TABLE "exchange_positions" ADD COLUMN "notional" numeric;',
      `CREATE FUNCTION "exchange_positions_notional"() RETURNS trigger AS $$ BEGIN NEW.notional := NEW.quantity * NEW.entry_price; RETURN NEW; END $$ LANGUAGE plpgsql;`,
      'CREATE TRIGGER "exchange_positions_notional" BEFORE INSERT ON "exchange_positions" FOR EACH ROW EXECUTE FUNCTION "exchange_positions_notional"();',
    ),
    [[], [], []],
  ),

  one('squawk:adding-foreign-key-constraint', 'bad', 'foreign key validated while both tables are locked', 'ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_connection" FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id");', [['constraint-validated']]),
  {
    source: 'squawk:adding-foreign-key-constraint',
    example: 'good',
    note: 'NOT VALID, then VALIDATE CONSTRAINT in a later migration',
    migrations: [
      { sql: 'ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_connection" FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id") NOT VALID;', expected: [[]] },
      { sql: 'ALTER TABLE "site_logs" VALIDATE CONSTRAINT "fk_slog_connection";', expected: [[]] },
    ],
  },
  one(
    'squawk:adding-foreign-key-constraint',
    'good',
    'foreign key in the CREATE TABLE of a new table',
    'CREATE TABLE "connection_notes" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "connection_id" text, "body" text, CONSTRAINT "fk_cno_connection" FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id"));',
    [[]],
  ),
  one(
    'squawk:adding-foreign-key-constraint',
    'bad',
    'NOT VALID and VALIDATE in one (transactional) migration: the validation runs under the first lock',
    sql('ALTER TABLE "site_logs" ADD CONSTRAINT "fk_slog_connection" FOREIGN KEY ("connection_id") REFERENCES "exchange_connections" ("id") NOT VALID;', 'ALTER TABLE "site_logs" VALIDATE CONSTRAINT "fk_slog_connection";'),
    [[], ['validate-in-same-transaction']],
  ),

  one('squawk:adding-not-nullable-field', 'bad', 'SET NOT NULL scans under an exclusive lock', 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;', [['set-not-null']]),
  {
    source: 'squawk:adding-not-nullable-field',
    example: 'good',
    note: 'CHECK (col IS NOT NULL) NOT VALID, backfill, VALIDATE, then SET NOT NULL without a scan',
    migrations: [
      { sql: 'ALTER TABLE "users" ADD CONSTRAINT "ck_usr_email_not_null" CHECK ("email" IS NOT NULL) NOT VALID;', expected: [[]] },
      { sql: outsideTransaction('UPDATE "users" SET "email" = "username" || \'@example.invalid\' WHERE "email" IS NULL;'), expected: [[]] },
      { sql: 'ALTER TABLE "users" VALIDATE CONSTRAINT "ck_usr_email_not_null";', expected: [[]] },
      { sql: 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;', expected: [[]] },
    ],
  },
  {
    source: 'squawk:adding-not-nullable-field',
    example: 'bad',
    note: 'a NOT VALID check that was never validated proves nothing: SET NOT NULL still scans',
    migrations: [
      { sql: 'ALTER TABLE "users" ADD CONSTRAINT "ck_usr_email_not_null" CHECK ("email" IS NOT NULL) NOT VALID;', expected: [[]] },
      { sql: 'ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;', expected: [['set-not-null']] },
    ],
  },

  one('squawk:adding-required-field', 'bad', 'NOT NULL without a default', 'ALTER TABLE "users" ADD COLUMN "is_public" boolean NOT NULL;', [['add-not-null-column']]),
  one('squawk:adding-required-field', 'good', 'nullable at first', 'ALTER TABLE "users" ADD COLUMN "is_public" boolean;', [[]]),
  one('squawk:adding-required-field', 'good', 'NOT NULL with a non-volatile default', 'ALTER TABLE "users" ADD COLUMN "is_public" boolean NOT NULL DEFAULT false;', [[]]),

  one('squawk:adding-serial-primary-key-field', 'bad', 'ADD PRIMARY KEY builds the index under an exclusive lock', 'ALTER TABLE "system_settings" ADD PRIMARY KEY ("id");', [['add-primary-key']]),
  {
    source: 'squawk:adding-serial-primary-key-field',
    example: 'good',
    note: 'unique index built concurrently, then PRIMARY KEY USING INDEX',
    migrations: [
      { sql: outsideTransaction('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "system_settings_pk_idx" ON "system_settings" ("id");'), expected: [[]] },
      { sql: 'ALTER TABLE "system_settings" ADD CONSTRAINT "system_settings_pk" PRIMARY KEY USING INDEX "system_settings_pk_idx";', expected: [[]] },
    ],
  },

  one('squawk:ban-alter-domain-with-add-constraint', 'bad', 'constraint added to a domain', 'ALTER DOMAIN "positive_amount" ADD CONSTRAINT "ck_positive" CHECK (VALUE > 0);', [['domain-constraint']]),
  one('squawk:ban-alter-domain-with-add-constraint', 'good', 'the check on the column itself', 'ALTER TABLE "exchange_positions" ADD CONSTRAINT "ck_exp_quantity_positive" CHECK ("quantity" > 0) NOT VALID;', [[]]),
  one('squawk:ban-create-domain-with-constraint', 'bad', 'domain with a check', 'CREATE DOMAIN "positive_amount" AS numeric CHECK (VALUE > 0);', [['domain-constraint']]),
  one('squawk:ban-create-domain-with-constraint', 'good', 'domain without a check', 'CREATE DOMAIN "amount" AS numeric;', [[]]),

  one('squawk:ban-char-field', 'bad', 'char(n) and character', 'CREATE TABLE "app_user" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "name" char(100) NOT NULL, "email" character NOT NULL);', [['ban-char']]),
  one('squawk:ban-char-field', 'good', 'text', 'CREATE TABLE "app_user" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "name" text NOT NULL, "email" text NOT NULL);', [[]]),

  one('squawk:ban-concurrent-index-creation-in-transaction', 'bad', 'CONCURRENTLY in a transactional migration fails at deploy', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_usr_email" ON "users" ("email");', [['concurrently-in-transaction']]),
  one(
    'squawk:ban-concurrent-index-creation-in-transaction',
    'bad',
    'squawk\'s own example: inside BEGIN ... COMMIT',
    sql('BEGIN;', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_usr_email" ON "users" ("email");', 'COMMIT;'),
    [['transaction-control'], ['concurrently-in-transaction'], ['transaction-control']],
  ),
  one('squawk:ban-concurrent-index-creation-in-transaction', 'good', 'a migration marked to run outside a transaction', outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_usr_email" ON "users" ("email");'), [[]]),

  one('squawk:ban-drop-column', 'bad', 'DROP COLUMN', 'ALTER TABLE "users" DROP COLUMN "preferences";', [['drop-column']]),
  one('squawk:ban-drop-column', 'bad', 'DROP without the COLUMN keyword', 'ALTER TABLE "users" DROP "preferences";', [['drop-column']]),
  one('squawk:ban-drop-column', 'good', 'a column of a table created in the same migration', sql('CREATE TABLE "draft_notes" ("id" text PRIMARY KEY, "body" text);', 'ALTER TABLE "draft_notes" DROP COLUMN "body";'), [[], []]),

  one('squawk:ban-drop-database', 'bad', 'DROP DATABASE', 'DROP DATABASE "cts";', [['drop-database']]),
  one('squawk:ban-drop-not-null', 'bad', 'DROP NOT NULL', 'ALTER TABLE "users" ALTER COLUMN "username" DROP NOT NULL;', [['drop-not-null']]),

  one('squawk:ban-drop-table', 'bad', 'DROP TABLE', 'DROP TABLE "site_logs";', [['drop-table']]),
  one('squawk:ban-drop-table', 'good', 'a table created in the same migration', sql('CREATE TABLE "draft_notes" ("id" text PRIMARY KEY);', 'DROP TABLE "draft_notes";'), [[], []]),

  one(
    'squawk:ban-duplicate-column-assignments',
    'bad',
    'a column twice in CREATE TABLE, a view and an UPDATE',
    sql('CREATE TABLE "dup_notes" ("a" integer, "a" text);', 'CREATE VIEW "dup_view" ("a", "a") AS SELECT 1, 2;', 'UPDATE "users" SET "role" = \'admin\', "role" = \'viewer\' WHERE "id" = \'u1\';'),
    [['duplicate-column'], ['duplicate-column'], ['duplicate-column']],
  ),
  one(
    'squawk:ban-duplicate-column-assignments',
    'good',
    'each column once',
    sql('CREATE TABLE "dup_notes" ("a" integer);', 'CREATE VIEW "dup_view" ("a", "b") AS SELECT 1, 2;', 'UPDATE "users" SET "role" = \'viewer\' WHERE "id" = \'u1\';'),
    [[], [], []],
  ),

  one('squawk:ban-truncate-cascade', 'bad', 'TRUNCATE ... CASCADE', 'TRUNCATE "exchange_connections" CASCADE;', [['truncate', 'truncate-cascade']]),
  one('squawk:ban-truncate-cascade', 'good', 'the tables named (still a TRUNCATE: every row goes)', 'TRUNCATE "site_logs", "statistics_daily";', [['truncate']]),

  one('squawk:ban-uncommitted-transaction', 'bad', 'BEGIN without COMMIT', sql('BEGIN;', 'CREATE TABLE "notes" ("id" bigint PRIMARY KEY);'), [['transaction-control'], []]),
  one('squawk:ban-uncommitted-transaction', 'good', 'no transaction statements: the runner wraps the migration', 'CREATE TABLE "notes" ("id" bigint PRIMARY KEY);', [[]]),

  one('squawk:changing-column-type', 'bad', 'ALTER COLUMN TYPE', 'ALTER TABLE "exchange_positions" ALTER COLUMN "leverage" TYPE bigint;', [['column-type-change']]),
  one('squawk:changing-column-type', 'good', 'a new column to backfill instead', 'ALTER TABLE "exchange_positions" ADD COLUMN "leverage_v2" bigint;', [[]]),

  one('squawk:constraint-missing-not-valid', 'bad', 'CHECK validated at once', 'ALTER TABLE "exchange_connections" ADD CONSTRAINT "ck_exc_volume_factor_min" CHECK ("volume_factor" >= 0);', [['constraint-validated']]),
  {
    source: 'squawk:constraint-missing-not-valid',
    example: 'good',
    note: 'NOT VALID, then VALIDATE in a later migration',
    migrations: [
      { sql: 'ALTER TABLE "exchange_connections" ADD CONSTRAINT "ck_exc_volume_factor_min" CHECK ("volume_factor" >= 0) NOT VALID;', expected: [[]] },
      { sql: 'ALTER TABLE "exchange_connections" VALIDATE CONSTRAINT "ck_exc_volume_factor_min";', expected: [[]] },
    ],
  },
  one(
    'squawk:constraint-missing-not-valid',
    'bad',
    'VALIDATE in the same transaction as the NOT VALID add',
    sql('ALTER TABLE "exchange_connections" ADD CONSTRAINT "ck_exc_volume_factor_min" CHECK ("volume_factor" >= 0) NOT VALID;', 'ALTER TABLE "exchange_connections" VALIDATE CONSTRAINT "ck_exc_volume_factor_min";'),
    [[], ['validate-in-same-transaction']],
  ),
  one(
    'squawk:constraint-missing-not-valid',
    'good',
    'VALIDATE right after the add in a migration outside a transaction (each statement commits)',
    outsideTransaction('ALTER TABLE "exchange_connections" ADD CONSTRAINT "ck_exc_volume_factor_min" CHECK ("volume_factor" >= 0) NOT VALID;', 'ALTER TABLE "exchange_connections" VALIDATE CONSTRAINT "ck_exc_volume_factor_min";'),
    [[], []],
  ),

  one('squawk:disallowed-unique-constraint', 'bad', 'ADD CONSTRAINT ... UNIQUE on an existing table', 'ALTER TABLE "exchange_connections" ADD CONSTRAINT "uq_exc_api_key" UNIQUE ("api_key");', [['unique-constraint']]),
  one('squawk:disallowed-unique-constraint', 'bad', 'ADD COLUMN ... UNIQUE', 'ALTER TABLE "exchange_connections" ADD COLUMN "external_id" text CONSTRAINT "uq_exc_external_id" UNIQUE;', [['unique-constraint']]),
  {
    source: 'squawk:disallowed-unique-constraint',
    example: 'good',
    note: 'unique index built concurrently, then UNIQUE USING INDEX',
    migrations: [
      { sql: outsideTransaction('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "uq_exc_api_key_idx" ON "exchange_connections" ("api_key");'), expected: [[]] },
      { sql: 'ALTER TABLE "exchange_connections" ADD CONSTRAINT "uq_exc_api_key" UNIQUE USING INDEX "uq_exc_api_key_idx";', expected: [[]] },
    ],
  },

  one(
    'squawk:identifier-too-long',
    'bad',
    'names PostgreSQL (with the prefix in front) would cut',
    'CREATE TABLE "table_very_long_very_long_very_long_very_long" ("column_very_long_very_long_very_long_very_long_very_long_very_long" bigint);',
    [['identifier-too-long']],
  ),
  one('squawk:identifier-too-long', 'good', 'short names', 'CREATE TABLE "a_shorter_table_name" ("a_shorter_column_name" bigint);', [[]]),

  one('squawk:prefer-bigint-over-int', 'bad', 'serial key', 'CREATE TABLE "posts" ("id" serial PRIMARY KEY);', [['prefer-identity', 'prefer-bigint-key']]),
  one('squawk:prefer-bigint-over-int', 'bad', 'int key', 'CREATE TABLE "posts" ("id" int PRIMARY KEY);', [['prefer-bigint-key']]),
  one('squawk:prefer-bigint-over-int', 'bad', 'int4 key named by a table constraint', 'CREATE TABLE "posts" ("id" int4, "title" text, PRIMARY KEY ("id"));', [['prefer-bigint-key']]),
  one('squawk:prefer-bigint-over-int', 'good', 'bigint key', 'CREATE TABLE "posts" ("id" bigint PRIMARY KEY);', [[]]),
  one('squawk:prefer-bigint-over-int', 'good', 'an integer that is not a key (a counter)', 'CREATE TABLE "posts" ("id" bigint PRIMARY KEY, "views" integer DEFAULT 0 NOT NULL);', [[]]),
  one('squawk:prefer-bigint-over-smallint', 'bad', 'smallserial key', 'CREATE TABLE "posts" ("id" smallserial PRIMARY KEY);', [['prefer-identity', 'prefer-bigint-key']]),
  one('squawk:prefer-bigint-over-smallint', 'bad', 'smallint key', 'CREATE TABLE "posts" ("id" smallint PRIMARY KEY);', [['prefer-bigint-key']]),
  one('squawk:prefer-bigint-over-smallint', 'good', 'bigint identity key', 'CREATE TABLE "posts" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);', [[]]),

  one('squawk:prefer-identity', 'bad', 'bigserial', 'CREATE TABLE "app_users" ("id" bigserial);', [['prefer-identity']]),
  one('squawk:prefer-identity', 'good', 'identity', 'CREATE TABLE "app_users" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);', [[]]),

  one('squawk:prefer-repack', 'bad', 'VACUUM FULL and CLUSTER', sql('VACUUM FULL "site_logs";', 'CLUSTER "site_logs" USING "idx_slog_created_at";'), [['prefer-repack'], ['prefer-repack']]),
  one('squawk:prefer-repack', 'good', 'a plain VACUUM (no rewrite)', outsideTransaction('VACUUM (ANALYZE) "site_logs";'), [[]]),

  one(
    'squawk:prefer-robust-stmts',
    'bad',
    'outside a transaction, statements that fail when re-run',
    outsideTransaction('ALTER TABLE "users" ADD COLUMN "billing_email" text;', 'CREATE INDEX CONCURRENTLY "idx_usr_billing_email" ON "users" ("billing_email");', 'CREATE TABLE "billing_events" ("id" text PRIMARY KEY);'),
    [['prefer-robust-stmts'], ['prefer-robust-stmts'], ['prefer-robust-stmts']],
  ),
  one(
    'squawk:prefer-robust-stmts',
    'good',
    'the same with IF NOT EXISTS',
    outsideTransaction('ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "billing_email" text;', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_usr_billing_email" ON "users" ("billing_email");', 'CREATE TABLE IF NOT EXISTS "billing_events" ("id" text PRIMARY KEY);'),
    [[], [], []],
  ),
  one('squawk:prefer-robust-stmts', 'good', 'inside the runner\'s transaction a failure undoes everything', 'ALTER TABLE "users" ADD COLUMN "billing_email" text;', [[]]),

  one('squawk:prefer-text-field', 'bad', 'varchar(n)', 'CREATE TABLE "app_user" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "email" varchar(100) NOT NULL);', [['prefer-text']]),
  one(
    'squawk:prefer-text-field',
    'good',
    'text with a length check',
    sql('CREATE TABLE "app_user" ("id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "email" text NOT NULL);', 'ALTER TABLE "app_user" ADD CONSTRAINT "text_size" CHECK (length("email") <= 100);'),
    [[], []],
  ),

  one('squawk:prefer-timestamptz', 'bad', 'timestamp columns', 'CREATE TABLE "app_events" ("created_ts" timestamp, "modified_ts" timestamp without time zone);', [['prefer-timestamptz']]),
  one('squawk:prefer-timestamptz', 'good', 'timestamptz columns', 'CREATE TABLE "app_events" ("created_ts" timestamptz, "modified_ts" timestamptz);', [[]]),
  one(
    'squawk:prefer-timestamptz',
    'bad',
    'a type change to timestamp (also a type change)',
    'ALTER TABLE "site_logs" ALTER COLUMN "created_at" TYPE timestamp, ALTER COLUMN "updated_at" TYPE timestamp without time zone;',
    [['prefer-timestamptz', 'column-type-change']],
  ),
  one('squawk:prefer-timestamptz', 'good', 'a type change to timestamptz (still a type change)', 'ALTER TABLE "site_logs" ALTER COLUMN "created_at" TYPE timestamptz;', [['column-type-change']]),

  one('squawk:renaming-column', 'bad', 'RENAME COLUMN', 'ALTER TABLE "users" RENAME COLUMN "email" TO "email_address";', [['rename-column']]),
  one('squawk:renaming-table', 'bad', 'RENAME TO', 'ALTER TABLE "users" RENAME TO "accounts";', [['rename-table']]),
  one('squawk:renaming-table', 'good', 'a view under the new name first', 'CREATE VIEW "accounts" AS SELECT * FROM "users";', [[]]),

  one('squawk:require-concurrent-index-creation', 'bad', 'CREATE INDEX on an existing table', 'CREATE INDEX "idx_usr_email" ON "users" ("email");', [['index-not-concurrent']]),
  one('squawk:require-concurrent-index-creation', 'good', 'CONCURRENTLY outside a transaction', outsideTransaction('CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_usr_email" ON "users" ("email");'), [[]]),
  one('squawk:require-concurrent-index-creation', 'good', 'an index on a table created in the same migration', sql('CREATE TABLE "notes" ("id" text PRIMARY KEY, "body" text);', 'CREATE INDEX "idx_notes_body" ON "notes" ("body");'), [[], []]),

  one('squawk:require-concurrent-index-deletion', 'bad', 'DROP INDEX', 'DROP INDEX "idx_slog_created_at";', [['drop-index-not-concurrent']]),
  one('squawk:require-concurrent-index-deletion', 'bad', 'DROP INDEX CONCURRENTLY in a transactional migration', 'DROP INDEX CONCURRENTLY IF EXISTS "idx_slog_created_at";', [['concurrently-in-transaction']]),
  one('squawk:require-concurrent-index-deletion', 'good', 'DROP INDEX CONCURRENTLY outside a transaction', outsideTransaction('DROP INDEX CONCURRENTLY IF EXISTS "idx_slog_created_at";'), [[]]),

  one('squawk:require-concurrent-partition-detach', 'bad', 'DETACH PARTITION', 'ALTER TABLE "site_logs" DETACH PARTITION "site_logs_2025";', [['detach-partition-not-concurrent']]),
  one('squawk:require-concurrent-partition-detach', 'good', 'DETACH PARTITION CONCURRENTLY outside a transaction', outsideTransaction('ALTER TABLE "site_logs" DETACH PARTITION "site_logs_2025" CONCURRENTLY;'), [[]]),

  one('squawk:require-concurrent-reindex', 'bad', 'REINDEX TABLE and INDEX', sql('REINDEX TABLE "site_logs";', 'REINDEX INDEX "idx_slog_created_at";'), [['reindex-not-concurrent'], ['reindex-not-concurrent']]),
  one('squawk:require-concurrent-reindex', 'good', 'REINDEX CONCURRENTLY outside a transaction', outsideTransaction('REINDEX TABLE CONCURRENTLY "site_logs";', 'REINDEX INDEX CONCURRENTLY "idx_slog_created_at";'), [[], []]),

  one('squawk:require-enum-value-ordering', 'bad', 'ADD VALUE appended last', 'ALTER TYPE "position_status" ADD VALUE \'pending_review\';', [['enum-value-ordering']]),
  one('squawk:require-enum-value-ordering', 'good', 'ADD VALUE BEFORE', 'ALTER TYPE "position_status" ADD VALUE \'pending_review\' BEFORE \'approved\';', [[]]),
  one('squawk:require-enum-value-ordering', 'good', 'ADD VALUE AFTER', 'ALTER TYPE "position_status" ADD VALUE \'pending_review\' AFTER \'submitted\';', [[]]),

  one('squawk:require-lock-timeout', 'good', 'no SET lock_timeout: the runner sets it for every statement', 'ALTER TABLE "users" ADD COLUMN "nickname" text;', [[]]),
  one('squawk:require-lock-timeout', 'good', 'a lock_timeout of its own', sql('SET lock_timeout = \'1s\';', 'ALTER TABLE "users" ADD COLUMN "nickname" text;'), [[], []]),
  one('squawk:require-lock-timeout', 'bad', 'the runner\'s lock_timeout turned off', sql('SET lock_timeout = 0;', 'ALTER TABLE "users" ADD COLUMN "nickname" text;'), [['lock-timeout-disabled'], []]),
  one('squawk:require-timeout-settings', 'bad', 'RESET lock_timeout and SET ... TO DEFAULT', sql('RESET lock_timeout;', 'SET LOCAL lock_timeout TO DEFAULT;', "SET lock_timeout = '0s';"), [['lock-timeout-disabled'], ['lock-timeout-disabled'], ['lock-timeout-disabled']]),
  one('squawk:require-timeout-settings', 'good', 'both timeouts set', sql("SET lock_timeout = '1s';", "SET statement_timeout = '5s';", 'ALTER TABLE "users" ADD COLUMN "nickname" text;'), [[], [], []]),

  one('squawk:syntax-error', 'bad', 'trailing comma', 'SELECT f(1,2,);', [['syntax-error']]),
  one('squawk:syntax-error', 'good', 'valid SQL', 'SELECT f(1,2);', [[]]),

  one('squawk:transaction-nesting', 'bad', 'BEGIN and COMMIT inside the runner\'s transaction', sql('BEGIN;', 'ALTER TABLE "users" ADD COLUMN "nickname" text;', 'COMMIT;'), [['transaction-control'], [], ['transaction-control']]),
  one('squawk:transaction-nesting', 'good', 'the statements alone', 'ALTER TABLE "users" ADD COLUMN "nickname" text;', [[]]),
];
