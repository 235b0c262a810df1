import type { MigrationDialect } from '../migrate/migration-files.js';
import { splitStatements } from '../migrate/prefix-sql.js';
import { tokenize } from '../migrate/sql-tokenizer.js';
import { ackEntry, LINT_ACKS_FILE, statementDigest, type LintAck } from './lint-acks.js';
import { REBUILD_PREFIX, statementShape } from './statement-shape.js';

/**
 * The migration safety lint (after squawk, strong_migrations and GitLab's migration helpers): statements that
 * lose data or hold a long exclusive lock on a table that already exists. A finding is acknowledged by a
 * comment in the same statement, `-- lint-ack: <rule> <why>`, which stays in the reviewed diff.
 */
export const LINT_RULES = {
  'drop-table': {
    risk: 'deletes the table and every row in it',
    safer: 'expand/contract: stop using the table in a release first, back it up (pnpm db:backup), drop it in a later migration',
  },
  'drop-column': {
    risk: 'deletes the column and every value in it; the running app may still read or write it',
    safer: 'expand/contract: stop using the column in a release first, then drop it in a later migration',
  },
  'column-type-change': {
    risk: 'rewrites every row under an exclusive lock, can fail on existing values, and converts them differently per engine (PostgreSQL casts, e.g. 3 -> 3.00 for numeric; SQLite keeps the stored value, e.g. 3 -> \'3\')',
    safer: 'add a new column of the new type, backfill it with an explicit conversion in a custom migration (pnpm db:migrate:create), switch the app, then drop the old column',
  },
  'table-rebuild': {
    risk: 'SQLite rebuilds the table (create __new_, copy every row, drop, rename): slow on a big table, and values are copied as stored, not converted to the new type',
    safer: 'check the copied values on a backup; for a type change, add a new column and backfill it explicitly instead',
  },
  'rename-table': {
    risk: 'the running app (the previous release) still uses the old name and fails until it is replaced',
    safer: 'expand/contract: create the new table or a view, write to both, switch reads, then drop the old one; or deploy the rename with downtime',
  },
  'rename-column': {
    risk: 'the running app (the previous release) still uses the old name and fails until it is replaced',
    safer: 'expand/contract: add the new column, write to both and backfill, switch reads, then drop the old column; or deploy the rename with downtime',
  },
  'set-not-null': {
    risk: 'scans the whole table under an exclusive lock, and fails if any row holds NULL',
    safer: 'backfill NULLs first; on PostgreSQL add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL',
  },
  'add-not-null-column': {
    risk: 'a NOT NULL column without a default cannot be added to a table that has rows',
    safer: 'add it with a default, or nullable, backfill, then set NOT NULL',
  },
  'constraint-validated': {
    risk: 'validates every existing row while holding a lock that blocks writes to the table',
    safer: 'PostgreSQL: ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration',
  },
  'index-not-concurrent': {
    risk: 'CREATE INDEX blocks writes to the table until the index is built',
    safer: 'the runner applies each migration in a transaction, where CONCURRENTLY is not allowed: on a big table build it first with CREATE INDEX CONCURRENTLY (psql), then this statement is cheap with IF NOT EXISTS; on a small table acknowledge it',
  },
} as const;

export type LintRule = keyof typeof LINT_RULES;

export interface LintFinding {
  readonly rule: LintRule;
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

/**
 * Lints one migration (base names). Tables created earlier in the same migration are new: nothing to lose.
 * A finding is acknowledged by an entry of drizzle/lint-acks.json (`acks`) naming its migration, statement
 * digest and rule, or by a `-- lint-ack: <rule> <why>` comment in the statement (which, unlike the file,
 * changes the migration's checksum: only for a migration no database has applied yet).
 */
export function lintMigration(dialect: MigrationDialect, tag: string, sql: string, acks: readonly LintAck[] = []): LintFinding[] {
  const fileAcks = acks.filter((a) => a.dialect === folderOf(dialect) && a.tag === tag);
  const findings: LintFinding[] = [];
  const created = new Set<string>();
  const rebuilt = new Set<string>();
  for (const [i, statement] of splitStatements(sql).entries()) {
    const shape = statementShape(statement);
    const inline = acknowledgedRules(statement);
    const find = (rule: LintRule) => {
      const excerpt = tokenize(statement).filter((t) => t.kind !== 'line-comment' && t.kind !== 'block-comment').map((t) => t.text).join('').replace(/\s+/g, ' ').trim();
      const digest = statementDigest(statement);
      const acknowledged = inline.has(rule) || fileAcks.some((a) => a.statement === digest && a.rule === rule);
      findings.push({ rule, dialect, tag, statement: i + 1, sql: excerpt.length > 200 ? `${excerpt.slice(0, 200)}...` : excerpt, ...LINT_RULES[rule], digest, acknowledged });
    };
    const existing = (table: string) => !created.has(table);
    switch (shape.kind) {
      case 'create-table':
        if (shape.table.startsWith(REBUILD_PREFIX)) {
          const base = shape.table.slice(REBUILD_PREFIX.length);
          rebuilt.add(base);
          if (existing(base)) find('table-rebuild');
        } else created.add(shape.table);
        break;
      case 'drop-table':
        // The rebuild drops the old table after copying it: reported once, as the rebuild.
        if (existing(shape.table) && !rebuilt.has(shape.table)) find('drop-table');
        break;
      case 'drop-column':
        if (existing(shape.table)) find('drop-column');
        break;
      case 'alter-type':
        if (existing(shape.table)) find('column-type-change');
        break;
      case 'set-not-null':
        if (existing(shape.table)) find('set-not-null');
        break;
      case 'rename-table':
        if (!shape.table.startsWith(REBUILD_PREFIX) && existing(shape.table)) find('rename-table');
        break;
      case 'rename-column':
        if (existing(shape.table)) find('rename-column');
        break;
      case 'add-column':
        if (existing(shape.table) && shape.notNull && !shape.hasDefault) find('add-not-null-column');
        break;
      case 'add-constraint':
        if (dialect === 'postgresql' && existing(shape.table) && (shape.constraint === 'foreign key' || shape.constraint === 'check') && !shape.notValid) find('constraint-validated');
        break;
      case 'create-index':
        if (dialect === 'postgresql' && existing(shape.table) && !shape.concurrently) find('index-not-concurrent');
        break;
      case 'other':
        break;
    }
  }
  return findings;
}

/** One finding as the commands print it. */
export function formatFinding(f: LintFinding): string {
  return `${f.dialect === 'postgresql' ? 'pg' : 'sqlite'} ${f.tag} statement ${f.statement} [${f.rule}]: ${f.sql}\n      risk: ${f.risk}\n      safer: ${f.safer}\n      acknowledge (after review): add to ${LINT_ACKS_FILE}: ${ackEntry(folderOf(f.dialect), f.tag, f.digest, f.rule)}`;
}
