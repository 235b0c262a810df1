import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CtsDbError } from '../errors/cts-db-error.js';
import { LINT_ACKS_FILE, type LintAck } from './ack-digest.js';

export { LINT_ACKS_FILE, ackEntry, statementDigest, type LintAck } from './ack-digest.js';

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
