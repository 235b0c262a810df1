import { NamingError } from './naming-error.js';

/** Shape of every valid prefix and base name: lowercase ASCII words joined by single underscores. */
export const NAME_PATTERN = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * Turns a project name into a prefix with the seed's rules: lowercase; every character that is not an
 * ASCII letter or digit becomes `_`; runs of `_` collapse; no leading or trailing `_`.
 *
 * @example
 * sanitizeName('CTS v3.1') // 'cts_v3_1'
 * sanitizeName('Test-Instance-2') // 'test_instance_2'
 */
export function sanitizeName(input: string, subject = 'PROJECT_NAME'): string {
  let out = '';
  // Iterate code points so a surrogate pair becomes one `_`, not two that then collapse anyway.
  for (const ch of input.toLowerCase()) {
    const isAlnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (isAlnum) out += ch;
    else if (!out.endsWith('_')) out += '_';
  }
  if (out.startsWith('_')) out = out.slice(1);
  if (out.endsWith('_')) out = out.slice(0, -1);
  if (out.length === 0) {
    throw new NamingError(`${subject} ${JSON.stringify(input)} has no letters or digits, so it gives an empty prefix`, {
      code: 'NAMING_EMPTY',
      subject,
      hint: 'use a project name with at least one ASCII letter or digit, e.g. "CTS v3.1" (prefix cts_v3_1)',
    });
  }
  return out;
}

/**
 * Checks an explicitly given prefix (`DB_PREFIX`, `dbPrefix`). It is not silently rewritten: an operator who
 * typed a prefix must get exactly that prefix or an error that shows the sanitised form to use instead.
 */
export function assertValidPrefix(prefix: string, subject = 'DB_PREFIX'): string {
  if (NAME_PATTERN.test(prefix)) return prefix;
  let suggestion: string | undefined;
  try {
    suggestion = sanitizeName(prefix, subject);
  } catch {
    // No letter or digit in it: nothing to suggest (the hint says what a prefix is made of instead).
  }
  throw new NamingError(`${subject} ${JSON.stringify(prefix)} is not a valid prefix (expected ${NAME_PATTERN.source})`, {
    code: 'NAMING_INVALID_PREFIX',
    subject,
    hint:
      suggestion === undefined
        ? 'use lowercase ASCII letters and digits separated by single underscores'
        : `use ${JSON.stringify(suggestion)}, or leave ${subject} unset to derive the prefix from PROJECT_NAME`,
  });
}
