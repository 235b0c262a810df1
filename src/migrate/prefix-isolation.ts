import { commandName } from '../errors/command-name.js';
import { ackEntry, LINT_ACKS_FILE, statementDigest, type LintAck } from '../lint/ack-digest.js';
import { MigrationError } from './migration-error.js';
import type { MigrationDialect, MigrationFile } from './migration-files.js';
import { splitStatements } from './prefix-sql.js';

/** The acknowledgement rule that lets a reviewed statement reach outside the prefix. */
export const CROSS_PREFIX_RULE = 'cross-prefix';

/** A statement that reaches an object outside the migrating prefix. */
export interface PrefixViolation {
  readonly tag: string;
  /** The migration's file, for messages. */
  readonly file: string;
  /** 0-based statement index within the migration (as `PlannedMigration.statements`). */
  readonly statement: number;
  /** What is touched, as written: `table b_system_settings`, `role b_app`, `schema other`. */
  readonly object: string;
  /** Why it is not this prefix's: `another prefix's or no prefix's table`, `outside schema public`, ... */
  readonly reason: string;
  /** The statement's digest, for the acknowledgement that would allow it. */
  readonly digest: string;
  /** The start of the prefixed statement, for messages. */
  readonly excerpt: string;
}

/** What one finding says before it is tied to a migration. */
export interface ObjectFinding {
  readonly object: string;
  readonly reason: string;
}

/**
 * What "own object" means. The check runs on the SQL as it will execute, after prefix-sql has put the prefix
 * in front of the closed set of base names: judging the text before the rewrite would mean re-deriving the
 * rewriter's decisions (which tokens are names, case folding of bare words, quoted names kept exactly, the
 * `__new_` rebuild names), and any difference between that model and the rewriter would be a hole. After
 * the rewrite, a name is ours exactly when it is `<prefix>_<base>` with `<base>` in the closed set (or a
 * rebuild's `__new_<prefix>_<base>`). "Starts with `<prefix>_`" would not do: prefixes may contain `_`, so
 * `a_b_users` (table `users` of prefix `a_b`) starts with `a_`.
 */
export interface OwnNames {
  readonly prefix: string;
  /** The closed set of base names the rewriter prefixes. */
  readonly names: ReadonlySet<string>;
  /** Roles of this prefix: its admin and app roles. */
  readonly roles: ReadonlySet<string>;
  /** The schema the runner migrates (unqualified names resolve there). */
  readonly schema: string;
}

export function isOwnName(name: string, own: OwnNames, fold = false): boolean {
  const n = fold ? name.toLowerCase() : name;
  const head = `${own.prefix}_`;
  const rest = n.startsWith(head) ? n.slice(head.length) : n.startsWith(`__new_${head}`) ? n.slice(head.length + 6) : undefined;
  if (rest === undefined) return false;
  if (!fold) return own.names.has(rest);
  for (const b of own.names) if (b.toLowerCase() === rest) return true;
  return false;
}

/** Reviewed exceptions for one migration: digests of its statements acknowledged with the cross-prefix rule. */
export function acknowledgedDigests(acks: readonly LintAck[], dialect: MigrationDialect, tag: string): Set<string> {
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  return new Set(acks.filter((a) => a.rule === CROSS_PREFIX_RULE && a.dialect === folder && a.tag === tag).map((a) => a.statement));
}

const excerptOf = (statement: string) => (statement.length > 160 ? `${statement.slice(0, 160)}...` : statement);

/**
 * Every statement of `file` (given as the prefixed statements the runner will execute) that reaches outside
 * the prefix and is not acknowledged. `findings(statement)` is the dialect's reader. The digest is of the
 * base statement, as the lint's acknowledgements are, so one entry serves every prefix.
 */
export async function migrationViolations(
  file: MigrationFile,
  statements: readonly string[],
  acks: readonly LintAck[],
  dialect: MigrationDialect,
  findings: (statement: string) => Promise<readonly ObjectFinding[]> | readonly ObjectFinding[],
): Promise<PrefixViolation[]> {
  // The base statements only for a statement with findings: most migrations have none.
  let base: readonly string[] | undefined;
  const allowed = acknowledgedDigests(acks, dialect, file.tag);
  const out: PrefixViolation[] = [];
  for (const [i, statement] of statements.entries()) {
    const found = await findings(statement);
    if (found.length === 0) continue;
    base ??= splitStatements(file.sql);
    const digest = statementDigest(base[i] ?? statement);
    if (allowed.has(digest)) continue;
    const seen = new Set<string>();
    for (const f of found) {
      if (seen.has(f.object)) continue;
      seen.add(f.object);
      out.push({ tag: file.tag, file: file.file, statement: i, object: f.object, reason: f.reason, digest, excerpt: excerptOf(statement) });
    }
  }
  return out;
}

/** One line per violation, as the refusal and `--plan` print it. */
export function describeViolation(v: PrefixViolation): string {
  return `${v.tag} statement ${v.statement + 1} touches ${v.object} (${v.reason})`;
}

export function prefixViolationError(violations: readonly PrefixViolation[], dialect: MigrationDialect, prefix: string): MigrationError {
  const first = violations[0] as PrefixViolation;
  const folder = dialect === 'postgresql' ? 'pg' : 'sqlite';
  return new MigrationError(
    `${violations.length === 1 ? 'a pending statement reaches' : `${violations.length} pending statements reach`} outside prefix ${prefix}; nothing was run:\n${violations.map((v) => `  ${describeViolation(v)}\n    SQL: ${v.excerpt}`).join('\n')}`,
    {
      code: 'MIGRATION_PREFIX_VIOLATION',
      subject: first.object,
      tag: first.tag,
      file: first.file,
      statement: first.statement + 1,
      excerpt: first.excerpt,
      hint: `write migrations with base names only (the runner adds the prefix) and touch no other prefix's objects; if this is reviewed and intended, add ${ackEntry(folder, first.tag, first.digest, CROSS_PREFIX_RULE)} to ${LINT_ACKS_FILE} with the reason, then \`pnpm db:generate\` to embed it (\`${commandName('migrate')} --plan\` lists every refused statement)`,
    },
  );
}
