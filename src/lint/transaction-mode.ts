import { NO_TRANSACTION_MARKER } from '../migrate/transaction-marker.js';

/**
 * Whether the migration's first line is the runner's marker for running outside a transaction (for CREATE
 * INDEX CONCURRENTLY and the like): the same test as the runner's transactionModeOf, which also refuses a
 * misplaced or unknown marker; the lint only needs to know which rules apply.
 */
export function isNonTransactional(sql: string): boolean {
  return (sql.split('\n', 1)[0]?.trimEnd() ?? '') === NO_TRANSACTION_MARKER;
}
