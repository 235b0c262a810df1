import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbConfig } from '../config/index.js';
import { isCtsDbError, type CtsDbError } from '../errors/cts-db-error.js';
import type { MigrationDriver, MigrationTx } from './migration-driver.js';
import { MigrationError } from './migration-error.js';
import { dialectFolder, type MigrationFile, type MigrationHead } from './migration-files.js';
import { lockRetrySettings, withContext, type MigrateOptions } from './migrator.js';
import { lockTimeoutOf, withLockRetries } from './lock-retries.js';
import { prefixSql, splitStatements } from './prefix-sql.js';
import { conflictChecker, dataConflictError } from './data-checks.js';
import { noteRebuildCopy, rollbackLoss } from './rollback-loss.js';
import { prefixViolations } from './prefix-check.js';
import { prefixViolationError, type PrefixViolation } from './prefix-isolation.js';
import { verifyHistory } from './verify-history.js';
import { commandName } from '../errors/command-name.js';

export interface RollbackOptions extends MigrateOptions {
  /** How many applied migrations to undo, newest first. Default 1. */
  readonly steps?: number;
  /** Undo every migration applied after this tag (the tag itself stays applied). */
  readonly to?: string;
  /** Allow steps that drop a table or column holding rows. */
  readonly yes?: boolean;
  /** Check everything and return the exact down SQL of each step, without running any of it. */
  readonly plan?: boolean;
}

/** One step of a rollback: the migration and the prefixed statements of its down file. */
export interface RollbackStep {
  readonly tag: string;
  readonly where: string;
  readonly statements: readonly string[];
}

export interface RollbackResult {
  readonly ok: boolean;
  readonly rolledBack: readonly string[];
  /** The steps, newest first (what `plan` prints; also filled when the rollback runs). */
  readonly steps: readonly RollbackStep[];
  readonly error?: CtsDbError;
}

export const downPath = (root: string, dialect: DbConfig['dialect'], tag: string) => join(root, dialectFolder(dialect), 'down', `${tag}.sql`);

/**
 * Undoes applied migrations with their down files, newest first, under the migration lock; each step and the
 * removal of its ledger row commit together. A custom migration without a hand-written down file stops the
 * rollback; so does a step that would drop a table or column holding rows, unless `yes`.
 */
export async function rollbackMigrations(config: DbConfig, options: RollbackOptions = {}): Promise<RollbackResult> {
  const root = options.migrationsRoot;
  // Where a migration's reverse lives: down/<tag>.sql in the folder, or embedded beside the migration.
  const downOf = async (file: MigrationFile): Promise<{ where: string; text: string | undefined }> => {
    if (root === undefined) return { where: `${file.file.replace(/[^/]+$/, 'down/$&')} (embedded)`, text: file.down };
    const path = downPath(root, config.dialect, file.tag);
    return { where: path, text: await readFile(path, 'utf8').catch(() => undefined) };
  };
  const rolledBack: string[] = [];
  const steps: RollbackStep[] = [];
  try {
    await withContext(config, options, async (ctx) => {
      const ledger = await ctx.driver.readLedger().catch(() => []);
      const history = verifyHistory(ctx.files, ledger);
      if (!history.ok) throw history.error;
      const applied = ctx.files.filter((f) => ledger.some((r) => r.tag === f.tag)).reverse();
      let targets: MigrationHead[];
      if (options.to !== undefined) {
        const keep = ctx.files.find((f) => f.tag === options.to);
        if (keep === undefined) {
          throw new MigrationError(`no migration with tag ${JSON.stringify(options.to)}`, { code: 'MIGRATION_UNKNOWN_TAG', subject: options.to, hint: `use one of: ${ctx.files.map((f) => f.tag).join(', ')}` });
        }
        targets = applied.filter((f) => f.position > keep.position);
      } else targets = applied.slice(0, Math.max(1, options.steps ?? 1));
      // The SQL (and its down SQL) is needed only when there is something to undo.
      const full = targets.length === 0 ? [] : await ctx.full();
      const downs = new Map<string, { where: string; text: string }>();
      for (const file of targets.map((t) => full[t.position]!)) {
        const { where: path, text } = await downOf(file);
        if (text === undefined) {
          throw new MigrationError(`migration ${file.tag} has no down migration (${path}); it is probably a custom migration, whose reverse cannot be derived`, {
            code: 'MIGRATION_FAILED',
            subject: path,
            tag: file.tag,
            file: path,
            hint: `write its reverse by hand in ${path.replace(' (embedded)', '')} (with base names)${root === undefined ? ', run `pnpm db:generate` to embed it' : ''}, then run the rollback again`,
          });
        }
        downs.set(file.tag, { where: path, text });
      }
      const names = await ctx.names();
      for (const file of targets) {
        const down = downs.get(file.tag);
        steps.push({ tag: file.tag, where: down?.where ?? file.tag, statements: splitStatements(down?.text ?? '').map((s) => prefixSql(s, { prefix: config.prefix, names })) });
      }
      // A down file is SQL like any migration: one that reaches another prefix is refused before anything runs.
      const acks = await ctx.acks();
      const violations: PrefixViolation[] = [];
      for (const [i, head] of targets.entries()) {
        const file = full[head.position]!;
        const down = downs.get(head.tag);
        if (down !== undefined) violations.push(...(await prefixViolations(config, { ...file, file: down.where, sql: down.text }, steps[i]?.statements ?? [], names, acks)));
      }
      if (violations.length > 0) throw prefixViolationError(violations, config.dialect, config.prefix);
      // Every step is tried before any is kept: all of them run in one transaction that is always rolled
      // back, each checked for data loss in the state the steps before it leave. A rollback therefore never
      // stops half-way for a reason that could be known up front (a refusal, a failing down statement).
      await dryRun(ctx.driver, steps, targets, config, options.yes === true);
      if (options.plan === true) return;
      for (const [i, file] of targets.entries()) {
        const statements = steps[i]?.statements ?? [];
        // Each step is its own locked transaction (pooler-safe), so it checks under the lock that the ledger
        // still ends with this migration: another run may have applied or undone one since the plan.
        await withLockRetries(ctx.driver, lockRetrySettings(config), () => ctx.driver.transaction(async (tx) => {
          const now = await tx.readLedger();
          const last = ctx.files.filter((f) => now.some((r) => r.tag === f.tag)).at(-1);
          if (last?.tag !== file.tag) {
            throw new MigrationError(`the ledger changed while rolling back: expected ${file.tag} to be the newest applied migration, found ${last?.tag ?? 'none'}`, {
              code: 'MIGRATION_HISTORY_ORDER',
              subject: file.tag,
              tag: file.tag,
              hint: `another migrate or rollback ran at the same time; run \`${commandName('status')}\`, then the rollback again`,
            });
          }
          const check = stepChecker(ctx.driver.dialect, tx, file, config, options.yes === true);
          for (const [i, statement] of statements.entries()) {
            await check(statement, i);
            try {
              await tx.execute(statement);
            } catch (cause) {
              const lockTimeout = lockTimeoutOf(cause, file.tag, i + 1, statement, statement.slice(0, 240));
              if (lockTimeout !== undefined) throw lockTimeout;
              throw new MigrationError(`rolling back ${file.tag} failed at statement ${i + 1}: ${(cause as Error).message}`, {
                code: 'MIGRATION_FAILED',
                subject: downs.get(file.tag)?.where ?? file.tag,
                tag: file.tag,
                statement: i + 1,
                excerpt: statement.slice(0, 240),
                hint: 'this step was rolled back; fix the down file',
                cause,
              });
            }
          }
          await tx.deleteLedger(file.tag);
        }), options.onLockWait);
        rolledBack.push(file.tag);
      }
    });
    return { ok: true, rolledBack, steps };
  } catch (error) {
    if (isCtsDbError(error)) return { ok: false, rolledBack, steps, error };
    throw error;
  }
}

