import { ledgerTableName } from './ledger.js';

/**
 * A `-- cts:transaction none` migration commits statement by statement, so a run that dies halfway has to
 * say how far it got. It does so in a row of the ledger itself under the tag `in-progress/<tag>` (with
 * `statements_done`), never under the migration's own tag: a real tag cannot hold a `/` (isSafeTag), so
 * every reader that filters these rows out, and every earlier version of the runner, which knows no such
 * file and refuses to migrate past it, can never take a half-applied migration for an applied one.
 * The row is replaced by the migration's own row in the transaction that records it as applied.
 */
export const PROGRESS_TAG_PREFIX = 'in-progress/';

export const progressTag = (tag: string): string => `${PROGRESS_TAG_PREFIX}${tag}`;

/** SQL condition keeping only the rows of applied migrations (`alias` is the ledger's alias, if any). */
export const appliedRowsOnly = (alias?: string): string => `${alias === undefined ? '' : `${alias}.`}tag not like '${PROGRESS_TAG_PREFIX}%'`;

/**
 * The column progress rows need. Added on first use, not in the ledger's DDL: ledgers created by earlier
 * versions get it the first time a non-transactional migration runs, and a run without one never alters
 * the ledger (ALTER TABLE takes an exclusive lock every health check would queue behind).
 */
export const PROGRESS_COLUMN = 'statements_done';

export const addProgressColumnSql = (prefix: string): string => `alter table "${ledgerTableName(prefix)}" add column if not exists ${PROGRESS_COLUMN} integer`;
