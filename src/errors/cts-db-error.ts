/**
 * Base class of every error this toolkit throws on purpose.
 *
 * `code` is stable (tests and callers switch on it, never on message text), `subject` names the offending
 * variable, file, option or object, and `hint` says how to fix it. The original error is kept as `cause`.
 */
export interface CtsDbErrorDetails {
  readonly code: string;
  readonly subject: string;
  readonly hint: string;
  readonly cause?: unknown;
}

export class CtsDbError extends Error {
  readonly code: string;
  readonly subject: string;
  readonly hint: string;

  constructor(message: string, details: CtsDbErrorDetails) {
    super(`${message}\n  hint: ${details.hint}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.subject = details.subject;
    this.hint = details.hint;
  }
}

/**
 * Duck-typed check instead of `instanceof`, so errors from a second copy of this package (a linked
 * workspace, a bundled route) are still recognised, as drizzle-orm's `is()` does.
 */
export function isCtsDbError(value: unknown): value is CtsDbError {
  return (
    value instanceof Error &&
    typeof (value as Partial<CtsDbError>).code === 'string' &&
    typeof (value as Partial<CtsDbError>).subject === 'string' &&
    typeof (value as Partial<CtsDbError>).hint === 'string'
  );
}
