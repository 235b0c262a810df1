/**
 * What a driver error says, in the same terms on both engines: each dialect folder has a reader that turns its
 * driver's error into this (`pg/pg-failure.ts`, `sqlite/sqlite-failure.ts`). Names are base names (the prefix
 * taken off) as the engine wrote them; columns are SQL names. Anything an engine does not say is undefined.
 */
export type DriverFailure =
  | {
      readonly kind: 'unique';
      readonly table: string | undefined;
      readonly constraint: string | undefined;
      readonly columns: readonly string[] | undefined;
      readonly primary: boolean;
      /** PostgreSQL's `Key (...)=(...)` values: the whole text, and the values one by one when that split is unambiguous. */
      readonly detail: { readonly text: string; readonly values: readonly string[] | undefined } | undefined;
    }
  | {
      readonly kind: 'foreign';
      /** The table that owns the foreign key (PostgreSQL says; SQLite does not). */
      readonly table: string | undefined;
      readonly constraint: string | undefined;
      /** `child`: a row refers to a missing parent; `parent`: a parent still referred to was changed or deleted. */
      readonly side: 'child' | 'parent' | undefined;
    }
  | { readonly kind: 'notNull'; readonly table: string | undefined; readonly column: string }
  | { readonly kind: 'check'; readonly table: string | undefined; readonly constraint: string }
  | { readonly kind: 'retryable'; readonly reason: string };

/** Reads one dialect's driver error; undefined when it is not one of the failures above. */
export type FailureReader = (error: unknown, prefix: string) => DriverFailure | undefined;

/**
 * The error and its causes, outermost first: drizzle wraps the driver's error in DrizzleQueryError, libSQL wraps
 * the native SqliteError in a LibsqlError, and the accessors' prepared and bulk paths throw the driver's own.
 */
export function* causeChain(error: unknown): Generator<object> {
  const seen = new Set<unknown>();
  let current = error;
  // Bounded: a cause chain is a handful deep; a cycle or a pathological chain must not hang error handling.
  while (typeof current === 'object' && current !== null && !seen.has(current) && seen.size < 16) {
    seen.add(current);
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** `acc_uq_usr_username` -> `uq_usr_username` for prefix `acc`; a name without the prefix is returned as it is. */
export function withoutPrefix(name: string, prefix: string): string {
  return prefix !== '' && name.startsWith(`${prefix}_`) ? name.slice(prefix.length + 1) : name;
}
