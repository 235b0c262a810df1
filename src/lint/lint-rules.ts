/**
 * The rules of the migration safety lint, after squawk's rules and strong_migrations' checks (named in
 * `sources`, so a reader can compare), each with what goes wrong and the safer pattern. `error` marks a
 * statement that cannot run as written or always does damage; `warning` one that is safe only after review
 * (a small table, a deliberate drop). db:check fails on either until it is acknowledged.
 */
interface RuleSpec {
  readonly level: 'error' | 'warning';
  readonly risk: string;
  readonly safer: string;
  /** squawk rule ids and strong_migrations operations this rule stands for. */
  readonly sources: readonly string[];
}

const rules = {
  'drop-table': {
    level: 'warning',
    risk: 'deletes the table and every row in it',
    safer: 'expand/contract: stop using the table in a release first, back it up (pnpm db:backup), drop it in a later migration',
    sources: ['squawk:ban-drop-table', 'strong_migrations:creating a table with the force option'],
  },
  'drop-column': {
    level: 'warning',
    risk: 'deletes the column and every value in it; the running app may still read or write it',
    safer: 'expand/contract: stop using the column in a release first, then drop it in a later migration',
    sources: ['squawk:ban-drop-column', 'strong_migrations:removing a column'],
  },
  'column-type-change': {
    level: 'warning',
    risk: 'rewrites every row under an exclusive lock, can fail on existing values, and converts them differently per engine (PostgreSQL casts, e.g. 3 -> 3.00 for numeric; SQLite keeps the stored value, e.g. 3 -> \'3\')',
    safer: 'add a new column of the new type, backfill it with an explicit conversion in a custom migration (pnpm db:migrate:create), switch the app, then drop the old column',
    sources: ['squawk:changing-column-type', 'strong_migrations:changing the type of a column'],
  },
  'table-rebuild': {
    level: 'warning',
    risk: 'SQLite rebuilds the table (create __new_, copy every row, drop, rename): slow on a big table, and values are copied as stored, not converted to the new type',
    safer: 'check the copied values on a backup; for a type change, add a new column and backfill it explicitly instead',
    sources: [],
  },
  'rename-table': {
    level: 'warning',
    risk: 'the running app (the previous release) still uses the old name and fails until it is replaced',
    safer: 'expand/contract: create the new table or a view, write to both, switch reads, then drop the old one; or deploy the rename with downtime',
    sources: ['squawk:renaming-table', 'strong_migrations:renaming a table'],
  },
  'rename-column': {
    level: 'warning',
    risk: 'the running app (the previous release) still uses the old name and fails until it is replaced',
    safer: 'expand/contract: add the new column, write to both and backfill, switch reads, then drop the old column; or deploy the rename with downtime',
    sources: ['squawk:renaming-column', 'strong_migrations:renaming a column'],
  },
  'set-not-null': {
    level: 'warning',
    risk: 'scans the whole table under an exclusive lock, and fails if any row holds NULL',
    safer: 'backfill NULLs first; on PostgreSQL add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL (no scan once a validated check proves it)',
    sources: ['squawk:adding-not-nullable-field', 'strong_migrations:setting NOT NULL on an existing column'],
  },
  'add-not-null-column': {
    level: 'warning',
    risk: 'a NOT NULL column without a default cannot be added to a table that has rows, and the running app does not write it',
    safer: 'add it with a non-volatile default, or nullable, backfill, then set NOT NULL',
    sources: ['squawk:adding-required-field'],
  },
  'constraint-validated': {
    level: 'warning',
    risk: 'validates every existing row while holding a lock that blocks writes to the table (and, for a foreign key, to the referenced table)',
    safer: 'PostgreSQL: ALTER TABLE ... ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration; for ADD COLUMN ... REFERENCES add the column first, then the foreign key that way',
    sources: ['squawk:constraint-missing-not-valid', 'squawk:adding-foreign-key-constraint', 'strong_migrations:adding a foreign key', 'strong_migrations:adding a check constraint', 'strong_migrations:adding a reference'],
  },
  'validate-in-same-transaction': {
    level: 'warning',
    risk: 'VALIDATE CONSTRAINT runs in the transaction that added the constraint NOT VALID, which still holds the lock that blocks writes: the scan blocks writes after all',
    safer: 'move ALTER TABLE ... VALIDATE CONSTRAINT to a later migration (or a migration marked `-- cts:transaction none`)',
    sources: ['squawk:constraint-missing-not-valid', 'strong_migrations:adding a foreign key', 'strong_migrations:adding a check constraint'],
  },
  'unique-constraint': {
    level: 'warning',
    risk: 'ADD ... UNIQUE builds its index under an exclusive lock that blocks reads and writes, and fails on existing duplicates',
    safer: 'in a migration marked `-- cts:transaction none`: CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ...; then in a later migration ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX ...',
    sources: ['squawk:disallowed-unique-constraint', 'strong_migrations:adding a unique constraint'],
  },
  'add-primary-key': {
    level: 'warning',
    risk: 'ADD PRIMARY KEY builds its index (and checks NOT NULL) under an exclusive lock that blocks reads and writes',
    safer: 'in a migration marked `-- cts:transaction none`: CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ...; then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX ...',
    sources: ['squawk:adding-serial-primary-key-field'],
  },
  'exclusion-constraint': {
    level: 'warning',
    risk: 'an exclusion constraint is built and checked under an exclusive lock, and cannot be added NOT VALID',
    safer: 'add it while the table is new or small, or enforce the rule in the app; acknowledge it after review',
    sources: ['strong_migrations:adding an exclusion constraint'],
  },
  'volatile-default': {
    level: 'warning',
    risk: 'a column with a volatile default (random(), gen_random_uuid(), clock_timestamp(), ...) is written into every row: a table rewrite under an exclusive lock',
    safer: 'add the column without a default, SET DEFAULT in a following statement (new rows only), then backfill existing rows in batches',
    sources: ['squawk:adding-field-with-default', 'strong_migrations:adding a column with a volatile default value'],
  },
  'add-auto-increment-column': {
    level: 'warning',
    risk: 'a serial or identity column added to an existing table fills every row: a table rewrite under an exclusive lock',
    safer: 'create a new table with the column and copy the rows in batches, or add a nullable bigint, backfill it, then attach a sequence',
    sources: ['strong_migrations:adding an auto-incrementing column'],
  },
  'stored-generated-column': {
    level: 'warning',
    risk: 'a stored generated column added to an existing table rewrites the whole table under an exclusive lock',
    safer: 'add a plain nullable column, fill it with a trigger for new rows, backfill existing rows in batches',
    sources: ['squawk:adding-field-with-default', 'strong_migrations:adding a stored generated column'],
  },
  'index-not-concurrent': {
    level: 'warning',
    risk: 'CREATE INDEX without CONCURRENTLY blocks writes to the table until the index is built',
    safer: 'put CREATE INDEX CONCURRENTLY IF NOT EXISTS ... in its own migration whose first line is `-- cts:transaction none` (applied outside a transaction); on a small table acknowledge it',
    sources: ['squawk:require-concurrent-index-creation', 'strong_migrations:adding an index non-concurrently'],
  },
  'concurrently-in-transaction': {
    level: 'error',
    risk: 'CONCURRENTLY cannot run inside a transaction block, and the runner applies this migration in one: it fails at deploy',
    safer: 'make `-- cts:transaction none` the first line of the migration (the runner then applies it statement by statement outside a transaction), and keep other statements out of it',
    sources: ['squawk:ban-concurrent-index-creation-in-transaction'],
  },
  'drop-index-not-concurrent': {
    level: 'warning',
    risk: 'DROP INDEX without CONCURRENTLY takes an exclusive lock on the table, blocking reads and writes while it waits and runs',
    safer: 'DROP INDEX CONCURRENTLY IF EXISTS ... in a migration whose first line is `-- cts:transaction none`',
    sources: ['squawk:require-concurrent-index-deletion', 'strong_migrations:removing an index non-concurrently'],
  },
  'reindex-not-concurrent': {
    level: 'warning',
    risk: 'REINDEX without CONCURRENTLY blocks reads and writes of the table while it rebuilds',
    safer: 'REINDEX ... CONCURRENTLY in a migration whose first line is `-- cts:transaction none`',
    sources: ['squawk:require-concurrent-reindex'],
  },
  'detach-partition-not-concurrent': {
    level: 'warning',
    risk: 'DETACH PARTITION without CONCURRENTLY takes an exclusive lock on the parent table, blocking reads and writes',
    safer: 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY in a migration whose first line is `-- cts:transaction none`',
    sources: ['squawk:require-concurrent-partition-detach'],
  },
  'index-too-many-columns': {
    level: 'warning',
    risk: 'a non-unique index over more than three columns is rarely used for all of them and slows every write',
    safer: 'index the three most selective leading columns, or a partial index',
    sources: ['strong_migrations:keeping non-unique indexes to three columns or less'],
  },
  'drop-not-null': {
    level: 'warning',
    risk: 'code that relied on the column never being NULL (the running release, reports, triggers) may fail on the first NULL',
    safer: 'keep NOT NULL and write a marker value, or expand/contract to a new nullable column',
    sources: ['squawk:ban-drop-not-null'],
  },
  truncate: {
    level: 'warning',
    risk: 'TRUNCATE deletes every row of the table at once, under an exclusive lock',
    safer: 'back it up first (pnpm db:backup); delete the rows you mean in batches with a WHERE clause',
    sources: ['squawk:ban-truncate-cascade'],
  },
  'truncate-cascade': {
    level: 'warning',
    risk: 'TRUNCATE ... CASCADE also empties every table that references it, recursively, including tables not named here',
    safer: 'name every table to truncate explicitly, without CASCADE',
    sources: ['squawk:ban-truncate-cascade'],
  },
  'whole-table-write': {
    level: 'warning',
    risk: 'UPDATE or DELETE without WHERE touches every row in one transaction: it locks them all, bloats the table and can run for a long time',
    safer: 'backfill in batches (WHERE id in a range, repeated) in a custom migration marked `-- cts:transaction none`, or from a script',
    sources: ['strong_migrations:backfilling data'],
  },
  'backfill-with-ddl': {
    level: 'warning',
    risk: 'the data change runs in the same transaction as a schema change, so the schema change\'s exclusive lock is held until the data change ends',
    safer: 'put the backfill in its own migration after the schema change (marked `-- cts:transaction none` to commit each batch)',
    sources: ['strong_migrations:backfilling data'],
  },
  'ban-char': {
    level: 'warning',
    risk: 'char(n) pads values with spaces and is slower than text in PostgreSQL',
    safer: 'use text (with a CHECK (length(col) <= n) if a limit matters)',
    sources: ['squawk:ban-char-field'],
  },
  'prefer-text': {
    level: 'warning',
    risk: 'varchar(n): raising the limit later is a type change, and lowering it rewrites the table under an exclusive lock',
    safer: 'use text with CHECK (length(col) <= n), added NOT VALID and validated, which can be changed without a rewrite',
    sources: ['squawk:prefer-text-field'],
  },
  'prefer-timestamptz': {
    level: 'warning',
    risk: 'timestamp without time zone drops the UTC offset: the same instant written from two zones reads back as two different times',
    safer: 'use timestamptz (timestamp with time zone)',
    sources: ['squawk:prefer-timestamptz'],
  },
  'prefer-bigint-key': {
    level: 'warning',
    risk: 'a smallint or integer key runs out at 32767 or 2147483647 rows, and widening it later rewrites the table and every referencing column',
    safer: 'use bigint (bigint GENERATED ALWAYS AS IDENTITY) for keys',
    sources: ['squawk:prefer-bigint-over-int', 'squawk:prefer-bigint-over-smallint'],
  },
  'prefer-identity': {
    level: 'warning',
    risk: 'serial columns own a separate sequence with its own permissions and dump order',
    safer: 'use bigint GENERATED BY DEFAULT AS IDENTITY',
    sources: ['squawk:prefer-identity'],
  },
  'json-column': {
    level: 'warning',
    risk: 'json has no equality operator: SELECT DISTINCT and UNION over the table fail, and it is re-parsed on every read',
    safer: 'use jsonb',
    sources: ['strong_migrations:adding a json column'],
  },
  'domain-constraint': {
    level: 'warning',
    risk: 'a constraint on a domain is re-checked on every column using the domain, and changing it needs rewrites that cannot be done online',
    safer: 'put the CHECK on the columns themselves (added NOT VALID, then validated)',
    sources: ['squawk:ban-create-domain-with-constraint', 'squawk:ban-alter-domain-with-add-constraint'],
  },
  'enum-value-ordering': {
    level: 'warning',
    risk: 'ADD VALUE without BEFORE or AFTER appends the value last, which changes the meaning of comparisons such as status < \'approved\'',
    safer: 'ALTER TYPE ... ADD VALUE ... BEFORE or AFTER the neighbour it belongs next to',
    sources: ['squawk:require-enum-value-ordering'],
  },
  'rename-enum-value': {
    level: 'warning',
    risk: 'the running app (the previous release) still writes the old value and fails until it is replaced',
    safer: 'add the new value, switch the app to it, migrate the rows, and stop using the old one',
    sources: ['strong_migrations:renaming an enum value'],
  },
  'rename-schema': {
    level: 'warning',
    risk: 'every query of the running app that names the schema fails until it is replaced',
    safer: 'create the new schema and move objects over while the app uses both; or deploy with downtime',
    sources: ['strong_migrations:renaming a schema'],
  },
  'prefer-repack': {
    level: 'warning',
    risk: 'VACUUM FULL and CLUSTER rewrite the table under an exclusive lock that blocks reads and writes',
    safer: 'leave space reclamation to autovacuum, or use pg_repack (REPACK CONCURRENTLY from PostgreSQL 19) outside the migrations',
    sources: ['squawk:prefer-repack'],
  },
  'prefer-robust-stmts': {
    level: 'warning',
    risk: 'this migration runs outside a transaction: if it stops half way, re-running it fails on the objects the first run already made',
    safer: 'write it so it can run again: CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS',
    sources: ['squawk:prefer-robust-stmts'],
  },
  'lock-timeout-disabled': {
    level: 'warning',
    risk: 'the runner bounds every statement\'s lock wait (lock_timeout, DB_DDL_LOCK_TIMEOUT_MS); turning it off lets a statement queue every reader and writer behind it',
    safer: 'leave lock_timeout to the runner (raise DB_DDL_LOCK_TIMEOUT_MS if a statement needs longer), never SET lock_timeout = 0 or RESET it',
    sources: ['squawk:require-lock-timeout', 'squawk:require-timeout-settings'],
  },
  'transaction-control': {
    level: 'error',
    risk: 'BEGIN, COMMIT, ROLLBACK or END inside a migration break the transaction the runner wraps it in: part of the migration commits or nothing does, and the ledger no longer matches',
    safer: 'remove them: the runner applies each migration in one transaction; for statements that cannot run in one, make `-- cts:transaction none` the first line',
    sources: ['squawk:ban-uncommitted-transaction', 'squawk:transaction-nesting'],
  },
  'drop-database': {
    level: 'error',
    risk: 'drops a whole database, every table of every prefix in it',
    safer: 'never from a migration: migrations change this prefix\'s objects only',
    sources: ['squawk:ban-drop-database'],
  },
  'duplicate-column': {
    level: 'error',
    risk: 'a column named twice in one CREATE TABLE, view or UPDATE fails when it runs',
    safer: 'name each column once',
    sources: ['squawk:ban-duplicate-column-assignments'],
  },
  'identifier-too-long': {
    level: 'warning',
    risk: 'PostgreSQL cuts identifiers after 63 bytes with only a notice; the runner adds the prefix (up to 24 bytes and an underscore) to table, index and constraint names, so such a base name over 38 bytes (a column over 63) may be cut and collide',
    safer: 'shorten the name',
    sources: ['squawk:identifier-too-long'],
  },
  'syntax-error': {
    level: 'error',
    risk: 'PostgreSQL\'s parser rejects the statement: the migration fails at deploy',
    safer: 'fix the SQL (the message gives PostgreSQL\'s error and position)',
    sources: ['squawk:syntax-error'],
  },
} as const satisfies Record<string, RuleSpec>;

export const LINT_RULES: { readonly [K in keyof typeof rules]: RuleSpec & (typeof rules)[K] } = rules;

export type LintRule = keyof typeof rules;
