/**
 * A migration whose first line is this marker is applied outside a transaction, statement by statement
 * (for CREATE INDEX CONCURRENTLY and the like, which PostgreSQL refuses inside one).
 */
export const TRANSACTION_NONE_MARKER = '-- cts:transaction none';

/** Whether the migration's SQL carries the marker on its first line. */
export function isNonTransactional(sql: string): boolean {
  const newline = sql.indexOf('\n');
  return (newline === -1 ? sql : sql.slice(0, newline)).trim() === TRANSACTION_NONE_MARKER;
}
