import type { MigrationDialect } from '../migrate/migration-files.js';
import { splitStatements } from '../migrate/prefix-sql.js';
import { tokenize } from '../migrate/sql-tokenizer.js';
import { ackEntry, LINT_ACKS_FILE, statementDigest, type LintAck } from './lint-acks.js';
import { LINT_RULES, type LintRule } from './lint-rules.js';
import { lintPgStatements, newPgLintHistory, type PgLintHistory } from './pg-lint.js';
import { lintSqliteStatements } from './sqlite-lint.js';
import { isNonTransactional } from './transaction-mode.js';

export { LINT_RULES, type LintRule } from './lint-rules.js';

/**
 * The migration safety lint (after squawk, strong_migrations and GitLab's migration helpers): statements that
 * lose data, hold a long lock on a table that already exists, or cannot run as written. PostgreSQL
 * migrations are judged on PostgreSQL's own parse tree (libpg-query), SQLite ones on statement shapes.
 */
export interface LintFinding {
  readonly rule: LintRule;
  readonly level: 'error' | 'warning';
  readonly dialect: MigrationDialect;
  readonly tag: string;
  /** 1-based statement number within the migration. */
  readonly statement: number;
  readonly sql: string;
  readonly risk: string;
  readonly safer: string;
  /** {@link statementDigest} of the statement: what an entry of drizzle/lint-acks.json names. */
  readonly digest: string;
  readonly acknowledged: boolean;
}

export const ACK_MARKER = 'lint-ack:';

/** Rules acknowledged by `-- lint-ack: <rule> ...` comments inside one statement. */
function acknowledgedRules(statement: string): Set<string> {
  const rules = new Set<string>();
  for (const t of tokenize(statement)) {
    if (t.kind !== 'line-comment' && t.kind !== 'block-comment') continue;
    const body = t.text.replace(/^--|^\/\*|\*\/$/g, '').trim();
    if (!body.startsWith(ACK_MARKER)) continue;
    const [rule] = body.slice(ACK_MARKER.length).trim().split(/[\s,]+/);
    if (rule !== undefined && rule !== '') rules.add(rule);
  }
  return rules;
}

const folderOf = (dialect: MigrationDialect): 'pg' | 'sqlite' => (dialect === 'postgresql' ? 'pg' : 'sqlite');

/** What earlier migrations of one dialect proved, carried to later ones by {@link lintMigrations}. */
export interface LintHistory {
  readonly pg: PgLintHistory;
}

export const newLintHistory = (): LintHistory => ({ pg: newPgLintHistory() });

/**
 * Lints one migration (base names). Tables created earlier in the same migration are new: nothing to lose.
 * A finding is acknowledged by an entry of drizzle/lint-acks.json (`acks`) naming its migration, statement
 * digest and rule, or by a `-- lint-ack: <rule> <why>` comment in the statement (which, unlike the file,
 * changes the migration's checksum: only for a migration no database has applied yet). Pass the same
 * `history` for the migrations of one folder in order (or use {@link lintMigrations}).
 *
 * @example
 * const findings = await lintMigration('postgresql', '0004_x', 'ALTER TABLE "users" DROP COLUMN "email";');
 * // [{ rule: 'drop-column', statement: 1, ... }]
 */
export async function lintMigration(dialect: MigrationDialect, tag: string, sql: string, acks: readonly LintAck[] = [], history: LintHistory = newLintHistory()): Promise<LintFinding[]> {
  const fileAcks = acks.filter((a) => a.dialect === folderOf(dialect) && a.tag === tag);
  const statements = splitStatements(sql);
  const perStatement: readonly { readonly rules: readonly LintRule[]; readonly detail?: string }[] =
    dialect === 'postgresql' ? await lintPgStatements(statements, !isNonTransactional(sql), history.pg) : lintSqliteStatements(statements).map((rules) => ({ rules }));
  const findings: LintFinding[] = [];
  for (const [i, statement] of statements.entries()) {
    const result = perStatement[i];
    if (result === undefined || result.rules.length === 0) continue;
    const inline = acknowledgedRules(statement);
    const digest = statementDigest(statement);
    const excerpt = tokenize(statement).filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment').map((t) => t.text).join('').replace(/\s+/g, ' ').trim();
    const shown = excerpt.length > 200 ? `${excerpt.slice(0, 200)}...` : excerpt;
    for (const rule of result.rules) {
      const spec = LINT_RULES[rule];
      const acknowledged = inline.has(rule) || fileAcks.some((a) => a.statement === digest && a.rule === rule);
      const risk = result.detail === undefined ? spec.risk : `${spec.risk}: ${result.detail}`;
      findings.push({ rule, level: spec.level, dialect, tag, statement: i + 1, sql: shown, risk, safer: spec.safer, digest, acknowledged });
    }
  }
  return findings;
}

/** Lints the migrations of one dialect in journal order, each seeing what the earlier ones proved. */
export async function lintMigrations(dialect: MigrationDialect, migrations: readonly { readonly tag: string; readonly sql: string }[], acks: readonly LintAck[] = []): Promise<LintFinding[]> {
  const history = newLintHistory();
  const findings: LintFinding[] = [];
  for (const m of migrations) findings.push(...(await lintMigration(dialect, m.tag, m.sql, acks, history)));
  return findings;
}

/** One finding as the commands print it. */
export function formatFinding(f: LintFinding): string {
  return `${f.dialect === 'postgresql' ? 'pg' : 'sqlite'} ${f.tag} statement ${f.statement} [${f.rule}]${f.level === 'error' ? ' (error)' : ''}: ${f.sql}\n      risk: ${f.risk}\n      safer: ${f.safer}\n      acknowledge (after review): add to ${LINT_ACKS_FILE}: ${ackEntry(folderOf(f.dialect), f.tag, f.digest, f.rule)}`;
}