class DryRunDone extends Error {}

/**
 * The checks made before each statement of a step, in the state the statements before it leave: values it
 * would lose (a dropped table or column that holds some, a narrowing type change; refused unless `yes`;
 * a SQLite rebuild that keeps every row and value loses nothing) and data it would fail on (the same
 * pre-checks as db:migrate's, here exact since every earlier statement has run).
 */
function stepChecker(dialect: MigrationDriver['dialect'], tx: Pick<MigrationTx, 'query'>, file: MigrationHead, config: DbConfig, yes: boolean): (statement: string, index: number) => Promise<void> {
  const reader = { dialect, query: <T>(sql: string, params?: readonly unknown[]) => tx.query<T>(sql, params) };
  const conflicts = conflictChecker(reader, file.tag, { exact: true });
  const copied = new Map<string, string>();
  return async (statement, index) => {
    if (!yes) {
      const loss = await rollbackLoss(reader, statement, copied);
      if (loss !== undefined) {
        throw new MigrationError(`rolling back ${file.tag} ${loss.what}`, {
          code: 'MIGRATION_DATA_LOSS',
          subject: loss.subject,
          tag: file.tag,
          statement: index + 1,
          hint: `back up first (${commandName('backup')}), then confirm with --yes; prefix ${config.prefix}`,
        });
      }
    }
    // Rounded values are a loss (above, which --yes accepts), not a failure.
    const found = (await conflicts(statement, index)).filter((c) => c.kind !== 'narrowing');
    if (found.length > 0) throw dataConflictError(found, 'rollback');
    noteRebuildCopy(statement, copied);
  };
}

async function dryRun(driver: MigrationDriver, steps: readonly RollbackStep[], targets: readonly MigrationHead[], config: DbConfig, yes: boolean): Promise<void> {
  let current = '';
  let statementNo = 0;
  try {
    await driver.transaction(async (tx) => {
      for (const [i, step] of steps.entries()) {
        current = step.tag;
        const check = stepChecker(driver.dialect, tx, targets[i] as MigrationHead, config, yes);
        for (const [k, statement] of step.statements.entries()) {
          statementNo = k + 1;
          await check(statement, k);
          await tx.execute(statement);
        }
      }
      throw new DryRunDone();
    });
  } catch (error) {
    if (error instanceof DryRunDone || isCtsDbError(error)) {
      if (isCtsDbError(error)) throw error;
      return;
    }
    throw new MigrationError(`rolling back ${current} would fail at statement ${statementNo}: ${(error as Error).message}`, {
      code: 'MIGRATION_FAILED',
      subject: steps.find((s) => s.tag === current)?.where ?? current,
      tag: current,
      statement: statementNo,
      hint: 'nothing was rolled back (every step is tried first); fix that down file',
      cause: error,
    });
  }
}
