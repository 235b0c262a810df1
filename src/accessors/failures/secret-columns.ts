/**
 * The one rule for which columns hold secrets: their values never appear in an error's message, `values` or hint.
 *
 * A word in the name, not a list of columns, so a credential column added later is covered without anyone
 * remembering this file: `passwordHash`, `apiKey`, `apiSecret`, `apiPassphrase`, `refreshToken`. Matched on the
 * TypeScript key or the SQL name alike (underscores dropped, so `api_key` is `apikey`). It errs on the side of
 * hiding: a flag such as `isSecret` matches too, which costs a boolean in a message and nothing else.
 */
const SECRET_WORDS = /password|secret|passphrase|token|apikey/i;

/**
 * @example
 * isSecretColumn('apiKey'); // true
 * isSecretColumn('username'); // false
 */
export function isSecretColumn(column: string): boolean {
  return SECRET_WORDS.test(column.replaceAll('_', ''));
}
