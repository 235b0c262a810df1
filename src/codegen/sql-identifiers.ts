import { identifierValue, tokenize } from '../migrate/sql-tokenizer.js';

/**
 * Identifier edits inside the small SQL fragments a snapshot holds (CHECK bodies, partial-index predicates,
 * SQLite index expressions). Token-based like the prefix rewriter: a name inside a string literal or a longer
 * word is never touched.
 */
export function mentionsIdentifier(sql: string, name: string): boolean {
  return tokenize(sql).some((t) => identifierValue(t) === name);
}

/** `sql` with every identifier token naming `from` renamed to `to`, keeping its quoting style. */
export function renameIdentifier(sql: string, from: string, to: string): string {
  return tokenize(sql)
    .map((t) => {
      if (identifierValue(t) !== from) return t.text;
      if (t.kind === 'quoted-identifier') return `"${to.replaceAll('"', '""')}"`;
      if (t.kind === 'backtick-identifier') return `\`${to.replaceAll('`', '``')}\``;
      return to;
    })
    .join('');
}
