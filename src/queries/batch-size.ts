/**
 * Bind-parameter limits: PostgreSQL's wire protocol counts parameters in 16 bits (65,535), and postgres.js
 * refuses 65,534 and more (`parameters.length >= 65534` in its connection.js: MAX_PARAMETERS_EXCEEDED, found
 * by `pnpm bench` twice, the second time at exactly 65,534: 7 columns x 9,362 rows); SQLite's
 * SQLITE_MAX_VARIABLE_NUMBER defaults to 32,766 since 3.32. A multi-row INSERT over the limit fails outright.
 */
export const MAX_BIND_PARAMETERS = { postgresql: 65_533, sqlite: 32_766 } as const;

/** Rows per INSERT statement so that rows x columns stays within the dialect's limit (at least 1). */
export function rowsPerStatement(dialect: keyof typeof MAX_BIND_PARAMETERS, columnsPerRow: number): number {
  return Math.max(1, Math.floor(MAX_BIND_PARAMETERS[dialect] / Math.max(1, columnsPerRow)));
}

/** Splits rows into consecutive chunks of at most `size`. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
