import type { Options } from 'postgres';

/**
 * The postgres.js options that follow DB_PREPARE. `prepare: false` is the setting for poolers that do not keep
 * named statements (PgBouncer < 1.21 in transaction mode). postgres.js 4 pipelines up to 100 queries on one
 * connection by default, and through PgBouncer 1.18 in transaction mode pipelined unnamed statements hung:
 * test/pooler/pgbouncer.test.ts times out without this. One query in flight per connection, as postgres.js 3.4
 * sent them there, is what such a pooler serves.
 */
export function statementOptions(prepare: boolean): Pick<Options<Record<string, never>>, 'prepare' | 'max_pipeline'> {
  return prepare ? { prepare } : { prepare, max_pipeline: 1 };
}
