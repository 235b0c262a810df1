import type { LedgerEntry } from './ledger.js';
import { appliedRowsOnly } from './ledger-progress.js';

/**
 * The compact form in which the one-round-trip state query returns the ledger: one line per row,
 * `journal_idx checksum tag`. It is built in SQL by `ledgerEntriesSql` and is cheaper for the server to
 * build and for us to parse than JSON rows (health checks send it on every call). Tags cannot hold a
 * newline: the journal reader accepts only file-name tags (see `isSafeTag`).
 */
export function ledgerEntriesSql(dialect: 'postgresql' | 'sqlite', ledger: string): string {
  const line = `l.journal_idx || ' ' || l.checksum || ' ' || l.tag`;
  return dialect === 'postgresql'
    ? `(select string_agg(${line}, E'\\n') from ${ledger} l where ${appliedRowsOnly('l')})`
    : `(select group_concat(${line}, char(10)) from ${ledger} l where ${appliedRowsOnly('l')})`;
}

/** Parses `ledgerEntriesSql`'s text (null for an empty ledger), ordered by journal index and tag. */
export function parseLedgerEntries(text: string | null): LedgerEntry[] {
  if (text === null || text === '') return [];
  const entries = text.split('\n').map((line) => {
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    return { journalIdx: Number(line.slice(0, first)), checksum: line.slice(first + 1, second), tag: line.slice(second + 1) };
  });
  return entries.sort((a, b) => a.journalIdx - b.journalIdx || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/**
 * A tag names a file in drizzle/<dialect>/ and a line of the compact ledger form: anything drizzle-kit may
 * write (`_add_users` with `prefix: 'none'`, a `--name` with spaces or non-ASCII letters) except an empty
 * tag, `.`/`..`, a path separator or a control character such as a line break.
 */
export const isSafeTag = (tag: string): boolean => tag !== '' && tag !== '.' && tag !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(tag);
