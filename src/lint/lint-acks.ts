import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CtsDbError } from '../errors/cts-db-error.js';
import { tokenize } from '../migrate/sql-tokenizer.js';

/**
 * Reviewed lint findings, kept beside the migrations in `drizzle/lint-acks.json` rather than in them: an
 * acknowledgement written after a migration was applied must not change the migration's bytes, its checksum
 * or what the ledger recorded. Each one names the migration, the statement (by digest) and the rule.
 */
export const LINT_ACKS_FILE = 'drizzle/lint-acks.json';

const ackSchema = z
  .object({
    dialect: z.enum(['pg', 'sqlite']),
    tag: z.string().min(1),
    /** {@link statementDigest} of the statement. */
    statement: z.string().regex(/^[0-9a-f]{16}$/, 'the first 16 hex digits of the statement digest'),
    rule: z.string().min(1),
    reason: z.string().trim().min(1, 'say why the finding is accepted'),
  })
  .strict();
const fileSchema = z.object({ acks: z.array(ackSchema) }).strict();

export type LintAck = z.infer<typeof ackSchema>;

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

/** The acknowledgements of the repository at `root`; none when the file does not exist. */
export function readLintAcks(root: string): Promise<LintAck[]> {
  return readLintAcksFile(join(root, LINT_ACKS_FILE));
}

/** The acknowledgements in the file at `path` (a migrations folder's `lint-acks.json`); none when it does not exist. */
export async function readLintAcksFile(path: string): Promise<LintAck[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CtsDbError(`cannot read ${LINT_ACKS_FILE}: ${(error as Error).message}`, { code: 'LINT_ACKS_INVALID', subject: LINT_ACKS_FILE, hint: 'make it a readable file, or remove it', cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CtsDbError(`${LINT_ACKS_FILE} is not JSON: ${(error as Error).message}`, { code: 'LINT_ACKS_INVALID', subject: LINT_ACKS_FILE, hint: 'fix the JSON: { "acks": [ { "dialect", "tag", "statement", "rule", "reason" } ] }', cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new CtsDbError(`${LINT_ACKS_FILE}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`, {
      code: 'LINT_ACKS_INVALID',
      subject: LINT_ACKS_FILE,
      hint: 'each entry is { "dialect": "pg" | "sqlite", "tag", "statement": <16 hex digits db:check prints>, "rule", "reason" }',
    });
  }
  return parsed.data.acks;
}

/** The entry to add for a finding, as the commands print it. */
export function ackEntry(dialect: 'pg' | 'sqlite', tag: string, statement: string, rule: string): string {
  return JSON.stringify({ dialect, tag, statement, rule, reason: '<why this is safe>' });
}
