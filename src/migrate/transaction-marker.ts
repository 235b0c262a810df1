import { MigrationError } from './migration-error.js';
import type { MigrationHead } from './migration-files.js';
import { tokenize } from './sql-tokenizer.js';

/** The first line that makes a PostgreSQL migration run outside a transaction, statement by statement. */
export const NO_TRANSACTION_MARKER = '-- cts:transaction none';

const DIRECTIVE = '-- cts:transaction';

/** How a migration wants to run: in one transaction (every migration by default) or outside any (`none`). */
export type TransactionMode = 'transaction' | 'none';

/**
 * Reads the marker of one migration. Only the exact first line counts; a `-- cts:transaction` comment with
 * another value, or on a later line, is refused rather than ignored: ignoring it would run a CONCURRENTLY
 * statement inside a transaction, where PostgreSQL refuses it only after the earlier statements ran.
 */
export function transactionModeOf(file: Pick<MigrationHead, 'tag' | 'file'> & { readonly sql: string }): TransactionMode {
  const firstLine = file.sql.split('\n', 1)[0]?.trimEnd() ?? '';
  const first = firstLine === NO_TRANSACTION_MARKER;
  // Only comments count (a string literal that mentions the marker is data), hence the tokenizer.
  for (const token of tokenize(file.sql)) {
    if (token.kind !== 'line-comment' || !token.text.startsWith(DIRECTIVE)) continue;
    const text = token.text.trimEnd();
    if (token.offset === 0 && text === NO_TRANSACTION_MARKER) continue;
    const misplaced = text === NO_TRANSACTION_MARKER;
    throw new MigrationError(
      misplaced
        ? `migration ${file.tag} has ${JSON.stringify(NO_TRANSACTION_MARKER)} on a later line (${file.file}); it only counts as the first line`
        : `migration ${file.tag} has an unknown transaction marker ${JSON.stringify(text)} (${file.file})`,
      {
        code: 'MIGRATION_MARKER_INVALID',
        subject: file.file,
        tag: file.tag,
        file: file.file,
        hint: `to run the migration outside a transaction, make ${JSON.stringify(NO_TRANSACTION_MARKER)} its first line (the only value); otherwise remove the comment`,
      },
    );
  }
  return first ? 'none' : 'transaction';
}
