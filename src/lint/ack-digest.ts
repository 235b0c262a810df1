import { createHash } from 'node:crypto';
import { tokenize } from '../migrate/sql-tokenizer.js';

// Without zod (lint-acks.ts validates the file with it): the migrator's prefix check needs only these, and an
// up-to-date start-up loaded all of zod through them.

/**
 * Reviewed lint findings, kept beside the migrations in `drizzle/lint-acks.json` rather than in them: an
 * acknowledgement written after a migration was applied must not change the migration's bytes, its checksum
 * or what the ledger recorded. Each one names the migration, the statement (by digest) and the rule.
 */
export const LINT_ACKS_FILE = 'drizzle/lint-acks.json';

/** One reviewed finding (lint-acks.ts checks the file's entries against this shape). */
export interface LintAck {
  readonly dialect: 'pg' | 'sqlite';
  readonly tag: string;
  /** {@link statementDigest} of the statement. */
  readonly statement: string;
  readonly rule: string;
  readonly reason: string;
}

/**
 * The statement's identity for an acknowledgement: its SQL without comments, whitespace collapsed, hashed. A
 * comment or a reindent does not change it; any change to what runs does.
 */
export function statementDigest(statement: string): string {
  const text = tokenize(statement)
    .filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment')
    .map((t) => t.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The entry to add for a finding, as the commands print it. */
export function ackEntry(dialect: 'pg' | 'sqlite', tag: string, statement: string, rule: string): string {
  return JSON.stringify({ dialect, tag, statement, rule, reason: '<why this is safe>' });
}
